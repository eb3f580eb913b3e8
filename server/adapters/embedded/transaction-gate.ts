import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * better-sqlite3 runs every statement synchronously on one connection, so a transaction that awaits
 * between its statements would let other requests' statements run inside it. The gate closes while a
 * transaction is open: every other store call (read or write) waits until it commits or rolls back.
 * The transaction's own repositories do not pass through the gate.
 */
export class TransactionGate {
  private open: Promise<void> | null = null;
  private holder: object | null = null;
  private readonly context = new AsyncLocalStorage<object>();

  get busy(): boolean {
    return this.open !== null;
  }

  /** Runs `fn` once no transaction is open. */
  async pass<T>(fn: () => T): Promise<T> {
    // Loop and `fn` must run in the same turn as the last check, so the wait is inlined, not a helper
    // (awaiting an async helper would hand the turn to the next waiter before `fn` runs).
    while (this.open) await this.waitOnce();
    return fn();
  }

  /** Runs `work` with the gate closed to everyone else. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.open) await this.waitOnce();
    const token = {};
    let release!: () => void;
    this.open = new Promise<void>((resolve) => (release = resolve));
    this.holder = token;
    try {
      return await this.context.run(token, work);
    } finally {
      this.open = null;
      this.holder = null;
      release();
    }
  }

  /** The transaction's end to wait for; refuses the transaction's own work, which would wait for itself. */
  private waitOnce(): Promise<void> {
    if (this.holder !== null && this.context.getStore() === this.holder) {
      return Promise.reject(new Error('inside transact(), use the tx repositories it passes in: the store itself waits for the transaction to end'));
    }
    return this.open ?? Promise.resolve();
  }
}

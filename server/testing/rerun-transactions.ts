/**
 * TEST CODE ONLY: a store whose every `transact` runs its work twice — once in a transaction that is then
 * rolled back (as when CloudBase's `runTransaction` meets DATABASE_TRANSACTION_CONFLICT at commit and re-runs
 * the closure), then for real. A use case whose closure is not safe to re-run — it changes something outside
 * the transaction, or depends on what its first run left behind in memory — answers differently here.
 */
import type { Store } from '../ports/store.port';

class Rerun extends Error {}

export function rerunningTransactions<S extends Store>(store: S): S {
  const transact: Store['transact'] = async (work) => {
    try {
      await store.transact(async (tx) => {
        await work(tx);
        throw new Rerun('the first run of a transaction is thrown away');
      });
    } catch (e) {
      if (!(e instanceof Rerun)) throw e;
    }
    return store.transact(work);
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'transact') return transact;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

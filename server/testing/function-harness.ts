/**
 * Test wiring for function tests: the real embedded store (in memory) with the small street, real files
 * on disk in a temp folder, a fixed clock. Calls go through `handle`, exactly as the gateway and the
 * CloudBase entry make them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Reply } from '@core/shared/errors';
import { openEmbeddedStore } from '../adapters/embedded/embedded-store';
import type { Deps } from '../use-cases/context';
import { FUNCTIONS } from '../functions/registry';
import { resolveActor } from '../use-cases/account/resolve-actor';
import { LocalFileStorage, newLocalFileId } from '../runtime/local-files';
import { storeUpload } from '../use-cases/uploads/accept-upload';
import { localDeps, localFunctionDeps, localMessageConfig } from '../runtime/local-deps';
import { rerunningTransactions } from './rerun-transactions';
import { smallStreet } from './small-street.fixture';

export const SILENT = { info: () => undefined, error: () => undefined };

export interface Harness {
  deps: Deps;
  files: LocalFileStorage;
  clock: { now(): Date; set(d: Date): void };
  /** Calls as the user whose fixture id is `who` (openid `open-<who>`), or as the platform with 'system'. */
  call<T = unknown>(who: string, fn: keyof typeof FUNCTIONS, action: string, data?: unknown): Promise<Reply<T>>;
  /** Uploads bytes as the user `who`, the way the gateway does (limits, real type, record); resolves with the file id. */
  upload(who: string, bytes: Uint8Array): Promise<string>;
  close(): Promise<void>;
}

export async function functionHarness(
  now = new Date('2026-11-23T02:00:00Z'),
  options: { onStatement?: (sql: string) => void; /** Every transaction's work runs twice (server/testing/rerun-transactions.ts). */ rerunTransactions?: boolean } = {},
): Promise<Harness> {
  const store = openEmbeddedStore(':memory:', { onStatement: options.onStatement });
  await store.importPlaces(smallStreet());
  const dir = mkdtempSync(join(tmpdir(), 'wgt-fn-'));
  let current = now;
  const clock = { now: () => current, set: (d: Date) => void (current = d) };
  const files = new LocalFileStorage({ dir, secret: randomBytes(32), clock });
  // No send rate limit: tests that are about the rate set one.
  const messages = { ...localMessageConfig({}), sendsPerSecond: 0 };
  const deps = localDeps({ store, files, clock, bindUrlBase: 'https://wgt.example/bind?t=', log: SILENT, messages });
  if (options.rerunTransactions) deps.store = rerunningTransactions(deps.store);
  return {
    deps,
    files,
    clock,
    // Each function gets only its composition of `deps` (built per call: tests replace adapters on `deps`).
    call: (who, fn, action, data) =>
      FUNCTIONS[fn].handle(who === 'system' ? { kind: 'system' } : { kind: 'user', openid: `open-${who}` }, { action, data }, localFunctionDeps(deps, fn)) as never,
    async upload(who, bytes) {
      const now = clock.now();
      const { actor, user } = await resolveActor(deps, `open-${who}`, now);
      const { fileId } = await storeUpload({ actor, user, deps, now }, bytes, { newFileId: newLocalFileId, put: (owner, b, id) => files.put(owner, b, id) });
      return fileId;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

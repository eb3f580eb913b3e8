/**
 * The local runtime on several cores (node:cluster): one coordinating process and N gateway workers over
 * one data folder.
 *
 * - The coordinator prepares the data folder before any worker starts (secret, migrations, the demo
 *   street when empty) and alone runs the timer triggers: seeding and every timer happen exactly once.
 *   It serves no requests; it hands each new connection to the next worker (round robin).
 * - Each worker is a whole gateway (`startRuntime` without seeding or timers) with its own SQLite
 *   connection. WAL lets their reads run side by side; writes are serialized by SQLite's own locks
 *   (every write transaction is BEGIN IMMEDIATE, with a busy timeout), so the rules that hold in one
 *   process — version-checked commits, rate counters counted inside the write, idempotency keys — hold
 *   across workers. What a worker keeps between requests (the store's read cache, read-cache.ts) is checked against
 *   the database's version, which every write bumps whichever process makes it, so no worker serves another's stale state.
 *
 * A worker that dies is replaced. Stopping the coordinator asks every worker to finish its requests and
 * close its database, then stops the timers and closes its own.
 */
import cluster, { type Worker } from 'node:cluster';
import { join, resolve } from 'node:path';
import type { Logger } from '../use-cases/context';
import { FUNCTIONS } from '../functions/registry';
import { systemClock } from '../adapters/system-clock';
import { filesDir } from './data-dir';
import { LocalFileStorage } from './local-files';
import { bufferedConsoleLogger, localBindUrlBase, localDeps } from './local-deps';
import { openDataFolder, startRuntime, type RunningRuntime } from './runtime';
import { createScheduler, readTimerTriggers } from './scheduler';
import type { RuntimeMode } from './session';

const REPO_ROOT = resolve(__dirname, '..', '..');
/** How long a stopping worker may take to finish its requests before it is killed. */
const WORKER_STOP_MS = 10_000;

/** Messages between the coordinator and a worker, over the cluster's IPC channel. */
type ToWorker = { type: 'wgt:stop' };
type FromWorker = { type: 'wgt:ready'; url: string } | { type: 'wgt:failed'; message: string };

export interface ClusterOptions {
  workers: number;
  port: number;
  host: string;
  dataDir: string;
  mode: RuntimeMode;
  publicUrl?: string;
  log: Logger;
  /** Run the functions' timer triggers (default true; the benchmarks turn them off). */
  scheduler?: boolean;
  /** Fill an empty database with the demo street (default true; never in production). */
  seed?: boolean;
}

export interface RunningCluster {
  url: string;
  workers: number;
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * WGT_WORKERS: how many gateway processes serve requests. Unset: one per core, at most 4; 1 runs the
 * single-process runtime.
 */
export function workerCount(value: string | undefined, cores: number): number {
  if (value === undefined || value.trim() === '') return Math.max(1, Math.min(cores, 4));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WGT_WORKERS must be a whole number from 1 to 64 (got "${value}")`);
  return n;
}

function send(worker: Worker, message: ToWorker): void {
  // A worker may go between the check and the send (it failed to start, it is stopping): a send that finds
  // it gone is answered in the callback instead of an unhandled 'error' event.
  if (worker.isConnected()) worker.send(message, undefined, undefined, () => undefined);
}

/** In the coordinating process: prepares the data folder, starts the workers and the timers. */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { log } = options;
  const { secret, store, seeded } = await openDataFolder(options.dataDir, { seed: options.seed !== false && options.mode !== 'production' });
  const env = {
    WGT_CLUSTER_WORKER: '1',
    PORT: String(options.port),
    HOST: options.host,
    WGT_DATA_DIR: options.dataDir,
    WGT_MODE: options.mode,
    WGT_PUBLIC_URL: options.publicUrl ?? '',
  };
  let closing = false;
  const live = new Set<Worker>();

  function fork(): Promise<string> {
    const worker = cluster.fork(env);
    live.add(worker);
    return new Promise<string>((ready, failed) => {
      let started = false;
      worker.on('message', (m: FromWorker) => {
        if (m?.type === 'wgt:ready') {
          started = true;
          ready(m.url);
        } else if (m?.type === 'wgt:failed') {
          failed(new Error(m.message));
        }
      });
      worker.on('exit', (code, signal) => {
        live.delete(worker);
        if (!started) return failed(new Error(`gateway worker exited before it was ready (${signal ?? code})`));
        if (closing) return;
        log.error(`[cluster] gateway worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
        setTimeout(() => {
          if (!closing) fork().catch((e: unknown) => log.error('[cluster] the replacement worker did not start', e));
        }, 1000).unref();
      });
    });
  }

  async function stopWorkers(): Promise<void> {
    await Promise.all(
      [...live].map(
        (worker) =>
          new Promise<void>((done) => {
            if (worker.isDead()) return done();
            const kill = setTimeout(() => worker.process.kill('SIGKILL'), WORKER_STOP_MS);
            worker.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            send(worker, { type: 'wgt:stop' });
          }),
      ),
    );
  }

  let url: string;
  try {
    const urls = await Promise.all(Array.from({ length: options.workers }, fork));
    url = urls[0];
  } catch (e) {
    closing = true;
    await stopWorkers();
    await store.close();
    throw e;
  }

  const files = new LocalFileStorage({ dir: filesDir(options.dataDir), secret, clock: systemClock });
  const deps = localDeps({ store, files, log, bindUrlBase: localBindUrlBase(options.publicUrl ?? url) });
  const scheduler = createScheduler({ triggers: readTimerTriggers(join(REPO_ROOT, 'cloudfunctions'), log), functions: FUNCTIONS, deps, log });
  if (options.scheduler !== false) scheduler.start();

  let closed: Promise<void> | null = null;
  return {
    url,
    workers: options.workers,
    seeded,
    close() {
      closed ??= (async () => {
        closing = true;
        await stopWorkers();
        await scheduler.stop();
        await store.close();
      })();
      return closed;
    },
  };
}

/**
 * In a worker: one gateway from the environment the coordinator set, reporting ready or failed. It
 * stops when the coordinator asks, or when the coordinator is gone (the IPC channel closes).
 */
export async function runClusterWorker(): Promise<void> {
  // Each line says which worker wrote it.
  const tag = `[worker ${process.pid}]`;
  const log: Logger = bufferedConsoleLogger(`${tag} `);
  // Listening from the start: a stop asked for (or the coordinator gone) while starting is not lost.
  let runtime: RunningRuntime | null = null;
  let stopAsked = false;
  const stop = () => {
    stopAsked = true;
    runtime?.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (m: ToWorker) => {
    if (m?.type === 'wgt:stop') stop();
  });
  process.on('disconnect', stop);
  // A Ctrl+C in a terminal reaches every process of the group: the coordinator decides, the workers wait.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', stop);
  try {
    runtime = await startRuntime({
      log,
      port: Number(process.env.PORT),
      host: process.env.HOST,
      dataDir: process.env.WGT_DATA_DIR,
      mode: process.env.WGT_MODE as RuntimeMode,
      publicUrl: process.env.WGT_PUBLIC_URL || undefined,
      seed: false,
      scheduler: false,
    });
  } catch (e) {
    const failed: FromWorker = { type: 'wgt:failed', message: e instanceof Error ? e.message : String(e) };
    if (process.connected && process.send) process.send(failed, () => process.exit(1));
    else process.exit(1);
    return;
  }
  if (stopAsked || !process.connected) return stop();
  process.send?.({ type: 'wgt:ready', url: runtime.url } satisfies FromWorker);
}

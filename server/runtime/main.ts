/**
 * The local runtime: our own stand-in for CloudBase (which has no local emulator). It serves the H5
 * build, the cloud functions over HTTP, image uploads and timer triggers, over an embedded SQLite store
 * in a data folder. `startRuntime` is all of it in one process (tests, the e2e harness); run as a
 * program, it spreads the gateway over the machine's cores (cluster.ts) unless WGT_WORKERS=1.
 *
 *   npm start                       builds the H5 app if needed, then runs this file
 *   tsx server/runtime/main.ts      runs it directly
 *
 * Environment: PORT (8787), HOST (127.0.0.1), WGT_DATA_DIR (./data), WGT_MODE (dev | production),
 * WGT_PUBLIC_URL (the origin phones should use in QR codes; default: the listening address),
 * WGT_TIMERS (`off`: no timer triggers, e.g. while benchmarking), WGT_DEMO (`off`: an empty database stays empty;
 * production never writes demo data).
 * WGT_WORKERS (gateway processes; default one per core, at most 4; 1 = a single process).
 */
import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { openEmbeddedStore, type EmbeddedStore } from '../adapters/embedded/embedded-store';
import type { CloudFunction } from '../functions/define-function';
import type { Reply } from '@core/shared/errors';
import type { Logger } from '../use-cases/context';
import { FUNCTIONS } from '../functions/registry';
import type { Clock } from '../ports/clock.port';
import { systemClock } from '../ports/clock.port';
import { dataDirFrom, dbFile, filesDir } from './data-dir';
import { createGateway } from './gateway';
import { LocalFileStorage } from './local-files';
import { bufferedConsoleLogger, consoleLogger, localBindUrlBase, localDeps, localFunctionDeps } from './local-deps';
import { createScheduler, readTimerTriggers, type Timer, type TriggerRun } from './scheduler';
import { seedIfEmpty } from './seed/seed';
import { createSessionService, loadOrCreateSecret, RUNTIME_MODES, type RuntimeMode } from './session';

const REPO_ROOT = resolve(__dirname, '..', '..');

export interface RuntimeOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  host?: string;
  dataDir?: string;
  mode?: RuntimeMode;
  /** The H5 build to serve. Default `<repo>/dist-h5`. */
  staticDir?: string;
  /** Where the functions' config.json (timer triggers) live. Default `<repo>/cloudfunctions`. */
  cloudfunctionsDir?: string;
  /** The origin QR codes point at. Default: the address the server listens on. */
  publicUrl?: string;
  functions?: Readonly<Record<string, CloudFunction>>;
  /** Fill an empty database with the demo street. Default true; never in production (see demoSeedWanted). */
  seed?: boolean;
  /** Run timer triggers. Default true. */
  scheduler?: boolean;
  clock?: Clock;
  timer?: Timer;
  log?: Logger;
  onTriggerRun?: (run: TriggerRun) => void;
}

export interface RunningRuntime {
  url: string;
  port: number;
  mode: RuntimeMode;
  dataDir: string;
  store: EmbeddedStore;
  /** Whether this start filled an empty database with demo data. */
  seeded: boolean;
  /** Runs a function's timer action now, exactly as its trigger fires it (tests, benchmarks). */
  fireTimer(functionName: string): Promise<Reply<unknown>>;
  /** Stops accepting requests, waits for timer runs, closes the database. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Whether an empty database gets the demo street: `WGT_DEMO=off` starts a real street empty, and production
 * never writes demo data whatever WGT_DEMO says (a real street must not receive made-up people).
 */
export function demoSeedWanted(mode: RuntimeMode, demo: string | undefined): boolean {
  if (mode === 'production') return false;
  return (demo ?? '').trim().toLowerCase() !== 'off';
}

export function parseMode(value: string | undefined): RuntimeMode {
  const mode = value && value.trim() ? value.trim() : 'dev';
  if (!(RUNTIME_MODES as readonly string[]).includes(mode)) {
    throw new Error(`WGT_MODE must be one of ${RUNTIME_MODES.join(', ')} (got "${mode}")`);
  }
  return mode as RuntimeMode;
}

/** An address people can open: a wildcard bind is shown as this machine's LAN address. */
function displayHost(host: string): string {
  if (host !== '0.0.0.0' && host !== '::') return host.includes(':') ? `[${host}]` : host;
  for (const addresses of Object.values(networkInterfaces())) {
    const lan = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (lan) return lan.address;
  }
  return '127.0.0.1';
}

/** The data folder made ready: created (mode 0700), its secret, the store migrated, and the demo street written if it was empty. */
export async function openDataFolder(dataDir: string, options: { seed: boolean }): Promise<{ secret: Buffer; store: EmbeddedStore; seeded: boolean }> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = loadOrCreateSecret(dataDir);
  const store = openEmbeddedStore(dbFile(dataDir));
  try {
    const seeded = options.seed ? seedIfEmpty(store).seeded : false;
    return { secret, store, seeded };
  } catch (e) {
    await store.close();
    throw e;
  }
}

export async function startRuntime(options: RuntimeOptions = {}): Promise<RunningRuntime> {
  const mode = options.mode ?? 'dev';
  const host = options.host ?? '127.0.0.1';
  const dataDir = dataDirFrom(options.dataDir);
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLogger;
  const functions = options.functions ?? FUNCTIONS;

  const { secret, store, seeded } = await openDataFolder(dataDir, { seed: options.seed !== false && mode !== 'production' });

  const files = new LocalFileStorage({ dir: filesDir(dataDir), secret, clock });
  // The bind URL needs the port, known only once listening; it is set below before any request.
  const deps = localDeps({ store, files, clock, log, bindUrlBase: '' });
  const sessions = createSessionService({ secret, mode, clock });
  const server = createGateway({
    deps,
    functions,
    mode,
    staticDir: options.staticDir ?? join(REPO_ROOT, 'dist-h5'),
    sessions,
    files,
    store,
    log,
  });

  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? 8787, host, () => {
        server.off('error', rejectListen);
        resolveListen();
      });
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${displayHost(host)}:${port}`;
  deps.config.bindUrlBase = localBindUrlBase(options.publicUrl ?? url);

  const scheduler = createScheduler({
    triggers: options.scheduler === false ? [] : readTimerTriggers(options.cloudfunctionsDir ?? join(REPO_ROOT, 'cloudfunctions'), log),
    functions,
    deps,
    clock,
    timer: options.timer,
    log,
    onRun: options.onTriggerRun,
  });
  scheduler.start();

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    mode,
    dataDir,
    store,
    seeded,
    fireTimer(functionName) {
      const fn = (functions as Readonly<Record<string, CloudFunction>>)[functionName];
      if (!fn) return Promise.reject(new Error(`no function ${functionName}`));
      return fn.handle({ kind: 'system' }, { Type: 'Timer', TriggerName: 'manual', Time: clock.now().toISOString() }, localFunctionDeps(deps, functionName));
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          // Idle keep-alive sockets would hold close() open; requests in flight get a few seconds.
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 5000).unref();
        });
        await scheduler.stop();
        await store.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  if (cluster.isWorker && process.env.WGT_CLUSTER_WORKER === '1') {
    const { runClusterWorker } = await import('./cluster');
    return runClusterWorker();
  }
  const { startCluster, workerCount } = await import('./cluster');
  const settings = {
    port: process.env.PORT ? Number(process.env.PORT) : 8787,
    host: process.env.HOST || '127.0.0.1',
    dataDir: dataDirFrom(process.env.WGT_DATA_DIR),
    mode: parseMode(process.env.WGT_MODE),
    publicUrl: process.env.WGT_PUBLIC_URL || undefined,
    scheduler: process.env.WGT_TIMERS !== 'off',
    seed: demoSeedWanted(parseMode(process.env.WGT_MODE), process.env.WGT_DEMO),
  };
  const workers = workerCount(process.env.WGT_WORKERS, availableParallelism());
  const runtime =
    workers > 1
      ? await startCluster({ ...settings, workers, log: bufferedConsoleLogger() })
      : { ...(await startRuntime({ ...settings, log: bufferedConsoleLogger() })), workers: 1 };
  console.log(
    runtime.seeded
      ? `已写入演示数据 (seeded demo data) → ${settings.dataDir}`
      : settings.seed
        ? `使用已有数据 (existing data) → ${settings.dataDir}`
        : `不写入演示数据 (no demo data; WGT_DEMO=off or production) → ${settings.dataDir}；用 npm run wgt -- street init 创建街道`,
  );
  if (settings.mode === 'production') {
    console.log('生产模式 (production): 不提供演示登录，演示会话一律拒绝；请在前面部署真实的身份认证。');
  }
  console.log(`网格通本地服务已启动: ${runtime.url}${runtime.workers > 1 ? `（${runtime.workers} 个进程处理请求 / ${runtime.workers} gateway workers）` : ''}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`再次收到 ${signal}，强制退出`);
      process.exit(1);
    }
    stopping = true;
    console.log(`收到 ${signal}，正在关闭…`);
    runtime.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('关闭时出错', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error('网格通本地服务启动失败:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

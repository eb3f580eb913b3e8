/**
 * The local runtime: our own stand-in for CloudBase (which has no local emulator). It serves the H5
 * build, the cloud functions over HTTP, image uploads and timer triggers, over an embedded SQLite store
 * in a data folder. `startRuntime` (runtime.ts) is all of it in one process (tests, the e2e harness); run as a
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
import { availableParallelism } from 'node:os';
import { dataDirFrom } from './data-dir';
import { bufferedConsoleLogger } from './local-deps';
import { demoSeedWanted, parseMode, startRuntime } from './runtime';

export * from './runtime';

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

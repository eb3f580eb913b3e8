/**
 * Starts the local runtime in its own Node process, as `npm start` runs it (server/runtime/main.ts: a
 * gateway worker per core unless WGT_WORKERS says otherwise), so that the load generator (autocannon, in
 * this process) does not share an event loop with the server it measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export interface SpawnedRuntime {
  url: string;
  stop(): Promise<void>;
}

export async function spawnRuntime(dataDir: string, port: number): Promise<SpawnedRuntime> {
  // WGT_BENCH_CPU_PROF=<dir>: every process of the runtime (coordinator and gateway workers inherit the flags)
  // writes a V8 CPU profile there when it stops; scripts/bench/cpuprofile-summary.ts reads them.
  const profileDir = process.env.WGT_BENCH_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/runtime/main.ts'], {
    cwd: ROOT,
    // No timer triggers: the dispatcher (every minute) and the request jobs (every 5) would share the CPU being measured.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WGT_DATA_DIR: dataDir, WGT_MODE: 'dev', WGT_TIMERS: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // Ready once it says so (every worker listening); the request log after that is read and dropped.
  let output: string | null = '';
  const ready = new Promise<void>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (output === null) return;
      output += chunk.toString('utf8');
      if (output.includes('已启动')) {
        output = null;
        done();
      }
    });
    child.once('exit', (code) => fail(new Error(`runtime exited with ${code}`)));
  });
  const timeout = setTimeout(() => child.kill('SIGTERM'), 120_000);
  await ready.finally(() => clearTimeout(timeout));
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

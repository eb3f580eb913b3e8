/**
 * Starts the local runtime in its own Node process, so that the load generator (autocannon, in this
 * process) does not share an event loop with the server it measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export interface SpawnedRuntime {
  url: string;
  stop(): Promise<void>;
}

export async function spawnRuntime(dataDir: string, port: number): Promise<SpawnedRuntime> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/runtime/main.ts'], {
    cwd: ROOT,
    // No timer triggers: the dispatcher (every minute) and the request jobs (every 5) would share the CPU being measured.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WGT_DATA_DIR: dataDir, WGT_MODE: 'dev', WGT_TIMERS: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`runtime exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

#!/usr/bin/env node
/**
 * `npm start`: the whole product on one machine.
 *
 * 1. Builds the H5 app (`taro build --type h5` → dist-h5/) when it is missing or older than its sources
 *    (src/, core/, config/, types/). `--no-build` (or WGT_SKIP_BUILD=1) skips this step.
 * 2. Runs the local runtime (server/runtime/main.ts) through tsx. The runtime imports the functions'
 *    TypeScript handlers directly, so the deployable bundles (`npm run build:functions`) are not needed.
 * 3. Forwards SIGINT/SIGTERM to the runtime once and exits with its exit code.
 *
 * Environment: see server/runtime/main.ts (PORT, HOST, WGT_DATA_DIR, WGT_MODE, WGT_PUBLIC_URL, WGT_WORKERS).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build') || process.env.WGT_SKIP_BUILD === '1';
const forceBuild = args.includes('--build');
const BUILD_DIR = join(root, 'dist-h5');
const SOURCES = ['src', 'core', 'config', 'types'].map((d) => join(root, d));

/** Newest modification time under `dir` (files only; dot-folders and node_modules skipped). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsCurrent() {
  const index = join(BUILD_DIR, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((dir) => newestMtime(dir) <= built);
}

function ensureH5Build() {
  if (skipBuild) return;
  if (!existsSync(join(root, 'src'))) {
    console.warn('未找到 src/，跳过 H5 构建 (no src/, skipping the H5 build)');
    return;
  }
  if (!forceBuild && buildIsCurrent()) {
    console.log('H5 构建已是最新 (dist-h5 is up to date)');
    return;
  }
  console.log('正在构建 H5 页面… (taro build --type h5)');
  const taro = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'taro.cmd' : 'taro');
  const result = spawnSync(taro, ['build', '--type', 'h5'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('H5 构建失败，请查看上面的错误信息 (the H5 build failed; see the output above)');
    process.exit(result.status ?? 1);
  }
}

function runRuntime() {
  // One child process, node with tsx's loader reading the server tsconfig (paths: @core/*): the runtime's
  // coordinator, which starts its gateway workers itself (server/runtime/cluster.ts).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'runtime', 'main.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? join(root, 'tsconfig.server.json') },
    // Its own process group: a Ctrl+C in the terminal reaches only this script, which passes it on,
    // so the runtime sees each Ctrl+C once (the first closes cleanly, a second exits at once).
    detached: process.platform !== 'win32',
  });
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('exit', () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

ensureH5Build();
runRuntime();

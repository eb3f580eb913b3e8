#!/usr/bin/env node
/**
 * `npm test`: the whole suite. The browser tests drive the H5 build, so it is built first
 * (set WGT_SKIP_H5_BUILD=1 to reuse an existing dist-h5 while iterating). Extra arguments go to jest.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(cmd, args, env = {}) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.env.WGT_SKIP_H5_BUILD === '1' && existsSync('dist-h5/index.html')) {
  console.log('复用已有的 H5 构建 (dist-h5)');
} else {
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' });
}
run('npx', ['jest', ...process.argv.slice(2)]);

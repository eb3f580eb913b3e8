/**
 * Each function bundle's size and its cold import time in a fresh Node process, beside the cost of
 * importing @cloudbase/node-sdk alone (which every bundle loads, kept external and installed in the cloud).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const FN_ROOT = join(ROOT, 'cloudfunctions');

export interface ImportResult {
  name: string;
  bytes: number | null;
  medianMs: number;
  minMs: number;
}

function timeImport(target: string, runs: number): { medianMs: number; minMs: number } {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(target)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
  }
  samples.sort((a, b) => a - b);
  return { medianMs: Math.round(samples[Math.floor(samples.length / 2)] * 10) / 10, minMs: Math.round(samples[0] * 10) / 10 };
}

export function benchFunctions(runs = 15): ImportResult[] {
  const names = readdirSync(FN_ROOT).filter((n) => statSync(join(FN_ROOT, n)).isDirectory());
  const missing = names.filter((n) => !existsSync(join(FN_ROOT, n, 'index.js')));
  if (missing.length) execFileSync('npm', ['run', 'build:functions'], { cwd: ROOT, stdio: 'inherit' });
  const results: ImportResult[] = [{ name: '@cloudbase/node-sdk（单独导入）', bytes: null, ...timeImport('@cloudbase/node-sdk', runs) }];
  for (const name of names) {
    const file = join(FN_ROOT, name, 'index.js');
    results.push({ name, bytes: statSync(file).size, ...timeImport(file, runs) });
  }
  return results;
}

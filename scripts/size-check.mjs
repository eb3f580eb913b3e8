#!/usr/bin/env node
/**
 * Package sizes of the weapp build (`npm run build:weapp` → dist/), as WeChat counts them: the main
 * package is everything not under a subpackage root; each subpackage is its root folder. WeChat rejects
 * an upload whose main package or any subpackage exceeds 2 MB, or whose packages together exceed 20 MB
 * (30 MB on some account types — 20 MB is the limit every account has). Source maps are not uploaded.
 *
 * The main package also has our budget, MAIN_BUDGET (350 KB).
 *
 * Usage: node scripts/size-check.mjs [--dist <dir>]   (exit 1 when a limit or the budget is exceeded)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_LIMIT = 2 * 1024 * 1024;
export const TOTAL_LIMIT = 20 * 1024 * 1024;
/**
 * Our own budget for the main package, well under WeChat's 2 MB: it is what every resident downloads before
 * the contact card shows, on old phones and weak networks. Everything the first screen does not need lives
 * in a subpackage.
 */
export const MAIN_BUDGET = 350 * 1024;

function distArg(argv) {
  const i = argv.indexOf('--dist');
  return path.resolve(ROOT, i >= 0 && argv[i + 1] ? argv[i + 1] : 'dist');
}

function walk(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (entry.isFile() && !entry.name.endsWith('.map')) {
      out.push({ rel: path.relative(base, full).split(path.sep).join('/'), bytes: statSync(full).size });
    }
  }
  return out;
}

/** Subpackage roots from app.json (`subPackages` or the older `subpackages`), normalised to `root/`. */
function subpackageRoots(appJson) {
  const list = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])];
  return list
    .map((p) => (typeof p?.root === 'string' ? p.root.replace(/^\.?\/+/, '').replace(/\/*$/, '/') : null))
    .filter((r) => r && r !== '/');
}

function fmt(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function main() {
  const dist = distArg(process.argv.slice(2));
  const appJsonPath = path.join(dist, 'app.json');
  if (!existsSync(appJsonPath)) {
    console.error(`${path.relative(ROOT, appJsonPath) || appJsonPath} not found: run \`npm run build:weapp\` first.`);
    process.exit(1);
  }
  const roots = subpackageRoots(JSON.parse(readFileSync(appJsonPath, 'utf8')));
  const sizes = new Map([['主包 main', 0], ...roots.map((r) => [r, 0])]);
  for (const file of walk(dist)) {
    const root = roots.find((r) => file.rel.startsWith(r));
    const key = root ?? '主包 main';
    sizes.set(key, sizes.get(key) + file.bytes);
  }
  let failed = false;
  const shown = dist.startsWith(ROOT + path.sep) ? path.relative(ROOT, dist) : dist;
  console.log(`Package sizes of ${shown}/ (limit ${fmt(PACKAGE_LIMIT)} each, source maps excluded):`);
  for (const [name, bytes] of sizes) {
    const over = bytes > PACKAGE_LIMIT;
    const overBudget = name === '主包 main' && bytes > MAIN_BUDGET;
    failed ||= over || overBudget;
    const note = over ? '  exceeds 2 MB' : overBudget ? `  exceeds the main-package budget of ${fmt(MAIN_BUDGET)}` : name === '主包 main' ? `  (budget ${fmt(MAIN_BUDGET)})` : '';
    console.log(`  ${over || overBudget ? '✗' : '✓'} ${name.padEnd(28)} ${fmt(bytes).padStart(10)}${note}`);
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const totalOver = total > TOTAL_LIMIT;
  failed ||= totalOver;
  console.log(`  ${totalOver ? '✗' : '✓'} ${'total'.padEnd(28)} ${fmt(total).padStart(10)}${totalOver ? `  exceeds ${fmt(TOTAL_LIMIT)}` : ''}`);
  if (failed) process.exit(1);
}

main();

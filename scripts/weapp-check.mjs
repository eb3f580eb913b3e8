#!/usr/bin/env node
/**
 * What WeChat DevTools would reject in the weapp build (`npm run build:weapp` → dist/), checked without
 * DevTools:
 * - project.config.json (repo root, and the copy in dist/) is valid JSON naming an existing miniprogramRoot
 *   with an app.json, a cloudfunctionRoot that exists, a compileType and an appid;
 * - every page of app.json and of each subpackage exists with its .js, .json, .wxml and .wxss; subpackage
 *   roots do not nest; tabBar pages are main-package pages and their icons exist; preloadRule names real
 *   pages and subpackages;
 * - every `usingComponents` path of every .json resolves to a component (.js + .json + .wxml);
 * - every .wxml compiles with WeChat's own WXML compiler (wcc) and every .wxss with its style compiler
 *   (wcsc), both shipped for Linux in the `miniprogram-compiler` package;
 * - no image or audio file of the main package exceeds 200 KB (DevTools' 代码质量 check).
 * Package sizes are `npm run size` (scripts/size-check.mjs).
 *
 * Then, when all of that holds and the build is dist/, a smoke render: the built home page, run in
 * miniprogram-simulate with the functions answering over the small street, must show the resident's contact
 * card (scripts/weapp-render/contact-card.render.ts). `--no-render` skips it.
 *
 * Usage: node scripts/weapp-check.mjs [--dist <dir>] [--project <project.config.json>] [--no-render]   (exit 1 on any problem)
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const MAIN_ASSET_LIMIT = 200 * 1024;
const PAGE_FILES = ['.js', '.json', '.wxml', '.wxss'];
const COMPONENT_FILES = ['.js', '.json', '.wxml'];

function arg(argv, name, fallback) {
  const i = argv.indexOf(name);
  return path.resolve(ROOT, i >= 0 && argv[i + 1] ? argv[i + 1] : fallback);
}

function walk(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

function readJson(file, problems) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push(`${path.relative(ROOT, file)}: not valid JSON (${e.message})`);
    return null;
  }
}

export function checkProject(projectFile, problems) {
  const project = readJson(projectFile, problems);
  if (!project) return null;
  const where = path.relative(ROOT, projectFile);
  const base = path.dirname(projectFile);
  if (project.compileType !== 'miniprogram') problems.push(`${where}: compileType should be "miniprogram"`);
  if (typeof project.appid !== 'string' || project.appid === '') problems.push(`${where}: appid is missing`);
  if (project.setting !== undefined && (typeof project.setting !== 'object' || project.setting === null)) problems.push(`${where}: setting must be an object`);
  const root = path.resolve(base, project.miniprogramRoot ?? './');
  if (!existsSync(path.join(root, 'app.json'))) problems.push(`${where}: miniprogramRoot ${project.miniprogramRoot ?? './'} has no app.json`);
  if (project.cloudfunctionRoot !== undefined && !existsSync(path.resolve(base, project.cloudfunctionRoot))) {
    // The copy inside dist/ names the folder relative to the repo root DevTools opens.
    if (base === ROOT) problems.push(`${where}: cloudfunctionRoot ${project.cloudfunctionRoot} does not exist`);
  }
  return project;
}

function normRoot(r) {
  return r.replace(/^\.?\/+/, '').replace(/\/*$/, '/');
}

export function checkApp(dist, problems) {
  const app = readJson(path.join(dist, 'app.json'), problems);
  if (!app) return;
  const has = (rel) => existsSync(path.join(dist, rel));
  const pageFiles = (page, where) => {
    for (const ext of PAGE_FILES) if (!has(page + ext)) problems.push(`${where}: page ${page} has no ${ext}`);
  };
  if (!Array.isArray(app.pages) || app.pages.length === 0) problems.push('app.json: pages is empty');
  const mainPages = app.pages ?? [];
  if (new Set(mainPages).size !== mainPages.length) problems.push('app.json: a page is listed twice');
  for (const p of mainPages) pageFiles(p, 'app.json');
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])];
  const roots = subs.map((s) => normRoot(String(s.root ?? '')));
  roots.forEach((r, i) => {
    if (r === '/') problems.push(`app.json: subpackage ${i} has no root`);
    roots.forEach((o, j) => {
      if (i !== j && o.startsWith(r)) problems.push(`app.json: subpackage root ${o} lies inside ${r}`);
    });
    for (const p of mainPages) if (p.startsWith(r)) problems.push(`app.json: main page ${p} lies inside subpackage ${r}`);
  });
  const allPages = new Set(mainPages);
  subs.forEach((s, i) => {
    if (!Array.isArray(s.pages) || s.pages.length === 0) problems.push(`app.json: subpackage ${roots[i]} has no pages`);
    for (const p of s.pages ?? []) {
      pageFiles(roots[i] + p, `subpackage ${roots[i]}`);
      allPages.add(roots[i] + p);
    }
  });
  for (const item of app.tabBar?.list ?? []) {
    if (!mainPages.includes(item.pagePath)) problems.push(`app.json: tabBar page ${item.pagePath} is not a main-package page`);
    for (const icon of [item.iconPath, item.selectedIconPath]) if (icon && !has(icon)) problems.push(`app.json: tabBar icon ${icon} is missing`);
  }
  const names = new Set(subs.flatMap((s, i) => [roots[i], roots[i].replace(/\/$/, ''), s.name].filter(Boolean)));
  for (const [page, rule] of Object.entries(app.preloadRule ?? {})) {
    if (!allPages.has(page)) problems.push(`app.json: preloadRule names ${page}, which is not a page`);
    for (const pkg of rule.packages ?? []) if (!names.has(pkg) && pkg !== '__APP__') problems.push(`app.json: preloadRule of ${page} names unknown package ${pkg}`);
  }
  return { app, roots };
}

export function checkComponents(dist, files, problems) {
  for (const rel of files.filter((f) => f.endsWith('.json') && f !== 'app.json' && f !== 'project.config.json' && !f.endsWith('sitemap.json'))) {
    let json;
    try {
      json = JSON.parse(readFileSync(path.join(dist, rel), 'utf8'));
    } catch (e) {
      problems.push(`${rel}: not valid JSON (${e.message})`);
      continue;
    }
    for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
      if (typeof target !== 'string' || target.startsWith('plugin://')) continue;
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(rel), target);
      const missing = COMPONENT_FILES.filter((ext) => !existsSync(path.join(dist, resolved + ext)));
      if (missing.length) problems.push(`${rel}: usingComponents ${tag} → ${target} has no ${missing.join(', ')}`);
    }
  }
}

function compilerBin(name) {
  const dir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const bin = path.join(dir, 'bin', 'linux', name);
  if (process.platform !== 'linux' || !existsSync(bin)) return null;
  // npm does not keep the package's execute bit: set it, as miniprogram-compiler itself does before each run.
  if ((statSync(bin).mode & 0o111) === 0) chmodSync(bin, 0o755);
  return bin;
}

/** wcc over every .wxml at once (it resolves imports and templates across files, as DevTools does). */
export function checkWxml(dist, files, problems) {
  const bin = compilerBin('wcc');
  if (!bin) return problems.push('wcc (miniprogram-compiler) is not available on this platform');
  const wxml = files.filter((f) => f.endsWith('.wxml'));
  const wxs = files.filter((f) => f.endsWith('.wxs'));
  const r = spawnSync(bin, ['-d', '-cc', '0', ...wxml, ...wxs, '-gn', '$gwx'], { cwd: dist, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) problems.push(`WXML does not compile: ${(r.stderr?.toString() || r.error?.message || `exit ${r.status}`).trim()}`);
}

/** wcsc over every .wxss at once (styles @import each other across packages, as DevTools compiles them). */
export function checkWxss(dist, files, problems) {
  const bin = compilerBin('wcsc');
  if (!bin) return problems.push('wcsc (miniprogram-compiler) is not available on this platform');
  const wxss = files.filter((x) => x.endsWith('.wxss'));
  // Page and component styles first, counted, as the compiler expects (miniprogram-compiler does the same).
  const isComponent = (f) => existsSync(path.join(dist, f.replace(/\.wxss$/, '.json')));
  const components = wxss.filter(isComponent);
  const others = wxss.filter((f) => !isComponent(f));
  const r = spawnSync(bin, ['-db', '-pc', String(components.length), ...components, ...others], { cwd: dist, maxBuffer: 256 * 1024 * 1024 });
  const err = r.stderr?.toString().trim() ?? '';
  if (r.status !== 0 || /ERR:/.test(err)) problems.push(`WXSS does not compile: ${err.replace(/\n+error file count: \d+/g, '') || r.error?.message || `exit ${r.status}`}`);
}

export function checkMainAssets(dist, files, roots, problems) {
  for (const f of files) {
    if (roots.some((r) => f.startsWith(r)) || !/\.(png|jpe?g|gif|webp|svg|mp3|aac|m4a|wav)$/i.test(f)) continue;
    const bytes = statSync(path.join(dist, f)).size;
    if (bytes > MAIN_ASSET_LIMIT) problems.push(`${f}: ${Math.round(bytes / 1024)} KB in the main package (images and audio at most 200 KB)`);
  }
}

export function checkWeapp({ dist, project }) {
  const problems = [];
  checkProject(project, problems);
  if (!existsSync(path.join(dist, 'app.json'))) return [`${path.relative(ROOT, dist)}/app.json not found: run \`npm run build:weapp\` first`];
  if (existsSync(path.join(dist, 'project.config.json'))) checkProject(path.join(dist, 'project.config.json'), problems);
  const files = walk(dist).filter((f) => !f.endsWith('.map'));
  const { roots = [] } = checkApp(dist, problems) ?? {};
  checkComponents(dist, files, problems);
  checkWxml(dist, files, problems);
  checkWxss(dist, files, problems);
  checkMainAssets(dist, files, roots, problems);
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const problems = checkWeapp({ dist: arg(argv, '--dist', 'dist'), project: arg(argv, '--project', 'project.config.json') });
  if (problems.length) {
    console.error(`weapp check: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ✗ ${p}`);
    process.exit(1);
  }
  console.log('weapp check: app.json, pages, components, WXML, WXSS and project.config.json are all valid');
  // The render test reads dist/ (the default build folder) only.
  if (!argv.includes('--no-render') && arg(argv, '--dist', 'dist') === path.join(ROOT, 'dist')) {
    const r = spawnSync('npx', ['jest', '--config', 'scripts/weapp-render/jest.config.cjs'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('weapp check: the built home page did not render the contact card (see above)');
      process.exit(r.status ?? 1);
    }
  }
}

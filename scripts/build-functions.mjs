#!/usr/bin/env node
/**
 * Bundles each cloud function (`cloudfunctions/<name>/index.ts` → `index.js` + `index.js.map`) into one
 * CommonJS file for the Nodejs18.15 runtime. Cold start grows with what loads at module scope, so each
 * bundle holds only what its function reaches; `@cloudbase/node-sdk` (and `wx-server-sdk`) stay external
 * and are installed in the cloud from the function's own package.json.
 *
 * The bundle's inputs are checked against a policy: production code only (core/, server/ minus the
 * local runtime and the embedded adapters, cloudfunctions/) and an allow-list of npm packages. A test
 * helper, SQLite or Taro in a bundle fails the build, and the offending bundle is deleted so it
 * cannot be deployed by mistake.
 */
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FUNCTION_ROOT = 'cloudfunctions';
/** Provided by the cloud runtime (installDependency), never bundled. */
export const EXTERNAL_PACKAGES = ['@cloudbase/node-sdk', 'wx-server-sdk'];
/** npm packages a function may carry inside its bundle. Add here deliberately, with a reason. */
export const ALLOWED_PACKAGES = [
  'dayjs', // dates in core (duty hours)
  'qrcode-generator', // invitation QR codes (people.invite): pure JS, no dependencies
  // Open311 XML (open311 function): fast-xml-parser's XMLBuilder and what it pulls in, all pure JS.
  'fast-xml-parser',
  'fast-xml-builder',
  'strnum',
  'path-expression-matcher',
  'is-unsafe',
  '@nodable/entities',
  'xml-naming',
  'anynum',
];
/** Named so the failure says why, not just "not allowed". */
const FORBIDDEN_PACKAGES = {
  'better-sqlite3': 'the embedded store is for the local runtime only',
  '@tarojs': 'Taro is the mini-program, not a cloud function',
  react: 'React is the mini-program, not a cloud function',
  '@nutui': 'NutUI is the mini-program, not a cloud function',
  jest: 'test code',
  'fast-check': 'test code',
  '@cloudbase/manager-node': 'deploy tooling, not runtime code',
};
const SOURCE_ROOTS = ['core/', 'server/', `${FUNCTION_ROOT}/`];
const FORBIDDEN_SOURCE_DIRS = {
  'server/runtime/': 'the local runtime (gateway, timers, dev sign-in) never ships to CloudBase',
  'server/adapters/embedded/': 'the embedded adapters are for the local runtime only',
};
// Contract suites are test code (server/adapters/*.contract.ts); core/api/*.contract.ts is the API contract, product code.
const TEST_FILE = /(^|\/)(testing|__tests__|__mocks__|fakes?)\/|\.(test|spec|integration\.test)\.[cm]?[jt]sx?$|\/adapters\/[\w-]+\.contract\.[cm]?[jt]sx?$/;

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Package name of a path inside node_modules (`node_modules/@scope/pkg/x.js` → `@scope/pkg`), else null. */
export function packageOf(input) {
  const i = input.lastIndexOf('node_modules/');
  if (i < 0) return null;
  const parts = input.slice(i + 'node_modules/'.length).split('/');
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

function forbiddenPackageReason(pkg) {
  for (const [name, reason] of Object.entries(FORBIDDEN_PACKAGES)) {
    if (pkg === name || pkg.startsWith(`${name}/`)) return reason;
  }
  return null;
}

/**
 * Why a bundle must not ship, one line per offending input or import; empty when it may.
 * `inputs` are esbuild metafile input paths (relative to the repo root); `externalImports` are the
 * specifiers esbuild left external.
 */
export function bundleViolations(inputs, externalImports = [], installed = []) {
  const problems = [];
  for (const raw of inputs) {
    if (raw === '<runtime>') continue;
    const input = raw.replace(/\\/g, '/');
    const pkg = packageOf(input);
    if (pkg) {
      const reason = forbiddenPackageReason(pkg);
      if (reason) problems.push(`${input}: package ${pkg} is forbidden (${reason})`);
      else if (!ALLOWED_PACKAGES.includes(pkg)) problems.push(`${input}: package ${pkg} is not in ALLOWED_PACKAGES`);
      continue;
    }
    if (TEST_FILE.test(input)) {
      problems.push(`${input}: test code must not reach a bundle`);
      continue;
    }
    const dir = Object.keys(FORBIDDEN_SOURCE_DIRS).find((d) => input.startsWith(d));
    if (dir) {
      problems.push(`${input}: ${FORBIDDEN_SOURCE_DIRS[dir]}`);
      continue;
    }
    if (!SOURCE_ROOTS.some((r) => input.startsWith(r))) {
      problems.push(`${input}: only ${SOURCE_ROOTS.join(', ')} may be bundled`);
    }
  }
  for (const spec of externalImports) {
    // `<runtime>` is esbuild's own helper module, not a dependency.
    if (NODE_BUILTINS.has(spec) || spec === '<runtime>') continue;
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (!EXTERNAL_PACKAGES.includes(pkg) && !installed.includes(pkg)) problems.push(`external import ${spec}: not provided by the cloud runtime`);
  }
  return problems;
}

/** Function folders: every directory of cloudfunctions/ with an index.ts. */
export function listFunctions(root = ROOT) {
  const dir = path.join(root, FUNCTION_ROOT);
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory() && existsSync(path.join(dir, name, 'index.ts')))
    .sort();
}

/**
 * Packages a function installs in the cloud from its own package.json (beyond the SDKs): left out of the
 * bundle. Only the register function has any — exceljs, papaparse, iconv-lite read the street's
 * spreadsheets; bundled they would be ~1 MB of minified code with optional requires esbuild cannot follow,
 * and no other function should carry them.
 */
export function installedPackages(name, root = ROOT) {
  const manifest = JSON.parse(readFileSync(path.join(root, FUNCTION_ROOT, name, 'package.json'), 'utf8'));
  return Object.keys(manifest.dependencies ?? {}).filter((pkg) => !EXTERNAL_PACKAGES.includes(pkg) && !pkg.startsWith('@cloudbase/'));
}

async function bundleOne(name) {
  const outfile = path.join(ROOT, FUNCTION_ROOT, name, 'index.js');
  const installed = installedPackages(name);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(FUNCTION_ROOT, name, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    tsconfig: 'tsconfig.server.json',
    external: [...EXTERNAL_PACKAGES, ...installed],
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const externalImports = [
    ...new Set(
      Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((imp) => imp.external).map((imp) => imp.path)),
    ),
  ];
  const problems = bundleViolations(inputs, externalImports, installed);
  if (problems.length > 0) {
    rmSync(outfile, { force: true });
    rmSync(`${outfile}.map`, { force: true });
  }
  return { name, outfile, bytes: problems.length ? 0 : statSync(outfile).size, inputs: inputs.length, problems };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export async function buildFunctions(names = listFunctions()) {
  const results = [];
  for (const name of names) results.push(await bundleOne(name));
  return results;
}

async function main() {
  const names = listFunctions();
  if (names.length === 0) {
    console.error(`No functions found under ${FUNCTION_ROOT}/ (expected <name>/index.ts).`);
    process.exit(1);
  }
  let results;
  try {
    results = await buildFunctions(names);
  } catch (e) {
    console.error('Bundling failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  }
  let failed = false;
  for (const r of results) {
    if (r.problems.length) {
      failed = true;
      console.error(`✗ ${r.name}: bundle rejected (${r.problems.length} problem(s)):`);
      for (const p of r.problems) console.error(`    ${p}`);
    } else {
      console.log(`✓ ${r.name.padEnd(14)} ${kb(r.bytes).padStart(10)}  (${r.inputs} inputs)  ${path.relative(ROOT, r.outfile)}`);
    }
  }
  if (failed) process.exit(1);
  console.log(`Total: ${kb(results.reduce((s, r) => s + r.bytes, 0))} in ${results.length} bundles.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}

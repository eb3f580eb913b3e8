import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The dependency rule: core is pure TypeScript shared by the app and the functions. It may import other
 * core files, dayjs and fast-xml-parser (pure string building for Open311's XML, core/open311/render.ts),
 * nothing else — no SDK, no Taro, no storage, no Node built-ins.
 */
const CORE = __dirname;
const ALLOWED_PACKAGES = new Set(['dayjs', 'fast-xml-parser']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

export function forbiddenImports(source: string): string[] {
  const specifiers = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
  return specifiers.filter((s) => !s.startsWith('.') && !ALLOWED_PACKAGES.has(s.split('/')[0]));
}

describe('core dependency rule', () => {
  it('the checker catches SDK, Taro, storage and built-in imports', () => {
    expect(forbiddenImports("import cloudbase from '@cloudbase/node-sdk';")).toEqual(['@cloudbase/node-sdk']);
    expect(forbiddenImports("import Taro from '@tarojs/taro'")).toEqual(['@tarojs/taro']);
    expect(forbiddenImports("const db = require('better-sqlite3')")).toEqual(['better-sqlite3']);
    expect(forbiddenImports("export { x } from 'node:fs'")).toEqual(['node:fs']);
    expect(forbiddenImports("import dayjs from 'dayjs'; import { a } from '../a';")).toEqual([]);
  });

  it('no core file imports anything outside core but dayjs and fast-xml-parser', () => {
    const offenders = sources(CORE).flatMap((file) =>
      forbiddenImports(readFileSync(file, 'utf8')).map((spec) => `${relative(CORE, file)} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});

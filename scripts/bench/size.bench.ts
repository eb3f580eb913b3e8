/** weapp main package and subpackage sizes, and the H5 first-load JavaScript, gzipped. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

export interface SizeReport {
  weapp: { package: string; bytes: number }[];
  h5: { script: string; bytes: number; gzipBytes: number }[];
}

export function benchSize(): SizeReport {
  if (!existsSync(join(ROOT, 'dist', 'app.json'))) execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist-h5', 'index.html'))) execFileSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit' });
  const dist = join(ROOT, 'dist');
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sizes = new Map<string, number>([['主包', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const f of files(dist)) {
    if (f.endsWith('.map')) continue;
    const rel = relative(dist, f);
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`));
    sizes.set(root ?? '主包', (sizes.get(root ?? '主包') ?? 0) + statSync(f).size);
  }
  const html = readFileSync(join(ROOT, 'dist-h5', 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
  const h5 = scripts.map((s) => {
    const bytes = readFileSync(join(ROOT, 'dist-h5', s));
    return { script: s, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  return { weapp: [...sizes].map(([pkg, bytes]) => ({ package: pkg, bytes })), h5 };
}

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

/**
 * What a browser really fetches on a first visit to the resident's home page (cold cache): every
 * JavaScript response, counted as transferred (the gateway gzips text), measured in Chromium.
 */
export async function benchH5FirstLoad(): Promise<{ files: number; transferredBytes: number; rawBytes: number }> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { chromium } = await import('playwright-core');
  const { startRuntime } = await import('../../server/runtime/main');
  const dataDir = mkdtempSync(join(tmpdir(), 'wgt-bench-h5-'));
  const runtime = await startRuntime({ port: 0, dataDir, scheduler: false, log: { info: () => undefined, error: console.error } });
  const browser = await chromium.launch({
    executablePath: process.env.WGT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const { people } = await runtime.store.listPeople({ role: 'resident', limit: 1, offset: 0 });
    const session = (await (
      await fetch(`${runtime.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: people[0].id }) })
    ).json()) as { data: { token: string } };
    const page = await browser.newPage();
    // Taro's H5 storage keeps each value as {"data": value}.
    await page.addInitScript(`localStorage.setItem('wgt.session', ${JSON.stringify(JSON.stringify({ data: session.data.token }))})`);
    const scripts: { url: string; transferred: number; raw: number }[] = [];
    page.on('requestfinished', async (request) => {
      if (request.resourceType() !== 'script') return;
      const sizes = await request.sizes();
      const body = await (await request.response())?.body();
      scripts.push({ url: request.url(), transferred: sizes.responseBodySize, raw: body?.length ?? 0 });
    });
    await page.goto(runtime.url, { waitUntil: 'networkidle' });
    await page.locator('.e2e-card-worker-name').waitFor();
    return {
      files: scripts.length,
      transferredBytes: scripts.reduce((a, s) => a + s.transferred, 0),
      rawBytes: scripts.reduce((a, s) => a + s.raw, 0),
    };
  } finally {
    await browser.close();
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One export in a fresh Node process (spawned by export.bench.ts), so its peak RSS is the export's own:
 * opens the bench's database file, calls `assessment.export` as a street staff member exactly as the
 * gateway would, and prints one JSON line with the time, rows, bytes and peak RSS.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExportView } from '../../core/api/assessment.contract';
import { openEmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { FUNCTIONS } from '../../server/functions/registry';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';

async function main(): Promise<void> {
  const [dbFile, format, openid, streetId, from, to] = process.argv.slice(2);
  const filesDir = mkdtempSync(join(tmpdir(), 'wgt-bench-xf-'));
  const store = openEmbeddedStore(dbFile);
  const files = new LocalFileStorage({ dir: filesDir, secret: randomBytes(32) });
  const deps = localDeps({ store, files, bindUrlBase: 'http://127.0.0.1/#/bind?t=', log: { info: () => undefined, error: console.error } });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let heapPeak = 0;
  let buffersPeak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
    buffersPeak = Math.max(buffersPeak, m.arrayBuffers);
  }, 20);
  const t0 = performance.now();
  const reply = await FUNCTIONS.assessment.handle(
    { kind: 'user', openid },
    { action: 'export', data: { kind: 'requests', format, scope: { kind: 'street', id: streetId }, period: { from, to } } },
    deps,
  );
  const ms = performance.now() - t0;
  clearInterval(sampler);
  if (!reply.ok) throw new Error(`export failed: ${reply.code} ${reply.message}`);
  const view = reply.data as ExportView;
  const id = new URL(view.url, 'http://x').pathname.slice('/files/'.length);
  const info = await files.exportInfo(id);
  // The OS's own figure: the largest resident set this process ever had (KB on Linux).
  const maxRss = process.resourceUsage().maxRSS * 1024;
  let phones = 0;
  if (format === 'csv' && info) {
    const { readFileSync } = await import('node:fs');
    phones = (readFileSync(join(filesDir, 'exports', id.slice('exports/'.length)), 'utf8').match(/(?<!\d)1[3-9]\d{9}(?!\d)/g) ?? []).length;
  }
  console.log(JSON.stringify({ format, rows: view.rows, ms: Math.round(ms), bytes: info?.size ?? statSync(filesDir).size, rssBefore, peakSampled: peak, heapPeak, buffersPeak, maxRss, phones }));
  await store.close();
  rmSync(filesDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * `npm run bench -- export`: the 诉求台账 of a whole street for a year at 100,000 requests (WGT_BENCH_EXPORT_ROWS
 * picks another count), as XLSX and as CSV. The history is generated into an embedded database file, then
 * each export runs in its own Node process (export-child.ts) so the peak RSS measured is the export's:
 * the goal is ≤ 200 MB. Also counts mobile-number-shaped strings in the CSV (the history has callback
 * phones on half its requests; the export must have none).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openEmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { generateDemoStreet } from '../../server/runtime/seed/demo-street';
import { generateRequestBatches, GENERATED_UNTIL } from '../../server/runtime/seed/request-generator';

const ROOT = resolve(__dirname, '..', '..');

export interface ExportBenchRow {
  format: 'xlsx' | 'csv';
  rows: number;
  ms: number;
  bytes: number;
  rssBefore: number;
  peakSampled: number;
  maxRss: number;
  phones: number;
}

export async function benchExport(count: number): Promise<{ count: number; loadSeconds: number; rows: ExportBenchRow[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'wgt-bench-export-'));
  try {
    const data = generateDemoStreet();
    const file = join(dir, 'bench.sqlite');
    const t0 = Date.now();
    const store = openEmbeddedStore(file);
    store.importPlaces(data);
    // One year of history, so the whole count falls in one export period (a period is at most 400 days).
    store.importRequestBatches(generateRequestBatches(data, count, 11, { years: 1 }));
    await store.close();
    const loadSeconds = (Date.now() - t0) / 1000;
    const staff = data.users.find((u) => u.posts.some((p) => p.role === 'street_staff'))!;
    const to = new Date(Date.parse(GENERATED_UNTIL) + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(GENERATED_UNTIL) - 366 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const rows: ExportBenchRow[] = [];
    for (const format of ['xlsx', 'csv'] as const) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/export-child.ts', file, format, staff.openid, data.streets[0].id, from, to], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1024 * 1024,
      });
      rows.push(JSON.parse(out.trim().split('\n').pop()!) as ExportBenchRow);
    }
    return { count, loadSeconds, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function printExport(r: { count: number; loadSeconds: number; rows: ExportBenchRow[] }): void {
  console.log(`## 导出：诉求台账（全街道一年，${r.count.toLocaleString('en')} 条诉求；生成历史 ${r.loadSeconds.toFixed(0)} s 不计）\n`);
  console.log('| 格式 | 行数 | 用时 | 文件大小 | 导出前 RSS | 峰值 RSS（maxRSS） | 文件中的手机号 |\n|---|---|---|---|---|---|---|');
  for (const x of r.rows) {
    console.log(`| ${x.format.toUpperCase()} | ${x.rows.toLocaleString('en')} | ${(x.ms / 1000).toFixed(1)} s | ${mb(x.bytes)} | ${mb(x.rssBefore)} | ${mb(x.maxRss)} | ${x.format === 'csv' ? x.phones : '—'} |`);
  }
  console.log('');
}

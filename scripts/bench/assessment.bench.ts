/**
 * 考核 at a street's scale: the demo street plus N generated requests (default 1,000,000; a decade of
 * history) bulk-loaded into an embedded store file, the counters kept by the load itself
 * (importRequestBatches adds each batch's contributions in its transaction). Then:
 * - the recount of every request (server/use-cases/assessment/recount.ts), which must find no difference;
 * - the counter reads a dashboard makes (street month and year, the grid / worker / community ranking
 *   rows of a month, a 12-month trend), p50 / p99 over `runs` runs each, and what each would cost in
 *   CloudBase reads (one query per 100 scope ids, each billed per 1000 documents returned, at least one);
 * - any further cases a caller adds (`extraCases`): the views helper adds the whole dashboard call there.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { periodKeys, monthRange, shiftMonth } from '../../core/assessment/periods';
import type { CounterKind } from '../../core/assessment/counters';
import { openEmbeddedStore, type EmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import type { Deps } from '../../server/use-cases/context';
import type { CounterQuery } from '../../server/ports/assessment.port';
import { DB_FILE_NAME } from '../../server/runtime/data-dir';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';
import { generateDemoStreet, type DemoStreetData } from '../../server/runtime/seed/demo-street';
import { GENERATED_UNTIL, generateRequestBatches } from '../../server/runtime/seed/request-generator';
import { recountAssessment, type RecountReport } from '../../server/use-cases/assessment/recount';

/** What a bench case gets: the loaded store, Deps over it (as a cloud function gets them) and the street. */
export interface AssessmentBenchContext {
  store: EmbeddedStore;
  deps: Deps;
  data: DemoStreetData;
  streetId: string;
  /** The month the history ends in ('YYYY-MM'): what a dashboard opens on. */
  month: string;
  /** A street staff member of the street (to call functions as). */
  streetStaffId: string;
}

/** One measured case: `run` is timed `runs` times; `cloudbaseReads` (optional) is what one run costs in CloudBase. */
export interface AssessmentBenchCase {
  name: string;
  run(): Promise<unknown>;
  cloudbaseReads?: () => Promise<number>;
}

export interface AssessmentBenchRow {
  name: string;
  p50: number;
  p99: number;
  rows: number | null;
  cloudbaseReads: number | null;
}

export interface AssessmentBenchResult {
  requests: number;
  loadSeconds: number;
  dbMegabytes: number;
  counters: number;
  recountSeconds: number;
  recount: RecountReport;
  runs: number;
  reads: AssessmentBenchRow[];
}

/** CloudBase cost of one counter query as cloudbase-assessment.ts runs it: a query per 100 scope ids, billed per 1000 documents. */
export function counterQueryReads(q: CounterQuery, rows: number): number {
  const queries = q.scopeIds === undefined ? 1 : Math.max(1, Math.ceil(new Set(q.scopeIds).size / 100));
  return Math.max(queries, Math.ceil(rows / 1000));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The counter reads a dashboard makes, as the cases this bench always measures. */
export function counterCases(ctx: AssessmentBenchContext): AssessmentBenchCase[] {
  const month = monthRange(ctx.month);
  const year = { from: `${ctx.month.slice(0, 4)}-01-01`, to: month.to };
  const trend = { from: monthRange(shiftMonth(ctx.month, 11)).from, to: month.to };
  const read = (name: string, scopeKind: CounterKind, periods: string[], scopeIds?: string[]): AssessmentBenchCase => {
    const q: CounterQuery = { streetId: ctx.streetId, scopeKind, periods, ...(scopeIds ? { scopeIds } : {}) };
    return {
      name,
      run: () => ctx.store.assessment.counters(q),
      cloudbaseReads: async () => counterQueryReads(q, (await ctx.store.assessment.counters(q)).length),
    };
  };
  const communities = ctx.data.communities.map((c) => c.id);
  return [
    read('街道 本月（街道计数）', 'street', periodKeys(month), [ctx.streetId]),
    read(`街道 本年（${year.from} 至 ${year.to}）`, 'street', periodKeys(year), [ctx.streetId]),
    read('网格排名 本月（全部网格）', 'grid', periodKeys(month)),
    read('网格员排名 本月（全部网格员）', 'worker', periodKeys(month)),
    read('社区排名 本月', 'community', periodKeys(month), communities),
    read('街道 12 个月趋势', 'street', periodKeys(trend), [ctx.streetId]),
    read('网格排名 本年（全部网格）', 'grid', periodKeys(year)),
    read('本月热点（网格×类别）', 'grid_category', [ctx.month]),
  ];
}

export async function benchAssessment(
  count: number,
  options: { runs?: number; extraCases?: (ctx: AssessmentBenchContext) => AssessmentBenchCase[] | Promise<AssessmentBenchCase[]>; log?: (line: string) => void } = {},
): Promise<AssessmentBenchResult> {
  const runs = options.runs ?? 300;
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'wgt-bench-asm-'));
  const file = join(dir, DB_FILE_NAME);
  const store = openEmbeddedStore(file);
  try {
    const data = generateDemoStreet();
    const streetId = data.streets[0].id;
    store.importPlaces(data);
    const started = Date.now();
    let shown = 0;
    let last = started;
    const batches = (function* () {
      for (const b of generateRequestBatches(data, count, 7)) {
        yield b;
        shown += b.requests.length;
        if (Date.now() - last > 15_000) {
          last = Date.now();
          log(`  已导入 ${shown} 件，${Math.round((last - started) / 1000)} s`);
        }
      }
    })();
    store.importRequestBatches(batches);
    const loadSeconds = (Date.now() - started) / 1000;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbMegabytes = Math.round(statSync(file).size / 1024 / 1024);

    const clock = { now: () => new Date(GENERATED_UNTIL) };
    const deps = localDeps({ store, files: new LocalFileStorage({ dir: join(dir, 'files'), secret: randomBytes(32), clock }), clock, bindUrlBase: 'http://127.0.0.1/bind?t=', log: { info: () => undefined, error: () => undefined } });

    const t0 = process.hrtime.bigint();
    const recount = await recountAssessment(deps, { streetIds: [streetId] });
    const recountSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (recount.differences.count !== 0) throw new Error(`bulk-loaded counters differ from the recount: ${JSON.stringify(recount.differences.examples.slice(0, 3))}`);

    const staff = data.users.find((u) => u.posts.some((p) => p.role === 'street_staff' && p.streetId === streetId));
    const ctx: AssessmentBenchContext = { store, deps, data, streetId, month: GENERATED_UNTIL.slice(0, 7), streetStaffId: staff?.id ?? '' };
    const cases = [...counterCases(ctx), ...(options.extraCases ? await options.extraCases(ctx) : [])];
    const reads: AssessmentBenchRow[] = [];
    for (const c of cases) {
      const sample = await c.run();
      for (let i = 0; i < Math.min(20, runs); i++) await c.run(); // warm-up, not counted
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = process.hrtime.bigint();
        await c.run();
        times.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      times.sort((a, b) => a - b);
      reads.push({
        name: c.name,
        p50: Math.round(percentile(times, 50) * 100) / 100,
        p99: Math.round(percentile(times, 99) * 100) / 100,
        rows: Array.isArray(sample) ? sample.length : null,
        cloudbaseReads: c.cloudbaseReads ? await c.cloudbaseReads() : null,
      });
    }
    return { requests: recount.requests, loadSeconds, dbMegabytes, counters: recount.counters, recountSeconds, recount, runs, reads };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The markdown docs/BENCHMARKS.md records. */
export function printAssessment(r: AssessmentBenchResult): void {
  console.log(`## 考核统计（嵌入式数据库文件，${r.requests.toLocaleString('en')} 件诉求）\n`);
  console.log(`批量导入（含计数）${r.loadSeconds.toFixed(0)} s，库大小 ${r.dbMegabytes} MB，统计计数 ${r.counters.toLocaleString('en')} 个。`);
  console.log(`重算全部 ${r.requests.toLocaleString('en')} 件诉求：**${r.recountSeconds.toFixed(1)} s**，不一致 ${r.recount.differences.count} 处。\n`);
  console.log(`| 读取（${r.runs} 次） | 行数 | p50 | p99 | 云开发读次数（每查询每 1000 条计 1 次） |\n|---|---|---|---|---|`);
  for (const x of r.reads) console.log(`| ${x.name} | ${x.rows ?? '—'} | ${x.p50} ms | ${x.p99} ms | ${x.cloudbaseReads ?? '—'} |`);
  console.log('');
}

/**
 * The assessment views at a city's scale: the demo street plus N generated requests (a decade of history)
 * in the embedded store, counters kept by the import exactly as request writes keep them; then the whole
 * `assessment` function call (caller lookup, scope check, counters, ranking, trend, overdue list, hot
 * issues) in-process, sequentially, for the street's month and year dashboards and the other read actions.
 *
 * CloudBase requests per view are counted from what the view asks the store: every store call is one
 * database request, except counter queries, which CloudBase answers in pages of PAGE_SIZE documents per
 * chunk of 100 scope ids (server/adapters/cloudbase/cloudbase-assessment.ts): reads = Σ (⌊rows / PAGE_SIZE⌋ + 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openEmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { PAGE_SIZE } from '../../server/adapters/cloudbase/cloudbase-access';
import type { Deps } from '../../server/functions/deps';
import { assessmentFunction } from '../../server/functions/assessment.function';
import type { CounterQuery, CounterRow } from '../../server/ports/assessment.port';
import type { Store } from '../../server/ports/store.port';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';
import { generateDemoStreet } from '../../server/runtime/seed/demo-street';
import { GENERATED_UNTIL, generateRequestBatches } from '../../server/runtime/seed/request-generator';

export interface ViewBenchRow {
  name: string;
  runs: number;
  p50: number;
  p99: number;
  max: number;
  /** CloudBase database requests one call of this view costs (see above). */
  cloudbaseReads: number;
  /** Counter documents the view read. */
  counterRows: number;
}

export interface AssessmentViewsBench {
  requests: number;
  loadSeconds: number;
  shape: { communities: number; grids: number; workers: number; buildings: number; categories: number };
  views: ViewBenchRow[];
}

const IN_CHUNK = 100;
const SILENT = { info: () => undefined, error: () => undefined };

/** Wraps a store so every call is counted as CloudBase would bill it. */
function countingStore(store: Store): { store: Store; reads: { requests: number; counterRows: number } } {
  const reads = { requests: 0, counterRows: 0 };
  const wrapRepo = <T extends object>(repo: T, name: string): T =>
    new Proxy(repo, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return async (...args: unknown[]) => {
          const out = await (v as (...a: unknown[]) => Promise<unknown>).apply(t, args);
          if (name === 'assessment' && prop === 'counters') {
            const q = args[0] as CounterQuery;
            const rows = out as CounterRow[];
            reads.counterRows += rows.length;
            if (q.scopeIds === undefined) reads.requests += Math.floor(rows.length / PAGE_SIZE) + 1;
            else {
              const ids = [...new Set(q.scopeIds)];
              for (let i = 0; i < ids.length; i += IN_CHUNK) {
                const chunk = new Set(ids.slice(i, i + IN_CHUNK));
                reads.requests += Math.floor(rows.filter((r) => chunk.has(r.scopeId)).length / PAGE_SIZE) + 1;
              }
            }
          } else {
            reads.requests += 1;
          }
          return out;
        };
      },
    });
  const wrapped = new Proxy(store, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver) as unknown;
      return v !== null && typeof v === 'object' && typeof prop === 'string' ? wrapRepo(v as object, prop) : v;
    },
  });
  return { store: wrapped, reads };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function benchAssessmentViews(count: number, runs = 200): Promise<AssessmentViewsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'wgt-bench-av-'));
  try {
    const data = generateDemoStreet();
    const started = Date.now();
    const store = openEmbeddedStore(join(dir, 'bench.db'));
    store.importPlaces(data);
    store.importRequestBatches(generateRequestBatches(data, count, 7));
    const loadSeconds = (Date.now() - started) / 1000;

    const now = new Date(GENERATED_UNTIL);
    const clock = { now: () => now };
    const files = new LocalFileStorage({ dir: join(dir, 'files'), secret: randomBytes(32), clock });
    const counting = countingStore(store);
    const deps: Deps = { ...localDeps({ store, files, clock, bindUrlBase: 'https://wgt.example/bind?t=', log: SILENT }), store: counting.store };

    const streetId = data.streets[0].id;
    const staff = data.users.find((u) => u.posts.some((p) => p.role === 'street_staff'))!;
    const community = data.communities[0];
    const communityStaff = data.users.find((u) => u.posts.some((p) => p.role === 'community_staff' && p.communityId === community.id))!;
    const grid = data.grids[0];
    const worker = data.users.find((u) => u.id === grid.primaryWorkerId)!;
    const resident = data.users.find((u) => u.residence?.gridId === grid.id)!;
    const month = { from: '2026-10-01', to: '2026-10-31' };
    const year = { from: '2025-11-01', to: '2026-10-31' };
    const street = { kind: 'street', id: streetId };
    const cases: [string, string, string, unknown][] = [
      ['街道看板 整月（按网格排名）', staff.openid, 'dashboard', { scope: street, period: month }],
      ['街道看板 12 个月（按网格排名）', staff.openid, 'dashboard', { scope: street, period: year }],
      ['街道看板 整月（按网格员排名）', staff.openid, 'dashboard', { scope: street, period: month, rankBy: 'worker' }],
      ['社区看板 整月', communityStaff.openid, 'dashboard', { scope: { kind: 'community', id: community.id }, period: month }],
      ['点开「按期办结率」第一页（街道整月）', staff.openid, 'figureRequests', { scope: street, period: month, figure: 'onTimeRate' }],
      ['网格员 我的考核 整月', worker.openid, 'mine', { period: month }],
      ['居民 服务公示', resident.openid, 'scorecard', { gridId: grid.id }],
    ];
    const views: ViewBenchRow[] = [];
    for (const [name, openid, action, input] of cases) {
      const call = () => assessmentFunction.handle({ kind: 'user', openid }, { action, data: input }, deps);
      const first = await call();
      if (!first.ok) throw new Error(`${name}: ${first.code} ${first.message}`);
      const before = { ...counting.reads };
      await call();
      const cloudbaseReads = counting.reads.requests - before.requests;
      const counterRows = counting.reads.counterRows - before.counterRows;
      // Warm-up, not counted.
      for (let i = 0; i < 10; i++) await call();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint();
        await call();
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      times.sort((a, b) => a - b);
      const r = (x: number) => Math.round(x * 10) / 10;
      views.push({ name, runs, p50: r(percentile(times, 50)), p99: r(percentile(times, 99)), max: r(times[times.length - 1]), cloudbaseReads, counterRows });
    }
    await store.close();
    return {
      requests: count,
      loadSeconds,
      shape: {
        communities: data.communities.length,
        grids: data.grids.length,
        workers: data.users.filter((u) => u.posts.some((p) => p.role === 'grid_worker')).length,
        buildings: data.buildings.length,
        categories: data.categories.length,
      },
      views,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printAssessmentViews(r: AssessmentViewsBench): void {
  const s = r.shape;
  console.log(`### 考核视图：${r.requests.toLocaleString('en')} 条诉求（导入 ${r.loadSeconds.toFixed(0)} s；${s.communities} 个社区、${s.grids} 个网格、${s.workers} 名网格员、${s.buildings} 栋楼、${s.categories} 个类别）\n`);
  console.log('| 视图（整个云函数调用，进程内，顺序执行） | 次数 | p50 | p99 | 最慢 | CloudBase 请求数 | 读取计数行 |\n|---|---|---|---|---|---|---|');
  for (const v of r.views) console.log(`| ${v.name} | ${v.runs} | ${v.p50} ms | ${v.p99} ms | ${v.max} ms | ${v.cloudbaseReads} | ${v.counterRows} |`);
  console.log('');
}

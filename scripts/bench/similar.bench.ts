/**
 * 同问 suggestions at a street's scale: the demo street plus N generated requests (default 1,000,000) over
 * its grids and categories, bulk-loaded into an embedded store file. By default the history is ONE year
 * (WGT_BENCH_SIMILAR_YEARS picks another span): denser than the other benches' decade, so the last 30 days
 * hold ~82,000 requests and a (grid, category) has a few hundred of them — the harder case for the bounded
 * candidate read. Then `request.similar` is called in-process through the function's `handle` (identity
 * → actor → household → candidates → ranking → reply, as the gateway or CloudBase entry calls it, without
 * HTTP), as residents of every grid writing each category's typical text, p50 / p99 over `runs` calls; then
 * the same call through the local gateway (the runtime in its own processes, on the same file), with one
 * connection (what one person waits) and sixteen (the gateway saturated).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SimilarSuggestion } from '../../core/requests/similar';
import { openEmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { FUNCTIONS } from '../../server/functions/registry';
import { DB_FILE_NAME } from '../../server/runtime/data-dir';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';
import { generateDemoStreet } from '../../server/runtime/seed/demo-street';
import { generateRequestBatches } from '../../server/runtime/seed/request-generator';
import autocannon from 'autocannon';
import { spawnRuntime } from './spawn-runtime';

export interface SimilarBenchResult {
  requests: number;
  years: number;
  loadSeconds: number;
  dbMegabytes: number;
  runs: number;
  callers: number;
  p50: number;
  p99: number;
  max: number;
  /** Suggestions per reply: average and how many replies had none. */
  avgSuggestions: number;
  emptyReplies: number;
  /** Open requests of the asked (grid, category) in the window: the set ranked (capped at the candidate limit). */
  candidatesAvg: number;
  candidatesMax: number;
  /** The same call for residents of the hot spot's grid writing its category. */
  hot: { openRequests: number; p50: number; p99: number; max: number; avgSuggestions: number };
  /** Through the local gateway (HTTP, its own processes), 16 connections for 10 s after a 2 s warm-up. */
  gateway: { name: string; requestsPerSecond: number; p50: number; p99: number; errors: number }[];
}

/** A storm: this many open requests of one (grid, category) within the window (a building-wide outage, say). */
const HOT_SPOT = 5000;

// The descriptions a resident types for each kind: close to, not equal to, the generator's texts.
const TEXTS = ['楼道灯坏了晚上看不清', '楼道里堆了杂物影响通行', '电动车在楼道充电很危险', '邻居装修噪音太大', '垃圾桶满了没人清理', '路灯不亮', '门禁坏了外人随便进'];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => Math.round(n * 100) / 100;

export async function benchSimilar(count: number, options: { runs?: number; years?: number; log?: (line: string) => void } = {}): Promise<SimilarBenchResult> {
  const runs = options.runs ?? 2000;
  const years = options.years ?? 1;
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'wgt-bench-similar-'));
  const file = join(dir, DB_FILE_NAME);
  const store = openEmbeddedStore(file);
  // The history ends now, so the in-process calls (clock fixed here) and the gateway (the real clock) share
  // the same 30-day window.
  const GENERATED_UNTIL = new Date().toISOString();
  let closed = false;
  try {
    const data = generateDemoStreet();
    store.importPlaces(data);
    const started = Date.now();
    let shown = 0;
    let last = started;
    store.importRequestBatches(
      (function* () {
        for (const b of generateRequestBatches(data, count, 11, { years, until: GENERATED_UNTIL })) {
          yield b;
          shown += b.requests.length;
          if (Date.now() - last > 15_000) {
            last = Date.now();
            log(`  已导入 ${shown} 件，${Math.round((last - started) / 1000)} s`);
          }
        }
      })(),
    );
    // The hot spot: the first grid's first category, HOT_SPOT open requests over the last 30 days.
    const hotGrid = data.grids[0];
    const hotCategory = data.categories.filter((c) => c.active)[0];
    const until = Date.parse(GENERATED_UNTIL);
    const template = [...generateRequestBatches(data, 1, 3, { years: 1, until: GENERATED_UNTIL })][0].requests[0];
    const hot = Array.from({ length: HOT_SPOT }, (_, i) => {
      const createdAt = new Date(until - Math.floor(((i + 0.5) / HOT_SPOT) * 29 * 24 * 3600 * 1000)).toISOString();
      return {
        ...template, id: `hot-${String(i).padStart(5, '0')}`, idempotencyKey: `hot-${i}`, gridId: hotGrid.id, communityId: hotGrid.communityId,
        categoryId: hotCategory.id, categoryName: hotCategory.name, status: 'submitted' as const, handler: null,
        description: `${TEXTS[i % TEXTS.length]}，${i % 7 === 0 ? '已经好几天了' : '请尽快处理'}`, createdAt, updatedAt: createdAt, responseDueAt: createdAt,
        acceptedAt: null, resolvedAt: null, closedAt: null, resolvedLate: null, rating: null, version: 1,
      };
    });
    store.importRequestBatches([{ requests: hot, events: [] }]);
    const loadSeconds = (Date.now() - started) / 1000;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbMegabytes = Math.round(statSync(file).size / 1024 / 1024);

    // "Now" is the end of the generated history: its last 30 days are the window.
    const clock = { now: () => new Date(GENERATED_UNTIL) };
    const deps = localDeps({ store, files: new LocalFileStorage({ dir: join(dir, 'files'), secret: randomBytes(32), clock }), clock, bindUrlBase: 'http://127.0.0.1/bind?t=', log: { info: () => undefined, error: () => undefined } });
    const residents = data.users.filter((u) => u.residence?.householdId);
    const categories = data.categories.filter((c) => c.active);
    const from = new Date(Date.parse(GENERATED_UNTIL) - 30 * 24 * 3600 * 1000).toISOString();
    const call = (i: number) => {
      const who = residents[i % residents.length];
      const category = categories[Math.floor(i / residents.length) % categories.length];
      return { who, category, run: () => FUNCTIONS.request.handle({ kind: 'user', openid: who.openid }, { action: 'similar', data: { categoryId: category.id, description: TEXTS[i % TEXTS.length] } }, deps) };
    };
    for (let i = 0; i < 100; i++) await call(i).run(); // warm-up, not counted
    const times: number[] = [];
    let suggestions = 0;
    let empty = 0;
    for (let i = 0; i < runs; i++) {
      const c = call(i);
      const s = process.hrtime.bigint();
      const reply = await c.run();
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (!reply.ok) throw new Error(`similar failed: ${reply.code} ${reply.message}`);
      const n = (reply.data as { items: SimilarSuggestion[] }).items.length;
      suggestions += n;
      if (n === 0) empty++;
    }
    times.sort((a, b) => a - b);
    // How big the ranked sets were (what the ranking's cost follows).
    const sizes: number[] = [];
    for (let i = 0; i < Math.min(runs, residents.length * categories.length); i++) {
      const c = call(i);
      const n = store.db
        .prepare(`SELECT COUNT(*) AS n FROM requests WHERE grid_id = ? AND category_id = ? AND status IN ('submitted','accepted','dispatched','in_progress') AND created_at >= ?`)
        .get(c.who.residence!.gridId, c.category.id, from) as { n: number };
      sizes.push(n.n);
    }
    const hotResidents = residents.filter((u) => u.residence?.gridId === hotGrid.id);
    const hotTimes: number[] = [];
    let hotSuggestions = 0;
    for (let i = 0; i < Math.min(runs, 1000) + 50; i++) {
      const who = hotResidents[i % hotResidents.length];
      const s = process.hrtime.bigint();
      const reply = await FUNCTIONS.request.handle({ kind: 'user', openid: who.openid }, { action: 'similar', data: { categoryId: hotCategory.id, description: TEXTS[i % TEXTS.length] } }, deps);
      const t = Number(process.hrtime.bigint() - s) / 1e6;
      if (!reply.ok) throw new Error(`similar failed: ${reply.code} ${reply.message}`);
      if (i < 50) continue; // warm-up
      hotTimes.push(t);
      hotSuggestions += (reply.data as { items: SimilarSuggestion[] }).items.length;
    }
    hotTimes.sort((a, b) => a - b);
    const hotOpen = (store.db
      .prepare(`SELECT COUNT(*) AS n FROM requests WHERE grid_id = ? AND category_id = ? AND status IN ('submitted','accepted','dispatched','in_progress') AND created_at >= ?`)
      .get(hotGrid.id, hotCategory.id, from) as { n: number }).n;
    // Through the gateway, as the app calls it: the store is closed and the runtime opens the same file.
    await store.close();
    closed = true;
    const gateway: SimilarBenchResult['gateway'] = [];
    const runtime = await spawnRuntime(dir, 18791);
    try {
      const session = async (userId: string) =>
        ((await (await fetch(`${runtime.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })).json()) as { data: { token: string } }).data.token;
      const other = residents.find((u) => u.residence?.gridId !== hotGrid.id)!;
      const cases: [string, string, unknown][] = [
        ['热点网格的居民', await session(hotResidents[0].id), { action: 'similar', data: { categoryId: hotCategory.id, description: TEXTS[0] } }],
        ['其他网格的居民', await session(other.id), { action: 'similar', data: { categoryId: hotCategory.id, description: TEXTS[0] } }],
      ];
      // One connection: what one person waits; sixteen: how many the gateway serves when it is saturated (2 cores).
      for (const [name, token, body, connections] of cases.flatMap(([n, t, b]) => [1, 16].map((c): [string, string, unknown, number] => [n, t, b, c]))) {
        const once = (seconds: number) =>
          new Promise<autocannon.Result>((done, fail) =>
            autocannon(
              { url: `${runtime.url}/api/fn/request`, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) },
              (err, r) => (err ? fail(err) : done(r)),
            ),
          );
        await once(2); // warm-up, not counted
        const r = await once(10);
        gateway.push({ name: `${name}，${connections} 连接`, requestsPerSecond: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
      }
    } finally {
      await runtime.stop();
    }
    return {
      gateway,
      hot: {
        openRequests: hotOpen, p50: ms(percentile(hotTimes, 50)), p99: ms(percentile(hotTimes, 99)), max: ms(hotTimes[hotTimes.length - 1]),
        avgSuggestions: Math.round((hotSuggestions / hotTimes.length) * 10) / 10,
      },
      requests: count, years, loadSeconds, dbMegabytes, runs, callers: residents.length,
      p50: ms(percentile(times, 50)), p99: ms(percentile(times, 99)), max: ms(times[times.length - 1]),
      avgSuggestions: Math.round((suggestions / runs) * 10) / 10, emptyReplies: empty,
      candidatesAvg: Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length)), candidatesMax: Math.max(0, ...sizes),
    };
  } finally {
    if (!closed) await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printSimilar(r: SimilarBenchResult): void {
  console.log(`## 同问：相似诉求提示（嵌入式数据库文件，${r.requests.toLocaleString('en')} 件诉求，${r.years} 年）\n`);
  console.log(`批量导入 ${r.loadSeconds.toFixed(0)} s，库大小 ${r.dbMegabytes} MB。进程内调用 \`request.similar\`（经函数 handle：身份 → 住户 → 候选 → 排序），${r.callers} 位居民轮流，每类别的常见说法。\n`);
  console.log('| 场景 | 调用次数 | p50 | p99 | 最慢 | 平均提示条数 | 无提示 | 候选（同网格同类别 30 天内未办结）平均 / 最多 |\n|---|---|---|---|---|---|---|---|');
  console.log(`| 全街道（各网格居民 × 各类别） | ${r.runs} | ${r.p50} ms | ${r.p99} ms | ${r.max} ms | ${r.avgSuggestions} | ${r.emptyReplies} | ${r.candidatesAvg} / ${r.candidatesMax} |`);
  console.log(`| 热点（一个网格一个类别 30 天内 ${r.hot.openRequests.toLocaleString('en')} 件未办结，只取最新 200 件排序） | ${Math.min(r.runs, 1000)} | ${r.hot.p50} ms | ${r.hot.p99} ms | ${r.hot.max} ms | ${r.hot.avgSuggestions} | — | ${r.hot.openRequests} |\n`);
  console.log('经本地网关（HTTP，运行时独立进程，autocannon 1 / 16 连接，预热 2 秒后测 10 秒）：\n\n| 调用者 | 请求/秒 | p50 | p99 | 错误 |\n|---|---|---|---|---|');
  for (const g of r.gateway) console.log(`| ${g.name} | ${g.requestsPerSecond} | ${g.p50} ms | ${g.p99} ms | ${g.errors} |`);
  console.log('');
}

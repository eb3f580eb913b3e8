/**
 * 报平安 at a street's scale, in-process through the `checkin` function's `handle` (identity → actor → use
 * case → embedded store file, as the gateway or the CloudBase entry calls it, without HTTP). The demo street is
 * copied until it has WGT_BENCH_CHECKIN_HOUSEHOLDS households (default 50,000; the copies' grids keep the demo's
 * ~300 households each). Street staff start a street-wide check-in; residents answer one by one (p50 / p99);
 * then 200 answers at once, each sent twice, and the counters are checked against the stored answers; the
 * per-grid progress and one grid's not-yet door list are timed; closing freezes the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckInGridDoors, CheckInProgress } from '../../core/api/checkin.contract';
import type { User } from '../../core/people/user';
import type { Building, Community, Grid, Household } from '../../core/places/place';
import { openEmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { FUNCTIONS } from '../../server/functions/registry';
import { DB_FILE_NAME } from '../../server/runtime/data-dir';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { localDeps } from '../../server/runtime/local-deps';
import { generateDemoStreet } from '../../server/runtime/seed/demo-street';

export interface CheckInBenchResult {
  households: number;
  grids: number;
  start: { p50: number; max: number };
  answer: { runs: number; p50: number; p99: number };
  concurrent: { answers: number; sent: number; counted: number; stored: number; lost: number; doubled: number; ms: number };
  progress: { p50: number; p99: number; grids: number };
  doors: { p50: number; p99: number; households: number; notYet: number };
  close: number;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number) => Math.round(n * 100) / 100;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const s = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - s) / 1e6, r];
}

export async function benchCheckIn(target = 50_000, runs = 2000): Promise<CheckInBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wgt-bench-checkin-'));
  const store = openEmbeddedStore(join(dir, DB_FILE_NAME));
  try {
    const data = generateDemoStreet();
    // Copies of the demo's communities (with their grids, buildings and households) until the street is big enough.
    const extra = { communities: [] as Community[], grids: [] as Grid[], buildings: [] as Building[], households: [] as Household[] };
    for (let k = 1; data.households.length + extra.households.length < target; k++) {
      const p = (id: string) => `x${k}-${id}`;
      extra.communities.push(...data.communities.map((c) => ({ ...c, id: p(c.id), code: `${c.code}${k}`, name: `${c.name}${k}` })));
      extra.grids.push(...data.grids.map((g) => ({ ...g, id: p(g.id), communityId: p(g.communityId), code: `${g.code}${k}`, qrToken: p(g.qrToken), primaryWorkerId: null, backupWorkerId: null })));
      extra.buildings.push(...data.buildings.map((b) => ({ ...b, id: p(b.id), communityId: p(b.communityId), gridId: p(b.gridId) })));
      const room = target - data.households.length - extra.households.length;
      extra.households.push(...data.households.slice(0, room).map((h) => ({ ...h, id: p(h.id), communityId: p(h.communityId), gridId: p(h.gridId), buildingId: p(h.buildingId) })));
    }
    // Residents for the answers: one per household of the copies (the demo's own residents keep theirs).
    const at = new Date().toISOString();
    const benchResidents: User[] = extra.households.slice(0, runs + 400).map((h, i) => ({
      id: `bench-r${i}`, openid: `bench-open-${i}`, name: '居民', phone: '13900000000', posts: [], createdAt: at,
      residence: { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId, householdId: h.id, via: 'address', boundAt: at },
    }));
    store.importPlaces({
      ...data,
      users: [...data.users, ...benchResidents],
      communities: [...data.communities, ...extra.communities],
      grids: [...data.grids, ...extra.grids],
      buildings: [...data.buildings, ...extra.buildings],
      households: [...data.households, ...extra.households],
    });
    const households = data.households.length + extra.households.length;
    const clock = { now: () => new Date() };
    const deps = localDeps({ store, files: new LocalFileStorage({ dir: join(dir, 'files'), secret: randomBytes(32), clock }), clock, bindUrlBase: 'http://127.0.0.1/bind?t=', log: { info: () => undefined, error: () => undefined } });
    const call = async <T>(openid: string, action: string, input: unknown): Promise<T> => {
      const r = await FUNCTIONS.checkin.handle({ kind: 'user', openid }, { action, data: input }, deps);
      if (!r.ok) throw new Error(`checkin.${action}: ${r.code} ${r.message}`);
      return r.data as T;
    };
    const staff = data.users.find((u) => u.posts.some((p) => p.role === 'street_staff'))!;
    const grid = data.grids[0];
    const worker = data.users.find((u) => u.id === grid.primaryWorkerId)!;

    // Start: one document whatever the scope (the last of these is the one answered below).
    const startMs: number[] = [];
    let id = '';
    for (let i = 0; i < 20; i++) {
      const [t, r] = await timed(() => call<{ id: string }>(staff.openid, 'start', { idempotencyKey: `bench-start-${i}-${Date.now()}`, scope: { level: 'street', ids: [] } }));
      startMs.push(t);
      id = r.id;
    }

    // Answers one at a time by distinct residents (households of the demo street), none of the first grid.
    const residents = benchResidents.filter((u) => u.residence?.householdId && u.residence.gridId !== grid.id);
    const seen = new Set<string>();
    const answerers = residents.filter((u) => !seen.has(u.residence!.householdId!) && seen.add(u.residence!.householdId!));
    const answerMs: number[] = [];
    for (let i = 0; i < Math.min(runs, answerers.length - 200); i++) {
      const [t] = await timed(() => call(answerers[i].openid, 'answer', { id, answer: 'safe' }));
      answerMs.push(t);
    }
    const sent = answerMs.length;

    // 200 answers at once, each sent twice (a retry racing the first).
    const burst = answerers.slice(sent, sent + 200);
    const [burstMs] = await timed(() => Promise.all([...burst, ...burst].map((u, i) => call(u.openid, 'answer', { id, answer: i % 2 ? 'help' : 'safe', note: '' }))));
    const progress = await call<CheckInProgress>(staff.openid, 'progress', { id });
    const stored = (store.db.prepare('SELECT COUNT(*) AS n FROM checkin_answers WHERE checkin_id = ?').get(id) as { n: number }).n;
    const expected = sent + burst.length;

    const progressMs: number[] = [];
    for (let i = 0; i < 100; i++) progressMs.push((await timed(() => call(staff.openid, 'progress', { id })))[0]);
    const doorsMs: number[] = [];
    let doors: CheckInGridDoors | null = null;
    for (let i = 0; i < 100; i++) {
      const [t, d] = await timed(() => call<CheckInGridDoors>(worker.openid, 'doors', { id, gridId: grid.id }));
      doorsMs.push(t);
      doors = d;
    }
    const [closeMs] = await timed(() => call(staff.openid, 'close', { id }));
    const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
    return {
      households,
      grids: data.grids.length + extra.grids.length,
      start: { p50: ms(percentile(sorted(startMs), 50)), max: ms(Math.max(...startMs)) },
      answer: { runs: sent, p50: ms(percentile(sorted(answerMs), 50)), p99: ms(percentile(sorted(answerMs), 99)) },
      concurrent: {
        answers: burst.length, sent: burst.length * 2, counted: progress.total.answered, stored,
        lost: Math.max(0, expected - progress.total.answered), doubled: Math.max(0, progress.total.answered - expected), ms: ms(burstMs),
      },
      progress: { p50: ms(percentile(sorted(progressMs), 50)), p99: ms(percentile(sorted(progressMs), 99)), grids: progress.grids.length },
      doors: { p50: ms(percentile(sorted(doorsMs), 50)), p99: ms(percentile(sorted(doorsMs), 99)), households: doors!.figures.households, notYet: doors!.notYet.length },
      close: ms(closeMs),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printCheckIn(r: CheckInBenchResult): void {
  console.log('## 报平安（进程内调用 checkin 函数，嵌入式库文件）\n');
  console.log(`${r.households} 户、${r.grids} 个网格，全街道发起。\n`);
  console.log('| 项目 | 结果 | 目标 |\n|---|---|---|');
  console.log(`| 发起（20 次） | p50 ${r.start.p50} ms，最慢 ${r.start.max} ms | ≤ 100 ms |`);
  console.log(`| 居民回复（${r.answer.runs} 次，逐个） | p50 ${r.answer.p50} ms，p99 ${r.answer.p99} ms | p99 ≤ 20 ms |`);
  console.log(`| 同时 ${r.concurrent.answers} 户回复、每户重发一次（${r.concurrent.sent} 次调用，${r.concurrent.ms} ms） | 进度合计 ${r.concurrent.counted}、存储 ${r.concurrent.stored}（逐个 ${r.answer.runs} + 同时 ${r.concurrent.answers}），丢失 ${r.concurrent.lost}，重复计入 ${r.concurrent.doubled} | 0 丢失、0 重复 |`);
  console.log(`| 按网格进度（${r.progress.grids} 个网格，100 次） | p50 ${r.progress.p50} ms，p99 ${r.progress.p99} ms | ≤ 200 ms |`);
  console.log(`| 网格未报名单（${r.doors.households} 户，未报 ${r.doors.notYet}，100 次） | p50 ${r.doors.p50} ms，p99 ${r.doors.p99} ms | ≤ 50 ms |`);
  console.log(`| 结束并冻结 | ${r.close} ms | — |\n`);
}

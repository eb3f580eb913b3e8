/**
 * The 考核 counters against the requests, through the real use cases: a randomized history (seeded, so a
 * failure replays) of submissions, filings, acceptances, dispatches, grid transfers, reassignments,
 * resolutions, reopenings, confirmations and ratings, verifications, the request timers (deadline
 * reminders, verification, archive) — with the clock moving across the September/October month boundary
 * and the 2026 National Day holiday (10-01..10-07 off, Saturday 10-10 worked). After it the recount finds
 * nothing to fix; a counter corrupted on purpose is found, and fixed. On the embedded store and on the
 * CloudBase double.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Reply } from '@core/shared/errors';
import type { ServiceRequest } from '@core/requests/request';
import { createCloudbaseStore, importIntoCloudbase } from '../../adapters/cloudbase/cloudbase-store';
import { FakeCloudbaseDb } from '../../adapters/cloudbase/testing/fake-cloudbase-db';
import { openEmbeddedStore } from '../../adapters/embedded/embedded-store';
import type { Deps } from '../context';
import { FUNCTIONS } from '../../functions/registry';
import { LocalFileStorage } from '../../runtime/local-files';
import { localDeps, localMessageConfig } from '../../runtime/local-deps';
import { prng } from '../../runtime/seed/prng';
import { functionHarness, SILENT } from '../../testing/function-harness';
import { smallStreet } from '../../testing/small-street.fixture';
import { nightlyRecount, RECOUNT_JOB, recountAssessment, recountReportLines } from './recount';

interface World {
  deps: Deps;
  clock: { now(): Date; set(d: Date): void };
  call<T = unknown>(who: string, fn: keyof typeof FUNCTIONS, action: string, data?: unknown): Promise<Reply<T>>;
  close(): Promise<void>;
}

const START = new Date('2026-09-24T01:00:00Z'); // Thursday 24 September, 09:00 Beijing

async function embeddedWorld(): Promise<World> {
  return functionHarness(START);
}

/** The same wiring as the function harness, with the CloudBase store over the SDK double. */
async function cloudbaseWorld(): Promise<World> {
  const db = new FakeCloudbaseDb();
  const store = createCloudbaseStore(db);
  await importIntoCloudbase(db, smallStreet());
  // The local sender's log only (the subscribe sender writes it); every repository the use cases use is CloudBase's.
  const sendLog = openEmbeddedStore(':memory:');
  const dir = mkdtempSync(join(tmpdir(), 'wgt-cb-'));
  let current = START;
  const clock = { now: () => current, set: (d: Date) => void (current = d) };
  const files = new LocalFileStorage({ dir, secret: randomBytes(32), clock });
  const deps: Deps = {
    ...localDeps({ store: sendLog, files, clock, bindUrlBase: 'https://wgt.example/bind?t=', log: SILENT, messages: { ...localMessageConfig({}), sendsPerSecond: 0 } }),
    store,
  };
  return {
    deps,
    clock,
    call: (who, fn, action, data) => FUNCTIONS[fn].handle(who === 'system' ? { kind: 'system' } : { kind: 'user', openid: `open-${who}` }, { action, data }, deps) as never,
    async close() {
      await sendLog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const RESIDENTS = ['r1', 'r2', 'r3', 'r4'];
const STAFF_OF: Record<string, string> = { c1: 'cs1', c2: 'cs2' };
const C1_WORKERS = ['w1', 'w2', 'w5'];
const C1_GRIDS = ['g1', 'g2', 'g4'];
const PATROL: [string, string][] = [['w1', 'g1'], ['w2', 'g2'], ['w3', 'g3'], ['w5', 'g4']];

/**
 * Runs `steps` random operations; returns the ids of the requests filed and how often each kind of
 * operation succeeded (an operation the rules refuse, e.g. verifying before the confirmation window
 * closed, is just a refused call — the history goes on).
 */
async function randomHistory(world: World, seed: number, steps: number): Promise<{ ids: string[]; done: Record<string, number> }> {
  const rnd = prng(seed);
  const ids: string[] = [];
  const done: Record<string, number> = {};
  let key = 0;
  const ok = async (kind: string, reply: Promise<Reply<unknown>>): Promise<unknown> => {
    const r = await reply;
    if (r.ok) done[kind] = (done[kind] ?? 0) + 1;
    return r.ok ? r.data : null;
  };
  const ref = (r: ServiceRequest) => ({ id: r.id, version: r.version });
  const store = world.deps.store;

  for (let step = 0; step < steps; step++) {
    // The clock moves: minutes to hours, now and then a day or three (nights, weekends, the holiday).
    const jump = rnd.next() < 0.06 ? rnd.int(12 * 60, 2 * 24 * 60) : rnd.int(1, 4 * 60);
    world.clock.set(new Date(world.clock.now().getTime() + jump * 60000));
    const roll = rnd.next();
    if (roll < 0.22 || ids.length < 3) {
      const held = rnd.next() < 0.05;
      const description = held ? '楼下有人张贴测试违禁词广告' : rnd.pick(['楼道灯不亮了', '垃圾桶满了没人清', '小区门口路面塌陷', '邻居装修噪音太大']);
      const data = { idempotencyKey: `history-${seed}-${++key}`, categoryId: rnd.pick(['k-env', 'k-hazard']), description, photoFileIds: [] };
      const detail = rnd.next() < 0.75
        ? await ok('submit', world.call(rnd.pick(RESIDENTS), 'request', 'submit', { ...data, hideName: false }))
        : await (async () => {
            const [w, g] = rnd.pick(PATROL);
            return ok('file', world.call(w, 'request', 'file', { ...data, gridId: g, source: 'patrol' }));
          })();
      if (detail) ids.push((detail as { id: string }).id);
      continue;
    }
    if (roll < 0.27) {
      await ok('timerJobs', world.call('system', 'request', 'timerJobs'));
      continue;
    }
    if (roll < 0.31) {
      // 网格移交: a c1 grid gets a new primary worker; the old one is neither primary nor backup any more.
      const grid = (await store.places.getGrid(rnd.pick(C1_GRIDS)))!;
      const primary = rnd.pick(C1_WORKERS.filter((w) => w !== grid.primaryWorkerId));
      const backup = C1_WORKERS.find((w) => w !== primary && w !== grid.primaryWorkerId)!;
      await ok('transfer', world.call('cs1', 'grid', 'assign', { gridId: grid.id, primaryWorkerId: primary, backupWorkerId: backup, version: grid.version }));
      continue;
    }
    const r = (await store.requests.get(rnd.pick(ids)))!;
    const grid = (await store.places.getGrid(r.gridId))!;
    const staff = STAFF_OF[r.communityId];
    const gridWorker = rnd.pick([grid.primaryWorkerId!, grid.backupWorkerId!]);
    const handler = r.handler?.kind === 'worker' ? r.handler.id : staff;
    const a = rnd.next();
    switch (r.status) {
      case 'held':
        await ok('release', world.call(staff, 'request', 'release', ref(r)));
        break;
      case 'submitted':
        if (a < 0.6) await ok('accept', world.call(gridWorker, 'request', 'accept', ref(r)));
        else if (a < 0.75) await ok('dispatch', world.call(gridWorker, 'request', 'dispatch', { ...ref(r), target: 'community', reason: '需社区协调' }));
        else if (a < 0.9 && r.communityId === 'c1') {
          const to = rnd.pick(C1_GRIDS.filter((g) => g !== r.gridId));
          await ok('reassign', world.call(staff, 'request', 'reassign', { ...ref(r), gridId: to, reason: '不属本网格' }));
        } else await ok('reject', world.call(gridWorker, 'request', 'reject', { ...ref(r), reason: '不属于受理范围' }));
        break;
      case 'accepted':
      case 'dispatched':
      case 'in_progress':
        if (a < 0.65) await ok('resolve', world.call(handler, 'request', 'resolve', { ...ref(r), note: '已处理完毕', photoFileIds: [] }));
        else if (a < 0.8) await ok('progress', world.call(handler, 'request', 'progress', { ...ref(r), note: '正在处理', photoFileIds: [] }));
        else if (r.status === 'accepted') await ok('dispatch', world.call(handler, 'request', 'dispatch', { ...ref(r), target: 'community', reason: '需社区协调' }));
        break;
      case 'resolved':
        if (r.residentId && a < 0.4) await ok('confirm', world.call(r.residentId, 'request', 'confirm', { ...ref(r), rating: rnd.pick(['satisfied', 'basically_satisfied']) }));
        else if (r.residentId && a < 0.6) await ok('reopen', world.call(r.residentId, 'request', 'reopen', { ...ref(r), comment: '问题没有解决' }));
        else await ok('verify', world.call(staff, 'request', 'verify', { ...ref(r), note: '已现场核查' }));
        break;
      case 'verified':
        if (r.residentId) await ok('rate', world.call(r.residentId, 'request', 'rate', { ...ref(r), rating: rnd.pick(['satisfied', 'basically_satisfied', 'unsatisfied']) }));
        break;
      default:
        break;
    }
  }
  return { ids, done };
}

describe.each([
  ['embedded store', embeddedWorld, [11, 23, 37]],
  ['CloudBase double', cloudbaseWorld, [41, 53]],
] as const)('考核 recount after a randomized history (%s)', (_name, makeWorld, seeds) => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(() => world.close());

  it.each([...seeds])('seed %i: the counters equal the recount; a corrupted counter is reported and fixed', async (seed) => {
    const { ids, done } = await randomHistory(world, seed, 260);
    // The history is not vacuous: it crossed the month boundary into the holiday and back to work.
    expect(world.clock.now().toISOString() > '2026-10-10').toBe(true);
    const kinds = ['submit', 'file', 'accept', 'dispatch', 'resolve', 'confirm', 'reopen', 'timerJobs', 'transfer'];
    expect(Object.fromEntries(kinds.map((k) => [k, (done[k] ?? 0) > 0]))).toEqual(Object.fromEntries(kinds.map((k) => [k, true])));
    expect(done.submit + (done.file ?? 0)).toBe(ids.length);
    expect(done.accept).toBeGreaterThan(5);
    expect(done.resolve).toBeGreaterThan(5);

    const clean = await recountAssessment(world.deps);
    expect(clean).toMatchObject({ status: 'done', streets: 1, requests: ids.length, differences: { count: 0, examples: [] }, fixed: 0 });
    expect(clean.counters).toBeGreaterThan(50);
    const months = await world.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'street', scopeIds: ['s1'], periods: ['2026-09', '2026-10', '2026-11', '2026-12'] });
    expect(months.map((m) => m.period).slice(0, 2)).toEqual(['2026-09', '2026-10']);
    // Every request filed counts once, except those still held for review.
    expect(months.reduce((n, m) => n + m.counters.filed, 0)).toBe(ids.length - (await heldCount(world, ids)));

    // Corrupt one grid's October: two metrics off, and a counter no request made.
    const [row] = await world.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'grid', scopeIds: ['g1'], periods: ['2026-10'] });
    await world.deps.store.assessment.overwrite('s1', [
      { ...row, counters: { ...row.counters, filed: row.counters.filed + 3, accepted: row.counters.accepted - 1 } },
      { scopeKind: 'grid', scopeId: 'g2', period: '2025-01', counters: { ...row.counters, filed: 1, accepted: 0, acceptedOnTime: 0, resolved: 0, resolvedOnTime: 0, solved: 0, rated: 0, satisfied: 0, unsatisfied: 0, reopened: 0, resolveMinutes: 0, filedPatrol: 0 } },
    ]);
    const found = await recountAssessment(world.deps);
    expect(found.differences.count).toBe(3);
    expect(found.differences.examples).toEqual([
      { id: 's1|grid|g1|2026-10', metric: 'filed', stored: row.counters.filed + 3, recomputed: row.counters.filed },
      { id: 's1|grid|g1|2026-10', metric: 'accepted', stored: row.counters.accepted - 1, recomputed: row.counters.accepted },
      { id: 's1|grid|g2|2025-01', metric: 'filed', stored: 1, recomputed: 0 },
    ]);
    expect(found.fixed).toBe(0);
    expect(recountReportLines(found, false)).toContain('  s1|grid|g1|2026-10 的 filed: 存储值 ' + (row.counters.filed + 3) + '，重算值 ' + row.counters.filed);
    const fixed = await recountAssessment(world.deps, { fix: true });
    expect(fixed).toMatchObject({ fixed: 2, differences: { count: 3 } });
    expect(await recountAssessment(world.deps)).toMatchObject({ differences: { count: 0 }, requests: ids.length });
    const [repaired] = await world.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'grid', scopeIds: ['g1'], periods: ['2026-10'] });
    expect(repaired.counters).toEqual(row.counters);
  });
});

async function heldCount(world: World, ids: string[]): Promise<number> {
  let n = 0;
  for (const id of ids) if ((await world.deps.store.requests.get(id))?.status === 'held') n++;
  return n;
}

describe('the recount job', () => {
  let world: World;
  beforeEach(async () => {
    world = await embeddedWorld();
    for (let i = 0; i < 3; i++) {
      await world.call('r1', 'request', 'submit', { idempotencyKey: `job-key-${i}`, categoryId: 'k-env', description: '楼道灯不亮了', photoFileIds: [], hideName: false });
    }
  });
  afterEach(() => world.close());

  it('does nothing while another run holds the lock, and frees it when done', async () => {
    const now = world.clock.now();
    expect(await world.deps.store.jobLocks.acquire(RECOUNT_JOB, 'other', now.toISOString(), new Date(now.getTime() + 60000).toISOString())).not.toBeNull();
    expect(await recountAssessment(world.deps)).toMatchObject({ status: 'locked', requests: 0 });
    await world.deps.store.jobLocks.release(RECOUNT_JOB, 'other', null);
    expect(await recountAssessment(world.deps)).toMatchObject({ status: 'done', requests: 3, differences: { count: 0 } });
    // Released: another run may take it at once.
    expect(await world.deps.store.jobLocks.acquire(RECOUNT_JOB, 'next', now.toISOString(), new Date(now.getTime() + 60000).toISOString())).not.toBeNull();
  });

  it('stops when its time budget is spent, leaving the street unfinished (nothing compared, nothing fixed)', async () => {
    const [row] = await world.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'street', scopeIds: ['s1'], periods: ['2026-09'] });
    await world.deps.store.assessment.overwrite('s1', [{ ...row, counters: { ...row.counters, filed: 99 } }]);
    const partial = await recountAssessment(world.deps, { fix: true, budgetMs: -1 });
    expect(partial).toMatchObject({ status: 'partial', unfinished: ['s1'], streets: 0, fixed: 0 });
    expect(recountReportLines(partial, true).join('\n')).toContain('未完成的街道：s1');
    expect((await world.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'street', scopeIds: ['s1'], periods: ['2026-09'] }))[0].counters.filed).toBe(99);
  });

  it('runs nightly in the housekeeping function: reports, logs the difference, never fixes', async () => {
    const [row] = await world.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'street', scopeIds: ['s1'], periods: ['2026-09'] });
    await world.deps.store.assessment.overwrite('s1', [{ ...row, counters: { ...row.counters, filed: 7 } }]);
    const errors: string[] = [];
    const deps = { ...world.deps, log: { info: () => undefined, error: (m: string) => void errors.push(m) } };
    const reply = await FUNCTIONS.housekeeping.handle({ kind: 'system' }, { Type: 'Timer', TriggerName: 'dailyPurge', Time: '2026-09-25T19:30:00Z' }, deps);
    expect(reply).toMatchObject({ ok: true, data: { purge: { removed: 0 }, recount: { status: 'done', differences: { count: 1 }, fixed: 0 } } });
    expect(errors.join('\n')).toContain('s1|street|s1|2026-09 的 filed: 存储值 7，重算值 3');
    expect((await nightlyRecount({ deps, now: world.clock.now() })).differences.count).toBe(1);
    // A user cannot start it.
    expect(await world.call('ss', 'housekeeping', 'recountAssessment')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });
});

/**
 * The assessment part of the Store contract (考核 counters), run by both adapters through
 * describeStoreContract. The rule every test leans on: after any sequence of request writes, the stored
 * counters equal the sum of core `contributionsOf` over the stored requests (zero counters may be kept).
 */
import { addCounters, contributionsOf, counterId, emptyCounters, type Counters } from '@core/assessment/counters';
import type { ServiceRequest } from '@core/requests/request';
import type { CounterRow } from '../ports/assessment.port';
import type { Store } from '../ports/store.port';
import { aRequest, anEvent, at } from './request-store.contract';
import type { StoreHarness } from './store-contract-kit';
import { TransactionQueryError } from './store-import';

const key = (r: Pick<CounterRow, 'scopeKind' | 'scopeId' | 'period'>) => `${r.scopeKind}|${r.scopeId}|${r.period}`;

/** Counters as a map by kind|scope|period, all-zero rows left out. */
function nonZero(rows: CounterRow[]): Record<string, Counters> {
  const out: Record<string, Counters> = {};
  for (const r of rows) if (Object.values(r.counters).some((v) => v !== 0)) out[key(r)] = r.counters;
  return out;
}

/** What the counters must be: the sum of contributionsOf over the requests, written out from core. */
export function recomputed(requests: ServiceRequest[], streetId: string): Record<string, Counters> {
  const out: Record<string, Counters> = {};
  for (const r of requests) {
    for (const c of contributionsOf(r)) {
      if (c.key.streetId !== streetId) continue;
      const k = `${c.key.scope.kind}|${c.key.scope.id}|${c.key.period}`;
      out[k] = addCounters(out[k] ?? emptyCounters(), c.metrics);
    }
  }
  for (const [k, v] of Object.entries(out)) if (Object.values(v).every((x) => x === 0)) delete out[k];
  return out;
}

const zhao = { kind: 'worker' as const, id: 'w-zhao', name: '赵敏' };
const qian = { kind: 'worker' as const, id: 'w-qian', name: '钱多' };

export function describeAssessmentContract(harness: () => StoreHarness): void {
  let store: Store;
  beforeEach(() => {
    store = harness().store;
  });

  async function create(r: ServiceRequest): Promise<ServiceRequest> {
    const res = await store.requests.create({ request: r, event: anEvent(r, 1, r.createdAt), messages: [], outbox: [], rateLimits: [] });
    if (res.kind !== 'created') throw new Error(`not created: ${res.kind}`);
    return res.request;
  }

  let seq = 1;
  async function commit(before: ServiceRequest, change: Partial<ServiceRequest>): Promise<ServiceRequest> {
    const next = { ...before, ...change, version: before.version + 1 };
    const stored = await store.requests.commit({ request: next, expectedVersion: before.version, events: [anEvent(next, ++seq + 100, next.updatedAt, 'step')], messages: [], outbox: [] });
    if (!stored) throw new Error('commit lost');
    return stored;
  }

  async function stored(ids: string[]): Promise<ServiceRequest[]> {
    return (await Promise.all(ids.map((id) => store.requests.get(id)))).filter((r): r is ServiceRequest => r !== null);
  }

  /** A history through most of the lifecycle: accept, resolve, rate, reassign after the deadline, reopen, hold and release, a month boundary. */
  async function history(): Promise<string[]> {
    // rq-a: accepted on time by w-zhao, resolved on time, rated 满意, verified.
    let a = await create(aRequest('rq-a', { buildingId: 'bd-2' }));
    a = await commit(a, { status: 'accepted', handler: zhao, acceptedAt: at(30), resolutionDueAt: at(3000), updatedAt: at(30) });
    a = await commit(a, { status: 'resolved', resolvedAt: at(2000), resolvedLate: false, resolveWorkingMinutes: 480, updatedAt: at(2000) });
    a = await commit(a, { rating: { value: 'satisfied', comment: '', at: at(2100) }, updatedAt: at(2100) });
    await commit(a, { status: 'verified', closedAt: at(2200), updatedAt: at(2200) });
    // rq-b: patrol finding filed at 00:30 Beijing on 3 March; w-qian lets the deadline pass, w-zhao takes it
    // over (w-qian stays accountable), resolves late, it is reopened (dueHolder cleared) and resolved again.
    let b = await create(aRequest('rq-b', { source: 'patrol', submitterId: 'w-qian', residentId: null, residentName: null, createdAt: at(16 * 60 + 30), updatedAt: at(16 * 60 + 30), idempotencyKey: 'k-b' }));
    b = await commit(b, { status: 'accepted', handler: qian, acceptedAt: at(2000), resolutionDueAt: at(2500), updatedAt: at(2000) });
    b = await commit(b, { handler: zhao, dueHolderId: 'w-qian', updatedAt: at(2600) });
    b = await commit(b, { status: 'resolved', resolvedAt: at(2700), resolvedLate: true, resolveWorkingMinutes: 700, updatedAt: at(2700) });
    b = await commit(b, { rating: { value: 'unsatisfied', comment: '', at: at(2800) }, updatedAt: at(2800) });
    b = await commit(b, { status: 'in_progress', resolvedAt: null, resolvedLate: null, rating: null, reopenCount: 1, dueHolderId: null, resolutionDueAt: at(9000), updatedAt: at(2900) });
    await commit(b, { status: 'resolved', resolvedAt: at(3100), resolvedLate: false, resolveWorkingMinutes: 60, updatedAt: at(3100) });
    // rq-c: held for review (counts nowhere), then released.
    const c = await create(aRequest('rq-c', { status: 'held', flagged: true, categoryId: 'cat-hazard', idempotencyKey: 'k-c' }));
    await commit(c, { status: 'submitted', flagged: false, updatedAt: at(10) });
    // rq-d: filed on 31 March 17:00 UTC = 1 April Beijing: April's counters. Stays held.
    const d = await create(aRequest('rq-d', { createdAt: '2026-03-31T17:00:00.000Z', updatedAt: '2026-03-31T17:00:00.000Z', idempotencyKey: 'k-d' }));
    await create(aRequest('rq-e', { status: 'held', idempotencyKey: 'k-e' }));
    await commit(d, { status: 'withdrawn', closedAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z' });
    // Another street's request: never in st-a's counters.
    await create(aRequest('rq-x', { streetId: 'st-b', communityId: 'cm-b1', gridId: 'gd-b1-1', categoryId: 'cat-b', idempotencyKey: 'k-x' }));
    return ['rq-a', 'rq-b', 'rq-c', 'rq-d', 'rq-e', 'rq-x'];
  }

  describe('assessment counters', () => {
    it('after creates and commits, the counters equal the sum of contributionsOf over the stored requests', async () => {
      const ids = await history();
      const requests = await stored(ids);
      const want = recomputed(requests, 'st-a');
      expect(nonZero(await store.assessment.allCounters('st-a'))).toEqual(want);
      expect(nonZero(await store.assessment.allCounters('st-b'))).toEqual(recomputed(requests, 'st-b'));
      // Not vacuous: the street's March figures, by hand. Filed: a, b, c (d is April, e held). Accepted: a, b.
      // Resolved: a (on time, 满意, solved), b (resolved again on time after a reopening, no rating).
      expect(want['street|st-a|2026-03']).toEqual({
        ...emptyCounters(), filed: 3, filedPatrol: 1, accepted: 2, acceptedOnTime: 1, resolved: 2, resolvedOnTime: 2, solved: 1,
        rated: 1, satisfied: 1, reopened: 1, resolveMinutes: 540,
      });
      expect(want['street|st-a|2026-04']).toEqual({ ...emptyCounters(), filed: 1 });
      expect(want['street|st-a|2026-03-03']).toMatchObject({ filed: 1, filedPatrol: 1 });
      // b counts for w-zhao now (the reopening cleared w-qian's accountability).
      expect(want['worker|w-qian|2026-03']).toBeUndefined();
      expect(want['worker|w-zhao|2026-03']).toMatchObject({ accepted: 2, resolved: 2 });
      expect(want['building|bd-2|2026-03']).toEqual({ ...emptyCounters(), filed: 1 });
    });

    it('answers a counter query by scopes and periods, ordered by scope then period; an empty list matches nothing', async () => {
      await history();
      const grids = await store.assessment.counters({ streetId: 'st-a', scopeKind: 'grid', periods: ['2026-03', '2026-04', '2026-03-03'] });
      expect(grids.map(key)).toEqual(['grid|gd-a1-1|2026-03', 'grid|gd-a1-1|2026-03-03', 'grid|gd-a1-1|2026-04']);
      expect(grids[0].counters).toMatchObject({ filed: 3, accepted: 2 });
      const workers = await store.assessment.counters({ streetId: 'st-a', scopeKind: 'worker', scopeIds: ['w-zhao', 'w-qian', 'w-nobody'], periods: ['2026-03'] });
      // w-qian's counter netted to zero when the reopening cleared their accountability: kept as zeros or gone.
      expect(workers.map(key).filter((k) => k !== 'worker|w-qian|2026-03')).toEqual(['worker|w-zhao|2026-03']);
      expect(Object.keys(nonZero(workers))).toEqual(['worker|w-zhao|2026-03']);
      expect(await store.assessment.counters({ streetId: 'st-a', scopeKind: 'worker', scopeIds: [], periods: ['2026-03'] })).toEqual([]);
      expect(await store.assessment.counters({ streetId: 'st-a', scopeKind: 'grid', periods: [] })).toEqual([]);
      // Another street's scope is not in this street.
      expect(await store.assessment.counters({ streetId: 'st-a', scopeKind: 'grid', scopeIds: ['gd-b1-1'], periods: ['2026-03'] })).toEqual([]);
      expect((await store.assessment.counters({ streetId: 'st-b', scopeKind: 'grid', scopeIds: ['gd-b1-1'], periods: ['2026-03'] })).map(key)).toEqual(['grid|gd-b1-1|2026-03']);
      const facets = await store.assessment.counters({ streetId: 'st-a', scopeKind: 'grid_category', periods: ['2026-03'] });
      expect(facets.map((r) => [r.scopeId, r.counters.filed])).toEqual([['gd-a1-1/cat-env', 2], ['gd-a1-1/cat-hazard', 1]]);
    });

    it('a commit that loses on version, a duplicate create and a rolled-back transaction change no counter', async () => {
      const r = await create(aRequest('rq-1'));
      const before = await store.assessment.allCounters('st-a');
      expect(await store.requests.commit({ request: { ...r, status: 'accepted', handler: zhao, acceptedAt: at(5), version: 3 }, expectedVersion: 2, events: [], messages: [], outbox: [] })).toBeNull();
      expect((await store.requests.create({ request: { ...r, id: 'rq-1-again' }, event: anEvent({ id: 'rq-1-again', status: 'submitted' }, 1, r.createdAt), messages: [], outbox: [], rateLimits: [] })).kind).toBe('duplicate');
      await expect(
        store.transact(async (tx) => {
          await tx.requests.commit({ request: { ...r, status: 'accepted', handler: zhao, acceptedAt: at(5), version: 2 }, expectedVersion: 1, events: [anEvent(r, 2, at(5))], messages: [], outbox: [] });
          throw new Error('later step fails');
        }),
      ).rejects.toThrow('later step fails');
      expect(await store.assessment.allCounters('st-a')).toEqual(before);
      expect(nonZero(before)).toEqual(recomputed([r], 'st-a'));
    });

    it('a commit inside a transaction keeps the counters with it', async () => {
      const r = await create(aRequest('rq-1'));
      await store.transact((tx) =>
        tx.requests.commit({ request: { ...r, status: 'accepted', handler: zhao, acceptedAt: at(5), version: 2 }, expectedVersion: 1, events: [anEvent(r, 2, at(5))], messages: [], outbox: [] }),
      );
      expect(nonZero(await store.assessment.allCounters('st-a'))).toEqual(recomputed(await stored(['rq-1']), 'st-a'));
    });

    it('overwrite sets exactly the given values, a zero row included', async () => {
      await history();
      const row = (await store.assessment.counters({ streetId: 'st-a', scopeKind: 'street', scopeIds: ['st-a'], periods: ['2026-03'] }))[0];
      const fresh: CounterRow = { scopeKind: 'grid', scopeId: 'gd-a2-1', period: '2026-02', counters: { ...emptyCounters(), filed: 7 } };
      await store.assessment.overwrite('st-a', [{ ...row, counters: { ...row.counters, filed: 99 } }, fresh, { scopeKind: 'building', scopeId: 'bd-2', period: '2026-03', counters: emptyCounters() }]);
      const after = nonZero(await store.assessment.allCounters('st-a'));
      expect(after['street|st-a|2026-03']).toEqual({ ...row.counters, filed: 99 });
      expect(after['grid|gd-a2-1|2026-02']).toEqual(fresh.counters);
      expect(after['building|bd-2|2026-03']).toBeUndefined();
      // A later request write adds to the overwritten value.
      await create(aRequest('rq-z', { idempotencyKey: 'k-z' }));
      expect((await store.assessment.counters({ streetId: 'st-a', scopeKind: 'street', scopeIds: ['st-a'], periods: ['2026-03'] }))[0].counters.filed).toBe(100);
    });

    it("pages a street's requests by id, other streets left out, the page size cut to 1..1000", async () => {
      for (const id of ['rq-3', 'rq-1', 'rq-4', 'rq-2']) await create(aRequest(id));
      await create(aRequest('rq-0', { streetId: 'st-b', communityId: 'cm-b1', gridId: 'gd-b1-1', idempotencyKey: 'k-0' }));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: ServiceRequest[]; next: string | null } = await store.assessment.requestsPage('st-a', cursor, 3);
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual(['rq-1', 'rq-2', 'rq-3', 'rq-4']);
      expect((await store.assessment.requestsPage('st-a', null, 0)).items).toHaveLength(1);
      expect((await store.assessment.requestsPage('st-a', 'rq-2', 5000)).items.map((r) => r.id)).toEqual(['rq-3', 'rq-4']);
      expect((await store.assessment.requestsPage('st-a', null, 10)).items[0]).toEqual(await store.requests.get('rq-1'));
    });

    it('is not offered inside a transaction (it queries)', async () => {
      await expect(store.transact((tx) => tx.assessment.counters({ streetId: 'st-a', scopeKind: 'street', periods: ['2026-03'] }))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.assessment.allCounters('st-a'))).rejects.toBeInstanceOf(TransactionQueryError);
    });

    it('counter ids are core counterId', () => {
      expect(counterId({ streetId: 's', scope: { kind: 'grid', id: 'g' }, period: '2026-03' })).toBe('s|grid|g|2026-03');
    });
  });
}

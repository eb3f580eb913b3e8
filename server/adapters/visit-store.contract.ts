/**
 * The visit part of the Store contract (走访 / 巡查), run by both adapters over `contractFixture()`: a retried
 * send lands once, a history is newest first and only the household's, marks are by grid and date, and the
 * retention purge lists only what is older and removes each visit once.
 */
import type { Visit } from '@core/visits/visit';
import type { Store } from '../ports/store.port';
import { contractFixture, type StoreHarness } from './store-contract-kit';

export function aVisit(id: string, over: Partial<Visit> = {}): Visit {
  return {
    id,
    clientKey: `key-${id}`,
    kind: 'door',
    workerId: 'w-1',
    streetId: 'st-a',
    communityId: 'cm-a1',
    gridId: 'gd-a1-1',
    householdId: 'hh-2-1-101',
    buildingId: 'bd-2',
    date: '2026-03-02',
    at: '2026-03-02T02:00:00.000Z',
    recordedAt: '2026-03-02T02:01:00.000Z',
    met: '本人',
    note: '身体尚好，冬季取暖正常',
    photoFileIds: [],
    outcome: 'none',
    requestId: null,
    followUpOn: null,
    location: null,
    ...over,
  };
}

export function describeVisitStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Visit store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await makeStore();
      store = h.store;
      await h.seed(contractFixture());
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('writes a visit once per (worker, client key): a retried send answers the first visit and writes nothing', async () => {
      expect(await store.visits.record(aVisit('v-1'))).toEqual({ kind: 'created', visit: aVisit('v-1') });
      const again = await store.visits.record(aVisit('v-1-retry', { clientKey: 'key-v-1', note: '重发' }));
      expect(again).toEqual({ kind: 'duplicate', visit: aVisit('v-1') });
      // The same key from another worker is another visit.
      expect((await store.visits.record(aVisit('v-2', { clientKey: 'key-v-1', workerId: 'w-2' }))).kind).toBe('created');
      expect((await store.visits.listForHousehold('hh-2-1-101', 10)).map((v) => v.id).sort()).toEqual(['v-1', 'v-2']);
    });

    it('writes one visit when the same key is sent twice at once', async () => {
      const results = await Promise.all([store.visits.record(aVisit('v-a', { clientKey: 'same-key' })), store.visits.record(aVisit('v-b', { clientKey: 'same-key' }))]);
      expect(results.map((r) => r.kind).sort()).toEqual(['created', 'duplicate']);
      expect(await store.visits.listForHousehold('hh-2-1-101', 10)).toHaveLength(1);
    });

    it('lists a household\'s visits newest first, only its own, bounded', async () => {
      await store.visits.record(aVisit('v-old', { date: '2026-02-01', at: '2026-02-01T02:00:00.000Z' }));
      await store.visits.record(aVisit('v-new', { date: '2026-03-05', at: '2026-03-05T02:00:00.000Z' }));
      await store.visits.record(aVisit('v-mid', { date: '2026-03-05', at: '2026-03-05T01:00:00.000Z' }));
      await store.visits.record(aVisit('v-other', { householdId: 'hh-2-1-201' }));
      expect((await store.visits.listForHousehold('hh-2-1-101', 10)).map((v) => v.id)).toEqual(['v-new', 'v-mid', 'v-old']);
      expect((await store.visits.listForHousehold('hh-2-1-101', 2)).map((v) => v.id)).toEqual(['v-new', 'v-mid']);
      const [stored] = await store.visits.listForHousehold('hh-2-1-201', 1);
      stored.note = '改了';
      expect((await store.visits.listForHousehold('hh-2-1-201', 1))[0].note).toBe(aVisit('x').note);
    });

    it('gives a grid\'s marks from a date on, and several grids\' within a range, by date', async () => {
      await store.visits.record(aVisit('v-1', { date: '2026-03-03', followUpOn: '2026-03-10' }));
      await store.visits.record(aVisit('v-2', { date: '2026-01-10' }));
      await store.visits.record(aVisit('v-3', { date: '2026-03-01', kind: 'patrol', householdId: null }));
      await store.visits.record(aVisit('v-4', { date: '2026-03-02', gridId: 'gd-a1-2', householdId: 'hh-1-1-101', buildingId: 'bd-1' }));
      expect(await store.visits.marksForGrid('gd-a1-1', '2026-02-01')).toEqual([
        { householdId: null, date: '2026-03-01', followUpOn: null },
        { householdId: 'hh-2-1-101', date: '2026-03-03', followUpOn: '2026-03-10' },
      ]);
      expect((await store.visits.marksForGrids(['gd-a1-1', 'gd-a1-2'], '2026-03-01', '2026-03-02')).map((m) => m.date)).toEqual(['2026-03-01', '2026-03-02']);
    });

    it('purges only a street\'s visits older than the cut-off, each once', async () => {
      await store.visits.record(aVisit('v-old', { date: '2023-01-01', photoFileIds: ['f1'] }));
      await store.visits.record(aVisit('v-keep', { date: '2024-01-01' }));
      await store.visits.record(aVisit('v-b', { date: '2020-01-01', streetId: 'st-b', gridId: 'gd-b1-1' }));
      const old = await store.visits.listBefore('st-a', '2023-06-01', 100);
      expect(old).toEqual([{ id: 'v-old', photoFileIds: ['f1'] }]);
      expect(await store.visits.remove(old.map((v) => v.id))).toBe(1);
      expect(await store.visits.remove(['v-old'])).toBe(0);
      expect(await store.visits.listBefore('st-a', '2023-06-01', 100)).toEqual([]);
      expect((await store.visits.listForHousehold('hh-2-1-101', 10)).map((v) => v.id).sort()).toEqual(['v-b', 'v-keep']);
    });
  });
}

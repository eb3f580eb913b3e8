/**
 * The 报平安 part of the Store contract (server/ports/checkin.port.ts), run by both adapters: a start is one
 * idempotent write; a household's first answer lands with its grid's counters and a second one (a retry, a
 * concurrent duplicate) counts nothing; closing freezes the figures once.
 */
import type { CheckIn, CheckInAnswer } from '@core/checkins/checkin';
import type { Store } from '../ports/store.port';
import { contractFixture, type StoreHarness } from './store-contract-kit';

const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 2, m)).toISOString();

const aCheckIn = (id: string, over: Partial<CheckIn> = {}): CheckIn => ({
  id, streetId: 's1', scope: { level: 'street', ids: [] }, question: '请报平安：家中是否有人需要帮助？', noticeId: null,
  startedBy: { id: 'ss', name: '街道值班' }, startedAt: at(0), closedAt: null, frozen: null, idempotencyKey: `key-${id}`, ...over,
});

const anAnswer = (checkInId: string, i: number, over: Partial<CheckInAnswer> = {}): CheckInAnswer => ({
  checkInId, householdId: `hh${String(i).padStart(4, '0')}`, communityId: 'c1', gridId: `g${(i % 4) + 1}`, buildingId: `b${(i % 4) + 1}`,
  answer: i % 3 === 0 ? 'help' : 'safe', note: '', via: 'app', byId: `u${i}`, at: at(1), requestId: null, ...over,
});

export function describeCheckInStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Check-in store contract: ${name}`, () => {
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

    it('creates a check-in once per (starter, idempotency key) and lists a street’s newest first', async () => {
      expect((await store.checkIns.create(aCheckIn('ci1'))).kind).toBe('created');
      const again = await store.checkIns.create(aCheckIn('ci-other', { idempotencyKey: 'key-ci1' }));
      expect(again).toMatchObject({ kind: 'duplicate', checkIn: { id: 'ci1' } });
      await store.checkIns.create(aCheckIn('ci2', { startedAt: at(5) }));
      expect((await store.checkIns.listForStreet('s1', 10)).map((c) => c.id)).toEqual(['ci2', 'ci1']);
      expect(await store.checkIns.get('ci-other')).toBeNull();
      const got = await store.checkIns.get('ci1');
      got!.scope.ids.push('mutated');
      expect((await store.checkIns.get('ci1'))!.scope.ids).toEqual([]);
    });

    it('counts a household’s first answer with its grid’s counters; a second answer changes nothing and returns the first', async () => {
      await store.checkIns.create(aCheckIn('ci1'));
      const first = await store.checkIns.answer(anAnswer('ci1', 3));
      expect(first.kind).toBe('created');
      const second = await store.checkIns.answer(anAnswer('ci1', 3, { answer: 'safe', byId: 'w1', via: 'door' }));
      expect(second).toMatchObject({ kind: 'exists', answer: { answer: 'help', byId: 'u3', via: 'app' } });
      expect(await store.checkIns.gridCounts('ci1')).toEqual([{ gridId: 'g4', communityId: 'c1', answered: 1, safe: 0, help: 1 }]);
      await store.checkIns.setRequestId('ci1', 'hh0003', 'rq1');
      await store.checkIns.setRequestId('ci1', 'hh0003', 'rq2');
      expect((await store.checkIns.getAnswer('ci1', 'hh0003'))!.requestId).toBe('rq1');
      expect((await store.checkIns.answersInGrid('ci1', 'g4')).map((a) => a.householdId)).toEqual(['hh0003']);
      expect(await store.checkIns.answersInGrid('ci1', 'g1')).toEqual([]);
    });

    it('200 concurrent answers, each sent twice, count every household exactly once', async () => {
      await store.checkIns.create(aCheckIn('ci1'));
      const answers = Array.from({ length: 200 }, (_, i) => anAnswer('ci1', i));
      const results = await Promise.all([...answers, ...answers.map((a) => ({ ...a, answer: 'safe' as const }))].map((a) => store.checkIns.answer(a)));
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(200);
      const counts = await store.checkIns.gridCounts('ci1');
      expect(counts.map((c) => c.gridId)).toEqual(['g1', 'g2', 'g3', 'g4']);
      expect(counts.reduce((n, c) => n + c.answered, 0)).toBe(200);
      for (const c of counts) expect(c.safe + c.help).toBe(c.answered);
      const stored = (await Promise.all(counts.map((c) => store.checkIns.answersInGrid('ci1', c.gridId)))).flat();
      expect(stored).toHaveLength(200);
      // Whichever of the two copies landed first, the counters agree with the stored answers.
      expect(counts.reduce((n, c) => n + c.help, 0)).toBe(stored.filter((a) => a.answer === 'help').length);
    });

    it('closes once with the figures frozen on the check-in', async () => {
      await store.checkIns.create(aCheckIn('ci1'));
      const frozen = [{ gridId: 'g1', communityId: 'c1', households: 8, answered: 2, safe: 1, help: 1 }];
      const closed = await store.checkIns.close('ci1', at(9), frozen);
      expect(closed).toMatchObject({ closedAt: at(9), frozen });
      expect(await store.checkIns.close('ci1', at(10), [])).toBeNull();
      expect((await store.checkIns.get('ci1'))!.frozen).toEqual(frozen);
      expect(await store.checkIns.close('nosuch', at(10), [])).toBeNull();
    });
  });
}

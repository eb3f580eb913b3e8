/**
 * The binding-confirmation part of the Store contract, run by both adapters through describeStoreContract over
 * `contractFixture()` (resident r-1 confirmed in hh-2-1-101 of gd-a1-1; w-sun has no residence).
 * A pending residence is found on its grid's 待确认 list only: never among the grid's residents or a notice's audience.
 */
import type { Residence } from '@core/people/user';
import type { StoreHarness } from './store-contract-kit';

const BOUND = '2026-05-04T08:00:00.000Z';
const pendingIn = (gridId: string, householdId: string | null, boundAt = BOUND): Residence => ({
  streetId: 'st-a', communityId: gridId === 'gd-a2-1' ? 'cm-a2' : 'cm-a1', gridId, householdId, via: 'address', boundAt, status: 'pending',
});

export function describeBindingContract(harness: () => StoreHarness): void {
  describe('pending residences', () => {
    it('reads a residence stored without a status as it was written (the app reads it as confirmed)', async () => {
      const r = (await harness().store.users.getById('r-1'))!.residence!;
      expect(r.status).toBeUndefined();
      expect(await harness().store.users.listGridResidents('gd-a1-1')).toEqual([{ id: 'r-1', name: '郑居', householdId: 'hh-2-1-101' }]);
    });

    it('lists the pending residences of a grid by id, and leaves them out of the grid residents and every audience page', async () => {
      const { store } = harness();
      await store.users.setResidence('w-sun', pendingIn('gd-a1-1', 'hh-2-1-102'));
      await store.users.setResidence('s-1', pendingIn('gd-a1-1', null));
      await store.users.setResidence('w-li', pendingIn('gd-a2-1', null));
      expect((await store.users.listPendingResidents('gd-a1-1')).map((u) => u.id)).toEqual(['s-1', 'w-sun']);
      expect((await store.users.listPendingResidents('gd-a1-1'))[1].residence).toEqual(pendingIn('gd-a1-1', 'hh-2-1-102'));
      expect((await store.users.listPendingResidents('gd-a2-1')).map((u) => u.id)).toEqual(['w-li']);
      expect(await store.users.listPendingResidents('gd-a1-2')).toEqual([]);
      // Not counted: neither among the grid's residents nor in any household filter's page.
      expect((await store.users.listGridResidents('gd-a1-1')).map((u) => u.id)).toEqual(['r-1']);
      expect((await store.users.residentIdsPage({ streetId: 'st-a', gridIds: ['gd-a1-1'] }, null, 100)).items).toEqual(['r-1']);
      expect((await store.users.residentIdsPage({ streetId: 'st-a', buildingIds: ['bd-2'] }, null, 100)).items).toEqual(['r-1']);
      expect((await store.users.residentIdsPage({ streetId: 'st-a', communityIds: ['cm-a1', 'cm-a2'] }, null, 100)).items).toEqual(['r-1']);
      expect((await store.users.residentIdsPage({ streetId: 'st-a' }, null, 100)).items).toEqual(['r-1']);
    });

    it('confirming makes the resident count; the pending list no longer names them', async () => {
      const { store } = harness();
      const pending = pendingIn('gd-a1-1', 'hh-2-1-102');
      await store.users.setResidence('w-sun', pending);
      const confirmed: Residence = { ...pending, status: 'confirmed' };
      expect(await store.users.settlePendingResidence('w-sun', { gridId: 'gd-a1-1', boundAt: BOUND }, confirmed)).toBe(true);
      expect((await store.users.getById('w-sun'))?.residence).toEqual(confirmed);
      expect(await store.users.listPendingResidents('gd-a1-1')).toEqual([]);
      expect(await store.users.listGridResidents('gd-a1-1')).toEqual([
        { id: 'r-1', name: '郑居', householdId: 'hh-2-1-101' },
        { id: 'w-sun', name: '孙丽', householdId: 'hh-2-1-102' },
      ]);
      expect((await store.users.residentIdsPage({ streetId: 'st-a', buildingIds: ['bd-2'] }, null, 100)).items).toEqual(['r-1', 'w-sun']);
      // Settling again finds nothing pending: the second of two workers changes nothing.
      expect(await store.users.settlePendingResidence('w-sun', { gridId: 'gd-a1-1', boundAt: BOUND }, null)).toBe(false);
      expect((await store.users.getById('w-sun'))?.residence).toEqual(confirmed);
    });

    it('rejecting clears the residence; a confirmed, rebound, moved or absent residence is left alone', async () => {
      const { store } = harness();
      await store.users.setResidence('w-sun', pendingIn('gd-a1-1', 'hh-2-1-102'));
      // Another grid, another boundAt (the resident rebound since the worker looked), a confirmed one, nobody.
      expect(await store.users.settlePendingResidence('w-sun', { gridId: 'gd-a1-2', boundAt: BOUND }, null)).toBe(false);
      expect(await store.users.settlePendingResidence('w-sun', { gridId: 'gd-a1-1', boundAt: '2026-05-04T09:00:00.000Z' }, null)).toBe(false);
      expect(await store.users.settlePendingResidence('r-1', { gridId: 'gd-a1-1', boundAt: '2026-01-05T00:00:00.000Z' }, null)).toBe(false);
      expect(await store.users.settlePendingResidence('nobody', { gridId: 'gd-a1-1', boundAt: BOUND }, null)).toBe(false);
      expect((await store.users.getById('r-1'))?.residence).not.toBeNull();
      expect(await store.transact((tx) => tx.users.settlePendingResidence('w-sun', { gridId: 'gd-a1-1', boundAt: BOUND }, null))).toBe(true);
      expect((await store.users.getById('w-sun'))?.residence).toBeNull();
      expect(await store.users.listPendingResidents('gd-a1-1')).toEqual([]);
    });

    it('two settles of one binding at once: exactly one wins', async () => {
      const { store } = harness();
      const pending = pendingIn('gd-a1-1', 'hh-2-1-102');
      await store.users.setResidence('w-sun', pending);
      const settle = (next: Residence | null) => store.transact((tx) => tx.users.settlePendingResidence('w-sun', { gridId: 'gd-a1-1', boundAt: BOUND }, next));
      const results = await Promise.all([settle({ ...pending, status: 'confirmed' }), settle(null)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.users.listPendingResidents('gd-a1-1')).toEqual([]);
    });
  });
}

/**
 * The people part of the Store contract (invitations, openid and post writes, new streets, the audit log by
 * street), run by both adapters over `contractFixture()` (see store.contract.ts: street st-a, community cm-a1,
 * worker w-wang, staff s-1).
 */
import { OFFICIAL_CALENDARS } from '@core/calendar/official-calendar';
import { DEFAULT_REQUEST_SETTINGS } from '@core/requests/request';
import type { User } from '@core/people/user';
import type { Invitation } from '../ports/people.port';
import type { AuditEntry, Store } from '../ports/store.port';
import { eachTestStore, expectRefused, type StoreHarness } from './store-contract-kit';

const AT = '2026-03-02T08:00:00.000Z';

function anInvitation(id: string, over: Partial<Invitation> = {}): Invitation {
  return {
    id, userId: 'u-invited', streetId: 'st-a', communityId: 'cm-a1', createdBy: 's-1', createdAt: AT,
    expiresAt: '2026-03-09T08:00:00.000Z', status: 'open', attempts: 0, redeemedAt: null, version: 1, ...over,
  };
}

const invited: User = {
  id: 'u-invited', openid: 'unbound:u-invited', name: '钱新', phone: '13700001234', residence: null,
  posts: [{ role: 'grid_worker', streetId: 'st-a', communityId: 'cm-a1' }], createdAt: AT,
};

function audit(id: string, at: string, streetId: string | null): AuditEntry {
  return { id, at, actorId: 's-1', action: 'people.invite', targetType: 'user', targetId: 'u-invited', detail: { n: id }, streetId };
}

export function describeInvitationStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`People store contract: ${name}`, () => {
    let store: Store;
    eachTestStore(makeStore, (made) => {
      store = made.store;
    });

    it('creates an invitation under its code hash, refuses the same id twice, and reads it back as stored', async () => {
      await store.invitations.create(anInvitation('hash-1'));
      expect(await store.invitations.get('hash-1')).toEqual(anInvitation('hash-1'));
      expect(await store.invitations.get('nope')).toBeNull();
      await expectRefused(store.invitations.create(anInvitation('hash-1', { userId: 'other' })));
      expect((await store.invitations.get('hash-1'))?.userId).toBe('u-invited');
    });

    it('updates an invitation only from the version it read: of two racing updates one wins', async () => {
      await store.invitations.create(anInvitation('hash-2'));
      const [a, b] = await Promise.all([
        store.invitations.update(anInvitation('hash-2', { status: 'redeemed', redeemedAt: AT }), 1),
        store.invitations.update(anInvitation('hash-2', { attempts: 1 }), 1),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const stored = await store.invitations.get('hash-2');
      expect(stored?.version).toBe(2);
      expect(await store.invitations.update(anInvitation('hash-2', { status: 'burnt' }), 1)).toBe(false);
      expect(await store.invitations.update(anInvitation('hash-2', { status: 'burnt' }), 2)).toBe(true);
      expect(await store.invitations.get('hash-2')).toMatchObject({ status: 'burnt', version: 3 });
    });

    it('inside a transaction, invitation and user writes land together or not at all', async () => {
      await store.people.createUser(invited);
      await store.invitations.create(anInvitation('hash-3'));
      await expect(
        store.transact(async (tx) => {
          await tx.invitations.update(anInvitation('hash-3', { status: 'redeemed', redeemedAt: AT }), 1);
          await tx.people.setOpenid('u-invited', 'o-real', 'unbound:u-invited');
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect((await store.invitations.get('hash-3'))?.status).toBe('open');
      expect((await store.users.getById('u-invited'))?.openid).toBe('unbound:u-invited');
      await store.transact(async (tx) => {
        expect(await tx.invitations.update(anInvitation('hash-3', { status: 'redeemed', redeemedAt: AT }), 1)).toBe(true);
        expect(await tx.people.setOpenid('u-invited', 'o-real', 'unbound:u-invited')).toBe(true);
      });
      expect((await store.users.findCaller('o-real'))?.user.id).toBe('u-invited');
    });

    it('lists a person’s open invitations newest first, leaving the closed ones out', async () => {
      await store.invitations.create(anInvitation('hash-a', { createdAt: '2026-03-01T00:00:00.000Z' }));
      await store.invitations.create(anInvitation('hash-b', { createdAt: '2026-03-02T00:00:00.000Z' }));
      await store.invitations.create(anInvitation('hash-c', { status: 'redeemed' }));
      await store.invitations.create(anInvitation('hash-d', { userId: 'someone-else' }));
      expect((await store.invitations.listOpenForUser('u-invited')).map((i) => i.id)).toEqual(['hash-b', 'hash-a']);
    });

    it('creates a user once (id and openid unique) and moves an openid only from the one expected', async () => {
      await store.people.createUser(invited);
      expect(await store.users.getById('u-invited')).toEqual(invited);
      await expectRefused(store.people.createUser({ ...invited, id: 'u-dup' }));
      expect(await store.people.setOpenid('u-invited', 'o-x', 'wrong')).toBe(false);
      // Openids stay unique: taking one another user holds fails.
      await expectRefused(store.people.setOpenid('u-invited', 'o-s-1', 'unbound:u-invited'));
      expect((await store.users.getById('u-invited'))?.openid).toBe('unbound:u-invited');
    });

    it('replaces posts, and the worker and staff lists follow at once', async () => {
      await store.people.createUser(invited);
      expect((await store.users.listWorkers({ communityId: 'cm-a1' })).map((u) => u.id)).toContain('u-invited');
      await store.people.setPosts('u-invited', [{ role: 'community_staff', streetId: 'st-a', communityId: 'cm-a1' }]);
      expect((await store.users.listWorkers({ communityId: 'cm-a1' })).map((u) => u.id)).not.toContain('u-invited');
      expect((await store.users.listStaff({ role: 'community_staff', communityId: 'cm-a1' })).map((u) => u.id)).toContain('u-invited');
      await store.people.setPosts('u-invited', []);
      expect((await store.users.getById('u-invited'))?.posts).toEqual([]);
      expect((await store.users.listStaff({ role: 'community_staff', communityId: 'cm-a1' })).map((u) => u.id)).not.toContain('u-invited');
    });

    it('creates a street that can take requests, found by its code; calendar years already stored are kept', async () => {
      expect(await store.people.findStreetByCode('420100000001')).toBeNull();
      const before = await store.requestConfig.calendars();
      await store.people.createStreet({
        street: { id: 'st-new', code: '420100000001', name: '新街道', district: '新区' },
        categories: [{ id: 'st-new-cat-1', streetId: 'st-new', name: '其他', kind: 'help', responseMinutes: 1440, resolutionDays: 2, active: true, seq: 1 }],
        departments: [],
        settings: { ...structuredClone(DEFAULT_REQUEST_SETTINGS), streetId: 'st-new' },
        calendars: structuredClone(OFFICIAL_CALENDARS),
      });
      expect(await store.people.findStreetByCode('420100000001')).toEqual({ id: 'st-new', code: '420100000001', name: '新街道', district: '新区' });
      expect((await store.requestConfig.categories('st-new')).map((c) => c.name)).toEqual(['其他']);
      expect((await store.requestConfig.settings('st-new')).streetId).toBe('st-new');
      const years = (await store.requestConfig.calendars()).map((y) => y.year);
      expect(years).toEqual(expect.arrayContaining([...before.map((y) => y.year), ...OFFICIAL_CALENDARS.map((y) => y.year)]));
      expect(new Set(years).size).toBe(years.length);
    });

    it('pages a street’s audit entries newest first, other streets and street-less entries left out', async () => {
      for (let i = 0; i < 5; i++) await store.audit.append(audit(`a-${i}`, `2026-03-0${i + 1}T00:00:00.000Z`, 'st-a'));
      await store.audit.append(audit('a-same', '2026-03-05T00:00:00.000Z', 'st-a'));
      await store.audit.append(audit('b-1', '2026-03-09T00:00:00.000Z', 'st-b'));
      await store.audit.append(audit('old', '2026-03-09T00:00:00.000Z', null));
      const first = await store.people.auditPage('st-a', null, 4);
      expect(first.items.map((e) => e.id)).toEqual(['a-same', 'a-4', 'a-3', 'a-2']);
      expect(first.items[0]).toEqual(audit('a-same', '2026-03-05T00:00:00.000Z', 'st-a'));
      const second = await store.people.auditPage('st-a', first.next, 4);
      expect(second.items.map((e) => e.id)).toEqual(['a-1', 'a-0']);
      expect(second.next).toBeNull();
    });
  });
}

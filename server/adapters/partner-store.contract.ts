/**
 * The partner part of the Store contract (Open311 api_keys by hash, revoking, the per-key access log, and
 * the requests list's `sources` filter Open311 reads through), run by both adapters over `contractFixture()`.
 */
import type { PartnerAccessEntry, PartnerKey } from '../ports/partner.port';
import type { Store } from '../ports/store.port';
import { aRequest, anEvent } from './request-store.contract';
import { eachTestStore, expectRefused, type StoreHarness } from './store-contract-kit';

const AT = '2026-03-02T08:00:00.000Z';

export function aPartnerKey(id: string, over: Partial<PartnerKey> = {}): PartnerKey {
  return { id, streetId: 'st-a', name: '12345热线', kind: 'hotline', prefix: 'wgt_ab12', createdBy: 's-1', createdAt: AT, revokedAt: null, revokedBy: null, ...over };
}

function anAccess(id: string, keyId: string, at: string, status = 200): PartnerAccessEntry {
  return { id, keyId, streetId: 'st-a', at, method: 'POST', path: '/open311/v2/requests.json', status };
}

export function describePartnerStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Partner store contract: ${name}`, () => {
    let store: Store;
    eachTestStore(makeStore, (made) => {
      store = made.store;
    });

    it('keeps a key under its hash as written, refuses the same hash twice', async () => {
      await store.partnerKeys.create(aPartnerKey('hash-1'));
      expect(await store.partnerKeys.get('hash-1')).toEqual(aPartnerKey('hash-1'));
      expect(await store.partnerKeys.get('nope')).toBeNull();
      await expectRefused(store.partnerKeys.create(aPartnerKey('hash-1', { name: '别的' })));
      expect((await store.partnerKeys.get('hash-1'))?.name).toBe('12345热线');
    });

    it('revokes once: a second revoke (or an unknown key) answers false and changes nothing', async () => {
      await store.partnerKeys.create(aPartnerKey('hash-2'));
      expect(await store.partnerKeys.revoke('hash-2', '2026-03-03T00:00:00.000Z', 'admin-1')).toBe(true);
      expect(await store.partnerKeys.revoke('hash-2', '2026-03-04T00:00:00.000Z', 'admin-2')).toBe(false);
      expect(await store.partnerKeys.revoke('nope', '2026-03-04T00:00:00.000Z', 'admin-2')).toBe(false);
      expect(await store.partnerKeys.get('hash-2')).toEqual(aPartnerKey('hash-2', { revokedAt: '2026-03-03T00:00:00.000Z', revokedBy: 'admin-1' }));
    });

    it('creates and revokes inside a transaction beside an audit entry, all or nothing', async () => {
      await store.transact(async (tx) => {
        await tx.partnerKeys.create(aPartnerKey('hash-3'));
        await tx.audit.append({ id: 'au-1', at: AT, actorId: 's-1', action: 'partner.create', targetType: 'partner_key', targetId: 'hash-3', detail: {}, streetId: 'st-a' });
      });
      await expect(
        store.transact(async (tx) => {
          expect(await tx.partnerKeys.revoke('hash-3', AT, 's-1')).toBe(true);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.partnerKeys.get('hash-3'))?.revokedAt).toBeNull();
      await store.transact((tx) => tx.partnerKeys.revoke('hash-3', AT, 's-1'));
      expect((await store.partnerKeys.get('hash-3'))?.revokedBy).toBe('s-1');
    });

    it("lists a street's keys newest first, revoked ones included, never another street's", async () => {
      await store.partnerKeys.create(aPartnerKey('k-old', { createdAt: '2026-03-01T00:00:00.000Z' }));
      await store.partnerKeys.create(aPartnerKey('k-new', { createdAt: '2026-03-05T00:00:00.000Z', revokedAt: AT, revokedBy: 's-1' }));
      await store.partnerKeys.create(aPartnerKey('k-other', { streetId: 'st-b' }));
      expect((await store.partnerKeys.list('st-a')).map((k) => k.id)).toEqual(['k-new', 'k-old']);
      expect(await store.partnerKeys.list('st-none')).toEqual([]);
    });

    it('keeps the access log per key, newest first, bounded by the limit', async () => {
      await store.partnerKeys.logAccess(anAccess('a1', 'k1', '2026-03-02T08:00:00.000Z'));
      await store.partnerKeys.logAccess(anAccess('a2', 'k1', '2026-03-02T09:00:00.000Z', 403));
      await store.partnerKeys.logAccess(anAccess('a3', 'k2', '2026-03-02T10:00:00.000Z'));
      expect(await store.partnerKeys.accessLog('k1', 10)).toEqual([anAccess('a2', 'k1', '2026-03-02T09:00:00.000Z', 403), anAccess('a1', 'k1', '2026-03-02T08:00:00.000Z')]);
      expect((await store.partnerKeys.accessLog('k1', 1)).map((e) => e.id)).toEqual(['a2']);
      await expectRefused(store.partnerKeys.logAccess(anAccess('a1', 'k1', '2026-03-02T11:00:00.000Z')));
    });

    it('lists requests by source: only the sources asked, and none for an empty list', async () => {
      const hotline = aRequest('rq-h', { source: 'hotline', submitterId: 'partner:k1', residentId: null, residentName: null, idempotencyKey: 'k-h' });
      const resident = aRequest('rq-r', { idempotencyKey: 'k-r' });
      for (const r of [hotline, resident]) {
        const res = await store.requests.create({ request: r, event: anEvent(r, 1, r.createdAt), messages: [], outbox: [], rateLimits: [] });
        expect(res.kind).toBe('created');
      }
      const q = { streetId: hotline.streetId, sort: 'newest' as const };
      expect((await store.requests.scan({ ...q, sources: ['hotline', 'platform'] }, { limit: 10 })).items.map((r) => r.id)).toEqual(['rq-h']);
      expect((await store.requests.list({ ...q, sources: ['resident'] }, { limit: 10 })).items.map((r) => r.id)).toEqual(['rq-r']);
      expect((await store.requests.list({ ...q, sources: [] }, { limit: 10 })).items).toEqual([]);
      expect(await store.requests.count({ streetId: hotline.streetId, sources: ['hotline'] })).toBe(1);
    });
  });
}

/**
 * The upload part of the Store contract (upload records and the per-person upload limits), run by both adapters.
 */
import type { UploadLimits } from '@core/shared/rate-limit';
import type { Store } from '../ports/store.port';
import type { UploadRecord } from '../ports/upload.port';
import { eachTestStore, type StoreHarness } from './store-contract-kit';

const MB = 1024 * 1024;
const LIMITS: UploadLimits = { rate: [{ windowMinutes: 1, max: 3 }], bytesPerDay: 10 * MB };

export function anUpload(fileId: string, createdAt: string, over: Partial<UploadRecord> = {}): UploadRecord {
  return { fileId, ownerId: 'u-1', contentType: 'image/png', size: MB, createdAt, referencedAt: null, ...over };
}

const t = (minute: number, second = 0) => new Date(Date.parse('2026-11-02T02:00:00.000Z') + minute * 60_000 + second * 1000).toISOString();

export function describeUploadStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Upload store contract: ${name}`, () => {
    let store: Store;
    eachTestStore(makeStore, (made) => {
      store = made.store;
    }, null);

    it('keeps a record as registered; registering the same file again answers it and counts nothing', async () => {
      const rec = anUpload('cloud://env.bucket/uploads/u-1/a.png', t(0));
      expect(await store.uploads.register(rec, LIMITS)).toEqual({ kind: 'registered', record: rec });
      expect(await store.uploads.get(rec.fileId)).toEqual(rec);
      expect(await store.uploads.get('nosuch')).toBeNull();
      expect(await store.uploads.register({ ...rec, size: 2 * MB }, LIMITS)).toEqual({ kind: 'duplicate', record: rec });
      // Two more fit the minute's 3: the duplicate took no slot.
      expect((await store.uploads.register(anUpload('b', t(0, 1)), LIMITS)).kind).toBe('registered');
      expect((await store.uploads.register(anUpload('c', t(0, 2)), LIMITS)).kind).toBe('registered');
      expect(await store.uploads.register(anUpload('d', t(0, 3)), LIMITS)).toEqual({ kind: 'rate_limited', limit: { windowMinutes: 1, max: 3 } });
      expect(await store.uploads.get('d')).toBeNull();
      // Another person has their own log.
      expect((await store.uploads.register(anUpload('e', t(0, 3), { ownerId: 'u-2' }), LIMITS)).kind).toBe('registered');
      expect((await store.uploads.register(anUpload('f', t(1, 1)), LIMITS)).kind).toBe('registered');
    });

    it('refuses an upload past the day’s bytes, writes nothing for it, and starts afresh at 00:00 Beijing time', async () => {
      const limits: UploadLimits = { rate: [{ windowMinutes: 1, max: 100 }], bytesPerDay: 3 * MB };
      expect((await store.uploads.register(anUpload('q1', '2026-11-02T15:58:00.000Z', { size: 2 * MB }), limits)).kind).toBe('registered');
      expect(await store.uploads.register(anUpload('q2', '2026-11-02T15:59:00.000Z', { size: MB + 1 }), limits)).toEqual({
        kind: 'quota_exceeded', used: 2 * MB, max: 3 * MB,
      });
      expect(await store.uploads.get('q2')).toBeNull();
      expect((await store.uploads.register(anUpload('q3', '2026-11-02T15:59:30.000Z', { size: MB }), limits)).kind).toBe('registered');
      expect((await store.uploads.register(anUpload('q4', '2026-11-02T15:59:59.000Z', { size: 1 }), limits)).kind).toBe('quota_exceeded');
      expect((await store.uploads.register(anUpload('q5', '2026-11-02T16:00:00.000Z', { size: 3 * MB }), limits)).kind).toBe('registered');
    });

    it('lets exactly the limit through when one person uploads many at once', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.uploads.register(anUpload(`p${i}`, t(0)), LIMITS)));
      expect(results.filter((r) => r.kind === 'registered')).toHaveLength(3);
      expect(results.filter((r) => r.kind === 'rate_limited')).toHaveLength(5);
    });

    it('marks a record used once, answers which ids have a record, and lists only unused ones before the cut, oldest first', async () => {
      for (const [id, m] of [['old-1', 0], ['old-2', 1], ['used', 2], ['new', 30]] as const) {
        await store.uploads.register(anUpload(id, t(m), { ownerId: `o-${id}` }), LIMITS);
      }
      expect((await store.uploads.markReferenced(['used', 'nosuch', 'used'], t(3))).sort()).toEqual(['used']);
      expect((await store.uploads.markReferenced(['used'], t(9))).sort()).toEqual(['used']);
      expect((await store.uploads.get('used'))?.referencedAt).toBe(t(3));
      expect((await store.uploads.listUnreferenced(t(10), 100)).map((r) => r.fileId)).toEqual(['old-1', 'old-2']);
      expect((await store.uploads.listUnreferenced(t(10), 1)).map((r) => r.fileId)).toEqual(['old-1']);
      await store.uploads.release(['used']);
      expect((await store.uploads.listUnreferenced(t(10), 100)).map((r) => r.fileId)).toEqual(['old-1', 'old-2', 'used']);
    });

    it('removes only records still unused, answering those it removed; a second run removes nothing more', async () => {
      await store.uploads.register(anUpload('x1', t(0), { ownerId: 'a' }), LIMITS);
      await store.uploads.register(anUpload('x2', t(0), { ownerId: 'b' }), LIMITS);
      await store.uploads.markReferenced(['x2'], t(1));
      expect(await store.uploads.removeUnreferenced(['x1', 'x2', 'nosuch'])).toEqual(['x1']);
      expect(await store.uploads.removeUnreferenced(['x1', 'x2'])).toEqual([]);
      expect(await store.uploads.get('x1')).toBeNull();
      expect(await store.uploads.get('x2')).not.toBeNull();
      // A file whose record was purged cannot be marked (and so is never attached).
      expect(await store.uploads.markReferenced(['x1'], t(2))).toEqual([]);
    });
  });
}

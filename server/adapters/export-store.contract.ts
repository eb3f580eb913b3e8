/**
 * The export part of the Store contract (export file records and their expiry), run by both adapters.
 */
import type { ExportRecord } from '../ports/export.port';
import type { ServiceRequest } from '@core/requests/request';
import type { RequestQuery } from '../ports/request.port';
import { aRequest, anEvent, at } from './request-store.contract';
import { contractFixture, eachTestStore, expectRefused, type StoreHarness } from './store-contract-kit';
import type { AuditEntry, Store } from '../ports/store.port';

const SCAN_COUNT = 520;

export function anExport(id: string, expiresAt: string, over: Partial<ExportRecord> = {}): ExportRecord {
  return {
    id, streetId: 'st-a', fileId: `exports/${id}`, fileName: '诉求台账_测试街道_2026年3月.xlsx', kind: 'requests', format: 'xlsx',
    scope: { kind: 'street', id: 'st-a' }, period: { from: '2026-03-01', to: '2026-03-31' }, noticeId: null, rows: 3,
    createdBy: 's-1', createdAt: '2026-03-02T08:00:00.000Z', expiresAt, ...over,
  };
}

export function describeExportStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Export store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    eachTestStore(makeStore, (made) => {
      h = made;
      store = made.store;
    }, null);

    it('keeps a record as written and refuses a second one with the same id', async () => {
      const rec = anExport('x1', '2026-03-03T08:00:00.000Z');
      await store.exports.create(rec);
      expect(await store.exports.get('x1')).toEqual(rec);
      expect(await store.exports.get('nosuch')).toBeNull();
      await expectRefused(store.exports.create({ ...rec, rows: 9 }));
      expect((await store.exports.get('x1'))?.rows).toBe(3);
    });

    it('lists expired records oldest expiry first, up to the limit, and removes them once', async () => {
      await store.exports.create(anExport('x3', '2026-03-03T10:00:00.000Z'));
      await store.exports.create(anExport('x1', '2026-03-03T08:00:00.000Z'));
      await store.exports.create(anExport('x2', '2026-03-03T08:00:00.000Z'));
      await store.exports.create(anExport('x4', '2026-03-04T08:00:00.000Z'));
      const due = await store.exports.listExpired('2026-03-03T10:00:00.000Z', 10);
      expect(due.map((r) => r.id)).toEqual(['x1', 'x2', 'x3']);
      expect((await store.exports.listExpired('2026-03-03T10:00:00.000Z', 2)).map((r) => r.id)).toEqual(['x1', 'x2']);
      await store.exports.remove(['x1', 'x2', 'nosuch']);
      await store.exports.remove(['x1']);
      expect((await store.exports.listExpired('2026-03-05T00:00:00.000Z', 10)).map((r) => r.id)).toEqual(['x3', 'x4']);
    });

    it('requests.scan walks the same selection in the same order as list, 500 a page', async () => {
      await h.seed(contractFixture());
      for (let i = 0; i < SCAN_COUNT; i++) {
        const r = aRequest(`scan-${String(i).padStart(4, '0')}`, { idempotencyKey: `scan-key-${i}`, createdAt: at(i), updatedAt: at(i) });
        await store.requests.create({ request: r, event: anEvent(r, 1, r.createdAt), messages: [], outbox: [], rateLimits: [] });
      }
      const query: RequestQuery = { streetId: 'st-a', createdFrom: at(10), createdTo: at(SCAN_COUNT), sort: 'newest' };
      const walk = async (read: (cursor: string | null) => Promise<{ items: ServiceRequest[]; next: string | null }>) => {
        const pages: number[] = [];
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await read(cursor);
          pages.push(page.items.length);
          ids.push(...page.items.map((r) => r.id));
          cursor = page.next;
        } while (cursor);
        return { pages, ids };
      };
      const scanned = await walk((cursor) => store.requests.scan(query, { limit: 5000, cursor }));
      const listed = await walk((cursor) => store.requests.list(query, { limit: 5000, cursor }));
      expect(scanned.pages).toEqual([500, 10]);
      expect(listed.pages).toEqual([100, 100, 100, 100, 100, 10]);
      expect(scanned.ids).toEqual(listed.ids);
      expect(scanned.ids[0]).toBe(`scan-${String(SCAN_COUNT - 1).padStart(4, '0')}`);
      expect(scanned.ids).toHaveLength(SCAN_COUNT - 10);
    }, 60_000);

    it('writes the record and its audit entry together, or neither', async () => {
      const entry: AuditEntry = {
        id: 'au-x', at: '2026-03-02T08:00:00.000Z', actorId: 's-1', action: 'assessment.export', targetType: 'export', targetId: 'x9',
        detail: { rows: 3 }, streetId: 'st-a',
      };
      await expect(
        store.transact(async (tx) => {
          await tx.exports.create(anExport('x9', '2026-03-03T08:00:00.000Z'));
          await tx.audit.append(entry);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await store.exports.get('x9')).toBeNull();
      expect(await store.audit.listFor('export', 'x9', 5)).toEqual([]);
      await store.transact(async (tx) => {
        await tx.exports.create(anExport('x9', '2026-03-03T08:00:00.000Z'));
        await tx.audit.append(entry);
      });
      expect(await store.exports.get('x9')).not.toBeNull();
      expect((await store.audit.listFor('export', 'x9', 5)).map((a) => a.id)).toEqual(['au-x']);
    });
  });
}

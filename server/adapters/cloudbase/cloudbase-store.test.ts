import type { OutboxRecord } from '@core/messages/message';
import type { ServiceRequest } from '@core/requests/request';
import type { ReadWrite } from '../../ports/notice.port';
import type { NewRequestWrite, TransitionWrite } from '../../ports/request.port';
import { describeExportStoreContract } from '../export-store.contract';
import { describeUploadStoreContract } from '../upload-store.contract';
import { describeCheckInStoreContract } from '../checkin-store.contract';
import { describeFollowerStoreContract } from '../follower-store.contract';
import { describeInvitationStoreContract } from '../invitation-store.contract';
import { describePartnerStoreContract } from '../partner-store.contract';
import { describeVisitStoreContract } from '../visit-store.contract';
import { describeRegisterStoreContract } from '../register-store.contract';
import { aNotice, keysOf } from '../notice-store.contract';
import { aRequest, anEvent, at } from '../request-store.contract';
import { describeStoreContract } from '../store.contract';
import { contractFixture } from '../store-contract-kit';
import { COLLECTIONS } from './collections';
import { listOutbox } from './cloudbase-requests';
import { createCloudbaseStore, importIntoCloudbase } from './cloudbase-store';
import { FakeCloudbaseDb } from './testing/fake-cloudbase-db';
import { unservedQuery } from './testing/index-use';

/** Every query recorded while the contracts run, checked against the indexes of collections.ts at the end. */
const UNSERVED = new Set<string>();
function recordIndexUse(db: FakeCloudbaseDb): void {
  for (const q of db.queries) {
    const why = unservedQuery(q, COLLECTIONS);
    if (why) UNSERVED.add(why);
  }
}
afterAll(() => {
  // The rule of collections.ts: every query has an index (equality prefix, then its sort or range field).
  expect([...UNSERVED].sort()).toEqual([]);
});

/** The contract's own look at the outbox (a full read, diagnostics only) is no query of the store's. */
async function outboxOf(db: FakeCloudbaseDb) {
  const before = db.queries.length;
  const records = await listOutbox(db);
  db.queries.splice(before);
  return records;
}

describeStoreContract('cloudbase (against the SDK double, every transaction re-run once)', async () => {
  const db = new FakeCloudbaseDb();
  db.retryEveryTransactionOnce = true;
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => outboxOf(db), cleanup: async () => recordIndexUse(db) };
});

describeStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return {
    store: createCloudbaseStore(db),
    seed: (data) => importIntoCloudbase(db, data),
    outbox: () => outboxOf(db),
    cleanup: async () => {
      recordIndexUse(db);
      // Every query the store ran named its page size, within the 1000 a cloud function may ask.
      for (const q of db.queries) {
        expect(q.limit).toBeGreaterThan(0);
        expect(q.limit).toBeLessThanOrEqual(1000);
      }
    },
  };
});

describeInvitationStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => outboxOf(db), cleanup: async () => recordIndexUse(db) };
});

describePartnerStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => outboxOf(db), cleanup: async () => recordIndexUse(db) };
});

describeUploadStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => outboxOf(db), cleanup: async () => recordIndexUse(db) };
});

describeVisitStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => listOutbox(db), cleanup: async () => undefined };
});

describeExportStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => outboxOf(db), cleanup: async () => recordIndexUse(db) };
});

describe('cloudbase store specifics', () => {
  it('stores one document per entity under its id, with query-only fields kept out of answers', async () => {
    const db = new FakeCloudbaseDb();
    const store = createCloudbaseStore(db);
    await importIntoCloudbase(db, contractFixture());
    const raw = (await db.collection('households').doc('hh-2-1-90').get()).data[0];
    expect(raw).toMatchObject({ _id: 'hh-2-1-90', room: '90', roomKey: '0000000090' });
    const user = (await db.collection('users').doc('w-zhou').get()).data[0];
    expect(user.workerKeys).toEqual(expect.arrayContaining(['*', 's:st-a', 'c:cm-a2', 's:st-a|c:cm-a2']));
    expect(user.workerKeys).not.toContain('c:cm-a1');
    expect(await store.places.getHousehold('hh-2-1-90')).not.toHaveProperty('roomKey');
    expect(await store.users.getById('w-zhou')).not.toHaveProperty('workerKeys');
    expect((await db.collection('cards').doc('w-zhao').get()).data[0]).not.toHaveProperty('workerId');
  });

  it('keeps a request\'s query-only fields (handlerId, dueAt, deadlineKey) and its key document out of answers', async () => {
    const db = new FakeCloudbaseDb();
    const store = createCloudbaseStore(db);
    const r = aRequest('rq-1', { status: 'accepted', handler: { kind: 'worker', id: 'w-zhao', name: '赵敏' }, resolutionDueAt: at(3000) });
    await store.requests.create({ request: r, event: anEvent(r, 1, r.createdAt), messages: [], outbox: [], rateLimits: [{ windowMinutes: 10, max: 1 }] });
    const raw = (await db.collection('requests').doc('rq-1').get()).data[0];
    expect(raw).toMatchObject({ _id: 'rq-1', handlerId: 'w-zhao', dueAt: at(3000), deadlineKey: at(3000) });
    expect(raw).not.toHaveProperty('id');
    expect(await store.requests.get('rq-1')).toEqual(r);
    const keys = (await db.collection('request_keys').limit(10).get()).data;
    expect(keys).toEqual([expect.objectContaining({ requestId: 'rq-1', submitterId: 'r-1' })]);
    expect(keys[0]._id).toMatch(/^k_[0-9a-f]{40}$/);
    expect((await db.collection('rate_logs').limit(10).get()).data).toEqual([expect.objectContaining({ _id: 'request:r-1', times: [r.createdAt] })]);
  });

  it('keeps a notice\'s query-only fields (feedKeys, areaKeys, priority, head) out of answers, and an edit keeps its keys', async () => {
    const db = new FakeCloudbaseDb();
    const store = createCloudbaseStore(db);
    const n = aNotice('n-1', { scope: { level: 'buildings', ids: ['bd-2', 'bd-x'] }, urgent: true });
    await store.notices.create(n, keysOf(n.scope), []);
    const raw = (await db.collection('notices').doc('n-1').get()).data[0];
    expect(raw).toMatchObject({ _id: 'n-1', priority: 1, feedKeys: ['buildings:bd-2', 'buildings:bd-x'], head: expect.objectContaining({ id: 'n-1', urgent: true }) });
    expect([...(raw.areaKeys as string[])].sort()).toEqual(['c:cm-a1', 'c:cm-a2', 'g:gd-a1-1', 'g:gd-a2-1']);
    expect(raw).not.toHaveProperty('id');
    expect(await store.notices.get('n-1')).toEqual(n);
    const edited = { ...n, pinned: true, title: '改过的标题', version: 2 };
    expect(await store.notices.update(edited, 1)).toEqual(edited);
    const after = (await db.collection('notices').doc('n-1').get()).data[0];
    expect(after).toMatchObject({ priority: 3, feedKeys: raw.feedKeys, areaKeys: raw.areaKeys, head: expect.objectContaining({ title: '改过的标题', pinned: true }) });
    const keys = (await db.collection('notice_idempotency').limit(10).get()).data;
    expect(keys).toEqual([expect.objectContaining({ noticeId: 'n-1', publisherId: 's-1' })]);
    expect(keys[0]._id).toMatch(/^nk_[0-9a-f]{40}$/);
  });

  it('keeps residents\' keys (with the building read from the household) out of answers; a household without key groups has none', async () => {
    const db = new FakeCloudbaseDb();
    const store = createCloudbaseStore(db);
    await importIntoCloudbase(db, contractFixture());
    const raw = async (id: string) => (await db.collection('users').doc(id).get()).data[0];
    expect((await raw('r-1')).residenceKeys).toEqual(['s:st-a', 'c:cm-a1', 'g:gd-a1-1', 'h:hh-2-1-101', 'b:bd-2']);
    expect((await raw('w-zhao')).residenceKeys).toEqual([]);
    expect(await store.users.getById('r-1')).not.toHaveProperty('residenceKeys');
    const r1 = (await store.users.getById('r-1'))!;
    await store.users.setResidence('r-1', { ...r1.residence!, householdId: null, via: 'qr' });
    expect((await raw('r-1')).residenceKeys).toEqual(['s:st-a', 'c:cm-a1', 'g:gd-a1-1']);
    await store.transact((tx) => tx.users.setResidence('r-1', { ...r1.residence!, gridId: 'gd-a1-1', householdId: 'hh-10-1-301' }));
    expect((await raw('r-1')).residenceKeys).toEqual(['s:st-a', 'c:cm-a1', 'g:gd-a1-1', 'h:hh-10-1-301', 'b:bd-10']);
    await store.users.setResidence('r-1', null);
    expect((await raw('r-1')).residenceKeys).toEqual([]);
    await store.users.ensure({ ...r1, id: 'r-new', openid: 'o-r-new' });
    expect((await raw('r-new')).residenceKeys).toEqual(['s:st-a', 'c:cm-a1', 'g:gd-a1-1', 'h:hh-2-1-101', 'b:bd-2']);

    await db.collection('households').doc('hh-2-1-90').update({ keyGroups: db.command.remove() });
    expect((await store.places.getHousehold('hh-2-1-90'))?.keyGroups).toEqual([]);
    expect((await store.places.listGridHouseholds('gd-a1-1'))[0]).toMatchObject({ id: 'hh-2-1-90', keyGroups: [] });
  });

  it('declares a collection for everything it stores, with unique openid, QR token and notice idempotency key', () => {
    const names = COLLECTIONS.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'streets', 'communities', 'grids', 'buildings', 'households', 'users', 'cards', 'audit',
        'requests', 'request_keys', 'request_events', 'inbox', 'outbox', 'rate_logs', 'categories', 'departments', 'request_settings', 'calendars',
        'notices', 'notice_idempotency', 'notice_receipts', 'notice_reach', 'notice_grid_stats',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    const unique = COLLECTIONS.flatMap((c) => c.indexes.filter((i) => i.unique).map((i) => `${c.name}.${i.keys.map((k) => k.field).join(',')}`));
    expect(unique.sort()).toEqual(['grids.qrToken', 'notices.publisherId,idempotencyKey', 'users.openid']);
    for (const c of COLLECTIONS) {
      const indexNames = c.indexes.map((i) => i.name);
      expect(new Set(indexNames).size).toBe(indexNames.length);
    }
  });
});

describe('the SDK double behaves like the SDK', () => {
  async function withDocs(n: number) {
    const db = new FakeCloudbaseDb();
    const docs = Array.from({ length: n }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, n: i, tags: [i % 2 ? 'odd' : 'even'] }));
    for (let i = 0; i < docs.length; i += 500) await db.collection('things').add(docs.slice(i, i + 500));
    return db;
  }

  it('returns 100 documents without limit() and at most 1000 with any limit', async () => {
    const db = await withDocs(1200);
    expect((await db.collection('things').get()).data).toHaveLength(100);
    expect((await db.collection('things').limit(5000).get()).data).toHaveLength(1000);
    expect((await db.collection('things').orderBy('n', 'desc').skip(1000).limit(1000).get()).data.map((d) => d.n)).toEqual(
      Array.from({ length: 200 }, (_, i) => 199 - i),
    );
    expect(() => db.collection('things').limit(1.5)).toThrow();
    expect((await db.collection('things').where({ tags: 'odd' }).count()).total).toBe(600);
  });

  it('answers doc().get() with an array, and with the document itself inside a transaction', async () => {
    const db = await withDocs(1);
    expect((await db.collection('things').doc('d00000').get()).data).toEqual([{ _id: 'd00000', n: 0, tags: ['even'] }]);
    expect((await db.collection('things').doc('nope').get()).data).toEqual([]);
    const inside = await db.runTransaction(async (t) => [(await t.collection('things').doc('d00000').get()).data, (await t.collection('things').doc('nope').get()).data]);
    expect(inside).toEqual([{ _id: 'd00000', n: 0, tags: ['even'] }, null]);
  });

  it('merges nested objects on update unless command.set replaces them', async () => {
    const db = new FakeCloudbaseDb();
    const _ = db.command;
    await db.collection('things').add({ _id: 'a', box: { x: 1, y: 2 }, v: 1 });
    await db.collection('things').doc('a').update({ box: { x: 9 }, v: _.inc(2) });
    expect((await db.collection('things').doc('a').get()).data[0]).toEqual({ _id: 'a', box: { x: 9, y: 2 }, v: 3 });
    await db.collection('things').doc('a').update({ box: _.set({ x: 0 }) });
    expect((await db.collection('things').doc('a').get()).data[0]).toEqual({ _id: 'a', box: { x: 0 }, v: 3 });
    await expect(db.collection('things').doc('a').update({ _id: 'b' })).rejects.toThrow();
    await expect(db.collection('things').doc('a').set({ v: _.inc(1) })).rejects.toThrow();
  });

  it('enforces unique indexes and taken ids with DATABASE_DUPLICATE_WRITE, writing nothing of a failed batch', async () => {
    const db = new FakeCloudbaseDb();
    await db.collection('users').add({ _id: 'u1', openid: 'o1' });
    await expect(db.collection('users').add({ _id: 'u2', openid: 'o1' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    await expect(db.collection('users').add([{ _id: 'u3', openid: 'o3' }, { _id: 'u1', openid: 'o4' }])).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect((await db.collection('users').limit(10).get()).data.map((d) => d._id)).toEqual(['u1']);
  });

  it('rolls a transaction back on throw, hides it from others until commit, and refuses queries inside', async () => {
    const db = new FakeCloudbaseDb();
    await db.collection('things').add({ _id: 'a', v: 1 });
    await expect(
      db.runTransaction(async (t) => {
        await t.collection('things').doc('a').update({ v: 2 });
        expect((await db.collection('things').doc('a').get()).data[0].v).toBe(1);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect((await db.collection('things').doc('a').get()).data[0].v).toBe(1);
    await expect(db.runTransaction(async (t) => (t.collection('things') as unknown as { where(c: object): unknown }).where({ v: 1 }))).rejects.toThrow(/single-document/);
    expect(db.transactions).toEqual({ committed: 0, rolledBack: 2 });
  });

  it('projects fields: inclusion keeps _id, exclusion drops only what it names', async () => {
    const db = new FakeCloudbaseDb();
    await db.collection('things').add({ _id: 'a', head: { t: 1 }, body: 'long', n: 2 });
    expect((await db.collection('things').field({ head: true }).limit(1).get()).data).toEqual([{ _id: 'a', head: { t: 1 } }]);
    expect((await db.collection('things').field({ _id: true }).limit(1).get()).data).toEqual([{ _id: 'a' }]);
    expect((await db.collection('things').field({ body: false }).limit(1).get()).data).toEqual([{ _id: 'a', head: { t: 1 }, n: 2 }]);
    await expect(db.collection('things').field({ head: true, body: false }).limit(1).get()).rejects.toThrow();
  });

  it('aggregates: match, group, sort, skip, limit; 20 results without a limit stage; groups unordered without sort; refused in a transaction', async () => {
    const db = new FakeCloudbaseDb();
    const _ = db.command;
    const docs = Array.from({ length: 300 }, (_x, i) => ({ _id: `h${String(i).padStart(3, '0')}`, g: `g${String(i % 30).padStart(2, '0')}`, c: i % 30 < 15 ? 'c1' : 'c2', n: i }));
    await db.collection('hh').add(docs);
    const grouped = () => db.collection('hh').aggregate().match({ n: _.gte(0) }).group({ _id: '$g', c: { $first: '$c' }, count: { $sum: 1 }, top: { $max: '$n' } });
    expect((await grouped().end()).data).toHaveLength(20);
    const all = (await grouped().sort({ _id: 1 }).limit(100).end()).data;
    expect(all).toHaveLength(30);
    expect(all[0]).toEqual({ _id: 'g00', c: 'c1', count: 10, top: 270 });
    expect(all[29]).toEqual({ _id: 'g29', c: 'c2', count: 10, top: 299 });
    const unsorted = (await grouped().limit(100).end()).data.map((g) => g._id);
    expect(unsorted).not.toEqual([...unsorted].sort());
    expect((await grouped().sort({ _id: -1 }).skip(28).limit(5).end()).data.map((g) => g._id)).toEqual(['g01', 'g00']);
    expect((await db.collection('hh').aggregate().match({ c: 'c2' }).group({ _id: null, total: { $sum: '$n' } }).limit(1).end()).data).toEqual([
      { _id: null, total: docs.filter((d) => d.c === 'c2').reduce((a, d) => a + d.n, 0) },
    ]);
    expect(db.queries.slice(-1)[0]).toMatchObject({ collection: 'hh', limit: 1, returned: 1 });
    expect(() => db.collection('hh').aggregate().limit(0)).toThrow();
    expect(() => db.collection('hh').aggregate().group({ count: { $sum: 1 } } as never)).toThrow();
    await expect(db.runTransaction(async (t) => (t.collection('hh') as unknown as { aggregate(): unknown }).aggregate())).rejects.toThrow(/single-document/);
  });

  it('re-runs a transaction that conflicted with a concurrent write', async () => {
    const db = new FakeCloudbaseDb();
    await db.collection('things').add({ _id: 'a', v: 1 });
    let runs = 0;
    await db.runTransaction(async (t) => {
      runs++;
      const v = (await t.collection('things').doc('a').get()).data!.v as number;
      if (runs === 1) await db.collection('things').doc('a').update({ v: 10 });
      await t.collection('things').doc('a').update({ v: v + 1 });
    });
    expect(runs).toBe(2);
    expect((await db.collection('things').doc('a').get()).data[0].v).toBe(11);
  });
});

/**
 * Fault injection: the Nth document operation of a create or commit transaction fails, for every N the
 * write runs. Whatever N, nothing of it is stored; the same write then succeeds once.
 */
describe('cloudbase request and notice writes under injected faults', () => {
  const COLLECTIONS_TOUCHED = [
    'requests', 'request_keys', 'request_events', 'inbox', 'outbox', 'rate_logs', 'assessment_counters',
    'notices', 'notice_idempotency', 'notice_receipts', 'notice_reach', 'notice_grid_stats',
  ];

  async function snapshot(db: FakeCloudbaseDb): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const name of COLLECTIONS_TOUCHED) out[name] = (await db.collection(name).orderBy('_id', 'asc').limit(1000).get()).data;
    return out;
  }

  async function failAtEveryStep<T>(db: FakeCloudbaseDb, write: () => Promise<T>): Promise<{ result: T; operations: string[] }> {
    const before = await snapshot(db);
    for (let k = 1; k < 100; k++) {
      let seen = 0;
      const operations: string[] = [];
      db.beforeTransactionOperation = (op) => {
        operations.push(op);
        if (++seen === k) throw Object.assign(new Error(`injected fault at operation ${k}`), { code: 'DATABASE_REQUEST_FAILED' });
      };
      try {
        const result = await write();
        db.beforeTransactionOperation = null;
        return { result, operations };
      } catch (e) {
        db.beforeTransactionOperation = null;
        expect((e as Error).message).toBe(`injected fault at operation ${k}`);
        expect(await snapshot(db)).toEqual(before);
      }
    }
    throw new Error('the write never succeeded');
  }

  const write = (id: string, key = `key-${id}`): NewRequestWrite => {
    const request = aRequest(id, { idempotencyKey: key });
    const event = anEvent(request, 1, request.createdAt);
    return {
      request,
      event,
      messages: [{ id: `m-${id}`, userId: 'w-zhao', title: '新诉求待受理', body: '环境卫生', link: { kind: 'request', id }, at: request.createdAt, readAt: null }],
      outbox: [{ id: `${event.id}:w-zhao:subscribe`, eventId: event.id, recipientId: 'w-zhao', channel: 'subscribe', template: 'request_new', payload: {}, status: 'pending', attempts: 0, nextTryAt: request.createdAt, lastError: null, createdAt: request.createdAt }],
      rateLimits: [{ windowMinutes: 10, max: 5 }, { windowMinutes: 24 * 60, max: 20 }],
    };
  };

  it('create and commit leave nothing half-written whichever operation fails', async () => {
    const db = new FakeCloudbaseDb();
    const store = createCloudbaseStore(db);
    await importIntoCloudbase(db, contractFixture());

    const created = await failAtEveryStep(db, () => store.requests.create(write('rq-1')));
    expect(created.result.kind).toBe('created');
    expect(created.operations.filter((op) => op.startsWith('set ')).map((op) => op.split('/')[0])).toEqual([
      'set rate_logs', 'set request_keys', 'set requests',
      // 考核: street, community and grid by day and month, and the grid's category this month.
      ...Array(7).fill('set assessment_counters'),
      'set request_events', 'set inbox', 'set outbox',
    ]);
    expect((await store.requests.create(write('rq-1-retry', 'key-rq-1'))).kind).toBe('duplicate');
    expect((await db.collection('rate_logs').limit(10).get()).data.map((d) => (d.times as string[]).length)).toEqual([1]);

    const next: ServiceRequest = { ...aRequest('rq-1'), status: 'accepted', version: 2, handler: { kind: 'worker', id: 'w-zhao', name: '赵敏' } };
    const commit: TransitionWrite = {
      request: next,
      expectedVersion: 1,
      events: [anEvent(next, 2, at(5), 'accept')],
      messages: [{ id: 'm-acc', userId: 'r-1', title: '诉求已受理', body: '', link: null, at: at(5), readAt: null }],
      outbox: [],
    };
    const committed = await failAtEveryStep(db, () => store.requests.commit(commit));
    expect(committed.result).toEqual(next);
    expect(await store.requests.commit(commit)).toBeNull();
    expect((await store.requests.events('rq-1')).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('publishing, reading, acknowledging and reaching leave nothing half-written whichever operation fails', async () => {
    const db = new FakeCloudbaseDb();
    const store = createCloudbaseStore(db);
    await importIntoCloudbase(db, contractFixture());
    const n = aNotice('n-1', { urgent: true, requireAck: true });
    const fanOut: OutboxRecord = {
      id: 'notice-n-1:*:subscribe', eventId: 'notice-n-1', recipientId: '*', channel: 'subscribe', template: 'notice_urgent',
      payload: { noticeId: 'n-1' }, status: 'pending', attempts: 0, nextTryAt: n.publishAt, lastError: null, createdAt: n.publishAt,
    };
    const published = await failAtEveryStep(db, () => store.notices.create(n, keysOf(n.scope), [fanOut]));
    expect(published.result).toEqual({ kind: 'created', notice: n });
    expect(published.operations.filter((op) => op.startsWith('set ')).map((op) => op.split('/')[0])).toEqual(['set notice_idempotency', 'set notices', 'set outbox']);
    expect((await store.notices.create(aNotice('n-1b', { idempotencyKey: n.idempotencyKey }), keysOf(n.scope), [])).kind).toBe('duplicate');

    const read: ReadWrite = {
      noticeId: 'n-1', userId: 'r-1', version: 1, at: at(60),
      place: { streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-1', buildingId: 'bd-2', householdId: 'hh-2-1-101' },
    };
    const first = await failAtEveryStep(db, () => store.notices.markRead(read));
    expect(first.operations.filter((op) => !op.startsWith('get ')).map((op) => op.split('/')[0])).toEqual([
      'set notice_receipts', 'set notice_reach', 'set notice_grid_stats',
    ]);
    const ack = await failAtEveryStep(db, () => store.notices.acknowledge({ ...read, userId: 'r-2', at: at(70) }));
    expect(ack.result.ackedAt).toBe(at(70));
    const visit = { noticeId: 'n-1', householdId: 'hh-2-1-201', communityId: 'cm-a1', gridId: 'gd-a1-1', buildingId: 'bd-2', method: 'visit' as const, byId: 'w-zhao', at: at(80), note: '' };
    expect((await failAtEveryStep(db, () => store.notices.markReached(visit))).result.kind).toBe('created');
    expect(await store.notices.gridStats('n-1')).toEqual([
      { noticeId: 'n-1', gridId: 'gd-a1-1', communityId: 'cm-a1', reads: 2, acks: 1, reachedRead: 1, reachedVisit: 1, reachedPhone: 0 },
    ]);
    expect((await store.notices.reachedInGrid('n-1', 'gd-a1-1')).map((r) => r.householdId)).toEqual(['hh-2-1-101', 'hh-2-1-201']);
  });
});

describeRegisterStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return {
    store: createCloudbaseStore(db),
    seed: (data) => importIntoCloudbase(db, data),
    outbox: () => listOutbox(db),
    cleanup: async () => {
      for (const q of db.queries) expect(q.limit).toBeLessThanOrEqual(1000);
    },
  };
});

describeFollowerStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => outboxOf(db), cleanup: async () => recordIndexUse(db) };
});

describeCheckInStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return { store: createCloudbaseStore(db), seed: (data) => importIntoCloudbase(db, data), outbox: () => listOutbox(db), cleanup: async () => undefined };
});

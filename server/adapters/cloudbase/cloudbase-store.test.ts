import { describeStoreContract, contractFixture } from '../store.contract';
import { COLLECTIONS } from './collections';
import { listOutbox } from './cloudbase-requests';
import { createCloudbaseStore, importIntoCloudbase } from './cloudbase-store';
import { FakeCloudbaseDb } from './testing/fake-cloudbase-db';

describeStoreContract('cloudbase (against the SDK double)', async () => {
  const db = new FakeCloudbaseDb();
  return {
    store: createCloudbaseStore(db),
    seed: (data) => importIntoCloudbase(db, data),
    outbox: () => listOutbox(db),
    cleanup: async () => {
      // Every query the store ran named its page size, within the 1000 a cloud function may ask.
      for (const q of db.queries) {
        expect(q.limit).toBeGreaterThan(0);
        expect(q.limit).toBeLessThanOrEqual(1000);
      }
    },
  };
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

  it('declares a collection for everything it stores, with unique openid and QR token', () => {
    const names = COLLECTIONS.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['streets', 'communities', 'grids', 'buildings', 'households', 'users', 'cards', 'audit']));
    expect(new Set(names).size).toBe(names.length);
    const unique = COLLECTIONS.flatMap((c) => c.indexes.filter((i) => i.unique).map((i) => `${c.name}.${i.keys.map((k) => k.field).join(',')}`));
    expect(unique.sort()).toEqual(['grids.qrToken', 'users.openid']);
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

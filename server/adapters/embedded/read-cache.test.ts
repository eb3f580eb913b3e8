import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Notice } from '@core/notices/notice';
import { smallStreet } from '../../testing/small-street.fixture';
import { openEmbeddedStore, type EmbeddedStore } from './embedded-store';
import { CACHED_TABLES, copyData, ReadCache, VERSION_TRUSTED_MS } from './read-cache';

/** A store on a file that counts the statements its repositories run (with the cache on, which onStatement alone turns off). */
function counted(file: string): { store: EmbeddedStore; statements: string[] } {
  const statements: string[] = [];
  const store = openEmbeddedStore(file, { onStatement: (sql) => statements.push(sql), readCache: true });
  return { store, statements };
}

/** The next turn of the event loop: the version is read again there. */
const nextTurn = () => new Promise((r) => setImmediate(r));

describe('the embedded read cache', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-read-cache-'));
    file = join(dir, 'wgt.db');
    const seed = openEmbeddedStore(file);
    seed.importPlaces(smallStreet());
    seed.db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a repeated read without SQL, and hands every caller its own copy', async () => {
    const { store, statements } = counted(file);
    try {
      const first = (await store.places.getGrid('g1'))!;
      const sqlAfterFirst = statements.length;
      expect(sqlAfterFirst).toBeGreaterThan(0);
      await nextTurn();
      const second = (await store.places.getGrid('g1'))!;
      const caller = (await store.users.findCaller('open-w1'))!;
      await store.users.findCaller('open-w1');
      await store.cards.getMany(['w1', 'w2']);
      await store.cards.getMany(['w2', 'w1']);
      expect(statements.filter((s) => s.includes('FROM grids WHERE id'))).toHaveLength(1);
      expect(statements.filter((s) => s.includes('FROM cards WHERE worker_id IN'))).toHaveLength(1);
      expect(caller.primaryGridIds).toEqual(['g1']);
      expect(second).toEqual(first);
      // A caller changing what it got changes nothing the next caller reads.
      second.boundary.east = '改过的路';
      caller.user.posts.push({ role: 'street_staff', streetId: 's1' });
      expect((await store.places.getGrid('g1'))!.boundary.east).toBe('东1路');
      expect((await store.users.findCaller('open-w1'))!.user.posts).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('shows a write through the same store at once: a card edit, an assignment, a binding', async () => {
    const store = openEmbeddedStore(file);
    try {
      const [card] = await store.cards.getMany(['w1']);
      expect((await store.places.getGrid('g1'))!.primaryWorkerId).toBe('w1');
      expect((await store.users.getById('r1'))!.residence).not.toBeNull();
      // Same turn of the event loop, no await on I/O in between: the write is seen all the same.
      await store.cards.save({ ...card, intro: '新的介绍' });
      expect((await store.cards.getMany(['w1']))[0].intro).toBe('新的介绍');
      expect((await store.cards.get('w1'))!.intro).toBe('新的介绍');
      await store.transact(async (tx) => {
        expect(await tx.places.assignWorkers('g1', { primaryWorkerId: 'w5', backupWorkerId: 'w2' }, 1, '2026-12-07T00:00:00.000Z')).not.toBeNull();
      });
      expect((await store.places.getGrid('g1'))!.primaryWorkerId).toBe('w5');
      expect((await store.users.findCaller('open-w5'))!.primaryGridIds).toEqual(['g1', 'g4']);
      expect((await store.users.findCaller('open-w1'))!.primaryGridIds).toEqual([]);
      await store.users.setResidence('r1', null);
      expect((await store.users.getById('r1'))!.residence).toBeNull();
      expect((await store.users.findCaller('open-r1'))!.user.residence).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('keeps what was read before a transaction that rolled back', async () => {
    const store = openEmbeddedStore(file);
    try {
      expect((await store.places.getGrid('g1'))!.primaryWorkerId).toBe('w1');
      await expect(
        store.transact(async (tx) => {
          await tx.places.assignWorkers('g1', { primaryWorkerId: 'w5', backupWorkerId: null }, 1, '2026-12-07T00:00:00.000Z');
          throw new Error('abandoned');
        }),
      ).rejects.toThrow('abandoned');
      expect((await store.places.getGrid('g1'))!.primaryWorkerId).toBe('w1');
    } finally {
      await store.close();
    }
  });

  it('shows a write by another connection (another gateway process) on the next call', async () => {
    const { store: a, statements } = counted(file);
    const b = openEmbeddedStore(file);
    try {
      expect((await a.cards.get('w1'))!.intro).not.toBe('B 改的介绍');
      expect((await a.places.getGrid('g1'))!.backupWorkerId).toBe('w2');
      await nextTurn();
      await a.cards.get('w1');
      const cardReads = statements.filter((s) => s.includes('FROM cards WHERE worker_id = ?')).length;
      expect(cardReads).toBe(1);

      const card = (await b.cards.get('w1'))!;
      await b.cards.save({ ...card, intro: 'B 改的介绍' });
      const grid = (await b.places.getGrid('g1'))!;
      await b.places.assignWorkers('g1', { primaryWorkerId: 'w1', backupWorkerId: 'w5' }, grid.version, '2026-12-07T00:00:00.000Z');

      await nextTurn();
      expect((await a.cards.get('w1'))!.intro).toBe('B 改的介绍');
      expect((await a.places.getGrid('g1'))!.backupWorkerId).toBe('w5');
      expect((await a.users.findCaller('open-w5'))!.backupGridIds).toEqual(['g1']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('shows a write made outside the store altogether (another program, plain SQL) on the next call', async () => {
    const store = openEmbeddedStore(file);
    try {
      expect((await store.places.getCommunity('c1'))!.hotline).toBe('0710-8000001');
      expect((await store.places.getStreet('s1'))!.name).toBe('银杏街道');
      const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
        db.prepare("UPDATE communities SET hotline = '0710-9999999' WHERE id = 'c1'").run();
        db.prepare("UPDATE streets SET name = '新街道' WHERE id = 's1'").run(); db.close();`;
      const child = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' });
      expect(child.stderr).toBe('');
      expect(child.status).toBe(0);
      await nextTurn();
      expect((await store.places.getCommunity('c1'))!.hotline).toBe('0710-9999999');
      expect((await store.places.getStreet('s1'))!.name).toBe('新街道');
    } finally {
      await store.close();
    }
  });

  it("a notice's head in residents' feeds follows its edits, from this connection and from another", async () => {
    const { store: a, statements } = counted(file);
    const b = openEmbeddedStore(file);
    try {
      const at = '2026-12-01T00:00:00.000Z';
      const notice: Notice = {
        id: 'n1', streetId: 's1', scope: { level: 'street', ids: [] }, title: '停水通知', body: [{ kind: 'p', text: '明天停水。' }],
        imageFileIds: [], attachments: [], category: 'utility', urgent: false, requireAck: false, pinned: false,
        publishAt: at, expiresAt: null, publisherId: 'ss', publisherRole: 'street_staff', publisherLabel: '银杏街道办事处',
        withdrawn: null, version: 1, revisions: [], idempotencyKey: 'k1', createdAt: at, updatedAt: at,
      };
      a.importNotices([{ notice, keys: [{ level: 'street', placeId: 's1', communityId: null, gridId: null }] }]);
      const place = { streetId: 's1', communityId: 'c1', gridId: 'g1', buildingId: 'b1' };
      const now = '2026-12-07T00:00:00.000Z';
      const titles = async (store: EmbeddedStore) => (await store.notices.feedFirstPage(place, now, 20, 30)).items.map((h) => h.title);
      expect(await titles(a)).toEqual(['停水通知']);
      await nextTurn();
      expect(await titles(a)).toEqual(['停水通知']);
      expect(statements.filter((sql) => sql.includes('SELECT id, head FROM notices'))).toHaveLength(1);
      // Each caller gets its own heads and refs.
      const page = await a.notices.feedFirstPage(place, now, 20, 30);
      page.items[0].title = '改过';
      page.items[0].scope.ids.push('g9');
      page.liveIds.push('x');
      const again = await a.notices.feedFirstPage(place, now, 20, 30);
      expect(again.items[0]).toMatchObject({ title: '停水通知', scope: { level: 'street', ids: [] } });
      expect(again.liveIds).toEqual(['n1']);

      expect(await a.notices.update({ ...notice, title: '停水通知（已更正）', version: 2 }, 1)).not.toBeNull();
      expect(await titles(a)).toEqual(['停水通知（已更正）']);
      await nextTurn();
      expect(await b.notices.update({ ...notice, title: '停水通知（第二次更正）', version: 3 }, 2)).not.toBeNull();
      await nextTurn();
      expect(await titles(a)).toEqual(['停水通知（第二次更正）']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("a place's feed follows the clock with no write: a scheduled notice appears when it is published, an expiring one goes at its end", async () => {
    const { store, statements } = counted(file);
    try {
      const base: Omit<Notice, 'id' | 'title' | 'publishAt' | 'expiresAt' | 'idempotencyKey'> = {
        streetId: 's1', scope: { level: 'grids', ids: ['g1'] }, body: [{ kind: 'p', text: '正文' }],
        imageFileIds: [], attachments: [], category: 'other', urgent: false, requireAck: false, pinned: false,
        publisherId: 'w1', publisherRole: 'grid_worker', publisherLabel: '东湖社区第1网格', withdrawn: null, version: 1, revisions: [],
        createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
      };
      const keys = [{ level: 'grids' as const, placeId: 'g1', communityId: 'c1', gridId: 'g1' }];
      store.importNotices([
        { notice: { ...base, id: 'now', title: '已发布', publishAt: '2026-12-01T00:00:00.000Z', expiresAt: '2026-12-07T12:00:00.000Z', idempotencyKey: 'a' }, keys },
        { notice: { ...base, id: 'later', title: '定时发布', publishAt: '2026-12-07T10:00:00.000Z', expiresAt: null, idempotencyKey: 'b' }, keys },
      ]);
      const place = { streetId: 's1', communityId: 'c1', gridId: 'g1', buildingId: 'b1' };
      const titles = async (now: string) => {
        await nextTurn();
        return (await store.notices.feedFirstPage(place, now, 20, 30)).items.map((h) => h.title);
      };
      const feedReads = () => statements.filter((sql) => sql.includes('INDEXED BY notice_keys_feed')).length;
      expect(await titles('2026-12-07T09:00:00.000Z')).toEqual(['已发布']);
      expect(await titles('2026-12-07T09:59:59.999Z')).toEqual(['已发布']);
      expect(feedReads()).toBe(1);
      expect(await titles('2026-12-07T10:00:00.000Z')).toEqual(['定时发布', '已发布']);
      expect(await titles('2026-12-07T11:59:59.999Z')).toEqual(['定时发布', '已发布']);
      expect(feedReads()).toBe(2);
      expect(await titles('2026-12-07T12:00:00.000Z')).toEqual(['定时发布']);
      expect(await titles('2026-12-08T00:00:00.000Z')).toEqual(['定时发布']);
      // A clock that goes back (a test clock) is answered as read then, not from the window read later.
      expect(await titles('2026-12-07T09:00:00.000Z')).toEqual(['已发布']);
      // Withdrawn: a write, seen at once.
      const later = (await store.notices.get('later'))!;
      await store.notices.update({ ...later, withdrawn: { at: '2026-12-08T00:00:00.000Z', byId: 'w1', reason: '发错了' }, version: 2 }, 1);
      expect(await titles('2026-12-08T00:00:01.000Z')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('every cached table bumps the version on insert, update and delete (a rebuilt table must get its triggers back)', () => {
    const db = new Database(file);
    try {
      const triggers = (db.prepare("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").all() as { tbl_name: string; sql: string }[]);
      for (const table of CACHED_TABLES) {
        for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
          const found = triggers.filter((t) => t.tbl_name === table && new RegExp(`AFTER ${op} ON ${table}\\b`).test(t.sql) && /UPDATE read_versions SET v = v \+ 1/.test(t.sql));
          expect({ table, op, triggers: found.length }).toEqual({ table, op, triggers: 1 });
        }
      }
      const v = () => (db.prepare('SELECT v FROM read_versions WHERE id = 1').get() as { v: number }).v;
      const before = v();
      db.prepare("UPDATE households SET room = '103' WHERE id = 'b1u1r101'").run();
      db.prepare("DELETE FROM cards WHERE worker_id = 'w5'").run();
      expect(v()).toBe(before + 2);
      // Tables the cache does not hold leave it alone: reading notices or counting requests does not empty it.
      db.prepare("INSERT INTO rate_logs (key, times, until) VALUES ('k', '[]', '2026-12-08')").run();
      expect(v()).toBe(before + 2);
    } finally {
      db.close();
    }
  });

  it('reads the version once per turn, again after an own write, and again in a long turn', async () => {
    let version = 1;
    let writes = 0;
    let loads = 0;
    const cache = new ReadCache(() => version, () => writes);
    const read = () => cache.one('k', () => ({ loads: ++loads }));
    expect(read()).toEqual({ loads: 1 });
    version = 2; // another process commits within this turn: not looked at yet
    expect(read()).toEqual({ loads: 1 });
    expect(cache.versionReads).toBe(1);
    writes = 1; // this connection wrote: looked at now
    expect(read()).toEqual({ loads: 2 });
    expect(cache.versionReads).toBe(2);
    version = 3;
    await nextTurn();
    expect(read()).toEqual({ loads: 3 });
    const until = performance.now() + VERSION_TRUSTED_MS + 1;
    while (performance.now() < until) {
      // a long turn
    }
    version = 4;
    expect(read()).toEqual({ loads: 4 });
  });

  it('many: each id once in the order asked, missing ones left out and remembered as missing', () => {
    let loads: string[][] = [];
    const cache = new ReadCache(() => 1, () => 0);
    const rows = [{ id: 'a' }, { id: 'b' }];
    const get = (ids: string[]) =>
      cache.many('x:', ids, (r: { id: string }) => r.id, (missing) => {
        loads.push(missing);
        return rows.filter((r) => missing.includes(r.id));
      });
    expect(get(['b', 'zz', 'a', 'b'])).toEqual([{ id: 'b' }, { id: 'a' }]);
    expect(get(['a', 'zz'])).toEqual([{ id: 'a' }]);
    expect(loads).toEqual([['b', 'zz', 'a']]);
    loads = [];
    expect(get(['c', 'a'])).toEqual([{ id: 'a' }]);
    expect(loads).toEqual([['c']]);
  });

  it('starts again empty past its size, and copies plain data deeply', () => {
    let loads = 0;
    const cache = new ReadCache(() => 1, () => 0, 2);
    for (const k of ['a', 'b', 'c', 'a']) cache.one(k, () => ++loads);
    expect(loads).toBe(4);
    const v = { a: [1, { b: 'x' }], c: null, d: true };
    const c = copyData(v);
    expect(c).toEqual(v);
    expect(c.a).not.toBe(v.a);
    expect(c.a[1]).not.toBe(v.a[1]);
  });
});

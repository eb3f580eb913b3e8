import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeStoreContract } from '../store.contract';
import { contractFixture } from '../store-contract-kit';
import { describeExportStoreContract } from '../export-store.contract';
import { describeUploadStoreContract } from '../upload-store.contract';
import { describeCheckInStoreContract } from '../checkin-store.contract';
import { describeFollowerStoreContract } from '../follower-store.contract';
import { describeInvitationStoreContract } from '../invitation-store.contract';
import { describePartnerStoreContract } from '../partner-store.contract';
import { describeVisitStoreContract } from '../visit-store.contract';
import { describeRegisterStoreContract } from '../register-store.contract';
import { FIND_CALLER_SQL, openEmbeddedStore } from './embedded-store';
import { applyMigrations, MIGRATIONS } from './migrations';

describeStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return {
    store,
    seed: async (data) => store.importPlaces(data),
    outbox: () => store.outboxRecords(),
    cleanup: () => store.close(),
  };
});

describeInvitationStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

describePartnerStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

describeUploadStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

describeVisitStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

describeExportStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

describe('embedded audit log', () => {
  it('is append-only: the database itself refuses to change or remove an entry', async () => {
    const store = openEmbeddedStore(':memory:');
    await store.audit.append({ id: 'a1', at: '2026-01-01T00:00:00.000Z', actorId: 'x', action: 'people.invite', targetType: 'user', targetId: 'u', detail: {}, streetId: 's' });
    expect(() => store.db.prepare("UPDATE audit SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect((await store.audit.listFor('user', 'u', 5)).map((e) => e.action)).toEqual(['people.invite']);
    await store.close();
  });
});

describe('embedded store on a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data when the file is closed and opened again', async () => {
    const file = join(dir, 'store.db');
    const first = openEmbeddedStore(file);
    first.importPlaces(contractFixture());
    await first.places.assignWorkers('gd-a1-1', { primaryWorkerId: 'w-sun', backupWorkerId: null }, 3, '2026-02-01T00:00:00.000Z');
    await first.close();

    const second = openEmbeddedStore(file);
    expect((await second.places.getGrid('gd-a1-1'))?.primaryWorkerId).toBe('w-sun');
    expect(second.countUsers()).toBe(contractFixture().users.length);
    await second.close();
  });

  it('runs in WAL mode with foreign keys on and synchronous NORMAL', async () => {
    const store = openEmbeddedStore(join(dir, 'store.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(Number(store.db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    await store.close();
  });

  it('applies each migration once, however often the file is opened', async () => {
    const file = join(dir, 'store.db');
    await openEmbeddedStore(file).close();
    await openEmbeddedStore(file).close();
    const db = new Database(file);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    db.close();
  });

  it('applies only the migrations appended since the last run, each in its own transaction', () => {
    const db = new Database(join(dir, 'm.db'));
    expect(applyMigrations(db, ['CREATE TABLE a (x INTEGER)'])).toEqual([1]);
    expect(applyMigrations(db, ['CREATE TABLE a (x INTEGER)'])).toEqual([]);
    // A failing migration leaves neither its table nor its record behind.
    expect(() => applyMigrations(db, ['CREATE TABLE a (x INTEGER)', 'CREATE TABLE b (y INTEGER); CREATE TABLE broken ('])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    expect(applyMigrations(db, ['CREATE TABLE a (x INTEGER)', 'CREATE TABLE b (y INTEGER)'])).toEqual([2]);
    db.close();
  });
});

describe('embedded store specifics', () => {
  it('has an index for every list the port offers', () => {
    const store = openEmbeddedStore(':memory:');
    const plan = (sql: string, ...params: unknown[]) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT * FROM grids WHERE community_id = ? ORDER BY code, id', 'c')).toContain('grids_by_community_code');
    expect(plan('SELECT * FROM grids WHERE qr_token = ?', 'q')).toContain('grids_by_qr_token');
    expect(plan('SELECT * FROM grids WHERE (primary_worker_id = ? OR backup_worker_id = ?)', 'w', 'w')).toMatch(/grids_by_primary_worker[\s\S]*grids_by_backup_worker/);
    expect(plan(FIND_CALLER_SQL, 'o')).toMatch(/^SEARCH u USING INDEX users_by_openid \(openid=\?\).*grids_by_primary_worker.*grids_by_backup_worker/);
    expect(plan(FIND_CALLER_SQL, 'o')).not.toMatch(/SCAN/);
    expect(plan('SELECT * FROM buildings WHERE grid_id = ? ORDER BY seq, id', 'g')).toContain('buildings_by_grid_seq');
    expect(plan('SELECT * FROM households WHERE building_id = ? AND unit = ? ORDER BY room_key, id', 'b', 1)).toContain('households_by_building_unit_room');
    expect(plan('SELECT * FROM users WHERE openid = ?', 'o')).toContain('users_by_openid');
    expect(plan("SELECT * FROM user_posts WHERE role = 'grid_worker' AND community_id = ?", 'c')).toContain('user_posts_by_role_community');
    expect(plan('SELECT * FROM audit WHERE target_type = ? AND target_id = ? ORDER BY at DESC, id DESC', 't', 'i')).toContain('audit_by_target_at');
    void store.close();
  });

  it('makes every other call wait while a transaction is open', async () => {
    const store = openEmbeddedStore(':memory:');
    store.importPlaces(contractFixture());
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = store.transact(async (t) => {
      await t.places.assignWorkers('gd-a1-1', { primaryWorkerId: 'w-sun', backupWorkerId: null }, 3, '2026-02-01T00:00:00.000Z');
      order.push('tx wrote');
      await held;
      order.push('tx done');
    });
    await Promise.resolve();
    const read = store.places.getGrid('gd-a1-1').then((g) => {
      order.push(`read v${g?.version}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['tx wrote']);
    release();
    await Promise.all([tx, read]);
    expect(order).toEqual(['tx wrote', 'tx done', 'read v4']);
    await store.close();
  });

  it('explains instead of deadlocking when the work calls the store itself', async () => {
    const store = openEmbeddedStore(':memory:');
    store.importPlaces(contractFixture());
    await expect(store.transact(() => store.places.getGrid('gd-a1-1'))).rejects.toThrow(/use the tx repositories/);
    expect(await store.places.getGrid('gd-a1-1')).not.toBeNull();
    await store.close();
  });

  it('refuses a transaction\'s repositories once it has ended', async () => {
    const store = openEmbeddedStore(':memory:');
    store.importPlaces(contractFixture());
    const leaked = await store.transact(async (tx) => tx);
    await expect(leaked.cards.get('w-zhao')).rejects.toThrow(/ended/);
    await store.close();
  });

  it('imports all or nothing', async () => {
    const store = openEmbeddedStore(':memory:');
    const data = contractFixture();
    data.households.push({ ...data.households[0] });
    expect(() => store.importPlaces(data)).toThrow();
    expect(store.isEmpty()).toBe(true);
    expect(await store.places.listStreets()).toEqual([]);
    await store.close();
  });

  it('lists people for the demo sign-in page with where they act, in sign-in order', async () => {
    const store = openEmbeddedStore(':memory:');
    store.importPlaces(contractFixture());
    await store.users.ensure({ id: 'u-new', openid: 'o-new', name: '微信用户', phone: null, residence: null, posts: [], createdAt: '2026-02-01T00:00:00.000Z' });
    const all = await store.listPeople({ limit: 50, offset: 0 });
    expect(all.total).toBe(8);
    expect(all.people.map((p) => [p.openid, p.role])).toEqual([
      ['o-s-1', 'street_staff'],
      ['o-w-zhou', 'community_staff'],
      ['o-w-zhao', 'grid_worker'],
      ['o-w-qian', 'grid_worker'],
      ['o-w-sun', 'grid_worker'],
      ['o-w-li', 'grid_worker'],
      ['o-r-1', 'resident'],
      ['o-new', null],
    ]);
    const where = Object.fromEntries(all.people.map((p) => [p.openid, p.where]));
    expect(where['o-s-1']).toBe('甲街道');
    expect(where['o-w-zhou']).toBe('东湖社区');
    expect(where['o-w-zhao']).toBe('网格00100201、网格00100202');
    expect(where['o-w-qian']).toBe('东湖社区');
    expect(where['o-r-1']).toBe('东湖社区2号楼1单元101室');

    const openids = async (q: Parameters<typeof store.listPeople>[0]) => (await store.listPeople(q)).people.map((p) => p.openid);
    expect(await openids({ role: 'grid_worker', communityId: 'cm-a2', limit: 10, offset: 0 })).toEqual(['o-w-sun', 'o-w-zhou']);
    expect(await openids({ role: 'grid_worker', limit: 2, offset: 2 })).toEqual(['o-w-sun', 'o-w-zhou']);
    expect((await store.listPeople({ role: 'grid_worker', limit: 2, offset: 2 })).total).toBe(5);
    expect(await openids({ communityId: 'cm-a1', limit: 10, offset: 0 })).toEqual(['o-w-zhou', 'o-w-zhao', 'o-w-qian', 'o-r-1']);
    expect(await openids({ q: '周', limit: 10, offset: 0 })).toEqual(['o-w-zhou']);
    expect(await openids({ q: 'w-zh', limit: 10, offset: 0 })).toEqual(['o-w-zhou', 'o-w-zhao']);
    expect(await openids({ q: '%', limit: 10, offset: 0 })).toEqual([]);
    await expect(store.listPeople({ role: "resident' OR 1=1 --" as never, limit: 1, offset: 0 })).rejects.toThrow(/unknown role/);
    await store.close();
  });
});

describeRegisterStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

describeFollowerStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

describeCheckInStoreContract('embedded (SQLite, :memory:)', async () => {
  const store = openEmbeddedStore(':memory:');
  return { store, seed: async (data) => store.importPlaces(data), outbox: () => store.outboxRecords(), cleanup: () => store.close() };
});

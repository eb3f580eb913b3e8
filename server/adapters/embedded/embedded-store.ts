/**
 * The embedded Store: SQLite through better-sqlite3, the local runtime's default and a real database
 * (WAL journal, foreign keys, versioned migrations, an index for every list the port offers).
 *
 * Concurrency: better-sqlite3 is synchronous on one connection. Single statements are atomic by
 * themselves; `transact` closes a gate so that no other call runs while its work awaits (see
 * TransactionGate). Inside `transact`, queries are refused as CloudBase refuses them.
 */
import Database from 'better-sqlite3';
import type { ContactCard } from '@core/contact-card/contact-card';
import type { DutySlot } from '@core/contact-card/duty-hours';
import type { OutboxRecord } from '@core/messages/message';
import { ROLES, type Role } from '@core/people/role';
import type { RequestEvent, ServiceRequest } from '@core/requests/request';
import { isPendingResidence, type Residence, type StaffPost, type User } from '@core/people/user';
import { householdAddress, type Boundary, type Building, type Community, type Grid, type Household, type Street } from '@core/places/place';
import type { AuditEntry, Caller, GridResident, HouseholdFilter, Repositories, Store } from '../../ports/store.port';
import type { NoticeKey, ReadWrite } from '../../ports/notice.port';
import type { Notice } from '@core/notices/notice';
import { inAskedOrder, roomSortKey, TransactionQueryError, type StoreImport } from '../store-import';
import { SqliteNotices } from './embedded-notices';
import type { JobLockRepository } from '../../ports/job-lock.port';
import type { OutboxRepository } from '../../ports/outbox.port';
import type { UploadRepository } from '../../ports/upload.port';
import type { Page } from '../../ports/request.port';
import type { SentMessage, SentMessageLog } from '../../ports/subscribe-sender.port';
import type { SubscriptionRepository } from '../../ports/subscription.port';
import { SqliteDelivery } from './embedded-delivery';
import { SqliteExports } from './embedded-exports';
import { SqlitePartners } from './embedded-partners';
import { SqliteUploads } from './embedded-uploads';
import { SqlitePeople } from './embedded-people';
import { SqliteRegisters } from './embedded-registers';
import { SqliteRequests } from './embedded-requests';
import type { Params, SqlAccess } from './sql-access';
import { applyMigrations } from './migrations';
import { READ_VERSION_SQL, ReadCache, withReadCache } from './read-cache';
import { TransactionGate } from './transaction-gate';
import { SqliteCheckIns } from './embedded-checkins';
import { SqliteFollowers } from './embedded-followers';
import { SqliteVisits } from './embedded-visits';
import type { VisitRepository } from '../../ports/visit.port';
import type { FollowerRepository } from '../../ports/follower.port';
import type { DemoLoginDirectory, ListPeopleQuery, PeoplePage } from '../../ports/demo-login.port';
import type { CheckInRepository } from '../../ports/checkin.port';

type Db = Database.Database;

export type { ListPeopleQuery, PeoplePage, PersonSummary } from '../../ports/demo-login.port';

export interface EmbeddedStore extends Store, DemoLoginDirectory {
  /** The open connection, for diagnostics (pragmas, counts). */
  readonly db: Db;
  /** Inserts a whole street (places, people, request config) in one transaction; fails (and writes nothing) on any duplicate id. */
  importPlaces(data: StoreImport): void;
  /**
   * Bulk-loads existing requests and their events (benchmarks, data from another system) in transactions
   * of 5,000 requests: no rate counting, no messages. A request's events may come in its batch or later.
   */
  importRequests(requests: ServiceRequest[], events: RequestEvent[]): void;
  /**
   * The same for a stream of batches (e.g. generateRequestBatches), one transaction each; into an empty
   * table the list indexes are built once at the end, which loads a million requests in about half the time.
   */
  importRequestBatches(batches: Iterable<{ requests: ServiceRequest[]; events: RequestEvent[] }>): { requests: number; events: number };
  /** Every outbox record, oldest first (diagnostics and tests). */
  outboxRecords(): Promise<OutboxRecord[]>;
  /**
   * The local sender's log (local runtime only): `record` keeps a message once per key (false when the
   * key was recorded before); `list` is the SentMessageLog the 消息记录 page reads.
   */
  localSends: SentMessageLog & { record(message: SentMessage): Promise<boolean>; count(): Promise<number> };
  /** Notices published elsewhere (the demo seed): each with its keys, no outbox. */
  importNotices(notices: { notice: Notice; keys: NoticeKey[] }[]): void;
  /** Bulk load of notice read receipts (benchmarks), through the same path as reads. */
  importNoticeReads(writes: ReadWrite[]): void;
  /** No users and no places: nothing a seed could collide with. */
  isEmpty(): boolean;
  countUsers(): number;
}

interface StreetRow { id: string; code: string; name: string; district: string }
interface CommunityRow { id: string; street_id: string; code: string; name: string; hotline: string; address: string }
interface GridRow {
  id: string; street_id: string; community_id: string; code: string; name: string; boundary: string; households: number;
  primary_worker_id: string | null; backup_worker_id: string | null; qr_token: string; version: number; updated_at: string;
}
interface BuildingRow { id: string; street_id: string; community_id: string; grid_id: string; name: string; units: number; seq: number }
interface HouseholdRow { id: string; street_id: string; community_id: string; grid_id: string; building_id: string; unit: number; room: string; key_groups: string; to_verify?: number }
interface UserRow { id: string; openid: string; name: string; phone: string | null; residence: string | null; posts: string; created_at: string }
interface CardRow {
  worker_id: string; display_name: string; work_phone: string; photo_file_id: string | null; duty_hours: string; intro: string; updated_at: string;
}
export interface AuditRow { id: string; at: string; actor_id: string; action: string; target_type: string; target_id: string; detail: string; street_id?: string | null }

const toStreet = (r: StreetRow): Street => ({ id: r.id, code: r.code, name: r.name, district: r.district });
const toCommunity = (r: CommunityRow): Community => ({
  id: r.id, streetId: r.street_id, code: r.code, name: r.name, hotline: r.hotline, address: r.address,
});
const toGrid = (r: GridRow): Grid => ({
  id: r.id, streetId: r.street_id, communityId: r.community_id, code: r.code, name: r.name,
  boundary: JSON.parse(r.boundary) as Boundary, households: r.households,
  primaryWorkerId: r.primary_worker_id, backupWorkerId: r.backup_worker_id, qrToken: r.qr_token,
  version: r.version, updatedAt: r.updated_at,
});
const toBuilding = (r: BuildingRow): Building => ({
  id: r.id, streetId: r.street_id, communityId: r.community_id, gridId: r.grid_id, name: r.name, units: r.units, seq: r.seq,
});
const toHousehold = (r: HouseholdRow): Household => ({
  id: r.id, streetId: r.street_id, communityId: r.community_id, gridId: r.grid_id, buildingId: r.building_id, unit: r.unit, room: r.room,
  keyGroups: JSON.parse(r.key_groups) as Household['keyGroups'], ...(r.to_verify ? { toVerify: true } : {}),
});
/**
 * The query columns of a residence: a confirmed one is found by its community, grid and household; a pending
 * one only by residence_pending_grid_id (the grid worker's 待确认 list), so it counts for no coverage or audience.
 */
function residenceColumns(r: Residence | null): [string | null, string | null, string | null, string | null] {
  if (!r) return [null, null, null, null];
  if (isPendingResidence(r)) return [null, null, null, r.gridId];
  return [r.communityId, r.gridId, r.householdId, null];
}

const toUser = (r: UserRow): User => ({
  id: r.id, openid: r.openid, name: r.name, phone: r.phone,
  residence: r.residence === null ? null : (JSON.parse(r.residence) as Residence),
  posts: JSON.parse(r.posts) as StaffPost[], createdAt: r.created_at,
});
const toCard = (r: CardRow): ContactCard => ({
  workerId: r.worker_id, displayName: r.display_name, workPhone: r.work_phone, photoFileId: r.photo_file_id,
  dutyHours: JSON.parse(r.duty_hours) as DutySlot[], intro: r.intro, updatedAt: r.updated_at,
});
export const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id, at: r.at, actorId: r.actor_id, action: r.action, targetType: r.target_type, targetId: r.target_id,
  detail: JSON.parse(r.detail) as Record<string, unknown>, ...(r.street_id ? { streetId: r.street_id } : {}),
});

/** users.findCaller: the user by openid, and their grids as a JSON array of [id, is primary], ordered by code. */
export const FIND_CALLER_SQL = `SELECT u.*, (SELECT json_group_array(json_array(g.id, g.primary_worker_id = u.id) ORDER BY g.code, g.id) FROM grids g
    WHERE g.primary_worker_id = u.id OR g.backup_worker_id = u.id) AS worker_grids
  FROM users u WHERE u.openid = ?`;

/** The synchronous SQL behind both the store and its transactions; statements prepared once. */
class SqliteCore implements SqlAccess {
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();
  private readonly rawStatements = new Map<string, Database.Statement<unknown[]>>();
  /** The prepared statements that may write (not `readonly` to SQLite), and how many times one ran: the read cache's own-write check. */
  private readonly writers = new Set<Database.Statement<unknown[]>>();
  writes = 0;

  constructor(
    readonly db: Db,
    private readonly onStatement?: (sql: string) => void,
  ) {}

  private stmt(sql: string): Database.Statement<unknown[]> {
    this.onStatement?.(sql);
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, s);
      if (!s.readonly) this.writers.add(s);
    }
    if (this.writers.has(s)) this.writes++;
    return s;
  }

  one<R>(sql: string, params: Params = []): R | undefined {
    return this.stmt(sql).get(params) as R | undefined;
  }

  all<R>(sql: string, params: Params = []): R[] {
    return this.stmt(sql).all(params) as R[];
  }

  rows(sql: string, params: Params = []): unknown[][] {
    this.onStatement?.(sql);
    let s = this.rawStatements.get(sql);
    if (!s) {
      s = this.db.prepare<unknown[]>(sql).raw(true);
      this.rawStatements.set(sql, s);
      if (!s.readonly) this.writers.add(s);
    }
    if (this.writers.has(s)) this.writes++;
    return s.all(params) as unknown[][];
  }

  run(sql: string, params: Params = []): Database.RunResult {
    return this.stmt(sql).run(params);
  }

  getStreet(id: string): Street | null {
    const r = this.one<StreetRow>('SELECT * FROM streets WHERE id = ?', [id]);
    return r ? toStreet(r) : null;
  }

  listStreets(): Street[] {
    return this.all<StreetRow>('SELECT * FROM streets ORDER BY code, id').map(toStreet);
  }

  getCommunity(id: string): Community | null {
    const r = this.one<CommunityRow>('SELECT * FROM communities WHERE id = ?', [id]);
    return r ? toCommunity(r) : null;
  }

  listCommunities(streetId?: string): Community[] {
    const rows = streetId
      ? this.all<CommunityRow>('SELECT * FROM communities WHERE street_id = ? ORDER BY code, id', [streetId])
      : this.all<CommunityRow>('SELECT * FROM communities ORDER BY code, id');
    return rows.map(toCommunity);
  }

  getGrid(id: string): Grid | null {
    const r = this.one<GridRow>('SELECT * FROM grids WHERE id = ?', [id]);
    return r ? toGrid(r) : null;
  }

  getGrids(ids: string[]): Grid[] {
    const rows = this.all<GridRow>('SELECT * FROM grids WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
    return inAskedOrder(ids, rows.map(toGrid), (g) => g.id);
  }

  getGridByQrToken(token: string): Grid | null {
    const r = this.one<GridRow>('SELECT * FROM grids WHERE qr_token = ?', [token]);
    return r ? toGrid(r) : null;
  }

  listGrids(filter: { streetId?: string; communityId?: string; workerId?: string }): Grid[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.streetId !== undefined) { where.push('street_id = @streetId'); params.streetId = filter.streetId; }
    if (filter.communityId !== undefined) { where.push('community_id = @communityId'); params.communityId = filter.communityId; }
    if (filter.workerId !== undefined) {
      where.push('(primary_worker_id = @workerId OR backup_worker_id = @workerId)');
      params.workerId = filter.workerId;
    }
    const sql = `SELECT * FROM grids${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY code, id`;
    return this.all<GridRow>(sql, params).map(toGrid);
  }

  getBuilding(id: string): Building | null {
    const r = this.one<BuildingRow>('SELECT * FROM buildings WHERE id = ?', [id]);
    return r ? toBuilding(r) : null;
  }

  listBuildings(filter: { communityId?: string; gridId?: string }): Building[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.communityId !== undefined) { where.push('community_id = @communityId'); params.communityId = filter.communityId; }
    if (filter.gridId !== undefined) { where.push('grid_id = @gridId'); params.gridId = filter.gridId; }
    const sql = `SELECT * FROM buildings${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq, id`;
    return this.all<BuildingRow>(sql, params).map(toBuilding);
  }

  getHousehold(id: string): Household | null {
    const r = this.one<HouseholdRow>('SELECT * FROM households WHERE id = ?', [id]);
    return r ? toHousehold(r) : null;
  }

  listHouseholds(buildingId: string, unit: number): Household[] {
    return this.all<HouseholdRow>(
      'SELECT * FROM households WHERE building_id = ? AND unit = ? ORDER BY room_key, id',
      [buildingId, unit],
    ).map(toHousehold);
  }

  listGridHouseholds(gridId: string): Household[] {
    return this.all<HouseholdRow>(
      `SELECT h.* FROM households h INDEXED BY households_by_grid JOIN buildings b ON b.id = h.building_id
        WHERE h.grid_id = ? ORDER BY b.seq, h.unit, h.room_key, h.id`,
      [gridId],
    ).map(toHousehold);
  }

  householdCounts(filter: HouseholdFilter): { gridId: string; communityId: string; households: number }[] {
    const { column, ids } = householdFilterColumn(filter);
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.all<{ gridId: string; communityId: string; households: number }>(
      `SELECT grid_id AS gridId, community_id AS communityId, COUNT(*) AS households FROM households
        WHERE ${column} IN (${unique.map(() => '?').join(',')}) GROUP BY grid_id, community_id ORDER BY grid_id`,
      unique,
    );
  }

  assignWorkers(gridId: string, a: { primaryWorkerId: string | null; backupWorkerId: string | null }, expectedVersion: number, at: string): Grid | null {
    const res = this.run(
      `UPDATE grids SET primary_worker_id = ?, backup_worker_id = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND version = ?`,
      [a.primaryWorkerId, a.backupWorkerId, at, gridId, expectedVersion],
    );
    return res.changes === 1 ? this.getGrid(gridId) : null;
  }

  getUser(id: string): User | null {
    const r = this.one<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return r ? toUser(r) : null;
  }

  findByOpenid(openid: string): User | null {
    const r = this.one<UserRow>('SELECT * FROM users WHERE openid = ?', [openid]);
    return r ? toUser(r) : null;
  }

  /** The user and their grids in one statement (every function call runs it). */
  findCaller(openid: string): Caller | null {
    const r = this.one<UserRow & { worker_grids: string }>(FIND_CALLER_SQL, [openid]);
    if (!r) return null;
    const user = toUser(r);
    if (!user.posts.some((p) => p.role === 'grid_worker')) return { user, primaryGridIds: [], backupGridIds: [] };
    const grids = JSON.parse(r.worker_grids) as [string, 0 | 1][];
    return { user, primaryGridIds: grids.filter((g) => g[1] === 1).map((g) => g[0]), backupGridIds: grids.filter((g) => g[1] !== 1).map((g) => g[0]) };
  }

  private insertUser(u: User, onConflict: 'fail' | 'ignore-openid'): boolean {
    const res = this.run(
      `INSERT INTO users (id, openid, name, phone, residence, residence_community_id, residence_grid_id, residence_household_id,
         residence_pending_grid_id, posts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)${onConflict === 'ignore-openid' ? ' ON CONFLICT (openid) DO NOTHING' : ''}`,
      [
        u.id, u.openid, u.name, u.phone, u.residence ? JSON.stringify(u.residence) : null, ...residenceColumns(u.residence),
        JSON.stringify(u.posts), u.createdAt,
      ],
    );
    if (res.changes === 0) return false;
    u.posts.forEach((p, seq) => {
      this.run('INSERT INTO user_posts (user_id, seq, role, street_id, community_id) VALUES (?, ?, ?, ?, ?)', [
        u.id, seq, p.role, p.streetId, 'communityId' in p ? p.communityId : null,
      ]);
    });
    return true;
  }

  ensureUser(u: User): User {
    this.db.transaction(() => this.insertUser(u, 'ignore-openid'))();
    const stored = this.findByOpenid(u.openid);
    if (!stored) throw new Error(`user ${u.openid} was neither found nor created`);
    return stored;
  }

  listGridResidents(gridId: string): GridResident[] {
    return this.all<GridResident>(
      'SELECT id, name, residence_household_id AS householdId FROM users INDEXED BY users_by_residence_grid WHERE residence_grid_id = ? ORDER BY id',
      [gridId],
    );
  }

  residentIdsPage(filter: HouseholdFilter, cursor: string | null, limit: number): { items: string[]; next: string | null } {
    const n = Math.max(1, Math.min(1000, Math.floor(limit)));
    const after = cursor ?? '';
    let rows: { id: string }[];
    if (filter.buildingIds) {
      const ids = filter.buildingIds;
      rows = this.all<{ id: string }>(
        `SELECT u.id FROM users u JOIN households h ON h.id = u.residence_household_id
          WHERE h.building_id IN (${ids.map(() => '?').join(',')}) AND u.id > ? ORDER BY u.id LIMIT ?`,
        [...ids, after, n + 1],
      );
    } else if (filter.gridIds) {
      const ids = filter.gridIds;
      rows = this.all<{ id: string }>(
        `SELECT id FROM users WHERE residence_grid_id IN (${ids.map(() => '?').join(',')}) AND id > ? ORDER BY id LIMIT ?`,
        [...ids, after, n + 1],
      );
    } else {
      const ids = filter.communityIds ?? this.listCommunities(filter.streetId).map((c) => c.id);
      rows = ids.length === 0 ? [] : this.all<{ id: string }>(
        `SELECT id FROM users WHERE residence_community_id IN (${ids.map(() => '?').join(',')}) AND id > ? ORDER BY id LIMIT ?`,
        [...ids, after, n + 1],
      );
    }
    const items = rows.slice(0, n).map((r) => r.id);
    return { items, next: rows.length > n ? items[items.length - 1] : null };
  }

  setResidence(userId: string, residence: Residence | null): void {
    this.run(
      `UPDATE users SET residence = ?, residence_community_id = ?, residence_grid_id = ?, residence_household_id = ?, residence_pending_grid_id = ?
        WHERE id = ?`,
      [residence ? JSON.stringify(residence) : null, ...residenceColumns(residence), userId],
    );
  }

  /** Pending bindings of a grid, oldest first (the grid worker's 待确认 list). */
  listPendingResidents(gridId: string): User[] {
    return this.all<UserRow>(
      'SELECT * FROM users INDEXED BY users_by_pending_grid WHERE residence_pending_grid_id = ? ORDER BY id',
      [gridId],
    ).map(toUser);
  }

  /** Replaces a pending residence only while it is still the one the caller saw (same grid and boundAt). */
  settlePendingResidence(userId: string, expected: { gridId: string; boundAt: string }, next: Residence | null): boolean {
    return this.run(
      `UPDATE users SET residence = ?, residence_community_id = ?, residence_grid_id = ?, residence_household_id = ?, residence_pending_grid_id = ?
        WHERE id = ? AND residence_pending_grid_id = ? AND json_extract(residence, '$.boundAt') = ?`,
      [next ? JSON.stringify(next) : null, ...residenceColumns(next), userId, expected.gridId, expected.boundAt],
    ).changes === 1;
  }

  listWorkers(filter: { streetId?: string; communityId?: string }): User[] {
    // One post must match every filter: a worker of community A who is staff of community B is not a worker of B.
    const cond = ["p.role = 'grid_worker'"];
    const params: Record<string, unknown> = {};
    if (filter.streetId !== undefined) { cond.push('p.street_id = @streetId'); params.streetId = filter.streetId; }
    if (filter.communityId !== undefined) { cond.push('p.community_id = @communityId'); params.communityId = filter.communityId; }
    const sql = `SELECT u.* FROM users u WHERE EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = u.id AND ${cond.join(' AND ')}) ORDER BY u.name, u.id`;
    return this.all<UserRow>(sql, params).map(toUser);
  }

  listStaff(post: { role: 'community_staff'; communityId: string } | { role: 'street_staff'; streetId: string }): User[] {
    const [column, value] = post.role === 'community_staff' ? ['community_id', post.communityId] : ['street_id', post.streetId];
    return this.all<UserRow>(
      `SELECT u.* FROM users u WHERE EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = u.id AND p.role = ? AND p.${column} = ?) ORDER BY u.name, u.id`,
      [post.role, value],
    ).map(toUser);
  }

  getUsers(ids: string[]): User[] {
    const rows = this.all<UserRow>('SELECT * FROM users WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
    return inAskedOrder(ids, rows.map(toUser), (u) => u.id);
  }

  getCard(workerId: string): ContactCard | null {
    const r = this.one<CardRow>('SELECT * FROM cards WHERE worker_id = ?', [workerId]);
    return r ? toCard(r) : null;
  }

  getCards(workerIds: string[]): ContactCard[] {
    const rows = this.all<CardRow>('SELECT * FROM cards WHERE worker_id IN (SELECT value FROM json_each(?))', [JSON.stringify(workerIds)]);
    return inAskedOrder(workerIds, rows.map(toCard), (c) => c.workerId);
  }

  saveCard(c: ContactCard): void {
    this.run(
      `INSERT INTO cards (worker_id, display_name, work_phone, photo_file_id, duty_hours, intro, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (worker_id) DO UPDATE SET display_name = excluded.display_name, work_phone = excluded.work_phone,
         photo_file_id = excluded.photo_file_id, duty_hours = excluded.duty_hours, intro = excluded.intro, updated_at = excluded.updated_at`,
      [c.workerId, c.displayName, c.workPhone, c.photoFileId, JSON.stringify(c.dutyHours), c.intro, c.updatedAt],
    );
  }

  listPhotoFileIds(): string[] {
    return this.all<{ f: string }>('SELECT DISTINCT photo_file_id AS f FROM cards WHERE photo_file_id IS NOT NULL ORDER BY f').map((r) => r.f);
  }

  appendAudit(e: AuditEntry): void {
    this.run('INSERT INTO audit (id, at, actor_id, action, target_type, target_id, detail, street_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      e.id, e.at, e.actorId, e.action, e.targetType, e.targetId, JSON.stringify(e.detail), e.streetId ?? null,
    ]);
  }

  listAudit(targetType: string, targetId: string, limit: number): AuditEntry[] {
    return this.all<AuditRow>(
      'SELECT * FROM audit WHERE target_type = ? AND target_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      [targetType, targetId, Math.max(0, Math.floor(limit))],
    ).map(toAudit);
  }

  importPlaces(data: StoreImport): void {
    this.db.transaction(() => {
      for (const s of data.streets) {
        this.run('INSERT INTO streets (id, code, name, district) VALUES (?, ?, ?, ?)', [s.id, s.code, s.name, s.district]);
      }
      for (const c of data.communities) {
        this.run('INSERT INTO communities (id, street_id, code, name, hotline, address) VALUES (?, ?, ?, ?, ?, ?)', [
          c.id, c.streetId, c.code, c.name, c.hotline, c.address,
        ]);
      }
      for (const u of data.users) this.insertUser(u, 'fail');
      for (const g of data.grids) {
        this.run(
          `INSERT INTO grids (id, street_id, community_id, code, name, boundary, households, primary_worker_id, backup_worker_id, qr_token, version, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [g.id, g.streetId, g.communityId, g.code, g.name, JSON.stringify(g.boundary), g.households, g.primaryWorkerId, g.backupWorkerId, g.qrToken, g.version, g.updatedAt],
        );
      }
      for (const b of data.buildings) {
        this.run('INSERT INTO buildings (id, street_id, community_id, grid_id, name, units, seq) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          b.id, b.streetId, b.communityId, b.gridId, b.name, b.units, b.seq,
        ]);
      }
      for (const h of data.households) {
        this.run('INSERT INTO households (id, street_id, community_id, grid_id, building_id, unit, room, room_key, key_groups) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
          h.id, h.streetId, h.communityId, h.gridId, h.buildingId, h.unit, h.room, roomSortKey(h.room), JSON.stringify(h.keyGroups ?? []),
        ]);
      }
      for (const c of data.cards) this.saveCard(c);
    }).immediate();
  }

  countUsers(): number {
    return (this.one<{ n: number }>('SELECT COUNT(*) AS n FROM users') ?? { n: 0 }).n;
  }

  listPeople(q: ListPeopleQuery): PeoplePage {
    // The role is spliced into the SQL below: only the four known ones get that far.
    if (q.role !== undefined && !ROLES.includes(q.role)) throw new Error(`unknown role: ${String(q.role)}`);
    const c = q.communityId ?? null;
    const holds: Record<Role, string> = {
      street_admin: "EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = u.id AND p.role = 'street_admin' AND @c IS NULL)",
      street_staff: "EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = u.id AND p.role = 'street_staff' AND @c IS NULL)",
      community_staff: "EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = u.id AND p.role = 'community_staff' AND (@c IS NULL OR p.community_id = @c))",
      grid_worker: "EXISTS (SELECT 1 FROM user_posts p WHERE p.user_id = u.id AND p.role = 'grid_worker' AND (@c IS NULL OR p.community_id = @c))",
      resident: 'u.residence IS NOT NULL AND (@c IS NULL OR u.residence_community_id = @c)',
    };
    const order: Role[] = ['street_admin', 'street_staff', 'community_staff', 'grid_worker', 'resident'];
    // Without filters, WeChat users who hold no role yet come last (role null), so they can sign in too.
    const noRole = q.role === undefined && c === null ? " WHEN 1 THEN 'none'" : '';
    const roleCase = q.role
      ? `'${q.role}'`
      : `CASE ${order.map((r) => `WHEN ${holds[r]} THEN '${r}'`).join(' ')}${noRole} END`;
    const filter = q.role ? `WHERE ${holds[q.role]}` : '';
    const params = {
      c,
      q: q.q ? `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null,
      limit: Math.max(0, Math.floor(q.limit)),
      offset: Math.max(0, Math.floor(q.offset)),
    };
    const base = `SELECT * FROM (SELECT u.*, u.rowid AS rid, ${roleCase} AS role FROM users u ${filter})
      WHERE role IS NOT NULL AND (@q IS NULL OR name LIKE @q ESCAPE '\\' OR openid LIKE @q ESCAPE '\\')`;
    const rank = `CASE role ${[...order, 'none'].map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} END`;
    const rows = this.all<UserRow & { role: Role | 'none' }>(`${base} ORDER BY ${rank}, rid LIMIT @limit OFFSET @offset`, params);
    const total = this.one<{ n: number }>(`SELECT COUNT(*) AS n FROM (${base})`, { c: params.c, q: params.q })?.n ?? 0;
    const people = rows.map((r) => {
      const user = toUser(r);
      const role = r.role === 'none' ? null : r.role;
      return { id: user.id, openid: user.openid, name: user.name, role, where: role ? this.whereText(user, role, q.communityId) : '' };
    });
    return { people, total };
  }

  private whereText(user: User, role: Role, communityId: string | undefined): string {
    if (role === 'resident') {
      const r = user.residence;
      if (!r) return '';
      const community = this.getCommunity(r.communityId);
      const household = r.householdId ? this.getHousehold(r.householdId) : null;
      const building = household ? this.getBuilding(household.buildingId) : null;
      if (community && building && household) return householdAddress(community, building, household);
      return this.getGrid(r.gridId)?.name ?? community?.name ?? '';
    }
    const post = user.posts.find((p) => p.role === role && (!communityId || !('communityId' in p) || p.communityId === communityId));
    if (!post) return '';
    if (post.role === 'street_staff' || post.role === 'street_admin') return this.getStreet(post.streetId)?.name ?? '';
    const communityName = this.getCommunity(post.communityId)?.name ?? '';
    if (post.role === 'community_staff') return communityName;
    const led = this.listGrids({ workerId: user.id }).filter((g) => g.primaryWorkerId === user.id);
    return led.length ? led.map((g) => g.name).join('、') : communityName;
  }
}

type Runner = <T>(method: string, kind: 'doc' | 'query', fn: () => T) => Promise<T>;

/** Which column a household filter narrows on, and its values (the street: every community of it). */
function householdFilterColumn(filter: HouseholdFilter): { column: string; ids: string[] } {
  if (filter.buildingIds) return { column: 'building_id', ids: filter.buildingIds };
  if (filter.gridIds) return { column: 'grid_id', ids: filter.gridIds };
  if (filter.communityIds) return { column: 'community_id', ids: filter.communityIds };
  return { column: 'street_id', ids: [filter.streetId] };
}

function repositories(core: SqliteCore, req: SqliteRequests, nt: SqliteNotices, run: Runner): Repositories {
  const pp = new SqlitePeople(core, (d) => req.importConfig(d));
  const rg = new SqliteRegisters(core, core, pp);
  const ex = new SqliteExports(core);
  const pk = new SqlitePartners(core);
  return {
    partnerKeys: {
      create: (key) => run('partnerKeys.create', 'doc', () => pk.create(key)),
      get: (id) => run('partnerKeys.get', 'doc', () => pk.get(id)),
      revoke: (id, at, by) => run('partnerKeys.revoke', 'doc', () => pk.revoke(id, at, by)),
      list: (streetId) => run('partnerKeys.list', 'query', () => pk.list(streetId)),
      logAccess: (entry) => run('partnerKeys.logAccess', 'doc', () => pk.logAccess(entry)),
      accessLog: (keyId, limit) => run('partnerKeys.accessLog', 'query', () => pk.accessLog(keyId, limit)),
    },
    exports: {
      create: (record) => run('exports.create', 'doc', () => ex.create(record)),
      get: (id) => run('exports.get', 'doc', () => ex.get(id)),
      listExpired: (before, limit) => run('exports.listExpired', 'query', () => ex.listExpired(before, limit)),
      remove: (ids) => run('exports.remove', 'doc', () => ex.remove(ids)),
    },
    registers: {
      snapshot: (streetId, mobiles) => run('registers.snapshot', 'query', () => rg.snapshot(streetId, mobiles)),
      applyOps: (ops, at) => run('registers.applyOps', 'doc', () => rg.applyOps(ops, at)),
      createJob: (job) => run('registers.createJob', 'doc', () => rg.createJob(job)),
      getJob: (id) => run('registers.getJob', 'doc', () => rg.getJob(id)),
      updateJob: (next, v) => run('registers.updateJob', 'doc', () => rg.updateJob(next, v)),
      getMapping: (streetId, kind, headers) => run('registers.getMapping', 'doc', () => rg.getMapping(streetId, kind, headers)),
      saveMapping: (m) => run('registers.saveMapping', 'doc', () => rg.saveMapping(m)),
    },
    invitations: {
      create: (inv) => run('invitations.create', 'doc', () => pp.createInvitation(inv)),
      get: (id) => run('invitations.get', 'doc', () => pp.getInvitation(id)),
      update: (next, v) => run('invitations.update', 'doc', () => pp.updateInvitation(next, v)),
      listOpenForUser: (userId) => run('invitations.listOpenForUser', 'query', () => pp.listOpenForUser(userId)),
    },
    people: {
      createUser: (user) => run('people.createUser', 'doc', () => pp.createUser(user)),
      setOpenid: (id, openid, expected) => run('people.setOpenid', 'doc', () => pp.setOpenid(id, openid, expected)),
      setPosts: (id, posts) => run('people.setPosts', 'doc', () => pp.setPosts(id, posts)),
      findStreetByCode: (code) => run('people.findStreetByCode', 'query', () => pp.findStreetByCode(code)),
      createStreet: (setup) => run('people.createStreet', 'query', () => pp.createStreet(setup)),
      auditPage: (streetId, cursor, limit) => run('people.auditPage', 'query', () => pp.auditPage(streetId, cursor, limit)),
    },
    places: {
      getStreet: (id) => run('places.getStreet', 'doc', () => core.getStreet(id)),
      listStreets: () => run('places.listStreets', 'query', () => core.listStreets()),
      getCommunity: (id) => run('places.getCommunity', 'doc', () => core.getCommunity(id)),
      listCommunities: (streetId) => run('places.listCommunities', 'query', () => core.listCommunities(streetId)),
      getGrid: (id) => run('places.getGrid', 'doc', () => core.getGrid(id)),
      getGrids: (ids) => run('places.getGrids', 'doc', () => core.getGrids(ids)),
      getGridByQrToken: (token) => run('places.getGridByQrToken', 'query', () => core.getGridByQrToken(token)),
      listGrids: (filter) => run('places.listGrids', 'query', () => core.listGrids(filter)),
      getBuilding: (id) => run('places.getBuilding', 'doc', () => core.getBuilding(id)),
      listBuildings: (filter) => run('places.listBuildings', 'query', () => core.listBuildings(filter)),
      getHousehold: (id) => run('places.getHousehold', 'doc', () => core.getHousehold(id)),
      listHouseholds: (buildingId, unit) => run('places.listHouseholds', 'query', () => core.listHouseholds(buildingId, unit)),
      assignWorkers: (gridId, a, v, at) => run('places.assignWorkers', 'doc', () => core.assignWorkers(gridId, a, v, at)),
      listGridHouseholds: (gridId) => run('places.listGridHouseholds', 'query', () => core.listGridHouseholds(gridId)),
      householdCounts: (filter) => run('places.householdCounts', 'query', () => core.householdCounts(filter)),
    },
    users: {
      getById: (id) => run('users.getById', 'doc', () => core.getUser(id)),
      findByOpenid: (openid) => run('users.findByOpenid', 'query', () => core.findByOpenid(openid)),
      findCaller: (openid) => run('users.findCaller', 'query', () => core.findCaller(openid)),
      ensure: (user) => run('users.ensure', 'query', () => core.ensureUser(user)),
      setResidence: (userId, residence) => run('users.setResidence', 'doc', () => core.setResidence(userId, residence)),
      listWorkers: (filter) => run('users.listWorkers', 'query', () => core.listWorkers(filter)),
      listStaff: (post) => run('users.listStaff', 'query', () => core.listStaff(post)),
      getMany: (ids) => run('users.getMany', 'doc', () => core.getUsers(ids)),
      listGridResidents: (gridId) => run('users.listGridResidents', 'query', () => core.listGridResidents(gridId)),
      residentIdsPage: (filter, cursor, limit) => run('users.residentIdsPage', 'query', () => core.residentIdsPage(filter, cursor, limit)),
      listPendingResidents: (gridId) => run('users.listPendingResidents', 'query', () => core.listPendingResidents(gridId)),
      settlePendingResidence: (userId, expected, next) =>
        run('users.settlePendingResidence', 'doc', () => core.settlePendingResidence(userId, expected, next)),
    },
    cards: {
      get: (workerId) => run('cards.get', 'doc', () => core.getCard(workerId)),
      getMany: (workerIds) => run('cards.getMany', 'doc', () => core.getCards(workerIds)),
      save: (card) => run('cards.save', 'doc', () => core.saveCard(card)),
      listPhotoFileIds: () => run('cards.listPhotoFileIds', 'query', () => core.listPhotoFileIds()),
    },
    audit: {
      append: (entry) => run('audit.append', 'doc', () => core.appendAudit(entry)),
      listFor: (t, id, limit) => run('audit.listFor', 'query', () => core.listAudit(t, id, limit)),
    },
    // Counter reads and the recount's scans are queries (refused inside transact, as in CloudBase).
    assessment: {
      counters: (query) => run('assessment.counters', 'query', () => req.assessment.counters(query)),
      requestsPage: (streetId, cursor, limit) => run('assessment.requestsPage', 'query', () => req.assessment.requestsPage(streetId, cursor, limit)),
      allCounters: (streetId) => run('assessment.allCounters', 'query', () => req.assessment.allCounters(streetId)),
      overwrite: (streetId, rows) => run('assessment.overwrite', 'query', () => req.assessment.overwrite(streetId, rows)),
    },
    requests: {
      get: (id) => run('requests.get', 'doc', () => req.get(id)),
      create: (write) => run('requests.create', 'doc', () => req.create(write)),
      commit: (write) => run('requests.commit', 'doc', () => req.commit(write)),
      events: (requestId) => run('requests.events', 'query', () => req.events(requestId)),
      list: (query, page) => run('requests.list', 'query', () => req.list(query, page)),
      listItems: (query, page) => run('requests.listItems', 'query', () => req.listItems(query, page)),
      scan: (query, page) => run('requests.scan', 'query', () => req.scan(query, page)),
      count: (query) => run('requests.count', 'query', () => req.count(query)),
    },
    inbox: {
      list: (userId, page) => run('inbox.list', 'query', () => req.inboxList(userId, page)),
      unreadCount: (userId) => run('inbox.unreadCount', 'query', () => req.unreadCount(userId)),
      markRead: (userId, ids, at) => run('inbox.markRead', 'query', () => req.markRead(userId, ids, at)),
    },
    requestConfig: {
      categories: (streetId) => run('requestConfig.categories', 'query', () => req.categories(streetId)),
      category: (id) => run('requestConfig.category', 'doc', () => req.category(id)),
      departments: (streetId) => run('requestConfig.departments', 'query', () => req.departments(streetId)),
      settings: (streetId) => run('requestConfig.settings', 'doc', () => req.settings(streetId)),
      calendars: () => run('requestConfig.calendars', 'query', () => req.calendars()),
      calendarYears: () => run('requestConfig.calendarYears', 'query', () => req.calendarYears()),
      saveCalendar: (year, calendar, meta) => run('requestConfig.saveCalendar', 'doc', () => req.saveCalendar(year, calendar, meta)),
      saveScoreWeights: (streetId, weights) => run('requestConfig.saveScoreWeights', 'doc', () => req.saveScoreWeights(streetId, weights)),
    },
    notices: {
      get: (id) => run('notices.get', 'doc', () => nt.get(id)),
      create: (notice, keys, outbox) => run('notices.create', 'doc', () => nt.create(notice, keys, outbox, (o) => req.insertOutbox(o))),
      update: (notice, v) => run('notices.update', 'doc', () => nt.update(notice, v)),
      feed: (place, now, page) => run('notices.feed', 'query', () => nt.feed(place, now, page)),
      feedFirstPage: (place, now, limit, live) => run('notices.feedFirstPage', 'query', () => nt.feedFirstPage(place, now, limit, live)),
      liveIds: (place, now, limit) => run('notices.liveIds', 'query', () => nt.liveIds(place, now, limit)),
      listForArea: (area, page) => run('notices.listForArea', 'query', () => nt.listForArea(area, page)),
      receipts: (userId, ids) => run('notices.receipts', 'doc', () => nt.receipts(userId, ids)),
      markRead: (w) => run('notices.markRead', 'doc', () => nt.markRead(w)),
      acknowledge: (w) => run('notices.acknowledge', 'doc', () => nt.acknowledge(w)),
      markReached: (r) => run('notices.markReached', 'doc', () => nt.markReached(r)),
      gridStats: (id) => run('notices.gridStats', 'query', () => nt.gridStats(id)),
      reachedInGrid: (id, gridId) => run('notices.reachedInGrid', 'query', () => nt.reachedInGrid(id, gridId)),
    },
  };
}

export interface EmbeddedStoreOptions {
  /**
   * Called before every SQL statement the store's repositories run (not BEGIN/COMMIT). Tests inject
   * faults with it: throwing makes that statement fail as a database error would.
   */
  onStatement?: (sql: string) => void;
  /**
   * Answer the reads every call repeats from a cache kept valid by the database's version (read-cache.ts).
   * Default: on, except with onStatement (a fault injected on a read must reach that read).
   */
  readCache?: boolean;
}

/** Opens (creating if needed) the database file and brings its schema up to date. ':memory:' for tests. */
export function openEmbeddedStore(file: string, options: EmbeddedStoreOptions = {}): EmbeddedStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db);

  const core = new SqliteCore(db, options.onStatement);
  const readVersion = db.prepare(READ_VERSION_SQL).pluck();
  // Named so that CPU profiles show it (scripts/bench/cpuprofile-summary.ts counts it as SQLite time).
  const readVersionNow = (): number => readVersion.get() as number;
  const readCache = new ReadCache(readVersionNow, () => core.writes);
  // A store that injects statement faults (tests) reads through to SQL unless it asks for the cache: its faults are on reads too.
  const cached = options.readCache ?? !options.onStatement;
  const req = new SqliteRequests(core);
  const nt = new SqliteNotices(core, cached ? readCache : undefined);
  const delivery = new SqliteDelivery(core);
  const gate = new TransactionGate();
  const pass = <T>(fn: () => T) => gate.pass(fn);
  const uncached = repositories(core, req, nt, (_method, _kind, fn) => gate.pass(fn));
  const outside = cached ? withReadCache(uncached, core, readCache, pass) : uncached;

  const outbox: OutboxRepository = {
    claim: (r) => pass(() => delivery.claim(r)),
    settle: (id, token, outcome) => pass(() => delivery.settle(id, token, outcome)),
    checkpoint: (id, token, progress, until) => pass(() => delivery.checkpoint(id, token, progress, until)),
    enqueue: (item) => pass(() => delivery.enqueue(item)),
    enqueueMany: (records) => pass(() => delivery.enqueueMany(records)),
    get: (id) => pass(() => delivery.getOutbox(id)),
    count: (status) => pass(() => delivery.countOutbox(status)),
  };
  const subscriptions: SubscriptionRepository = {
    grant: (userId, templates, at) => pass(() => delivery.grant(userId, templates, at)),
    credits: (userId) => pass(() => delivery.credits(userId)),
    hold: (userId, template, key, at) => pass(() => delivery.hold(userId, template, key, at)),
    settle: (userId, template, key, outcome, at) => pass(() => delivery.settleCredit(userId, template, key, outcome, at)),
    holders: (template, userIds) => pass(() => delivery.holders(template, userIds)),
  };
  const up = new SqliteUploads(core);
  const uploads: UploadRepository = {
    register: (record, limits) => pass(() => up.register(record, limits)),
    get: (fileId) => pass(() => up.get(fileId)),
    markReferenced: (fileIds, at) => pass(() => up.markReferenced(fileIds, at)),
    release: (fileIds) => pass(() => up.release(fileIds)),
    listUnreferenced: (before, limit) => pass(() => up.listUnreferenced(before, limit)),
    removeUnreferenced: (fileIds) => pass(() => up.removeUnreferenced(fileIds)),
  };
  const fl = new SqliteFollowers(core, req);
  const followers: FollowerRepository = {
    get: (requestId, userId) => pass(() => fl.get(requestId, userId)),
    listForRequest: (requestId, limit) => pass(() => fl.listForRequest(requestId, limit)),
    listForUser: (userId, page) => pass(() => fl.listForUser(userId, page)),
    write: (w) => pass(() => fl.write(w)),
    rate: (requestId, userId, rating) => pass(() => fl.rate(requestId, userId, rating)),
    similarCandidates: (q) => pass(() => fl.similarCandidates(q)),
  };
  const ci = new SqliteCheckIns(core);
  const checkIns: CheckInRepository = {
    get: (id) => pass(() => ci.get(id)),
    create: (c) => pass(() => ci.create(c)),
    listForStreet: (streetId, limit) => pass(() => ci.listForStreet(streetId, limit)),
    answer: (a) => pass(() => ci.answer(a)),
    setRequestId: (id, householdId, requestId) => pass(() => ci.setRequestId(id, householdId, requestId)),
    getAnswer: (id, householdId) => pass(() => ci.getAnswer(id, householdId)),
    gridCounts: (id) => pass(() => ci.gridCounts(id)),
    answersInGrid: (id, gridId) => pass(() => ci.answersInGrid(id, gridId)),
    close: (id, closedAt, frozen) => pass(() => ci.close(id, closedAt, frozen)),
  };
  const vs = new SqliteVisits(core);
  const visits: VisitRepository = {
    record: (visit) => pass(() => vs.record(visit)),
    listForHousehold: (householdId, limit) => pass(() => vs.listForHousehold(householdId, limit)),
    marksForGrid: (gridId, since) => pass(() => vs.marksForGrid(gridId, since)),
    marksForGrids: (gridIds, from, to) => pass(() => vs.marksForGrids(gridIds, from, to)),
    listBefore: (streetId, before, limit) => pass(() => vs.listBefore(streetId, before, limit)),
    remove: (ids) => pass(() => vs.remove(ids)),
  };
  const jobLocks: JobLockRepository = {
    acquire: (job, owner, now, until) => pass(() => delivery.acquire(job, owner, now, until)),
    checkpoint: (job, owner, checkpoint, until) => pass(() => delivery.checkpointJob(job, owner, checkpoint, until)),
    release: (job, owner, checkpoint) => pass(() => delivery.release(job, owner, checkpoint)),
  };

  function notDuringTransaction(what: string): void {
    if (gate.busy) throw new Error(`${what} cannot run while a transaction is open`);
  }

  return {
    ...outside,
    outbox,
    subscriptions,
    jobLocks,
    uploads,
    followers,
    checkIns,
    visits,
    localSends: {
      record: (message) => pass(() => delivery.recordLocalSend(message)),
      list: (userId, page): Promise<Page<SentMessage>> => pass(() => delivery.listLocalSends(userId, page)),
      count: () => pass(() => delivery.countLocalSends()),
    },
    get db() {
      return db;
    },
    transact<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
      return gate.exclusive(async () => {
        let open = true;
        const tx = repositories(core, req, nt, async (method, kind, fn) => {
          if (!open) throw new Error(`store.${method} called on a transaction that has ended`);
          if (kind === 'query') throw new TransactionQueryError(method);
          return fn();
        });
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          // The version goes back with the rollback; nothing read in the meantime is kept under it (belt and braces:
          // the cache is not read inside a transaction).
          readCache.clear();
          throw e;
        } finally {
          open = false;
        }
      });
    },
    async close() {
      await gate.pass(() => undefined);
      if (db.open) db.close();
    },
    importPlaces(data) {
      notDuringTransaction('importPlaces');
      db.transaction(() => {
        core.importPlaces(data);
        req.importConfig(data);
      }).immediate();
    },
    importRequests(requests, events) {
      notDuringTransaction('importRequests');
      const size = 5000;
      const batches: { requests: ServiceRequest[]; events: RequestEvent[] }[] = [];
      for (let i = 0; i < requests.length; i += size) batches.push({ requests: requests.slice(i, i + size), events: [] });
      for (let i = 0; i < events.length; i += size) batches.push({ requests: [], events: events.slice(i, i + size) });
      req.importRequestBatches(batches);
    },
    importRequestBatches(batches) {
      notDuringTransaction('importRequestBatches');
      return req.importRequestBatches(batches);
    },
    outboxRecords() {
      return gate.pass(() => req.outbox());
    },
    importNotices(notices) {
      notDuringTransaction('importNotices');
      for (const { notice, keys } of notices) nt.create(notice, keys, [], () => undefined);
    },
    importNoticeReads(writes) {
      notDuringTransaction('importNoticeReads');
      nt.importReads(writes);
    },
    isEmpty() {
      return core.countUsers() === 0 && core.listStreets().length === 0;
    },
    countUsers() {
      return core.countUsers();
    },
    listPeople(query) {
      return gate.pass(() => core.listPeople(query));
    },
  };
}

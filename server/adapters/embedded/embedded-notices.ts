/**
 * Notices in SQLite. A feed runs one statement per key of the reader's place (street, community, grid,
 * building) on `notice_keys_feed`, which covers every column the statement filters on, and merges the pages;
 * coverage reads the per-(notice, grid) counters. Each write method is one transaction.
 */
import type { OutboxRecord } from '@core/messages/message';
import { feedKeys, noticePriority, type Notice, type Place } from '@core/notices/notice';
import type {
  CreateNoticeResult,
  GridNoticeStats,
  HouseholdReach,
  NoticeArea,
  NoticeHead,
  NoticeKey,
  NoticeReceipt,
  ReadWrite,
} from '../../ports/notice.port';
import type { Page } from '../../ports/request.port';
import { compareDesc, decodeNoticeCursor, encodeNoticeCursor, noticePageLimit, type NoticeCursor } from '../notice-paging';
import { noticeHead } from '../notice-record';
import type { PlannedStatement, SqlAccess } from './sql-access';
import type { ReadCache } from './read-cache';

interface ReceiptRow { notice_id: string; user_id: string; read_at: string; read_version: number; acked_at: string | null }
interface ReachRow {
  notice_id: string; household_id: string; community_id: string; grid_id: string; building_id: string;
  method: string; by_id: string; at: string; note: string;
}
interface StatsRow {
  notice_id: string; grid_id: string; community_id: string; reads: number; acks: number;
  reached_read: number; reached_visit: number; reached_phone: number;
}

const toReceipt = (r: ReceiptRow): NoticeReceipt => ({
  noticeId: r.notice_id, userId: r.user_id, readAt: r.read_at, readVersion: r.read_version, ackedAt: r.acked_at,
});
const toReach = (r: ReachRow): HouseholdReach => ({
  noticeId: r.notice_id, householdId: r.household_id, communityId: r.community_id, gridId: r.grid_id,
  buildingId: r.building_id, method: r.method as HouseholdReach['method'], byId: r.by_id, at: r.at, note: r.note,
});
const toStats = (r: StatsRow): GridNoticeStats => ({
  noticeId: r.notice_id, gridId: r.grid_id, communityId: r.community_id, reads: r.reads, acks: r.acks,
  reachedRead: r.reached_read, reachedVisit: r.reached_visit, reachedPhone: r.reached_phone,
});

/** A place's first feed refs as read at `from`, unchanged by the clock until `until`. */
interface LiveWindow {
  from: string;
  until: string | null;
  refs: NoticeCursor[];
}

/** The caller's own copies of cached values (read on every feed call: cheaper than the generic copyData). */
const copyHead = (h: NoticeHead): NoticeHead => ({ ...h, scope: { ...h.scope, ids: [...h.scope.ids] } });
const copyWindow = (w: LiveWindow): LiveWindow => ({ from: w.from, until: w.until, refs: w.refs.map((r) => ({ key: r.key, id: r.id })) });

const LIVE = 'withdrawn = 0 AND publish_at <= @now AND (expires_at IS NULL OR expires_at > @now)';

/**
 * The feed statement for a place (exported for EXPLAIN QUERY PLAN tests): one arm per key of the place, each
 * reading `notice_keys_feed` in feed order, merged by SQLite in that order and cut at `limit` — so a page reads
 * about `limit` index entries in all, however many notices each key has. A notice has keys of one level only and
 * a place one key per level, so no notice comes up in two arms.
 */
export function feedStatement(keys: { level: string; id: string }[], now: string, cursor: NoticeCursor | null, limit: number): PlannedStatement {
  const params: Record<string, unknown> = { now };
  // The limit is written into the SQL, not bound: with a literal LIMIT SQLite stops reading each arm at the page's
  // end; with a bound one the same statement took twice as long on the benchmark street (145 vs 67 µs). A page
  // size is one of a few whole numbers, so this adds only a few prepared statements.
  const literalLimit = Math.max(1, Math.floor(limit));
  let after = '';
  if (cursor) {
    const [p, t] = cursor.key.split('|');
    params.cp = Number(p);
    params.ct = t;
    params.cid = cursor.id;
    after = ' AND (priority < @cp OR (priority = @cp AND (publish_at < @ct OR (publish_at = @ct AND notice_id < @cid))))';
  }
  const arms = keys.map((key, i) => {
    params[`k${i}`] = key.level;
    params[`p${i}`] = key.id;
    return `SELECT notice_id, priority, publish_at FROM notice_keys INDEXED BY notice_keys_feed
            WHERE kind = @k${i} AND place_id = @p${i} AND ${LIVE}${after}`;
  });
  return { sql: `${arms.join(' UNION ALL ')} ORDER BY priority DESC, publish_at DESC, notice_id DESC LIMIT ${literalLimit}`, params };
}

/** The statements of a management list page (exported for EXPLAIN QUERY PLAN tests). */
export function areaStatements(area: NoticeArea, cursor: NoticeCursor | null, limit: number): PlannedStatement[] {
  const base: Record<string, unknown> = { limit };
  let after = '';
  if (cursor) {
    base.ct = cursor.key;
    base.cid = cursor.id;
    after = ' AND (publish_at < @ct OR (publish_at = @ct AND notice_id < @cid))';
  }
  const tail = `${after} ORDER BY publish_at DESC, notice_id DESC LIMIT @limit`;
  const byPlace = (kind: string, place: string): PlannedStatement => ({
    sql: `SELECT DISTINCT notice_id, publish_at FROM notice_keys INDEXED BY notice_keys_by_place WHERE kind = @kind AND place_id = @place${tail}`,
    params: { ...base, kind, place },
  });
  switch (area.kind) {
    case 'street':
      return [{
        sql: `SELECT id AS notice_id, publish_at FROM notices INDEXED BY notices_by_street WHERE street_id = @street${after.replace(/notice_id/g, 'id')}
              ORDER BY publish_at DESC, id DESC LIMIT @limit`,
        params: { ...base, street: area.streetId },
      }];
    case 'community':
      return [
        byPlace('street', area.streetId),
        {
          sql: `SELECT DISTINCT notice_id, publish_at FROM notice_keys INDEXED BY notice_keys_by_community WHERE community_id = @community${tail}`,
          params: { ...base, community: area.communityId },
        },
      ];
    case 'grids':
      return [
        byPlace('street', area.streetId),
        ...area.communityIds.map((c) => byPlace('communities', c)),
        ...area.gridIds.map((g) => ({
          sql: `SELECT DISTINCT notice_id, publish_at FROM notice_keys INDEXED BY notice_keys_by_grid WHERE grid_id = @grid${tail}`,
          params: { ...base, grid: g },
        })),
      ];
  }
}

export class SqliteNotices {
  /** `cache`: notice heads by id (read-cache.ts), used outside transactions only. */
  constructor(
    private readonly sql: SqlAccess,
    private readonly cache?: ReadCache,
  ) {}

  get(id: string): Notice | null {
    const r = this.sql.one<{ data: string }>('SELECT data FROM notices WHERE id = ?', [id]);
    return r ? (JSON.parse(r.data) as Notice) : null;
  }

  private heads(ids: string[]): Map<string, NoticeHead> {
    if (ids.length === 0) return new Map();
    const load = (wanted: string[]) =>
      this.sql
        .all<{ id: string; head: string }>(`SELECT id, head FROM notices WHERE id IN (${wanted.map(() => '?').join(',')})`, wanted)
        .map((r) => JSON.parse(r.head) as NoticeHead);
    // Every resident's feed shows the same few dozen heads: kept while the version is unchanged (a notice written,
    // edited or withdrawn bumps it). Inside a transaction the database itself is read.
    const heads = this.cache && !this.sql.db.inTransaction ? this.cache.many('notice-head:', ids, (h: NoticeHead) => h.id, load, copyHead) : load(ids);
    return new Map(heads.map((h) => [h.id, h]));
  }

  create(notice: Notice, keys: NoticeKey[], outbox: OutboxRecord[], insertOutbox: (records: OutboxRecord[]) => void): CreateNoticeResult {
    return this.sql.db.transaction((): CreateNoticeResult => {
      const earlier = this.sql.one<{ data: string }>('SELECT data FROM notices WHERE publisher_id = ? AND idempotency_key = ?', [
        notice.publisherId, notice.idempotencyKey,
      ]);
      if (earlier) return { kind: 'duplicate', notice: JSON.parse(earlier.data) as Notice };
      this.sql.run(
        'INSERT INTO notices (id, street_id, publisher_id, idempotency_key, publish_at, head, data, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [notice.id, notice.streetId, notice.publisherId, notice.idempotencyKey, notice.publishAt, JSON.stringify(noticeHead(notice)), JSON.stringify(notice), notice.version],
      );
      const priority = noticePriority(notice);
      for (const k of keys) {
        this.sql.run(
          `INSERT INTO notice_keys (notice_id, kind, place_id, street_id, community_id, grid_id, priority, publish_at, expires_at, withdrawn)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [notice.id, k.level, k.placeId, notice.streetId, k.communityId, k.gridId, priority, notice.publishAt, notice.expiresAt, notice.withdrawn ? 1 : 0],
        );
      }
      insertOutbox(outbox);
      return { kind: 'created', notice };
    }).immediate();
  }

  update(notice: Notice, expectedVersion: number): Notice | null {
    return this.sql.db.transaction((): Notice | null => {
      const res = this.sql.run('UPDATE notices SET head = ?, data = ?, version = ? WHERE id = ? AND version = ?', [
        JSON.stringify(noticeHead(notice)), JSON.stringify(notice), notice.version, notice.id, expectedVersion,
      ]);
      if (res.changes === 0) return null;
      const priority = noticePriority(notice);
      this.sql.run('UPDATE notice_keys SET priority = ?, expires_at = ?, withdrawn = ? WHERE notice_id = ?', [
        priority, notice.expiresAt, notice.withdrawn ? 1 : 0, notice.id,
      ]);
      return notice;
    }).immediate();
  }

  private liveRefs(place: Place, now: string, cursor: NoticeCursor | null, limit: number): NoticeCursor[] {
    const keys = feedKeys(place);
    const read = (): NoticeCursor[] => {
      const st = feedStatement(keys, now, cursor, limit);
      return this.sql
        .all<{ notice_id: string; priority: number; publish_at: string }>(st.sql, st.params)
        .map((r) => ({ key: `${r.priority}|${r.publish_at}`, id: r.notice_id }));
    };
    if (cursor || !this.cache || this.sql.db.inTransaction) return read();
    // A place's first refs change with a write (the version) or when one of its notices is published or expires
    // by the clock: kept with the window [from, until) in which no notice of these keys changes state, and read
    // again outside it. Residents of one building share the entry.
    const cacheKey = `notice-feed:${limit}:${keys.map((k) => `${k.level}=${k.id}`).join('&')}`;
    const load = (): LiveWindow => ({ from: now, until: this.nextStateChange(keys, now), refs: read() });
    const kept = this.cache.one(cacheKey, load, copyWindow);
    if (now >= kept.from && (kept.until === null || now < kept.until)) return kept.refs;
    const fresh = load();
    this.cache.set(cacheKey, fresh, copyWindow);
    return fresh.refs;
  }

  /** The first instant after `now` at which a notice of these keys is published or expires (null: none). */
  private nextStateChange(keys: { level: string; id: string }[], now: string): string | null {
    const params: Record<string, unknown> = { now };
    const arms = keys.flatMap((key, i) => {
      params[`k${i}`] = key.level;
      params[`p${i}`] = key.id;
      return [
        `SELECT MIN(publish_at) AS t FROM notice_keys WHERE kind = @k${i} AND place_id = @p${i} AND publish_at > @now`,
        `SELECT MIN(expires_at) AS t FROM notice_keys WHERE kind = @k${i} AND place_id = @p${i} AND expires_at > @now`,
      ];
    });
    return this.sql.one<{ t: string | null }>(`SELECT MIN(t) AS t FROM (${arms.join(' UNION ALL ')})`, params)?.t ?? null;
  }

  /** A page of the refs read (one more than shown tells whether there is a next page), with its heads. */
  private pageOf(order: 'feed' | 'area', refs: NoticeCursor[], limit: number): Page<NoticeHead> {
    const shown = refs.slice(0, limit);
    const heads = this.heads(shown.map((r) => r.id));
    return {
      items: shown.map((r) => heads.get(r.id)).filter((h): h is NoticeHead => h !== undefined),
      next: refs.length > limit ? encodeNoticeCursor(order, shown[shown.length - 1]) : null,
    };
  }

  feed(place: Place, now: string, page: { limit: number; cursor?: string | null }): Page<NoticeHead> {
    const limit = noticePageLimit(page.limit);
    return this.pageOf('feed', this.liveRefs(place, now, decodeNoticeCursor('feed', page.cursor), limit + 1), limit);
  }

  feedFirstPage(place: Place, now: string, limit: number, liveLimit: number): Page<NoticeHead> & { liveIds: string[] } {
    const n = noticePageLimit(limit);
    const live = Math.max(1, Math.min(500, liveLimit));
    const refs = this.liveRefs(place, now, null, Math.max(n + 1, live));
    return { ...this.pageOf('feed', refs, n), liveIds: refs.slice(0, live).map((r) => r.id) };
  }

  liveIds(place: Place, now: string, limit: number): string[] {
    return this.liveRefs(place, now, null, Math.max(1, Math.min(500, limit))).map((r) => r.id);
  }

  listForArea(area: NoticeArea, page: { limit: number; cursor?: string | null }): Page<NoticeHead> {
    const limit = noticePageLimit(page.limit);
    const cursor = decodeNoticeCursor('area', page.cursor);
    const seen = new Map<string, NoticeCursor>();
    for (const st of areaStatements(area, cursor, limit + 1)) {
      for (const r of this.sql.all<{ notice_id: string; publish_at: string }>(st.sql, st.params)) {
        seen.set(r.notice_id, { key: r.publish_at, id: r.notice_id });
      }
    }
    return this.pageOf('area', [...seen.values()].sort(compareDesc).slice(0, limit + 1), limit);
  }

  receipts(userId: string, noticeIds: string[]): NoticeReceipt[] {
    if (noticeIds.length === 0) return [];
    return this.sql
      .all<ReceiptRow>(`SELECT * FROM notice_receipts WHERE user_id = ? AND notice_id IN (${noticeIds.map(() => '?').join(',')})`, [userId, ...noticeIds])
      .map(toReceipt);
  }

  private bump(noticeId: string, gridId: string, communityId: string, column: 'reads' | 'acks' | 'reached_read' | 'reached_visit' | 'reached_phone'): void {
    this.sql.run(
      `INSERT INTO notice_grid_stats (notice_id, grid_id, community_id, ${column}) VALUES (?, ?, ?, 1)
       ON CONFLICT (notice_id, grid_id) DO UPDATE SET ${column} = ${column} + 1`,
      [noticeId, gridId, communityId],
    );
  }

  private readInTx(w: ReadWrite): ReceiptRow {
    const existing = this.sql.one<ReceiptRow>('SELECT * FROM notice_receipts WHERE user_id = ? AND notice_id = ?', [w.userId, w.noticeId]);
    if (existing) {
      if (existing.read_version < w.version) {
        this.sql.run('UPDATE notice_receipts SET read_version = ? WHERE user_id = ? AND notice_id = ?', [w.version, w.userId, w.noticeId]);
        existing.read_version = w.version;
      }
      return existing;
    }
    const row: ReceiptRow = { notice_id: w.noticeId, user_id: w.userId, read_at: w.at, read_version: w.version, acked_at: null };
    this.sql.run('INSERT INTO notice_receipts (notice_id, user_id, read_at, read_version, acked_at) VALUES (?, ?, ?, ?, NULL)', [
      row.notice_id, row.user_id, row.read_at, row.read_version,
    ]);
    this.bump(w.noticeId, w.place.gridId, w.place.communityId, 'reads');
    const p = w.place;
    if (p.householdId && p.buildingId) {
      const res = this.sql.run(
        `INSERT INTO notice_reach (notice_id, household_id, community_id, grid_id, building_id, method, by_id, at, note)
         VALUES (?, ?, ?, ?, ?, 'read', ?, ?, '') ON CONFLICT (notice_id, household_id) DO NOTHING`,
        [w.noticeId, p.householdId, p.communityId, p.gridId, p.buildingId, w.userId, w.at],
      );
      if (res.changes > 0) this.bump(w.noticeId, p.gridId, p.communityId, 'reached_read');
    }
    return row;
  }

  markRead(w: ReadWrite): NoticeReceipt {
    return toReceipt(this.sql.db.transaction(() => this.readInTx(w)).immediate());
  }

  acknowledge(w: ReadWrite): NoticeReceipt {
    return toReceipt(
      this.sql.db.transaction(() => {
        const row = this.readInTx(w);
        if (row.acked_at === null) {
          this.sql.run('UPDATE notice_receipts SET acked_at = ? WHERE user_id = ? AND notice_id = ?', [w.at, w.userId, w.noticeId]);
          row.acked_at = w.at;
          this.bump(w.noticeId, w.place.gridId, w.place.communityId, 'acks');
        }
        return row;
      }).immediate(),
    );
  }

  markReached(reach: HouseholdReach): { kind: 'created' | 'exists'; reach: HouseholdReach } {
    return this.sql.db.transaction((): { kind: 'created' | 'exists'; reach: HouseholdReach } => {
      const existing = this.sql.one<ReachRow>('SELECT * FROM notice_reach WHERE notice_id = ? AND household_id = ?', [reach.noticeId, reach.householdId]);
      if (existing) return { kind: 'exists', reach: toReach(existing) };
      this.sql.run(
        `INSERT INTO notice_reach (notice_id, household_id, community_id, grid_id, building_id, method, by_id, at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [reach.noticeId, reach.householdId, reach.communityId, reach.gridId, reach.buildingId, reach.method, reach.byId, reach.at, reach.note],
      );
      const column = reach.method === 'visit' ? 'reached_visit' : reach.method === 'phone' ? 'reached_phone' : 'reached_read';
      this.bump(reach.noticeId, reach.gridId, reach.communityId, column);
      return { kind: 'created', reach };
    }).immediate();
  }

  gridStats(noticeId: string): GridNoticeStats[] {
    return this.sql.all<StatsRow>('SELECT * FROM notice_grid_stats WHERE notice_id = ? ORDER BY grid_id', [noticeId]).map(toStats);
  }

  reachedInGrid(noticeId: string, gridId: string): HouseholdReach[] {
    return this.sql
      .all<ReachRow>('SELECT * FROM notice_reach WHERE notice_id = ? AND grid_id = ? ORDER BY household_id', [noticeId, gridId])
      .map(toReach);
  }

  /** Bulk load of receipts for benchmarks: plain inserts through the same read path, one transaction per batch. */
  importReads(writes: ReadWrite[]): void {
    this.sql.db.transaction(() => {
      for (const w of writes) this.readInTx(w);
    }).immediate();
  }
}

/**
 * Notices, read receipts, household reach and per-grid counters in CloudBase.
 *
 * A notice is ONE document (`_id` = its id) holding every Notice field plus four query-only fields that never
 * reach callers:
 * - `feedKeys`: `${level}:${placeId}` for each place the notice targets. A resident's feed is one query,
 *   `feedKeys in` the (at most four) keys of their place, on the multikey index
 *   (feedKeys, priority desc, publishAt desc, _id desc): a document matches once however many of its keys do,
 *   so nothing needs merging or de-duplicating, and publishing writes one document however wide the scope.
 * - `areaKeys`: what staff lists match — `s:<street>` for a street-wide notice, `cl:<community>` for a
 *   community-level one, and `c:<community>` / `g:<grid>` for every community and grid a targeted place lies in.
 * - `priority` (pinned 2 + urgent 1) and `head` (the NoticeHead lists show, read by projection so a page never
 *   carries bodies and revisions).
 * The scope never changes, so an edit rewrites the document keeping its keys.
 *
 * Writes are each ONE `runTransaction` of single-document operations:
 * - publish: the idempotency document (`_id` a hash of publisher and key, read first: a concurrent twin
 *   conflicts at commit, re-runs and finds it), the notice, and its outbox records;
 * - read / acknowledge / reach: the receipt (`${noticeId}:${userId}`), the household's reach
 *   (`${noticeId}:${householdId}`, created once) and the grid's counters (`${noticeId}:${gridId}`, `inc`),
 *   so the counters always equal the rows they count.
 */
import { createHash } from 'node:crypto';
import type { OutboxRecord } from '@core/messages/message';
import { feedKeys, noticePriority, type Notice, type NoticeLevel, type Place } from '@core/notices/notice';
import type {
  CreateNoticeResult,
  GridNoticeStats,
  HouseholdReach,
  NoticeArea,
  NoticeHead,
  NoticeKey,
  NoticeReceipt,
  NoticeRepository,
  ReadWrite,
} from '../../ports/notice.port';
import type { Page } from '../../ports/request.port';
import { decodeNoticeCursor, encodeNoticeCursor, feedSortKey, noticePageLimit, type NoticeCursor } from '../notice-paging';
import { noticeHead } from '../notice-record';
import { fetchAll, queryGuard, transactionAccess, type DocAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbCommandValue, type DbCondition, type DbDocument } from './cloudbase-db';
import { pick, writeOutbox } from './cloudbase-requests';

/** Conflicting writes re-run their transaction; each round lets one of them through (many readers of one grid contend on its counters). */
const WRITE_RETRIES = 10;
/** Ids per `_.in` query in receipts. */
const IN_CHUNK = 500;
/** The most ids liveIds answers (the unread badge). */
const LIVE_IDS_MAX = 500;

// ---- documents ↔ entities -------------------------------------------------------------------------

/** Every Notice field but its id; a missing one fails the type check. */
const NOTICE_FIELDS = [
  'streetId', 'scope', 'title', 'body', 'imageFileIds', 'attachments', 'category', 'urgent', 'requireAck', 'pinned', 'publishAt',
  'expiresAt', 'publisherId', 'publisherRole', 'publisherLabel', 'withdrawn', 'version', 'revisions', 'idempotencyKey', 'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Notice)[];
type MissingNoticeField = Exclude<keyof Notice, 'id' | (typeof NOTICE_FIELDS)[number]>;
// Compile-time completeness check: fails to type-check when Notice gains a field not listed above.
export const NOTICE_FIELDS_COMPLETE: [MissingNoticeField] extends [never] ? true : never = true;

const RECEIPT_FIELDS = ['noticeId', 'userId', 'readAt', 'readVersion', 'ackedAt'] as const satisfies readonly (keyof NoticeReceipt)[];
const REACH_FIELDS = [
  'noticeId', 'householdId', 'communityId', 'gridId', 'buildingId', 'method', 'byId', 'at', 'note',
] as const satisfies readonly (keyof HouseholdReach)[];
const STATS_FIELDS = [
  'noticeId', 'gridId', 'communityId', 'reads', 'acks', 'reachedRead', 'reachedVisit', 'reachedPhone',
] as const satisfies readonly (keyof GridNoticeStats)[];

type Counter = 'reads' | 'acks' | 'reachedRead' | 'reachedVisit' | 'reachedPhone';
const COUNTERS: readonly Counter[] = ['reads', 'acks', 'reachedRead', 'reachedVisit', 'reachedPhone'];

const toNotice = (d: DbDocument): Notice => ({ id: d._id, ...pick(d, NOTICE_FIELDS) }) as Notice;
const toReceipt = (d: DbDocument): NoticeReceipt => pick(d, RECEIPT_FIELDS) as unknown as NoticeReceipt;
const toReach = (d: DbDocument): HouseholdReach => pick(d, REACH_FIELDS) as unknown as HouseholdReach;
const toStats = (d: DbDocument): GridNoticeStats => {
  const s = pick(d, STATS_FIELDS);
  for (const c of COUNTERS) s[c] = typeof s[c] === 'number' ? s[c] : 0;
  return s as unknown as GridNoticeStats;
};

export const receiptDocId = (noticeId: string, userId: string): string => `${noticeId}:${userId}`;
export const reachDocId = (noticeId: string, householdId: string): string => `${noticeId}:${householdId}`;
export const gridStatsDocId = (noticeId: string, gridId: string): string => `${noticeId}:${gridId}`;

/** The document id that makes (publisher, idempotency key) unique; hashed, as a key is client-chosen text. */
export function noticeKeyId(publisherId: string, idempotencyKey: string): string {
  return `nk_${createHash('sha256').update(`${publisherId}\n${idempotencyKey}`).digest('hex').slice(0, 40)}`;
}

const feedKey = (level: NoticeLevel, placeId: string): string => `${level}:${placeId}`;

/** The staff-list keys of a notice's targeted places (see the module comment). */
export function areaKeysOf(keys: NoticeKey[]): string[] {
  const out = new Set<string>();
  for (const k of keys) {
    if (k.level === 'street') out.add(`s:${k.placeId}`);
    if (k.level === 'communities') out.add(`cl:${k.placeId}`);
    if (k.communityId !== null) out.add(`c:${k.communityId}`);
    if (k.gridId !== null) out.add(`g:${k.gridId}`);
  }
  return [...out];
}

/** The stored fields of a notice, query-only fields included. */
function noticeFields(n: Notice, keys: { feedKeys: string[]; areaKeys: string[] }): Record<string, unknown> {
  return {
    ...pick(n, NOTICE_FIELDS),
    priority: noticePriority(n),
    head: noticeHead(n),
    feedKeys: [...keys.feedKeys],
    areaKeys: [...keys.areaKeys],
  };
}

const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

// ---- the writes, on whatever single-document access the caller has --------------------------------

async function createWith(access: DocAccess, notice: Notice, keys: NoticeKey[], outbox: OutboxRecord[]): Promise<CreateNoticeResult> {
  const keyId = noticeKeyId(notice.publisherId, notice.idempotencyKey);
  const key = await access.get('notice_idempotency', keyId);
  if (key) {
    const earlier = await access.get('notices', String(key.noticeId));
    if (!earlier) throw new Error(`notice key ${keyId} names a missing notice ${String(key.noticeId)}`);
    return { kind: 'duplicate', notice: toNotice(earlier) };
  }
  await access.put('notice_idempotency', keyId, { noticeId: notice.id, publisherId: notice.publisherId, createdAt: notice.createdAt });
  const fields = noticeFields(notice, { feedKeys: [...new Set(keys.map((k) => feedKey(k.level, k.placeId)))], areaKeys: areaKeysOf(keys) });
  await access.create('notices', notice.id, fields);
  await writeOutbox(access, outbox);
  return { kind: 'created', notice: structuredClone(notice) };
}

async function updateWith(access: DocAccess, notice: Notice, expectedVersion: number): Promise<Notice | null> {
  const current = await access.get('notices', notice.id);
  if (!current || current.version !== expectedVersion) return null;
  await access.put('notices', notice.id, noticeFields(notice, { feedKeys: stringList(current.feedKeys), areaKeys: stringList(current.areaKeys) }));
  return structuredClone(notice);
}

/** Adds to a grid's counters, creating them at zero first. */
async function bump(
  access: DocAccess,
  _: CloudbaseDb['command'],
  at: { noticeId: string; gridId: string; communityId: string },
  by: Partial<Record<Counter, number>>,
): Promise<void> {
  const counters = COUNTERS.filter((c) => (by[c] ?? 0) !== 0);
  if (counters.length === 0) return;
  const id = gridStatsDocId(at.noticeId, at.gridId);
  if (await access.get('notice_grid_stats', id)) {
    await access.update('notice_grid_stats', id, Object.fromEntries(counters.map((c) => [c, _.inc(by[c] ?? 0)])));
  } else {
    const fresh: GridNoticeStats = { ...at, reads: 0, acks: 0, reachedRead: 0, reachedVisit: 0, reachedPhone: 0 };
    for (const c of counters) fresh[c] += by[c] ?? 0;
    await access.put('notice_grid_stats', id, pick(fresh, STATS_FIELDS));
  }
}

async function readWith(access: DocAccess, _: CloudbaseDb['command'], w: ReadWrite, acknowledge: boolean): Promise<NoticeReceipt> {
  const p = w.place;
  const id = receiptDocId(w.noticeId, w.userId);
  const by: Partial<Record<Counter, number>> = {};
  const stored = await access.get('notice_receipts', id);
  let receipt: NoticeReceipt;
  if (stored) {
    receipt = toReceipt(stored);
    const change: Record<string, unknown> = {};
    if (receipt.readVersion < w.version) {
      receipt.readVersion = w.version;
      change.readVersion = w.version;
    }
    if (acknowledge && receipt.ackedAt === null) {
      receipt.ackedAt = w.at;
      change.ackedAt = w.at;
      by.acks = 1;
    }
    if (Object.keys(change).length > 0) await access.update('notice_receipts', id, change);
  } else {
    receipt = { noticeId: w.noticeId, userId: w.userId, readAt: w.at, readVersion: w.version, ackedAt: acknowledge ? w.at : null };
    await access.put('notice_receipts', id, pick(receipt, RECEIPT_FIELDS));
    by.reads = 1;
    if (acknowledge) by.acks = 1;
    // A household counts once, by whichever method reached it first; a reader bound to the grid only counts as a reader.
    if (p.householdId && p.buildingId) {
      const reachId = reachDocId(w.noticeId, p.householdId);
      if (!(await access.get('notice_reach', reachId))) {
        const reach: HouseholdReach = {
          noticeId: w.noticeId, householdId: p.householdId, communityId: p.communityId, gridId: p.gridId, buildingId: p.buildingId,
          method: 'read', byId: w.userId, at: w.at, note: '',
        };
        await access.put('notice_reach', reachId, pick(reach, REACH_FIELDS));
        by.reachedRead = 1;
      }
    }
  }
  await bump(access, _, { noticeId: w.noticeId, gridId: p.gridId, communityId: p.communityId }, by);
  return receipt;
}

async function reachWith(access: DocAccess, _: CloudbaseDb['command'], reach: HouseholdReach): Promise<{ kind: 'created' | 'exists'; reach: HouseholdReach }> {
  const id = reachDocId(reach.noticeId, reach.householdId);
  const stored = await access.get('notice_reach', id);
  if (stored) return { kind: 'exists', reach: toReach(stored) };
  await access.put('notice_reach', id, pick(reach, REACH_FIELDS));
  const counter: Counter = reach.method === 'visit' ? 'reachedVisit' : reach.method === 'phone' ? 'reachedPhone' : 'reachedRead';
  await bump(access, _, reach, { [counter]: 1 });
  return { kind: 'created', reach: structuredClone(reach) };
}

// ---- the repository --------------------------------------------------------------------------------

/**
 * `access` is the transaction's when `inTransaction`: then writes join that transaction, and queries are
 * refused as CloudBase refuses them.
 */
export function noticeRepository(db: CloudbaseDb, access: DocAccess, inTransaction: boolean): NoticeRepository {
  const _ = db.command;
  const query = queryGuard(inTransaction);
  /** Runs a write in the caller's transaction, or in its own. */
  const write = <R>(work: (a: DocAccess) => Promise<R>, retries = WRITE_RETRIES): Promise<R> =>
    inTransaction ? work(access) : db.runTransaction((t) => work(transactionAccess(t)), retries);

  /** Published, not withdrawn, not expired at `now`. */
  const live = (now: string): (DbCondition | DbCommandValue)[] => [
    { withdrawn: null },
    { publishAt: _.lte(now) },
    _.or([{ expiresAt: null }, { expiresAt: _.gt(now) }]),
  ];

  /** The live notices reaching a place in feed order, strictly after the cursor. */
  async function feedDocs(place: Place, now: string, cursor: NoticeCursor | null, limit: number, projection: Record<string, boolean>): Promise<DbDocument[]> {
    const conditions: (DbCondition | DbCommandValue)[] = [{ feedKeys: _.in(feedKeys(place).map((k) => feedKey(k.level, k.id))) }, ...live(now)];
    if (cursor) {
      const [p, t] = cursor.key.split('|');
      const priority = Number(p);
      conditions.push(
        _.or([
          { priority: _.lt(priority) },
          { priority, publishAt: _.lt(t) },
          { priority, publishAt: t, _id: _.lt(cursor.id) },
        ]),
      );
    }
    return checked(
      await db
        .collection('notices')
        .where(_.and(conditions))
        .orderBy('priority', 'desc')
        .orderBy('publishAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit)
        .field(projection)
        .get(),
    ).data;
  }

  const headOf = (d: DbDocument): NoticeHead => structuredClone(d.head) as NoticeHead;

  function areaCondition(area: NoticeArea): DbCondition {
    switch (area.kind) {
      case 'street':
        return { streetId: area.streetId };
      case 'community':
        return { areaKeys: _.in([`s:${area.streetId}`, `c:${area.communityId}`]) };
      case 'grids':
        return {
          areaKeys: _.in([...new Set([`s:${area.streetId}`, ...area.communityIds.map((c) => `cl:${c}`), ...area.gridIds.map((g) => `g:${g}`)])]),
        };
    }
  }

  return {
    async get(id) {
      const d = await access.get('notices', id);
      return d ? toNotice(d) : null;
    },
    create: (notice, keys, outbox) => write((a) => createWith(a, notice, keys, outbox)),
    update: (notice, expectedVersion) => write((a) => updateWith(a, notice, expectedVersion), 3),
    feed: query('notices.feed', async (place: Place, now: string, page: { limit: number; cursor?: string | null }): Promise<Page<NoticeHead>> => {
      const limit = noticePageLimit(page.limit);
      const cursor = decodeNoticeCursor('feed', page.cursor);
      const docs = await feedDocs(place, now, cursor, limit + 1, { head: true, priority: true, publishAt: true });
      const shown = docs.slice(0, limit).map(headOf);
      const last = shown[shown.length - 1];
      return { items: shown, next: docs.length > limit && last ? encodeNoticeCursor('feed', { key: feedSortKey(last), id: last.id }) : null };
    }),
    feedFirstPage: query('notices.feedFirstPage', async (place: Place, now: string, pageLimit: number, liveLimit: number) => {
      const limit = noticePageLimit(pageLimit);
      const live = Math.max(1, Math.min(LIVE_IDS_MAX, Math.floor(Number.isFinite(liveLimit) ? liveLimit : LIVE_IDS_MAX)));
      // One query answers both the page and the badge.
      const docs = await feedDocs(place, now, null, Math.max(limit + 1, live), { head: true, priority: true, publishAt: true });
      const shown = docs.slice(0, limit).map(headOf);
      const last = shown[shown.length - 1];
      return {
        items: shown,
        next: docs.length > limit && last ? encodeNoticeCursor('feed', { key: feedSortKey(last), id: last.id }) : null,
        liveIds: docs.slice(0, live).map((d) => d._id),
      };
    }),
    liveIds: query('notices.liveIds', async (place: Place, now: string, limit: number) => {
      const n = Math.max(1, Math.min(LIVE_IDS_MAX, Math.floor(Number.isFinite(limit) ? limit : LIVE_IDS_MAX)));
      return (await feedDocs(place, now, null, n, { _id: true })).map((d) => d._id);
    }),
    listForArea: query('notices.listForArea', async (area: NoticeArea, page: { limit: number; cursor?: string | null }): Promise<Page<NoticeHead>> => {
      const limit = noticePageLimit(page.limit);
      const cursor = decodeNoticeCursor('area', page.cursor);
      const conditions: (DbCondition | DbCommandValue)[] = [areaCondition(area)];
      if (cursor) conditions.push(_.or([{ publishAt: _.lt(cursor.key) }, { publishAt: cursor.key, _id: _.lt(cursor.id) }]));
      const docs = checked(
        await db
          .collection('notices')
          .where(_.and(conditions))
          .orderBy('publishAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1)
          .field({ head: true, publishAt: true })
          .get(),
      ).data;
      const shown = docs.slice(0, limit).map(headOf);
      const last = shown[shown.length - 1];
      return { items: shown, next: docs.length > limit && last ? encodeNoticeCursor('area', { key: last.publishAt, id: last.id }) : null };
    }),
    async receipts(userId, noticeIds) {
      const ids = [...new Set(noticeIds)].map((n) => receiptDocId(n, userId));
      if (inTransaction) {
        const found: NoticeReceipt[] = [];
        for (const id of ids) {
          const d = await access.get('notice_receipts', id);
          if (d) found.push(toReceipt(d));
        }
        return found;
      }
      const found: NoticeReceipt[] = [];
      for (let i = 0; i < ids.length; i += IN_CHUNK) {
        const part = ids.slice(i, i + IN_CHUNK);
        const docs = checked(await db.collection('notice_receipts').where({ _id: _.in(part), userId }).limit(part.length).get()).data;
        found.push(...docs.map(toReceipt));
      }
      return found;
    },
    markRead: (w) => write((a) => readWith(a, _, w, false)),
    acknowledge: (w) => write((a) => readWith(a, _, w, true)),
    markReached: (reach) => write((a) => reachWith(a, _, reach)),
    gridStats: query('notices.gridStats', async (noticeId: string) =>
      (await fetchAll(db.collection('notice_grid_stats').where({ noticeId }).orderBy('gridId', 'asc'))).map(toStats),
    ),
    reachedInGrid: query('notices.reachedInGrid', async (noticeId: string, gridId: string) =>
      (await fetchAll(db.collection('notice_reach').where({ noticeId, gridId }).orderBy('householdId', 'asc'))).map(toReach),
    ),
  };
}

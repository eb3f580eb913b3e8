/**
 * Requests, their events, in-app messages, the outbox, rate logs and request config in SQLite.
 *
 * Lists are keyset-paged and never OFFSET. A list page is ONE statement: an arm per (scope value, status)
 * pair — scope being the most selective of resident, handler, grid(s), community, street — each seeking
 * its `requests_by_<scope>_status_<order>` index (forced with INDEXED BY, so a plan can never silently fall
 * back to a scan) in the list's order; SQLite merges the arms (UNION ALL … ORDER BY, a merge, not a sort)
 * and stops at the page's end, then reads just those rows. A page therefore costs (scope values × statuses)
 * index seeks plus one page of rows, whatever the table's size.
 */
import { rateLogExpiry, takeRate } from '@core/shared/rate-limit';
import type { ScoreWeights } from '@core/assessment/indicators';
import type { YearCalendar } from '@core/calendar/working-days';
import type { InboxMessage, OutboxRecord } from '@core/messages/message';
import { listItemOf, type Category, type Department, type RequestEvent, type RequestListItem, type RequestSettings, type ServiceRequest } from '@core/requests/request';
import type { RequestSource, RequestStatus } from '@core/requests/request.status';
import type { CalendarMeta, CalendarYearInfo, CreateResult, NewRequestWrite, Page, RequestQuery, TransitionWrite } from '../../ports/request.port';
import { checkVersionStep, requestRateKey, settingsOrDefault } from '../request-record';
import { deadlineKey, decodeCursor, encodeCursor, pageLimit, scanLimit, sortOf, statusesOf, type Cursor } from '../request-paging';
import type { StoreImport } from '../store-import';
import { INSERT_OUTBOX, outboxParams, toOutboxRecord, type OutboxRow } from './embedded-delivery';
import { addCounters, assessedWorkerId, contributionsOf, counterDelta, counterId, emptyCounters, type Contribution, type Counters } from '@core/assessment/counters';
import { SqliteAssessment } from './embedded-assessment';

import type { PlannedStatement, SqlAccess } from './sql-access';

interface InboxRow { id: string; user_id: string; title: string; body: string; link: string | null; at: string; read_at: string | null }

const toMessage = (r: InboxRow): InboxMessage => ({
  id: r.id, userId: r.user_id, title: r.title, body: r.body,
  link: r.link === null ? null : (JSON.parse(r.link) as InboxMessage['link']), at: r.at, readAt: r.read_at,
});

/** A request stored before dueUncalibrated existed reads as calibrated (false), as its column defaults. */
function readRequest(data: string): ServiceRequest {
  const r = JSON.parse(data) as ServiceRequest;
  return { ...r, dueUncalibrated: r.dueUncalibrated === true };
}

/**
 * Every column of a request's row, derived from the request itself on every write (insert, update,
 * import): the filter and sort columns, and the list row's columns (listItemOf), so none can drift from `data`.
 */
function requestParams(r: ServiceRequest): Record<string, unknown> {
  const item = listItemOf(r);
  return {
    id: r.id, street_id: r.streetId, community_id: r.communityId, grid_id: r.gridId, category_id: r.categoryId,
    resident_id: r.residentId, submitter_id: r.submitterId, handler_id: r.handler?.id ?? null, status: r.status,
    due_at: item.dueAt, deadline_key: deadlineKey(r), created_at: r.createdAt, resolved_at: r.resolvedAt,
    idempotency_key: r.idempotencyKey, version: r.version, data: JSON.stringify(r),
    category_name: item.categoryName, excerpt: item.excerpt, source: item.source, reopen_count: item.reopenCount, photo_count: item.photoCount,
    due_uncalibrated: item.dueUncalibrated ? 1 : 0,
    unverified_resident: item.unverifiedResident ? 1 : 0,
    accepted_at: r.acceptedAt, assessed_worker_id: assessedWorkerId(r),
    follower_count: item.followerCount,
  };
}

const INSERT_REQUEST = `INSERT INTO requests (id, street_id, community_id, grid_id, category_id, resident_id, submitter_id, handler_id, status,
  due_at, deadline_key, created_at, resolved_at, idempotency_key, version, data, category_name, excerpt, source, reopen_count, photo_count, due_uncalibrated, unverified_resident, accepted_at, assessed_worker_id, follower_count)
  VALUES (@id, @street_id, @community_id, @grid_id, @category_id, @resident_id, @submitter_id, @handler_id, @status,
  @due_at, @deadline_key, @created_at, @resolved_at, @idempotency_key, @version, @data, @category_name, @excerpt, @source, @reopen_count, @photo_count, @due_uncalibrated, @unverified_resident, @accepted_at, @assessed_worker_id, @follower_count)`;

const UPDATE_REQUEST = `UPDATE requests SET street_id = @street_id, community_id = @community_id, grid_id = @grid_id, category_id = @category_id,
  resident_id = @resident_id, submitter_id = @submitter_id, handler_id = @handler_id, status = @status, due_at = @due_at,
  deadline_key = @deadline_key, created_at = @created_at, resolved_at = @resolved_at, idempotency_key = @idempotency_key,
  version = @version, data = @data, category_name = @category_name, excerpt = @excerpt, source = @source,
  reopen_count = @reopen_count, photo_count = @photo_count, due_uncalibrated = @due_uncalibrated, unverified_resident = @unverified_resident,
  accepted_at = @accepted_at, assessed_worker_id = @assessed_worker_id, follower_count = @follower_count
  WHERE id = @id AND version = @expected`;

type Scope = { column: 'resident_id' | 'handler_id' | 'assessed_worker_id' | 'grid_id' | 'community_id' | 'street_id'; index: string; values: string[] };

/** The column an index orders by after (scope, status): the sort key, or the 考核 range a query asks. */
type IndexField = 'created' | 'deadline' | 'accepted' | 'resolved';

/** The 考核 range a query asks (acceptedFrom/To first, resolvedFrom/To next), if any: it picks the index. */
function rangeFieldOf(q: Omit<RequestQuery, 'sort'>): 'accepted' | 'resolved' | null {
  if (q.acceptedFrom !== undefined || q.acceptedTo !== undefined) return 'accepted';
  if (q.resolvedFrom !== undefined || q.resolvedTo !== undefined) return 'resolved';
  return null;
}

/**
 * The most selective filter present: the index a list runs on. The accepted/resolved indexes exist for the
 * assessment's scopes only (worker, grid, community, street): with such a range, a resident or handler
 * filter narrows within them instead.
 */
function scopeOf(q: Omit<RequestQuery, 'sort'>, field: IndexField): Scope {
  const ranged = field === 'accepted' || field === 'resolved';
  if (q.residentId !== undefined && !ranged) return { column: 'resident_id', index: 'resident', values: [q.residentId] };
  if (q.handlerId !== undefined && !ranged) return { column: 'handler_id', index: 'handler', values: [q.handlerId] };
  if (q.assessedWorkerId !== undefined) return { column: 'assessed_worker_id', index: 'assessed', values: [q.assessedWorkerId] };
  if (q.gridIds !== undefined) return { column: 'grid_id', index: 'grid', values: [...new Set(q.gridIds)] };
  if (q.communityId !== undefined) return { column: 'community_id', index: 'community', values: [q.communityId] };
  return { column: 'street_id', index: 'street', values: [q.streetId] };
}

/**
 * The scope test of arm `i`. A grid or community is first looked up in the street (once per arm, by
 * primary key): one of another street matches nothing, and the arm needs no street test row by row, so
 * it stays an index-only seek.
 */
function scopeTest(scope: Scope, i: number): string {
  if (scope.column === 'grid_id') return `grid_id = (SELECT id FROM grids WHERE id = @scope${i} AND street_id = @streetId)`;
  if (scope.column === 'community_id') return `community_id = (SELECT id FROM communities WHERE id = @scope${i} AND street_id = @streetId)`;
  return `${scope.column} = @scope${i}`;
}

/** The conditions besides scope and status, with their parameters (`streetId` is always among them). */
function residual(q: Omit<RequestQuery, 'sort'>, scope: Scope): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { streetId: q.streetId };
  // Street, grid and community scopes carry the street in their scope test (scopeTest).
  if (scope.column === 'resident_id' || scope.column === 'handler_id' || scope.column === 'assessed_worker_id') where.push('street_id = @streetId');
  if (q.assessedWorkerId !== undefined && scope.column !== 'assessed_worker_id') { where.push('assessed_worker_id = @assessedWorkerId'); params.assessedWorkerId = q.assessedWorkerId; }
  if (q.communityId !== undefined && scope.column !== 'community_id') { where.push('community_id = @communityId'); params.communityId = q.communityId; }
  if (q.gridIds !== undefined && scope.column !== 'grid_id') { where.push('grid_id IN (SELECT value FROM json_each(@gridIds))'); params.gridIds = JSON.stringify(q.gridIds); }
  if (q.residentId !== undefined && scope.column !== 'resident_id') { where.push('resident_id = @residentId'); params.residentId = q.residentId; }
  if (q.handlerId !== undefined && scope.column !== 'handler_id') { where.push('handler_id = @handlerId'); params.handlerId = q.handlerId; }
  if (q.categoryId !== undefined) { where.push('category_id = @categoryId'); params.categoryId = q.categoryId; }
  if (q.sources !== undefined) { where.push('source IN (SELECT value FROM json_each(@sources))'); params.sources = JSON.stringify(q.sources); }
  if (q.createdFrom !== undefined) { where.push('created_at >= @createdFrom'); params.createdFrom = q.createdFrom; }
  if (q.createdTo !== undefined) { where.push('created_at < @createdTo'); params.createdTo = q.createdTo; }
  // A range on the deadline key: the statuses are already narrowed to those whose key is their deadline.
  if (q.overdueAt !== undefined) { where.push('deadline_key < @overdueAt'); params.overdueAt = q.overdueAt; }
  if (q.dueFrom !== undefined) { where.push('deadline_key >= @dueFrom'); params.dueFrom = q.dueFrom; }
  if (q.resolvedBefore !== undefined) { where.push('resolved_at < @resolvedBefore'); params.resolvedBefore = q.resolvedBefore; }
  if (q.acceptedFrom !== undefined) { where.push('accepted_at >= @acceptedFrom'); params.acceptedFrom = q.acceptedFrom; }
  if (q.acceptedTo !== undefined) { where.push('accepted_at < @acceptedTo'); params.acceptedTo = q.acceptedTo; }
  if (q.resolvedFrom !== undefined) { where.push('resolved_at >= @resolvedFrom'); params.resolvedFrom = q.resolvedFrom; }
  if (q.resolvedTo !== undefined) { where.push('resolved_at < @resolvedTo'); params.resolvedTo = q.resolvedTo; }
  return { where, params };
}

/**
 * A list's SQL depends only on its shape — the index, how many scope values and statuses, which other
 * conditions, the page size — never on the values (those are bound). Each shape's text is built once and
 * then reused as the very same string, so a hot list neither rebuilds kilobytes of SQL per call (garbage
 * for the collector) nor rehashes it to find its prepared statement. The use cases ask a handful of shapes;
 * the memo is bounded all the same.
 */
const SHAPES_KEPT = 256;
const SQL_BY_SHAPE = new Map<string, string>();
const PAGE_SQL = new Map<string, Map<string, string>>();

function sqlOfShape(shape: string, build: () => string): string {
  let sql = SQL_BY_SHAPE.get(shape);
  if (sql === undefined) {
    if (SQL_BY_SHAPE.size >= SHAPES_KEPT) SQL_BY_SHAPE.clear();
    sql = build();
    SQL_BY_SHAPE.set(shape, sql);
  }
  return sql;
}

/**
 * The keys (id, sort key `k`) of one page, best first, at most `fetch` of them: one arm per (scope value,
 * status), each an index-only seek in the page's order, merged by SQLite. Statuses come from the fixed
 * REQUEST_STATUSES and the limit is an integer, so both are written into the SQL: a literal LIMIT lets
 * SQLite stop every arm of the merge early (a bound one makes it read each arm to its end). Null when the
 * query can match nothing (no grids).
 *
 * A 考核 range (acceptedFrom/To, resolvedFrom/To: the requests behind a figure) seeks the arms' range on
 * the (scope, status, accepted_at | resolved_at) index instead, and the page is then sorted (a temp b-tree
 * over the figure's requests: one scope's period, not the table).
 */
export function planRequestList(q: RequestQuery, cursor: Cursor | null, fetch: number): PlannedStatement | null {
  if (q.gridIds !== undefined && q.gridIds.length === 0) return null;
  if (!Number.isInteger(fetch) || fetch < 1) throw new Error(`list: bad fetch ${fetch}`);
  const { field, dir } = sortOf(q.sort);
  const indexField: IndexField = rangeFieldOf(q) ?? field;
  const scope = scopeOf(q, indexField);
  const column = field === 'created' ? 'created_at' : 'deadline_key';
  const index = `requests_by_${scope.index}_status_${indexField}`;
  // A 'newest' cursor and createdTo are both upper bounds on created_at, and SQLite seeks on one only:
  // keep the tighter one (the other then excludes nothing).
  let createdTo = q.createdTo;
  let keyset = cursor;
  if (cursor && field === 'created' && indexField === 'created' && createdTo !== undefined) {
    if (cursor.key < createdTo) createdTo = undefined;
    else keyset = null;
  }
  const rest = residual({ ...q, createdTo }, scope);
  const params: Record<string, unknown> = { ...rest.params };
  const conditions = [...rest.where];
  if (keyset) {
    conditions.push(`(${column}, id) ${dir === 'asc' ? '>' : '<'} (@cursorKey, @cursorId)`);
    params.cursorKey = keyset.key;
    params.cursorId = keyset.id;
  }
  const direction = dir === 'asc' ? 'ASC' : 'DESC';
  const statuses = statusesOf(q);
  if (statuses.length === 0) return null;
  scope.values.forEach((value, i) => (params[`scope${i}`] = value));
  const shape = `list|${index}|${direction}|${fetch}|${scope.values.length}|${statuses.join(',')}|${conditions.join('|')}`;
  const sql = sqlOfShape(shape, () => {
    const arms: string[] = [];
    scope.values.forEach((_value, i) => {
      for (const status of statuses) {
        const where = [scopeTest(scope, i), `status = '${status}'`, ...conditions];
        arms.push(`SELECT id, ${column} AS k FROM requests INDEXED BY ${index} WHERE ${where.join(' AND ')}`);
      }
    });
    return `${arms.join('\n    UNION ALL ')}\n    ORDER BY k ${direction}, id ${direction} LIMIT ${fetch}`;
  });
  return { sql, params };
}

/** The statement a count runs: one index-only count per (scope value, status), on the index whose order column carries its range, summed. */
export function planRequestCount(q: Omit<RequestQuery, 'sort'>): PlannedStatement | null {
  if (q.gridIds !== undefined && q.gridIds.length === 0) return null;
  const field: IndexField = rangeFieldOf(q) ?? (q.overdueAt !== undefined || q.dueFrom !== undefined ? 'deadline' : 'created');
  const scope = scopeOf(q, field);
  const rest = residual(q, scope);
  const params: Record<string, unknown> = { ...rest.params };
  const statuses = statusesOf(q);
  if (statuses.length === 0) return null;
  scope.values.forEach((value, i) => (params[`scope${i}`] = value));
  const shape = `count|${scope.index}|${field}|${scope.values.length}|${statuses.join(',')}|${rest.where.join('|')}`;
  const sql = sqlOfShape(shape, () => {
    const counts: string[] = [];
    scope.values.forEach((_value, i) => {
      for (const status of statuses) {
        const where = [scopeTest(scope, i), `status = '${status}'`, ...rest.where];
        counts.push(`(SELECT COUNT(*) FROM requests INDEXED BY requests_by_${scope.index}_status_${field} WHERE ${where.join(' AND ')})`);
      }
    });
    return `SELECT ${counts.join('\n    + ')} AS n`;
  });
  return { sql, params };
}

/** What a list row reads of a request: the columns kept beside `data` (migration 5), never `data` itself. */
export const LIST_ITEM_COLUMNS = 'r.id, r.category_name, r.excerpt, r.status, r.source, r.grid_id, r.created_at, r.due_at, r.reopen_count, r.photo_count, r.due_uncalibrated, r.unverified_resident, r.follower_count';

export const toListItem = (r: unknown[]): RequestListItem => ({
  id: r[0] as string, categoryName: r[1] as string, excerpt: r[2] as string, status: r[3] as RequestStatus, source: r[4] as RequestSource,
  gridId: r[5] as string, createdAt: r[6] as string, dueAt: r[7] as string | null, reopenCount: r[8] as number, photoCount: r[9] as number,
  dueUncalibrated: r[10] === 1,
  unverifiedResident: r[11] === 1,
  followerCount: r[12] as number,
});

/**
 * A page's rows: the planned keys joined to the columns asked for, the first of which must be r.id, and
 * the sort key last. The join promises no order: callers sort by (k, id).
 */
export function planRequestPage(keys: PlannedStatement, columns: string): PlannedStatement {
  let byKeys = PAGE_SQL.get(columns);
  if (!byKeys) PAGE_SQL.set(columns, (byKeys = new Map()));
  let sql = byKeys.get(keys.sql);
  if (sql === undefined) {
    if (byKeys.size >= SHAPES_KEPT) byKeys.clear();
    sql = `SELECT ${columns}, p.k AS k FROM (${keys.sql}) AS p JOIN requests AS r ON r.id = p.id`;
    byKeys.set(keys.sql, sql);
  }
  return { sql, params: keys.params };
}

/** The counters a set of new requests adds, one entry per counter (what a bulk load applies). */
export function sumContributions(requests: Iterable<ServiceRequest>): Contribution[] {
  const acc = new Map<string, Contribution>();
  for (const r of requests) {
    for (const c of contributionsOf(r)) {
      const id = counterId(c.key);
      const entry = acc.get(id);
      if (entry) addCounters(entry.metrics as Counters, c.metrics);
      else acc.set(id, { key: c.key, metrics: addCounters(emptyCounters(), c.metrics) });
    }
  }
  return [...acc.values()];
}

function compareKeys(a: { k: string; id: string }, b: { k: string; id: string }): number {
  if (a.k !== b.k) return a.k < b.k ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class SqliteRequests {
  readonly assessment: SqliteAssessment;
  constructor(private readonly sql: SqlAccess) {
    this.assessment = new SqliteAssessment(sql);
  }

  // ---- requests ----

  get(id: string): ServiceRequest | null {
    const r = this.sql.one<{ data: string }>('SELECT data FROM requests WHERE id = ?', [id]);
    return r ? (readRequest(r.data)) : null;
  }

  /** Idempotency first (a retry is answered, never counted), then the rate windows, then every row of the write. */
  create(w: NewRequestWrite): CreateResult {
    return this.sql.db.transaction((): CreateResult => {
      const existing = this.sql.one<{ data: string }>('SELECT data FROM requests WHERE submitter_id = ? AND idempotency_key = ?', [
        w.request.submitterId, w.request.idempotencyKey,
      ]);
      if (existing) return { kind: 'duplicate', request: readRequest(existing.data) };
      if (w.rateLimits.length > 0) {
        const key = requestRateKey(w.request.submitterId);
        const row = this.sql.one<{ times: string }>('SELECT times FROM rate_logs WHERE key = ?', [key]);
        const decision = takeRate(row ? (JSON.parse(row.times) as string[]) : [], w.request.createdAt, w.rateLimits);
        if (!decision.ok) return { kind: 'rate_limited', limit: decision.limit };
        this.sql.run(
          `INSERT INTO rate_logs (key, times, until) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET times = excluded.times, until = excluded.until`,
          [key, JSON.stringify(decision.times), rateLogExpiry(decision.times, w.rateLimits)],
        );
      }
      this.sql.run(INSERT_REQUEST, requestParams(w.request));
      this.assessment.apply(counterDelta(null, w.request));
      this.insertEvent(w.event);
      this.insertMessages(w.messages);
      this.insertOutbox(w.outbox);
      return { kind: 'created', request: structuredClone(w.request) };
    }).immediate();
  }

  commit(w: TransitionWrite): ServiceRequest | null {
    checkVersionStep(w.request, w.expectedVersion);
    return this.sql.db.transaction((): ServiceRequest | null => {
      // The stored state, read in the write's transaction: what the counters subtract.
      const before = this.sql.one<{ data: string }>('SELECT data FROM requests WHERE id = ? AND version = ?', [w.request.id, w.expectedVersion]);
      if (!before) return null;
      const res = this.sql.run(UPDATE_REQUEST, { ...requestParams(w.request), expected: w.expectedVersion });
      if (res.changes !== 1) return null;
      this.assessment.apply(counterDelta(readRequest(before.data), w.request));
      for (const e of w.events) this.insertEvent(e);
      this.insertMessages(w.messages);
      this.insertOutbox(w.outbox);
      return structuredClone(w.request);
    }).immediate();
  }

  events(requestId: string): RequestEvent[] {
    return this.sql
      .all<{ request_id: string; seq: number; id: string; at: string; data: string }>('SELECT * FROM request_events WHERE request_id = ? ORDER BY seq', [requestId])
      .map((r) => ({ id: r.id, requestId: r.request_id, seq: r.seq, ...(JSON.parse(r.data) as Omit<RequestEvent, 'id' | 'requestId' | 'seq'>), at: r.at }));
  }

  list(query: RequestQuery, page: { limit: number; cursor?: string | null }): Page<ServiceRequest> {
    return this.page(query, page, 'r.id, r.data', (r) => readRequest(r[1] as string));
  }

  listItems(query: RequestQuery, page: { limit: number; cursor?: string | null }): Page<RequestListItem> {
    return this.page(query, page, LIST_ITEM_COLUMNS, toListItem);
  }

  scan(query: RequestQuery, page: { limit: number; cursor?: string | null }): Page<ServiceRequest> {
    return this.page(query, page, 'r.id, r.data', (r) => readRequest(r[1] as string), scanLimit);
  }

  /** One page in one statement: the merged keys (one more than the page, to know whether another follows) joined to `columns`. */
  private page<T>(
    query: RequestQuery,
    page: { limit: number; cursor?: string | null },
    columns: string,
    to: (row: unknown[]) => T,
    cut: (limit: number) => number = pageLimit,
  ): Page<T> {
    const limit = cut(page.limit);
    const cursor = decodeCursor(query.sort, page.cursor);
    const keys = planRequestList(query, cursor, limit + 1);
    if (!keys) return { items: [], next: null };
    const { sql, params } = planRequestPage(keys, columns);
    const rows = this.sql.rows(sql, params).map((row) => ({ id: row[0] as string, k: row[row.length - 1] as string, row }));
    const { dir } = sortOf(query.sort);
    rows.sort((a, b) => (dir === 'asc' ? compareKeys(a, b) : compareKeys(b, a)));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => to(r.row)),
      next: rows.length > limit && last ? encodeCursor(query.sort, { key: last.k, id: last.id }) : null,
    };
  }

  count(query: Omit<RequestQuery, 'sort'>): number {
    const s = planRequestCount(query);
    return s ? (this.sql.one<{ n: number }>(s.sql, s.params)?.n ?? 0) : 0;
  }

  /** The columns are not repeated in data (events are the largest table). */
  private insertEvent(e: RequestEvent): void {
    const { id, requestId, seq, at, ...rest } = e;
    this.sql.run('INSERT INTO request_events (request_id, seq, id, at, data) VALUES (?, ?, ?, ?, ?)', [requestId, seq, id, at, JSON.stringify(rest)]);
  }

  private insertMessages(messages: InboxMessage[]): void {
    for (const m of messages) {
      this.sql.run('INSERT INTO inbox (id, user_id, title, body, link, at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        m.id, m.userId, m.title, m.body, m.link === null ? null : JSON.stringify(m.link), m.at, m.readAt,
      ]);
    }
  }

  /** A plain INSERT: an id already queued fails the whole write. */
  insertOutbox(records: OutboxRecord[]): void {
    for (const o of records) this.sql.run(INSERT_OUTBOX, outboxParams(o));
  }

  /** Outbox records, oldest first (diagnostics and tests; the dispatcher works them through embedded-delivery.ts). */
  outbox(): OutboxRecord[] {
    return this.sql.all<OutboxRow>('SELECT * FROM outbox ORDER BY created_at, id').map(toOutboxRecord);
  }

  /**
   * Bulk load of existing requests and their events (benchmarks, data from another system): plain
   * inserts, one transaction per batch, no rate counting and no messages. A duplicate id or key fails its
   * batch (the batches before it stay). Into an empty requests table the list indexes are dropped first
   * and built again at the end (also after a failure): building an index once is about twice as fast as
   * keeping ten of them up to date row by row. The 考核 counters of each batch are added in its own
   * transaction: requests are only inserted here, so the delta is the sum of their contributions.
   */
  importRequestBatches(batches: Iterable<{ requests: ServiceRequest[]; events: RequestEvent[] }>): { requests: number; events: number } {
    const db = this.sql.db;
    const empty = db.prepare('SELECT 1 FROM requests LIMIT 1').get() === undefined;
    const lists = empty
      ? (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests' AND name GLOB 'requests_by_*_status_*'").all() as { name: string; sql: string }[])
      : [];
    const counts = { requests: 0, events: 0 };
    db.transaction(() => {
      for (const index of lists) db.exec(`DROP INDEX ${index.name}`);
    }).immediate();
    try {
      for (const batch of batches) {
        db.transaction(() => {
          for (const r of batch.requests) this.sql.run(INSERT_REQUEST, requestParams(r));
          // The batch's counters in the batch's transaction, summed first: one upsert per counter it touches.
          this.assessment.apply(sumContributions(batch.requests));
          for (const e of batch.events) this.insertEvent(e);
        }).immediate();
        counts.requests += batch.requests.length;
        counts.events += batch.events.length;
      }
    } finally {
      db.transaction(() => {
        for (const index of lists) db.exec(index.sql);
      }).immediate();
    }
    return counts;
  }

  // ---- inbox ----

  inboxList(userId: string, page: { limit: number; cursor?: string | null }): Page<InboxMessage> {
    const limit = pageLimit(page.limit);
    const cursor = decodeCursor('inbox', page.cursor);
    const rows = cursor
      ? this.sql.all<InboxRow>('SELECT * FROM inbox WHERE user_id = ? AND (at, id) < (?, ?) ORDER BY at DESC, id DESC LIMIT ?', [userId, cursor.key, cursor.id, limit + 1])
      : this.sql.all<InboxRow>('SELECT * FROM inbox WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?', [userId, limit + 1]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toMessage), next: rows.length > limit && last ? encodeCursor('inbox', { key: last.at, id: last.id }) : null };
  }

  unreadCount(userId: string): number {
    return this.sql.one<{ n: number }>('SELECT COUNT(*) AS n FROM inbox WHERE user_id = ? AND read_at IS NULL', [userId])?.n ?? 0;
  }

  /** Only the user's own unread messages change; a message keeps the time it was first read. */
  markRead(userId: string, ids: string[], at: string): void {
    this.sql.run('UPDATE inbox SET read_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND user_id = ? AND read_at IS NULL', [
      at, JSON.stringify(ids), userId,
    ]);
  }

  // ---- config ----

  categories(streetId: string): Category[] {
    return this.sql.all<{ data: string }>('SELECT data FROM categories WHERE street_id = ? ORDER BY seq, id', [streetId]).map((r) => JSON.parse(r.data) as Category);
  }

  category(id: string): Category | null {
    const r = this.sql.one<{ data: string }>('SELECT data FROM categories WHERE id = ?', [id]);
    return r ? (JSON.parse(r.data) as Category) : null;
  }

  departments(streetId: string): Department[] {
    return this.sql.all<Department>('SELECT id, street_id AS streetId, name, phone FROM departments WHERE street_id = ? ORDER BY id', [streetId]).map((d) => ({ ...d }));
  }

  settings(streetId: string): RequestSettings {
    const r = this.sql.one<{ data: string }>('SELECT data FROM request_settings WHERE street_id = ?', [streetId]);
    return settingsOrDefault(streetId, r ? (JSON.parse(r.data) as RequestSettings) : null);
  }

  calendars(): YearCalendar[] {
    return this.sql.all<{ data: string }>('SELECT data FROM calendars ORDER BY year').map((r) => JSON.parse(r.data) as YearCalendar);
  }

  calendarYears(): CalendarYearInfo[] {
    return this.sql.all<{ year: number; data: string; meta: string | null }>('SELECT year, data, meta FROM calendars ORDER BY year').map((r) => {
      const y = JSON.parse(r.data) as YearCalendar;
      const meta: CalendarMeta = r.meta ? (JSON.parse(r.meta) as CalendarMeta) : { source: 'seed', loadedAt: '', loadedBy: '' };
      return { year: r.year, ...meta, holidays: y.holidays.length, workdays: y.workdays.length };
    });
  }

  saveScoreWeights(streetId: string, weights: ScoreWeights): void {
    const next = { ...this.settings(streetId), scoreWeights: { ...weights } };
    this.sql.run('INSERT INTO request_settings (street_id, data) VALUES (?, ?) ON CONFLICT (street_id) DO UPDATE SET data = excluded.data', [streetId, JSON.stringify(next)]);
  }

  saveCalendar(year: number, calendar: YearCalendar, meta: CalendarMeta): void {
    if (calendar.year !== year) throw new Error(`saveCalendar: calendar of ${calendar.year} given for ${year}`);
    const data = JSON.stringify({ year, holidays: [...calendar.holidays], workdays: [...calendar.workdays] });
    this.sql.run('INSERT INTO calendars (year, data, meta) VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE SET data = excluded.data, meta = excluded.meta', [
      year,
      data,
      JSON.stringify({ source: meta.source, loadedAt: meta.loadedAt, loadedBy: meta.loadedBy }),
    ]);
  }

  /** Part of importPlaces' transaction. */
  importConfig(data: Pick<StoreImport, 'categories' | 'departments' | 'requestSettings' | 'calendars'>): void {
    for (const c of data.categories) this.sql.run('INSERT INTO categories (id, street_id, seq, data) VALUES (?, ?, ?, ?)', [c.id, c.streetId, c.seq, JSON.stringify(c)]);
    for (const d of data.departments) this.sql.run('INSERT INTO departments (id, street_id, name, phone) VALUES (?, ?, ?, ?)', [d.id, d.streetId, d.name, d.phone]);
    for (const s of data.requestSettings) this.sql.run('INSERT INTO request_settings (street_id, data) VALUES (?, ?)', [s.streetId, JSON.stringify(s)]);
    for (const y of data.calendars) this.sql.run('INSERT INTO calendars (year, data) VALUES (?, ?)', [y.year, JSON.stringify(y)]);
  }
}

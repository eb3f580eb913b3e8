/**
 * Requests, their events, in-app messages, the outbox, rate counters and request config in CloudBase.
 *
 * A request is one document (`_id` = its id) holding every ServiceRequest field plus four query-only
 * fields that never reach callers: `handlerId`, `dueAt`, `deadlineKey` (see request-paging.ts) and
 * `assessedWorkerId` (core/assessment). The 考核 counters the write changes are rewritten in the same
 * transaction (cloudbase-assessment.ts).
 * `create` and `commit` each run as ONE `runTransaction` of single-document reads and writes:
 * - idempotency: a `request_keys` document whose `_id` is a hash of (submitter, key), read in the
 *   transaction — a concurrent twin conflicts at commit, is re-run and then finds it;
 * - rate limits: counter documents `rl_<submitter>_<window>_<bucket>`, read and rewritten in the
 *   transaction, so concurrent submissions conflict instead of overshooting;
 * - the version check: the request document read in the transaction;
 * - events (`_id` = requestId:seq), messages and outbox records are created only if their id is free,
 *   so a repeated one aborts the whole write.
 * Lists are keyset-paged: where(filters AND after-the-cursor) + orderBy(sort key, _id) + limit(page + 1).
 */
import { rateLogExpiry, takeRate } from '@core/shared/rate-limit';
import { createHash } from 'node:crypto';
import type { YearCalendar } from '@core/calendar/working-days';
import type { InboxMessage, OutboxRecord } from '@core/messages/message';
import { listItemOf, type Category, type Department, type RequestEvent, type RequestSettings, type ServiceRequest } from '@core/requests/request';
import type {
  CalendarMeta,
  CreateResult,
  InboxRepository,
  NewRequestWrite,
  Page,
  RequestConfigRepository,
  RequestQuery,
  RequestRepository,
  TransitionWrite,
} from '../../ports/request.port';
import { checkVersionStep, requestRateKey, REQUEST_FIELDS, settingsOrDefault } from '../request-record';
import { deadlineKey, decodeCursor, encodeCursor, pageLimit, scanLimit, requestDueAt, sortOf, statusesOf, type Cursor } from '../request-paging';
import type { StoreImport } from '../store-import';
import { fetchAll, queryGuard, transactionAccess, type DocAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbCommandValue, type DbCondition, type DbDocument } from './cloudbase-db';
import { outboxFields, toOutbox } from './cloudbase-delivery';
import type { CollectionName } from './collections';
import { assessedWorkerId, counterDelta } from '@core/assessment/counters';
import { applyCounterDelta } from './cloudbase-counters';

/** Conflicting submissions by one person re-run their transaction; each round lets one of them through. */
const CREATE_RETRIES = 10;
const COMMIT_RETRIES = 3;
/** Ids per `_.in` update in markRead. */
const IN_CHUNK = 500;

// ---- documents ↔ entities -------------------------------------------------------------------------

const REQUEST_DOC_FIELDS = REQUEST_FIELDS.filter((f) => f !== 'id');
const EVENT_FIELDS = ['requestId', 'seq', 'action', 'from', 'to', 'actor', 'note', 'photoFileIds', 'at'] as const;
const INBOX_FIELDS = ['userId', 'title', 'body', 'link', 'at', 'readAt'] as const;
const CATEGORY_FIELDS = ['streetId', 'name', 'kind', 'responseMinutes', 'resolutionDays', 'active', 'seq'] as const;
const DEPARTMENT_FIELDS = ['streetId', 'name', 'phone'] as const;

/** The listed fields of an entity as stored (deep copies; a missing one as null). */
export function pick(source: object, fields: readonly string[]): Record<string, unknown> {
  const e = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = e[f] === undefined ? null : structuredClone(e[f]);
  return out;
}

function requestFields(r: ServiceRequest): Record<string, unknown> {
  return {
    ...pick(r, REQUEST_DOC_FIELDS), handlerId: r.handler?.id ?? null, dueAt: requestDueAt(r), deadlineKey: deadlineKey(r),
    // 考核: who the request counts for (core assessedWorkerId), what a worker's figures filter on.
    assessedWorkerId: assessedWorkerId(r),
  };
}

// A request stored before dueUncalibrated existed reads as calibrated (false), as the SQLite column defaults.
// unverifiedResident is present only when true (as submit writes it): an absent field is stored as null.
// The assessment's optional fields (dueHolderId, resolveWorkingMinutes, buildingId) are present only when set.
export const toRequest = (d: DbDocument): ServiceRequest => {
  const { unverifiedResident, dueHolderId, resolveWorkingMinutes, buildingId, followerCount, mergedInto, ...fields } = pick(d, REQUEST_DOC_FIELDS) as Partial<ServiceRequest>;
  return {
    id: d._id,
    ...fields,
    dueUncalibrated: d.dueUncalibrated === true,
    ...(unverifiedResident === true ? { unverifiedResident } : {}),
    ...(dueHolderId != null ? { dueHolderId } : {}),
    ...(resolveWorkingMinutes != null ? { resolveWorkingMinutes } : {}),
    ...(buildingId != null ? { buildingId } : {}),
    // 同问 fields (follower.port.ts) are present only when set, as the other optional ones.
    ...(followerCount ? { followerCount } : {}),
    ...(mergedInto != null ? { mergedInto } : {}),
  } as ServiceRequest;
};
/** An event's own id is a field: its document id is requestId:seq. */
const toEvent = (d: DbDocument): RequestEvent => ({ id: d.eventId, ...pick(d, EVENT_FIELDS) }) as RequestEvent;
const toMessage = (d: DbDocument): InboxMessage => ({ id: d._id, ...pick(d, INBOX_FIELDS) }) as InboxMessage;
const toCategory = (d: DbDocument): Category => ({ id: d._id, ...pick(d, CATEGORY_FIELDS) }) as Category;
const toDepartment = (d: DbDocument): Department => ({ id: d._id, ...pick(d, DEPARTMENT_FIELDS) }) as Department;
const SETTINGS_FIELDS = ['streetId', 'confirmWindowDays', 'ratingWindowDays', 'rateLimits', 'blockedWords', 'deadlineWarningMinutes', 'streetEscalationMinutes', 'scoreWeights', 'uploadLimits', 'visitRetentionYears'] as const satisfies readonly (keyof RequestSettings)[];
/** A field missing from an older document is left out, so settingsOrDefault fills in its default. */
const toSettings = (d: DbDocument): RequestSettings =>
  Object.fromEntries(SETTINGS_FIELDS.filter((f) => d[f] !== undefined && d[f] !== null).map((f) => [f, structuredClone(d[f])])) as unknown as RequestSettings;
const toCalendar = (d: DbDocument): YearCalendar => pick(d, ['year', 'holidays', 'workdays']) as unknown as YearCalendar;

/** The document id that makes (submitter, idempotency key) unique; hashed, as a key is client-chosen text. */
export function requestKeyId(submitterId: string, idempotencyKey: string): string {
  return `k_${createHash('sha256').update(`${submitterId}\n${idempotencyKey}`).digest('hex').slice(0, 40)}`;
}


export const eventDocId = (e: Pick<RequestEvent, 'requestId' | 'seq'>): string => `${e.requestId}:${e.seq}`;

// ---- the writes, on whatever single-document access the caller has --------------------------------

async function writeChildren(access: DocAccess, events: RequestEvent[], messages: InboxMessage[], outbox: OutboxRecord[]): Promise<void> {
  for (const e of events) await access.create('request_events', eventDocId(e), { eventId: e.id, ...pick(e, EVENT_FIELDS) });
  for (const m of messages) await access.create('inbox', m.id, pick(m, INBOX_FIELDS));
  await writeOutbox(access, outbox);
}

/** Creates outbox records; a taken id fails the write (DATABASE_DUPLICATE_WRITE). */
export async function writeOutbox(access: DocAccess, outbox: OutboxRecord[]): Promise<void> {
  for (const o of outbox) await access.create('outbox', o.id, outboxFields(o));
}

async function createWith(access: DocAccess, w: NewRequestWrite): Promise<CreateResult> {
  const r = w.request;
  const keyId = requestKeyId(r.submitterId, r.idempotencyKey);
  const key = await access.get('request_keys', keyId);
  if (key) {
    const earlier = await access.get('requests', String(key.requestId));
    if (!earlier) throw new Error(`request key ${keyId} names a missing request ${String(key.requestId)}`);
    return { kind: 'duplicate', request: toRequest(earlier) };
  }
  if (w.rateLimits.length > 0) {
    // One document per person: read and rewritten in this transaction, so concurrent submissions conflict and re-run.
    const logId = requestRateKey(r.submitterId);
    const log = await access.get('rate_logs', logId);
    const decision = takeRate(Array.isArray(log?.times) ? (log.times as string[]) : [], r.createdAt, w.rateLimits);
    if (!decision.ok) return { kind: 'rate_limited', limit: decision.limit };
    await access.put('rate_logs', logId, { times: decision.times, until: rateLogExpiry(decision.times, w.rateLimits) });
  }
  await access.create('request_keys', keyId, { requestId: r.id, submitterId: r.submitterId, createdAt: r.createdAt });
  await access.create('requests', r.id, requestFields(r));
  await applyCounterDelta(access, counterDelta(null, r));
  await writeChildren(access, [w.event], w.messages, w.outbox);
  return { kind: 'created', request: structuredClone(r) };
}

export async function commitWith(access: DocAccess, w: TransitionWrite): Promise<ServiceRequest | null> {
  checkVersionStep(w.request, w.expectedVersion);
  const current = await access.get('requests', w.request.id);
  if (!current || current.version !== w.expectedVersion) return null;
  await access.put('requests', w.request.id, requestFields(w.request));
  await applyCounterDelta(access, counterDelta(toRequest(current), w.request));
  await writeChildren(access, w.events, w.messages, w.outbox);
  return structuredClone(w.request);
}

// ---- the repositories ------------------------------------------------------------------------------

export interface RequestRepositories {
  requests: RequestRepository;
  inbox: InboxRepository;
  requestConfig: RequestConfigRepository;
}

/**
 * `access` is the transaction's when `inTransaction`: then create/commit join that transaction, and
 * queries are refused as CloudBase refuses them.
 */
export function requestRepositories(db: CloudbaseDb, access: DocAccess, inTransaction: boolean): RequestRepositories {
  const _ = db.command;
  const query = queryGuard(inTransaction);

  /** The request filters as conditions (AND). */
  function requestConditions(q: Omit<RequestQuery, 'sort'>): (DbCondition | DbCommandValue)[] {
    const out: (DbCondition | DbCommandValue)[] = [{ streetId: q.streetId }];
    if (q.communityId !== undefined) out.push({ communityId: q.communityId });
    if (q.gridIds !== undefined) out.push({ gridId: _.in([...new Set(q.gridIds)]) });
    if (q.residentId !== undefined) out.push({ residentId: q.residentId });
    if (q.handlerId !== undefined) out.push({ handlerId: q.handlerId });
    if (q.categoryId !== undefined) out.push({ categoryId: q.categoryId });
    if (q.sources !== undefined) out.push({ source: _.in([...new Set(q.sources)]) });
    out.push({ status: _.in(statusesOf(q)) });
    if (q.createdFrom !== undefined) out.push({ createdAt: _.gte(q.createdFrom) });
    if (q.createdTo !== undefined) out.push({ createdAt: _.lt(q.createdTo) });
    // The statuses are narrowed to those whose deadline key is their current deadline.
    if (q.overdueAt !== undefined) out.push({ deadlineKey: _.lt(q.overdueAt) });
    if (q.dueFrom !== undefined) out.push({ deadlineKey: _.gte(q.dueFrom) });
    if (q.resolvedBefore !== undefined) out.push({ resolvedAt: _.lt(q.resolvedBefore) });
    // 考核 ranges and the worker a request counts for (indexes *_status_acceptedAt / _resolvedAt, assessedWorkerId_*).
    if (q.acceptedFrom !== undefined) out.push({ acceptedAt: _.gte(q.acceptedFrom) });
    if (q.acceptedTo !== undefined) out.push({ acceptedAt: _.lt(q.acceptedTo) });
    if (q.resolvedFrom !== undefined) out.push({ resolvedAt: _.gte(q.resolvedFrom) });
    if (q.resolvedTo !== undefined) out.push({ resolvedAt: _.lt(q.resolvedTo) });
    if (q.assessedWorkerId !== undefined) out.push({ assessedWorkerId: q.assessedWorkerId });
    return out;
  }

  /** One keyset page: documents strictly after the cursor in (field, _id) order. */
  async function keysetPage<T>(
    collection: CollectionName,
    conditions: (DbCondition | DbCommandValue)[],
    field: string,
    dir: 'asc' | 'desc',
    order: string,
    page: { limit: number; cursor?: string | null },
    to: (d: DbDocument) => T,
    cut: (limit: number) => number = pageLimit,
  ): Promise<Page<T>> {
    const limit = cut(page.limit);
    const cursor: Cursor | null = decodeCursor(order, page.cursor);
    const all: (DbCondition | DbCommandValue)[] = [...conditions];
    if (cursor) {
      const after = dir === 'asc' ? _.gt : _.lt;
      all.push(_.or([{ [field]: after(cursor.key) }, { [field]: cursor.key, _id: after(cursor.id) }]));
    }
    const docs = checked(
      await db.collection(collection).where(_.and(all)).orderBy(field, dir).orderBy('_id', dir).limit(limit + 1).get(),
    ).data;
    const items = docs.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(to),
      next: docs.length > limit && last ? encodeCursor(order, { key: String(last[field]), id: last._id }) : null,
    };
  }

  const requests: RequestRepository = {
    async get(id) {
      const d = await access.get('requests', id);
      return d ? toRequest(d) : null;
    },
    create: (w) =>
      inTransaction ? createWith(access, w) : db.runTransaction((t) => createWith(transactionAccess(t), w), CREATE_RETRIES),
    commit: (w) =>
      inTransaction ? commitWith(access, w) : db.runTransaction((t) => commitWith(transactionAccess(t), w), COMMIT_RETRIES),
    events: query('requests.events', async (requestId: string) =>
      (await fetchAll(db.collection('request_events').where({ requestId }).orderBy('seq', 'asc'))).map(toEvent),
    ),
    list: query('requests.list', async (q: RequestQuery, page: { limit: number; cursor?: string | null }) => {
      if (q.gridIds !== undefined && q.gridIds.length === 0) {
        decodeCursor(q.sort, page.cursor);
        return { items: [], next: null };
      }
      const { field, dir } = sortOf(q.sort);
      return keysetPage('requests', requestConditions(q), field === 'created' ? 'createdAt' : 'deadlineKey', dir, q.sort, page, toRequest);
    }),
    scan: query('requests.scan', async (q: RequestQuery, page: { limit: number; cursor?: string | null }) => {
      if (q.gridIds !== undefined && q.gridIds.length === 0) {
        decodeCursor(q.sort, page.cursor);
        return { items: [], next: null };
      }
      const { field, dir } = sortOf(q.sort);
      return keysetPage('requests', requestConditions(q), field === 'created' ? 'createdAt' : 'deadlineKey', dir, q.sort, page, toRequest, scanLimit);
    }),
    // Whole documents, cut down to the row here: CloudBase sends a page of at most 100 documents in one
    // reply, and the list rows are computed by the same listItemOf the embedded store keeps as columns.
    listItems: query('requests.listItems', async (q: RequestQuery, page: { limit: number; cursor?: string | null }) => {
      const result = await requests.list(q, page);
      return { items: result.items.map(listItemOf), next: result.next };
    }),
    count: query('requests.count', async (q: Omit<RequestQuery, 'sort'>) => {
      if (q.gridIds !== undefined && q.gridIds.length === 0) return 0;
      return checked(await db.collection('requests').where(_.and(requestConditions(q))).count()).total;
    }),
  };

  const inbox: InboxRepository = {
    list: query('inbox.list', (userId: string, page: { limit: number; cursor?: string | null }) =>
      keysetPage('inbox', [{ userId }], 'at', 'desc', 'inbox', page, toMessage),
    ),
    unreadCount: query('inbox.unreadCount', async (userId: string) =>
      checked(await db.collection('inbox').where({ userId, readAt: null }).count()).total,
    ),
    markRead: query('inbox.markRead', async (userId: string, ids: string[], at: string) => {
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += IN_CHUNK) {
        checked(await db.collection('inbox').where({ _id: _.in(unique.slice(i, i + IN_CHUNK)), userId, readAt: null }).update({ readAt: at }));
      }
    }),
  };

  const requestConfig: RequestConfigRepository = {
    categories: query('requestConfig.categories', async (streetId: string) =>
      (await fetchAll(db.collection('categories').where({ streetId }).orderBy('seq', 'asc').orderBy('_id', 'asc'))).map(toCategory),
    ),
    async category(id) {
      const d = await access.get('categories', id);
      return d ? toCategory(d) : null;
    },
    departments: query('requestConfig.departments', async (streetId: string) =>
      (await fetchAll(db.collection('departments').where({ streetId }).orderBy('_id', 'asc'))).map(toDepartment),
    ),
    async settings(streetId) {
      const d = await access.get('request_settings', streetId);
      return settingsOrDefault(streetId, d ? toSettings(d) : null);
    },
    calendars: query('requestConfig.calendars', async () =>
      (await fetchAll(db.collection('calendars').orderBy('year', 'asc'))).map(toCalendar),
    ),
    calendarYears: query('requestConfig.calendarYears', async () =>
      (await fetchAll(db.collection('calendars').orderBy('year', 'asc'))).map((d) => {
        const y = toCalendar(d);
        const meta = d.meta as CalendarMeta | undefined;
        return { year: y.year, source: meta?.source ?? 'seed', loadedAt: meta?.loadedAt ?? '', loadedBy: meta?.loadedBy ?? '', holidays: y.holidays.length, workdays: y.workdays.length };
      }),
    ),
    // One document per year (_id = the year): `put` replaces it whole, so the year changes atomically.
    async saveScoreWeights(streetId, weights) {
      // Read then replace (not update: an unchanged update reports 0 documents, indistinguishable from a missing
      // one); a street with none stored gets its defaults written with the weights.
      const d = await access.get('request_settings', streetId);
      const current = settingsOrDefault(streetId, d ? toSettings(d) : null);
      await access.put('request_settings', streetId, { ...current, scoreWeights: { ...weights } });
    },
    async saveCalendar(year, calendar, meta) {
      if (calendar.year !== year) throw new Error(`saveCalendar: calendar of ${calendar.year} given for ${year}`);
      await access.put('calendars', String(year), {
        year,
        holidays: [...calendar.holidays],
        workdays: [...calendar.workdays],
        meta: { source: meta.source, loadedAt: meta.loadedAt, loadedBy: meta.loadedBy },
      });
    },
  };

  return { requests, inbox, requestConfig };
}

/** The request-config part of an import, as documents per collection. */
export function configDocuments(data: Pick<StoreImport, 'categories' | 'departments' | 'requestSettings' | 'calendars'>): [CollectionName, Record<string, unknown>[]][] {
  return [
    ['categories', data.categories.map((c) => ({ _id: c.id, ...pick(c, CATEGORY_FIELDS) }))],
    ['departments', data.departments.map((d) => ({ _id: d.id, ...pick(d, DEPARTMENT_FIELDS) }))],
    ['request_settings', data.requestSettings.map((s) => ({ _id: s.streetId, ...structuredClone(s) }))],
    ['calendars', data.calendars.map((y) => ({ _id: String(y.year), ...structuredClone(y) }))],
  ];
}

/** Every outbox record, oldest first (tests and diagnostics; the dispatcher works them through cloudbase-delivery.ts). */
export async function listOutbox(db: CloudbaseDb): Promise<OutboxRecord[]> {
  return (await fetchAll(db.collection('outbox').orderBy('createdAt', 'asc').orderBy('_id', 'asc'))).map(toOutbox);
}

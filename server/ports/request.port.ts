/**
 * Requests and everything written with them. A write of the request lifecycle is ONE atomic write:
 * the request's new state (conditional on the version the use case read), its event, the in-app messages
 * and the outbox records — all land or none do. In CloudBase this is one `runTransaction` of single
 * documents; in SQLite one transaction.
 */
import type { ScoreWeights } from '@core/assessment/indicators';
import type { YearCalendar } from '@core/calendar/working-days';
import type { InboxMessage, OutboxRecord } from '@core/messages/message';
import type { Category, Department, RequestEvent, RequestListItem, RequestSettings, ServiceRequest } from '@core/requests/request';
import type { RequestSource, RequestStatus } from '@core/requests/request.status';

export type { RateLimit } from '@core/shared/rate-limit';
import type { RateLimit } from '@core/shared/rate-limit';

export interface NewRequestWrite {
  request: ServiceRequest;
  event: RequestEvent;
  messages: InboxMessage[];
  outbox: OutboxRecord[];
  /**
   * Sliding windows per submitter (core/shared/rate-limit.ts: fewer than `max` submissions in the
   * `windowMinutes` before `request.createdAt`), checked and recorded in the same atomic write: concurrent
   * submissions cannot overshoot.
   */
  rateLimits: RateLimit[];
}

/**
 * `create` checks, in this order and in the same atomic write: the (submitter, idempotency key) — a retry
 * is answered 'duplicate' and never counted —, then every rate window (sliding; limits sharing a window
 * share one count and the stricter max applies), then writes everything.
 */
export type CreateResult =
  | { kind: 'created'; request: ServiceRequest }
  /** The (submitter, idempotency key) already exists: the earlier request, nothing written. */
  | { kind: 'duplicate'; request: ServiceRequest }
  | { kind: 'rate_limited'; limit: RateLimit };

/**
 * The stored version becomes `request.version`, which must be greater than `expectedVersion` (a
 * programming error otherwise). An event whose (requestId, seq) exists, a message id or an outbox id
 * already stored fails the whole write (it throws; nothing is written).
 */
export interface TransitionWrite {
  request: ServiceRequest;
  /** The version the use case read; the write happens only if it is still stored. */
  expectedVersion: number;
  events: RequestEvent[];
  messages: InboxMessage[];
  outbox: OutboxRecord[];
}

/**
 * 'newest': createdAt descending. 'deadline': requests with a current deadline (core `currentDue`) soonest
 * first, then resolved ones by resolvedAt (longest waiting for confirmation first), then closed ones.
 * Ties break on the id, in the sort's direction. Lists page by keyset (the cursor carries the last sort
 * key and id), so a page never skips or repeats a request that did not move meanwhile.
 */
export type RequestSort = 'deadline' | 'newest';

export interface RequestQuery {
  streetId: string;
  communityId?: string;
  /** Any of these grids; an empty array matches nothing. */
  gridIds?: string[];
  /** Requests this resident filed or that were filed for them. */
  residentId?: string;
  /** Any of these statuses; absent or empty: every status. */
  statuses?: RequestStatus[];
  categoryId?: string;
  /** Any of these sources (Open311 lists only what came in over Open311); an empty array matches nothing. */
  sources?: RequestSource[];
  /**
   * Open requests whose current deadline (response, or resolution once accepted) is before this instant:
   * narrows the statuses to submitted, accepted, dispatched, in_progress ('resolved' has no current
   * deadline; 'held' is under review, not open).
   */
  overdueAt?: string;
  /**
   * With overdueAt only: requests whose current deadline is at or after this instant, so the two make a
   * window of deadlines [dueFrom, overdueAt) — what the deadline jobs scan.
   */
  dueFrom?: string;
  /**
   * Requests whose resolvedAt is before this instant, in whatever statuses the query asks: with
   * statuses ['resolved'] the community's verification queue; with ['verified'] what may be archived.
   */
  resolvedBefore?: string;
  /** The current handler. */
  handlerId?: string;
  /** createdAt >= createdFrom (inclusive) and < createdTo (exclusive); ISO instants. */
  createdFrom?: string;
  createdTo?: string;
  /** acceptedAt in [acceptedFrom, acceptedTo) (ISO instants): a response figure's requests (考核). */
  acceptedFrom?: string;
  acceptedTo?: string;
  /** resolvedAt in [resolvedFrom, resolvedTo) (ISO instants): a resolution figure's requests (考核). */
  resolvedFrom?: string;
  resolvedTo?: string;
  /** Requests the assessment counts for this worker (core/assessment `assessedWorkerId`). */
  assessedWorkerId?: string;
  sort: RequestSort;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page; null at the end. */
  next: string | null;
}

export interface RequestRepository {
  get(id: string): Promise<ServiceRequest | null>;
  create(write: NewRequestWrite): Promise<CreateResult>;
  /** Returns the stored request, or null if the version moved (someone else wrote first). */
  commit(write: TransitionWrite): Promise<ServiceRequest | null>;
  /** Oldest first. */
  events(requestId: string): Promise<RequestEvent[]>;
  /** Index-backed; `limit` is cut to 1..100. A cursor that does not belong to this sort fails with INPUT.INVALID. */
  list(query: RequestQuery, page: { limit: number; cursor?: string | null }): Promise<Page<ServiceRequest>>;
  /**
   * The same page as `list` (same filters, order and cursors) with only what a list row shows: what the
   * app's lists call, so a page never reads whole requests.
   */
  listItems(query: RequestQuery, page: { limit: number; cursor?: string | null }): Promise<Page<RequestListItem>>;
  /**
   * The same as `list` (filters, order, cursors) with `limit` cut to 1..SCAN_MAX_PAGE (500): for server-side
   * readers that walk a whole selection, such as the 诉求台账 export; never for a page the app shows.
   */
  scan(query: RequestQuery, page: { limit: number; cursor?: string | null }): Promise<Page<ServiceRequest>>;
  /** Counts for dashboards and assessment, same filters as list. */
  count(query: Omit<RequestQuery, 'sort'>): Promise<number>;
}

export interface InboxRepository {
  /** Newest first (at, then id, descending); `limit` is cut to 1..100. */
  list(userId: string, page: { limit: number; cursor?: string | null }): Promise<Page<InboxMessage>>;
  unreadCount(userId: string): Promise<number>;
  /** Marks the user's own unread messages among `ids`; others' ids are ignored, a read message keeps its first readAt. */
  markRead(userId: string, ids: string[], at: string): Promise<void>;
}

export interface RequestConfigRepository {
  /** Ordered by seq; inactive ones included (callers filter). */
  categories(streetId: string): Promise<Category[]>;
  category(id: string): Promise<Category | null>;
  /** Ordered by id. */
  departments(streetId: string): Promise<Department[]>;
  /** The street's stored settings, or DEFAULT_REQUEST_SETTINGS for this street when it has none. */
  settings(streetId: string): Promise<RequestSettings>;
  /** Every stored year, ascending. */
  calendars(): Promise<YearCalendar[]>;
  /** What each stored year was loaded from and when, ascending by year (a year seeded or imported before this existed has source 'seed'). */
  calendarYears(): Promise<CalendarYearInfo[]>;
  /**
   * Replaces the whole of `year` (holidays, workdays and meta) in one single-document write: a reader sees
   * the old year or the new one, never a mix. `calendar.year` must equal `year` (a programming error otherwise).
   * Allowed inside `transact`, so the audit entry lands in the same write.
   */
  saveCalendar(year: number, calendar: YearCalendar, meta: CalendarMeta): Promise<void>;
  /**
   * Stores the street's 考核 score weights in its settings (a street with none stored gets the defaults plus
   * these). One single-document write, allowed inside `transact` so the audit entry lands with it.
   */
  saveScoreWeights(streetId: string, weights: ScoreWeights): Promise<void>;
}

/** Where a stored year came from: the chinese-days package, the street's JSON or CSV file, or the seed data. */
export interface CalendarMeta {
  source: 'chinese-days' | 'json' | 'csv' | 'seed';
  loadedAt: string;
  /** The user id, or 'cli' for the command line. */
  loadedBy: string;
}

export interface CalendarYearInfo extends CalendarMeta {
  year: number;
  holidays: number;
  workdays: number;
}

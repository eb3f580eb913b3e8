/**
 * Requests and everything written with them. A write of the request lifecycle is ONE atomic write:
 * the request's new state (conditional on the version the use case read), its event, the in-app messages
 * and the outbox records — all land or none do. In CloudBase this is one `runTransaction` of single
 * documents; in SQLite one transaction.
 */
import type { YearCalendar } from '@core/calendar/working-days';
import type { InboxMessage, OutboxRecord } from '@core/messages/message';
import type { Category, Department, RequestEvent, RequestSettings, ServiceRequest } from '@core/requests/request';
import type { RequestStatus } from '@core/requests/request.status';

export interface RateLimit {
  windowMinutes: number;
  max: number;
}

export interface NewRequestWrite {
  request: ServiceRequest;
  event: RequestEvent;
  messages: InboxMessage[];
  outbox: OutboxRecord[];
  /**
   * Counted per submitter in fixed windows (e.g. the 10-minute window containing `request.createdAt`),
   * checked and incremented in the same atomic write: concurrent submissions cannot overshoot.
   */
  rateLimits: RateLimit[];
}

export type CreateResult =
  | { kind: 'created'; request: ServiceRequest }
  /** The (submitter, idempotency key) already exists: the earlier request, nothing written. */
  | { kind: 'duplicate'; request: ServiceRequest }
  | { kind: 'rate_limited'; limit: RateLimit };

export interface TransitionWrite {
  request: ServiceRequest;
  /** The version the use case read; the write happens only if it is still stored. */
  expectedVersion: number;
  events: RequestEvent[];
  messages: InboxMessage[];
  outbox: OutboxRecord[];
}

export type RequestSort = 'deadline' | 'newest';

export interface RequestQuery {
  streetId: string;
  communityId?: string;
  gridIds?: string[];
  /** Requests this resident filed or that were filed for them. */
  residentId?: string;
  statuses?: RequestStatus[];
  categoryId?: string;
  /** Open requests whose current deadline (response, or resolution once accepted) is before this instant. */
  overdueAt?: string;
  /** Resolved requests resolved before this instant (the community's verification queue). */
  resolvedBefore?: string;
  /** The current handler. */
  handlerId?: string;
  createdFrom?: string;
  createdTo?: string;
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
  /** Index-backed; `limit` ≤ 100. */
  list(query: RequestQuery, page: { limit: number; cursor?: string | null }): Promise<Page<ServiceRequest>>;
  /** Counts for dashboards and assessment, same filters as list. */
  count(query: Omit<RequestQuery, 'sort'>): Promise<number>;
}

export interface InboxRepository {
  /** Newest first. */
  list(userId: string, page: { limit: number; cursor?: string | null }): Promise<Page<InboxMessage>>;
  unreadCount(userId: string): Promise<number>;
  markRead(userId: string, ids: string[], at: string): Promise<void>;
}

export interface RequestConfigRepository {
  categories(streetId: string): Promise<Category[]>;
  category(id: string): Promise<Category | null>;
  departments(streetId: string): Promise<Department[]>;
  settings(streetId: string): Promise<RequestSettings>;
  calendars(): Promise<YearCalendar[]>;
}

/**
 * How both request adapters list requests, identically so SQLite and CloudBase cannot drift apart: which
 * deadline a list sorts and filters on, the page limits, and the keyset cursors (also used by the
 * follower and delivery lists).
 */
import type { ServiceRequest } from '@core/requests/request';
import { currentDue } from '@core/requests/request';
import { OPEN_STATUSES, REQUEST_STATUSES, type RequestStatus } from '@core/requests/request.status';
import { DomainError } from '@core/shared/errors';
import type { RequestQuery, RequestSort } from '../ports/request.port';

/**
 * Statuses an `overdueAt` filter can match: open ones with a running clock. 'resolved' is open but has no
 * current deadline; 'held' has one (the response deadline) but is under review, not open.
 */
export const OVERDUE_STATUSES: readonly RequestStatus[] = OPEN_STATUSES.filter((s) => s !== 'resolved');

/** The most a list page returns; larger limits are cut to this. */
export const MAX_PAGE = 100;

/** The deadline that matters now (`due_at` / `dueAt`): core's `currentDue`, so lists and summaries agree. */
export function requestDueAt(r: Pick<ServiceRequest, 'status' | 'responseDueAt' | 'resolutionDueAt'>): string | null {
  return currentDue(r)?.at ?? null;
}

/**
 * The sort key of the 'deadline' order, stored beside the request (`deadline_key` / `deadlineKey`):
 * 1. requests with a current deadline, soonest first (the ISO instant itself: it starts with a digit);
 * 2. then resolved requests, longest waiting first ('r' + resolvedAt: the confirmation window runs from
 *    resolution, so this is the order their verification falls due);
 * 3. then the rest ('~'): closed ones, and a working one without a resolution deadline (none to sort by).
 * Ties break on the id, ascending. The prefixes sort after any digit, byte-wise, in both databases.
 */
export function deadlineKey(r: Pick<ServiceRequest, 'status' | 'responseDueAt' | 'resolutionDueAt' | 'resolvedAt'>): string {
  const due = requestDueAt(r);
  if (due !== null) return due;
  if (r.status === 'resolved') return `r${r.resolvedAt ?? ''}`;
  return '~';
}

/** The field a sort orders by, and its direction (ties: the id, in the same direction). */
export function sortOf(sort: RequestSort): { field: 'deadline' | 'created'; dir: 'asc' | 'desc' } {
  return sort === 'deadline' ? { field: 'deadline', dir: 'asc' } : { field: 'created', dir: 'desc' };
}

/**
 * The statuses a query can match: the `statuses` filter (none: every status), narrowed to OVERDUE_STATUSES
 * by `overdueAt`. Adapters list one status at a time (SQLite) or with `in` (CloudBase), so every list
 * runs on a (scope, status, sort key) index.
 */
export function statusesOf(query: Pick<RequestQuery, 'statuses' | 'overdueAt' | 'dueFrom'>): RequestStatus[] {
  if (query.dueFrom !== undefined && query.overdueAt === undefined) throw new Error('a request query with dueFrom needs overdueAt');
  let out: RequestStatus[] = query.statuses?.length ? REQUEST_STATUSES.filter((s) => query.statuses!.includes(s)) : [...REQUEST_STATUSES];
  if (query.overdueAt !== undefined) out = out.filter((s) => OVERDUE_STATUSES.includes(s));
  return out;
}

/**
 * The page of `requests.scan`: server-side readers that walk a whole selection (exports) read this many per
 * query, a tenth of the queries `list` would cost; one more than it stays within the 1000 documents one
 * CloudBase query returns.
 */
export const SCAN_MAX_PAGE = 500;

/** A scan page size within 1..SCAN_MAX_PAGE. */
export function scanLimit(limit: number): number {
  if (!Number.isFinite(limit)) return SCAN_MAX_PAGE;
  return Math.min(SCAN_MAX_PAGE, Math.max(1, Math.floor(limit)));
}

/** A page size within 1..MAX_PAGE. */
export function pageLimit(limit: number): number {
  if (!Number.isFinite(limit)) return MAX_PAGE;
  return Math.min(MAX_PAGE, Math.max(1, Math.floor(limit)));
}

/**
 * Keyset cursors: the last item's sort key and id, and which order they belong to, base64url JSON.
 * A cursor that does not decode, or was made for another order, is the caller's mistake (INPUT.INVALID).
 */
export interface Cursor {
  key: string;
  id: string;
}

export function encodeCursor(order: string, c: Cursor): string {
  return Buffer.from(JSON.stringify([order, c.key, c.id]), 'utf8').toString('base64url');
}

export function decodeCursor(order: string, cursor: string | null | undefined): Cursor | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === order && typeof parsed[1] === 'string' && typeof parsed[2] === 'string') {
      return { key: parsed[1], id: parsed[2] };
    }
  } catch {
    // falls through to the refusal below
  }
  throw new DomainError('INPUT.INVALID', '分页参数无效，请刷新列表后重试');
}


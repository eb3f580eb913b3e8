import { beijingDateTime } from '../../lib/format';
import type { RequestSummary } from '@core/api/request.contract';
import { STATUS_KIND, type RequestStatus } from '@core/requests/request.status';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function span(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return `${hours}小时`;
  return `${Math.max(minutes, 1)}分钟`;
}

export interface DueText {
  text: string;
  overdue: boolean;
}

/**
 * A deadline as a person reads it: 剩余1天3小时 / 已超期2小时, counted on the device clock (deadlines
 * already count working days on the server; this is plain time left). Rounds down, so the time left is
 * never overstated.
 */
export function dueText(dueAt: string | null, now: number): DueText | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const left = due - now;
  if (left >= 0) return { text: left < MINUTE ? '即将到期' : `剩余${span(left)}`, overdue: false };
  return { text: `已超期${span(-left)}`, overdue: true };
}

export function dueKindLabel(kind: RequestSummary['dueKind']): string {
  return kind === 'response' ? '受理期限' : kind === 'resolution' ? '办结期限' : '期限';
}


/** 1月5日 14:30 in the current year, 2025年12月30日 09:05 otherwise; in Beijing time. */
export function formatDateTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? '' : beijingDateTime(at, now);
}

export type StatusTone = 'primary' | 'warning' | 'success' | 'danger' | 'muted';

/**
 * The colour of a status label: red when an open request is past its deadline; amber while it waits on
 * someone other than the handler (review, the resident's confirmation); green once solved; grey when closed
 * without a result (rejected, withdrawn).
 */
export function statusTone(status: RequestStatus, overdue: boolean): StatusTone {
  if (overdue && STATUS_KIND[status] === 'open') return 'danger';
  if (status === 'held' || status === 'resolved') return 'warning';
  if (status === 'verified' || status === 'archived') return 'success';
  if (status === 'rejected' || status === 'withdrawn' || status === 'merged') return 'muted';
  return 'primary';
}

/** Work queue order: the earliest deadline first; requests without one (closed) after, newest first. */
export function byDeadline(a: RequestSummary, b: RequestSummary): number {
  if (a.dueAt && b.dueAt) return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  if (a.dueAt) return -1;
  if (b.dueAt) return 1;
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/** Pages of one list joined: an item that moved between pages while paging appears once, at its newer place. */
export function mergePages(items: RequestSummary[], next: RequestSummary[]): RequestSummary[] {
  const ids = new Set(next.map((i) => i.id));
  return [...items.filter((i) => !ids.has(i.id)), ...next];
}

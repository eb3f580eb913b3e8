/**
 * How both notice adapters page: the page limit, the feed's sort key and the keyset cursors.
 */
import { noticePriority } from '@core/notices/notice';
import { DomainError } from '@core/shared/errors';
import type { NoticeHead } from '../ports/notice.port';

export const FEED_MAX_PAGE = 50;

export function noticePageLimit(limit: number): number {
  if (!Number.isFinite(limit)) return FEED_MAX_PAGE;
  return Math.min(FEED_MAX_PAGE, Math.max(1, Math.floor(limit)));
}

/** Feed order key, compared descending: priority digit, then the publish instant (fixed-length ISO). */
export function feedSortKey(n: Pick<NoticeHead, 'pinned' | 'urgent' | 'publishAt'>): string {
  return `${noticePriority(n)}|${n.publishAt}`;
}

export interface NoticeCursor {
  key: string;
  id: string;
}

export function encodeNoticeCursor(order: 'feed' | 'area', c: NoticeCursor): string {
  return Buffer.from(JSON.stringify([order, c.key, c.id]), 'utf8').toString('base64url');
}

export function decodeNoticeCursor(order: 'feed' | 'area', cursor: string | null | undefined): NoticeCursor | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === order && typeof parsed[1] === 'string' && typeof parsed[2] === 'string') {
      return { key: parsed[1], id: parsed[2] };
    }
  } catch {
    // refused below
  }
  throw new DomainError('INPUT.INVALID', '分页参数无效，请刷新后重试');
}

/** Descending order on (key, id), as feeds and area lists sort. */
export function compareDesc(a: NoticeCursor, b: NoticeCursor): number {
  if (a.key !== b.key) return a.key < b.key ? 1 : -1;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return 0;
}

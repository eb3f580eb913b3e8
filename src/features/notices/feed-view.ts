import type { NoticeFeedItem } from '@core/api/notice.contract';

export type NoticeTagTone = 'primary' | 'danger' | 'warning' | 'success';

export interface NoticeTag {
  key: 'pinned' | 'urgent' | 'changed' | 'ack' | 'acked';
  text: string;
  tone: NoticeTagTone;
}

/**
 * The marks on a notice in the feed, most pressing first: 置顶, 紧急; 已更新 when the resident read an earlier
 * version; 需确认 until they confirm 我已知晓, then 已确认.
 */
export function feedTags(n: Pick<NoticeFeedItem, 'pinned' | 'urgent' | 'read' | 'changedSinceRead' | 'requireAck' | 'acknowledged'>): NoticeTag[] {
  const tags: NoticeTag[] = [];
  if (n.pinned) tags.push({ key: 'pinned', text: '置顶', tone: 'primary' });
  if (n.urgent) tags.push({ key: 'urgent', text: '紧急', tone: 'danger' });
  if (n.read && n.changedSinceRead) tags.push({ key: 'changed', text: '已更新', tone: 'warning' });
  if (n.requireAck) tags.push(n.acknowledged ? { key: 'acked', text: '已确认', tone: 'success' } : { key: 'ack', text: '需确认', tone: 'warning' });
  return tags;
}

/** 图片2 · 附件1 — what comes with the notice, or '' when nothing does. */
export function extrasText(n: Pick<NoticeFeedItem, 'imageCount' | 'attachmentCount'>): string {
  return [n.imageCount > 0 ? `图片${n.imageCount}` : '', n.attachmentCount > 0 ? `附件${n.attachmentCount}` : ''].filter(Boolean).join(' · ');
}

/**
 * What the 通知 tab (and the home entry) shows for this many unread notices: nothing for none. The server
 * counts within the latest 30 notices in force; "99+" keeps the badge small should that window ever grow.
 */
export function badgeText(unread: number): string | null {
  if (!Number.isFinite(unread) || unread < 1) return null;
  return unread >= 99 ? '99+' : String(Math.floor(unread));
}

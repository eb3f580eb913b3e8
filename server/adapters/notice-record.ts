/**
 * The head both notice adapters store beside a notice, so lists read it without the body.
 */
import { noticeExcerpt, type Notice } from '@core/notices/notice';
import type { NoticeHead } from '../ports/notice.port';

export function noticeHead(n: Notice): NoticeHead {
  return {
    id: n.id,
    streetId: n.streetId,
    scope: n.scope,
    title: n.title,
    excerpt: noticeExcerpt(n.body),
    category: n.category,
    urgent: n.urgent,
    requireAck: n.requireAck,
    pinned: n.pinned,
    publishAt: n.publishAt,
    expiresAt: n.expiresAt,
    withdrawn: n.withdrawn !== null,
    publisherId: n.publisherId,
    publisherLabel: n.publisherLabel,
    version: n.version,
    imageCount: n.imageFileIds.length,
    attachmentCount: n.attachments.length,
  };
}

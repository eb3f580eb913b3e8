import type { CoverageRow, NoticeDetail, NoticeFeedItem } from '@core/api/notice.contract';
import {
  coverageRate,
  NOTICE_CATEGORY_LABELS,
  NOTICE_STATE_LABELS,
  noticeState,
  percentText,
  type Notice,
} from '@core/notices/notice';
import type { Deps } from '../context';
import type { GridNoticeStats, NoticeHead, NoticeReceipt } from '../../ports/notice.port';
import { scopeText, type StreetPlaces } from './notice-scope';

export function feedItem(h: NoticeHead, receipt: NoticeReceipt | undefined): NoticeFeedItem {
  return {
    id: h.id,
    title: h.title,
    excerpt: h.excerpt,
    category: h.category,
    categoryLabel: NOTICE_CATEGORY_LABELS[h.category],
    urgent: h.urgent,
    pinned: h.pinned,
    requireAck: h.requireAck,
    publishedAt: h.publishAt,
    publisherLabel: h.publisherLabel,
    read: Boolean(receipt),
    acknowledged: Boolean(receipt?.ackedAt),
    changedSinceRead: Boolean(receipt && receipt.readVersion < h.version),
    imageCount: h.imageCount,
    attachmentCount: h.attachmentCount,
  };
}

export async function noticeDetail(
  deps: Deps,
  n: Notice,
  sp: StreetPlaces,
  now: Date,
  opts: { receipt: NoticeReceipt | null; canManage: boolean },
): Promise<NoticeDetail> {
  const state = noticeState(n, now);
  const [imageUrls, attachmentUrls, text] = await Promise.all([
    deps.files.tempUrls(n.imageFileIds),
    deps.files.tempUrls(n.attachments.map((a) => a.fileId)),
    scopeText(deps, n.scope, sp),
  ]);
  return {
    id: n.id,
    title: n.title,
    body: n.body,
    category: n.category,
    categoryLabel: NOTICE_CATEGORY_LABELS[n.category],
    urgent: n.urgent,
    pinned: n.pinned,
    requireAck: n.requireAck,
    publishAt: n.publishAt,
    expiresAt: n.expiresAt,
    publisherLabel: n.publisherLabel,
    state,
    stateLabel: NOTICE_STATE_LABELS[state],
    scopeText: text,
    scope: n.scope,
    imageUrls: imageUrls.filter((u): u is string => u !== null),
    imageFileIds: opts.canManage ? n.imageFileIds : [],
    attachments: n.attachments.map((a, i) => ({ ...a, url: attachmentUrls[i] ?? null })),
    version: n.version,
    revisions: [...n.revisions].reverse().map((r) => ({ version: r.version, title: r.title, editedAt: r.editedAt, editorLabel: r.editorName, note: r.note })),
    updatedAt: n.updatedAt,
    withdrawnReason: n.withdrawn?.reason ?? null,
    mine: opts.receipt
      ? { readAt: opts.receipt.readAt, acknowledgedAt: opts.receipt.ackedAt, changedSinceRead: opts.receipt.readVersion < n.version }
      : null,
    canManage: opts.canManage,
  };
}

export interface CoverageParts {
  households: number;
  stats: Pick<GridNoticeStats, 'reads' | 'acks' | 'reachedRead' | 'reachedVisit' | 'reachedPhone'>[];
}

export function coverageRow(id: string, name: string, households: number, stats: CoverageParts['stats']): CoverageRow {
  const sum = (k: keyof CoverageParts['stats'][number]) => stats.reduce((n, s) => n + s[k], 0);
  const reached = Math.min(households, sum('reachedRead') + sum('reachedVisit') + sum('reachedPhone'));
  const rate = coverageRate({ households, reached });
  return {
    id,
    name,
    households,
    reached,
    rate,
    rateText: percentText(rate),
    reads: sum('reads'),
    acks: sum('acks'),
    byVisit: sum('reachedVisit'),
    byPhone: sum('reachedPhone'),
  };
}

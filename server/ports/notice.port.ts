/**
 * Notices, their read receipts and household reach. Publishing writes the notice, its scope keys and (for an
 * urgent notice) ONE outbox record for the whole audience — never a row per resident. Residents' feeds are
 * looked up by the keys of their place; coverage comes from per-(notice, grid) counters kept in the same
 * atomic write as each receipt or reach, so a coverage page costs one read per grid whatever the audience.
 *
 * Every method is atomic on its own: all of its writes land or none do.
 */
import type { OutboxRecord } from '@core/messages/message';
import type { Notice, NoticeCategory, NoticeLevel, NoticeScope, Place, ReachMethod } from '@core/notices/notice';
import type { Page } from './request.port';

/** What a feed or a management list shows without reading the whole notice. */
export interface NoticeHead {
  id: string;
  streetId: string;
  scope: NoticeScope;
  title: string;
  excerpt: string;
  category: NoticeCategory;
  urgent: boolean;
  requireAck: boolean;
  pinned: boolean;
  publishAt: string;
  expiresAt: string | null;
  withdrawn: boolean;
  publisherId: string;
  publisherLabel: string;
  version: number;
  imageCount: number;
  attachmentCount: number;
}

export interface NoticeReceipt {
  noticeId: string;
  userId: string;
  readAt: string;
  /** The version last read: a newer notice version means "changed since you read it". */
  readVersion: number;
  ackedAt: string | null;
}

/** A household counted as reached for a notice, and how. */
export interface HouseholdReach {
  noticeId: string;
  householdId: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  method: ReachMethod;
  /** Who read it (a resident) or who reached it (the grid worker). */
  byId: string;
  at: string;
  note: string;
}

/** Per (notice, grid) counters, written with each receipt and reach. */
export interface GridNoticeStats {
  noticeId: string;
  gridId: string;
  communityId: string;
  /** Residents who opened it. */
  reads: number;
  /** Residents who confirmed 我已知晓. */
  acks: number;
  /** Households reached, by method (each household once, by the first method that reached it). */
  reachedRead: number;
  reachedVisit: number;
  reachedPhone: number;
}

/** One place a notice targets, located for management lists (community / grid null when the place is wider). */
export interface NoticeKey {
  level: NoticeLevel;
  placeId: string;
  communityId: string | null;
  gridId: string | null;
}

export type CreateNoticeResult = { kind: 'created'; notice: Notice } | { kind: 'duplicate'; notice: Notice };

/** Where a staff member looks: the whole street, or notices touching these communities / grids (street-wide ones included). */
export type NoticeArea =
  | { kind: 'street'; streetId: string }
  | { kind: 'community'; streetId: string; communityId: string }
  /** A worker's grids and the communities they lie in (community-wide notices touch them too). */
  | { kind: 'grids'; streetId: string; gridIds: string[]; communityIds: string[] };

export interface ReadWrite {
  noticeId: string;
  userId: string;
  /** The reader's place now; the household (if bound to one) is counted as reached. */
  place: Place & { householdId: string | null };
  version: number;
  at: string;
}

export interface NoticeRepository {
  get(id: string): Promise<Notice | null>;
  /**
   * Writes the notice, its scope keys (one per targeted place, resolved by the caller) and `outbox`, unless (publisherId, idempotencyKey) exists: then
   * the earlier notice comes back as a duplicate and nothing is written.
   */
  create(notice: Notice, keys: NoticeKey[], outbox: OutboxRecord[]): Promise<CreateNoticeResult>;
  /** Replaces the stored notice if its version is still `expectedVersion`; null when it moved. The scope never changes. */
  update(notice: Notice, expectedVersion: number): Promise<Notice | null>;
  /**
   * Notices reaching this place that are live at `now` (published, not withdrawn, not expired): pinned, then
   * urgent, then the rest; newest first within each (keyset-paged, `limit` cut to 1..50).
   */
  feed(place: Place, now: string, page: { limit: number; cursor?: string | null }): Promise<Page<NoticeHead>>;
  /**
   * The first page of the feed together with `liveIds(place, now, liveLimit)` — one pass over the feed keys
   * instead of two (a resident's tab shows both: the list and the unread badge).
   */
  feedFirstPage(place: Place, now: string, limit: number, liveLimit: number): Promise<Page<NoticeHead> & { liveIds: string[] }>;
  /** Ids of the live notices reaching this place, newest first, at most `limit` (for the unread badge). */
  liveIds(place: Place, now: string, limit: number): Promise<string[]>;
  /** Every notice touching the area (any state), newest publishAt first (keyset-paged, `limit` cut to 1..50). */
  listForArea(area: NoticeArea, page: { limit: number; cursor?: string | null }): Promise<Page<NoticeHead>>;
  /** The user's receipts among these notices (in no particular order). */
  receipts(userId: string, noticeIds: string[]): Promise<NoticeReceipt[]>;
  /**
   * Records a read: the first one creates the receipt, counts the reader and (once per household) the
   * household as reached; later ones only raise readVersion. Returns the stored receipt.
   */
  markRead(write: ReadWrite): Promise<NoticeReceipt>;
  /** Reads (if not yet) and acknowledges; a second acknowledgement keeps the first time. */
  acknowledge(write: ReadWrite): Promise<NoticeReceipt>;
  /**
   * Counts a household as reached in person or by phone. A household already reached (by any method)
   * stays as it was: 'exists' with the stored reach.
   */
  markReached(reach: HouseholdReach): Promise<{ kind: 'created' | 'exists'; reach: HouseholdReach }>;
  /** Counters of every grid that has any; grids without rows have none. */
  gridStats(noticeId: string): Promise<GridNoticeStats[]>;
  /** Households of one grid reached for this notice. */
  reachedInGrid(noticeId: string, gridId: string): Promise<HouseholdReach[]>;
}

/**
 * 通知公告: published once to a scope (the street, communities, grids or buildings); residents pull the notices
 * that reach their household. Publishing writes no per-resident rows: reach is worked out from the scope when a
 * resident asks, and coverage (到户率) from the households that have been reached.
 */
import type { Household } from '../places/place';
export { KEY_GROUPS, KEY_GROUP_LABELS, type KeyGroup } from '../places/place';

export const NOTICE_CATEGORIES = ['policy', 'utility', 'epidemic', 'activity', 'other'] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];

export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, string> = {
  policy: '政策通知',
  utility: '停水停电',
  epidemic: '疫情防控',
  activity: '活动',
  other: '其他',
};

export const NOTICE_LEVELS = ['street', 'communities', 'grids', 'buildings'] as const;
export type NoticeLevel = (typeof NOTICE_LEVELS)[number];

/** Who a notice reaches. `ids` are community, grid or building ids by level; empty for the street. */
export interface NoticeScope {
  level: NoticeLevel;
  ids: string[];
}

/** The body as plain blocks: paragraphs and lists. Nothing else survives publishing (see sanitize.ts). */
export type NoticeBlock = { kind: 'p'; text: string } | { kind: 'ul' | 'ol'; items: string[] };

export interface NoticeAttachment {
  fileId: string;
  name: string;
  size: number;
}

export type PublisherRole = 'grid_worker' | 'community_staff' | 'street_staff';

export interface NoticeRevision {
  version: number;
  title: string;
  body: NoticeBlock[];
  editedAt: string;
  editorId: string;
  editorName: string;
  /** Why it changed, shown to readers ("更正时间" …); empty for the first version. */
  note: string;
}

export interface Notice {
  id: string;
  streetId: string;
  scope: NoticeScope;
  title: string;
  body: NoticeBlock[];
  imageFileIds: string[];
  attachments: NoticeAttachment[];
  category: NoticeCategory;
  urgent: boolean;
  /** Residents are asked to confirm 我已知晓. */
  requireAck: boolean;
  pinned: boolean;
  /** Shown to residents from this instant (a future time schedules it). */
  publishAt: string;
  /** Hidden from the feed after this instant; null: no expiry. */
  expiresAt: string | null;
  publisherId: string;
  publisherRole: PublisherRole;
  /** How residents see the sender: 东湖社区居委会, 第3网格 网格员 张* … */
  publisherLabel: string;
  withdrawn: { at: string; byId: string; reason: string } | null;
  /** 1 on publishing, +1 on each edit; readers of an older version are told it changed. */
  version: number;
  /** Earlier versions, oldest first (the current one is the notice itself). */
  revisions: NoticeRevision[];
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
}

export type NoticeState = 'scheduled' | 'published' | 'expired' | 'withdrawn';

export const NOTICE_STATE_LABELS: Record<NoticeState, string> = {
  scheduled: '待发布',
  published: '已发布',
  expired: '已过期',
  withdrawn: '已撤回',
};

/** A notice's state now; `withdrawn` is the record on a notice, or the flag on a list head. */
export function noticeState(n: Pick<Notice, 'publishAt' | 'expiresAt'> & { withdrawn: Notice['withdrawn'] | boolean }, now: Date): NoticeState {
  if (n.withdrawn) return 'withdrawn';
  const t = now.toISOString();
  if (n.publishAt > t) return 'scheduled';
  if (n.expiresAt && n.expiresAt <= t) return 'expired';
  return 'published';
}

/** Feed order: pinned before urgent before the rest; newest first within each. */
export function noticePriority(n: Pick<Notice, 'pinned' | 'urgent'>): number {
  return (n.pinned ? 2 : 0) + (n.urgent ? 1 : 0);
}

/** Where a household (or a resident bound only to a grid) sits: what a scope is matched against. */
/** How long the excerpt under a notice's title in a list is, in characters. */
export const NOTICE_EXCERPT_LENGTH = 60;

/** The excerpt a list shows under a notice's title: the body as one line of plain text, cut to 60 characters. */
export function noticeExcerpt(body: NoticeBlock[]): string {
  const text = body.map((b) => (b.kind === 'p' ? b.text : b.items.join(' '))).join(' ').replace(/\s+/g, ' ').trim();
  return Array.from(text).slice(0, NOTICE_EXCERPT_LENGTH).join('');
}

export interface Place {
  streetId: string;
  communityId: string;
  gridId: string;
  buildingId: string | null;
}

export function placeOfHousehold(h: Pick<Household, 'streetId' | 'communityId' | 'gridId' | 'buildingId'>): Place {
  return { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId, buildingId: h.buildingId };
}

/** Does a notice scoped this way reach this place? A place known only to its grid is not reached by building notices. */
export function scopeReaches(streetId: string, scope: NoticeScope, place: Place): boolean {
  if (place.streetId !== streetId) return false;
  switch (scope.level) {
    case 'street':
      return true;
    case 'communities':
      return scope.ids.includes(place.communityId);
    case 'grids':
      return scope.ids.includes(place.gridId);
    case 'buildings':
      return place.buildingId !== null && scope.ids.includes(place.buildingId);
  }
}

/** The index keys a resident's feed is looked up by: one per level the place belongs to. */
export function feedKeys(place: Place): { level: NoticeLevel; id: string }[] {
  const keys: { level: NoticeLevel; id: string }[] = [
    { level: 'street', id: place.streetId },
    { level: 'communities', id: place.communityId },
    { level: 'grids', id: place.gridId },
  ];
  if (place.buildingId) keys.push({ level: 'buildings', id: place.buildingId });
  return keys;
}

/** How a household counts as reached: a member read it in the app, or the grid worker reached it in person / by phone. */
export const REACH_METHODS = ['read', 'visit', 'phone'] as const;
export type ReachMethod = (typeof REACH_METHODS)[number];

export const REACH_METHOD_LABELS: Record<ReachMethod, string> = {
  read: '已阅读',
  visit: '上门告知',
  phone: '电话告知',
};

export interface CoverageCount {
  /** Households in scope. */
  households: number;
  /** Households with at least one member who read it, or reached in person / by phone. */
  reached: number;
}

/** 到户率 as a ratio in [0, 1]; a scope with no households has nothing to reach (1). */
export function coverageRate(c: CoverageCount): number {
  if (c.households <= 0) return 1;
  return Math.min(1, c.reached / c.households);
}

/** 83.4% — one decimal, never rounding a shortfall up to 100%. */
export function percentText(rate: number): string {
  const tenths = Math.floor(rate * 1000 + 1e-9);
  return `${(tenths / 10).toFixed(1)}%`;
}

export function sumCoverage(parts: CoverageCount[]): CoverageCount {
  return parts.reduce((a, b) => ({ households: a.households + b.households, reached: a.reached + b.reached }), { households: 0, reached: 0 });
}

export const TITLE_MAX = 40;
export const BODY_MAX = 5000;
export const NOTICE_IMAGES_MAX = 9;
export const NOTICE_ATTACHMENTS_MAX = 5;
export const SCOPE_IDS_MAX = 100;

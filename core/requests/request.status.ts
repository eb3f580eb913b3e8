/**
 * Request statuses grouped by kind. "resolved" (the handler says it is done) is open: only a result the
 * resident confirmed or the community verified counts as solved, and "closed" is not "solved" either —
 * a rejected or withdrawn request is closed without being solved.
 */
export const REQUEST_STATUSES = [
  'held',
  'submitted',
  'accepted',
  'dispatched',
  'in_progress',
  'resolved',
  'verified',
  'archived',
  'rejected',
  'withdrawn',
  // 已合并: staff merged it into another request about the same thing; its reporters follow that one (同问).
  'merged',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type StatusKind = 'review' | 'open' | 'closed';

export const STATUS_KIND: Record<RequestStatus, StatusKind> = {
  held: 'review',
  submitted: 'open',
  accepted: 'open',
  dispatched: 'open',
  in_progress: 'open',
  resolved: 'open',
  verified: 'closed',
  archived: 'closed',
  rejected: 'closed',
  withdrawn: 'closed',
  merged: 'closed',
};

export const STATUS_LABELS: Record<RequestStatus, string> = {
  held: '待审核',
  submitted: '待受理',
  accepted: '已受理',
  dispatched: '已派遣',
  in_progress: '处置中',
  resolved: '待确认',
  verified: '已核查',
  archived: '已归档',
  rejected: '不予受理',
  withdrawn: '已撤回',
  merged: '已合并',
};

export const OPEN_STATUSES = REQUEST_STATUSES.filter((s) => STATUS_KIND[s] === 'open');
/** Statuses in which the handler still owes work (the resolution clock runs). */
export const WORKING_STATUSES: RequestStatus[] = ['accepted', 'dispatched', 'in_progress'];
/** Solved: a result confirmed by the resident or verified by the community. */
export const SOLVED_STATUSES: RequestStatus[] = ['verified', 'archived'];

export const CATEGORY_KINDS = ['dispute', 'hazard', 'help', 'complaint', 'suggestion'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];
export const CATEGORY_KIND_LABELS: Record<CategoryKind, string> = {
  dispute: '矛盾纠纷',
  hazard: '安全隐患',
  help: '求助',
  complaint: '投诉',
  suggestion: '建议',
};

/** hotline / platform: posted over Open311 by a partner system with its api_key (server/use-cases/open311). */
export const SOURCES = ['resident', 'patrol', 'proxy', 'hotline', 'platform'] as const;
export type RequestSource = (typeof SOURCES)[number];
export const SOURCE_LABELS: Record<RequestSource, string> = {
  resident: '居民上报', patrol: '网格员巡查', proxy: '代为上报', hotline: '12345热线', platform: '城市平台',
};
/** The sources that come in over Open311 (and the only requests Open311 publishes). */
export const PARTNER_SOURCES = ['hotline', 'platform'] as const satisfies readonly RequestSource[];
/**
 * A partner system's requests are filed by `partner:<key id>` (submitterId and the event's actor id): the
 * scope of its idempotency keys and of its rate limits, one per api_key, never a person.
 */
export const PARTNER_SUBMITTER_PREFIX = 'partner:';

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

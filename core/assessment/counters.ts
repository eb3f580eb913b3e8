/**
 * 考核评价 counters. Every figure of the assessment is a sum of per-(scope, period) counters, and what one
 * request adds to them is a pure function of the request's current state (`contributionsOf`). Stores keep
 * the counters in the same atomic write as the request: they add `contributionsOf(after)` and subtract
 * `contributionsOf(before)` (`counterDelta`), so a recount from the requests gives the same numbers.
 *
 * Counting rules (docs/ASSESSMENT.md says the same in words):
 * - Each counter lands on the Beijing date of the instant it is about, and on that date's month:
 *   filed → createdAt; accepted / acceptedOnTime → acceptedAt; everything about the result
 *   (resolved, resolvedOnTime, solved, rated, satisfied, unsatisfied, reopened, resolveMinutes) → resolvedAt.
 *   A rating given in December of a request resolved in November counts for November.
 * - A request counts for the street, its community, its grid and, when a worker is accountable for it
 *   (`assessedWorkerId`), that worker.
 * - Held requests (under content review) count nowhere until released.
 * - Merged requests (已合并: a duplicate staff merged into another request) count nowhere at all — not filed,
 *   not accepted, not resolved, not on time or late, no facet: the request they went into carries the work,
 *   and a duplicate must neither inflate 上报数 nor leave a 受理 or 办结 behind.
 * - Reassigning clears acceptedAt and reopening clears resolvedAt: the figures follow the latest
 *   acceptance and the latest resolution.
 */
import type { Rating } from '../requests/request.status';
import { beijingDate } from '../calendar/working-days';

export const COUNTER_METRICS = [
  /** 上报数: requests filed (any source). */
  'filed',
  /** Of those, found by a grid worker on patrol (主动发现); hotline and platform requests (Open311) are not. */
  'filedPatrol',
  /** 受理数: accepted (受理) or dispatched (派遣) directly. */
  'accepted',
  /** Accepted at or before the response deadline. */
  'acceptedOnTime',
  /** 办结数: the handler resolved it (办结), whatever came after (confirmed, verified, rated). */
  'resolved',
  /** Resolved at or before the resolution deadline. */
  'resolvedOnTime',
  /** Resolved and then confirmed by the resident or verified by the community (已核查 / 已归档). */
  'solved',
  /** Rated by the resident. */
  'rated',
  /** Rated 满意 or 基本满意. */
  'satisfied',
  /** Rated 不满意. */
  'unsatisfied',
  /** Resolved after at least one 重办. */
  'reopened',
  /** Working minutes from acceptance to resolution, summed (for the average). */
  'resolveMinutes',
] as const;
export type CounterMetric = (typeof COUNTER_METRICS)[number];
export type Counters = Record<CounterMetric, number>;

export const SCOPE_KINDS = ['street', 'community', 'grid', 'worker'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/**
 * Facets for 本月热点: what requests are about and where, counted by month only and only as `filed`.
 * 'grid_category' ids are `${gridId}/${categoryId}` (a community or street sums its grids'); 'building'
 * ids are building ids (requests filed for a household of that building).
 */
export const FACET_KINDS = ['grid_category', 'building'] as const;
export type FacetKind = (typeof FACET_KINDS)[number];
export type CounterKind = ScopeKind | FacetKind;

export function gridCategoryId(gridId: string, categoryId: string): string {
  return `${gridId}/${categoryId}`;
}

export interface ScopeRef {
  kind: CounterKind;
  id: string;
}

/** 'YYYY-MM-DD' (a Beijing date) or 'YYYY-MM' (a month). */
export type PeriodKey = string;

export interface CounterKey {
  streetId: string;
  scope: ScopeRef;
  period: PeriodKey;
}

export interface Contribution {
  key: CounterKey;
  /** Only non-zero metrics. */
  metrics: Partial<Counters>;
}

/** What the counters read of a request: stores pass whole requests; the rules stay readable here. */
export interface AssessedRequest {
  streetId: string;
  communityId: string;
  gridId: string;
  status: string;
  source: string;
  handler: { kind: string; id: string } | null;
  dueHolderId?: string | null;
  createdAt: string;
  responseDueAt: string;
  acceptedAt: string | null;
  resolvedAt: string | null;
  resolvedLate: boolean | null;
  reopenCount: number;
  rating: { value: Rating } | null;
  resolveWorkingMinutes?: number | null;
  categoryId: string;
  buildingId?: string | null;
}

export function emptyCounters(): Counters {
  return Object.fromEntries(COUNTER_METRICS.map((m) => [m, 0])) as Counters;
}

/** Adds `add` (times `sign`) into `into`, metric by metric; a metric missing from `into` counts as 0. */
export function addCounters(into: Counters, add: Partial<Counters>, sign = 1): Counters {
  for (const m of COUNTER_METRICS) {
    const v = add[m];
    if (v) into[m] = (into[m] ?? 0) + sign * v;
  }
  return into;
}

/**
 * The worker a request counts for: the one who held it when its resolution deadline passed (a transfer
 * after the deadline does not move the lateness to the next worker), else its current handler when that
 * is a worker; null when a community or department handles it or nobody has yet.
 */
export function assessedWorkerId(r: Pick<AssessedRequest, 'handler' | 'dueHolderId'>): string | null {
  if (r.dueHolderId) return r.dueHolderId;
  return r.handler?.kind === 'worker' ? r.handler.id : null;
}

/**
 * The value to store as `dueHolderId` when a request's handler changes at `at`: once the resolution
 * deadline has passed under a worker, that worker stays accountable until the request is reopened
 * (a new deadline; the caller clears it then).
 */
export function nextDueHolderId(
  before: Pick<AssessedRequest, 'handler' | 'dueHolderId'> & { resolutionDueAt: string | null },
  at: string,
): string | null {
  if (before.dueHolderId) return before.dueHolderId;
  if (before.handler?.kind === 'worker' && before.resolutionDueAt && Date.parse(at) > Date.parse(before.resolutionDueAt)) {
    return before.handler.id;
  }
  return null;
}

const SOLVED = new Set(['verified', 'archived']);

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

function scopesOf(r: AssessedRequest): ScopeRef[] {
  const scopes: ScopeRef[] = [
    { kind: 'street', id: r.streetId },
    { kind: 'community', id: r.communityId },
    { kind: 'grid', id: r.gridId },
  ];
  const worker = assessedWorkerId(r);
  if (worker) scopes.push({ kind: 'worker', id: worker });
  return scopes;
}

/** What one request adds to the counters, in a stable order (scope, then day before month). */
export function contributionsOf(r: AssessedRequest | null): Contribution[] {
  if (!r || r.status === 'held' || r.status === 'merged') return [];
  const byDay = new Map<string, Partial<Counters>>();
  const add = (at: string, metrics: Partial<Counters>): void => {
    const day = beijingDate(new Date(at));
    byDay.set(day, addCounters((byDay.get(day) ?? {}) as Counters, metrics));
  };
  add(r.createdAt, { filed: 1, ...(r.source === 'patrol' ? { filedPatrol: 1 } : {}) });
  if (r.acceptedAt) {
    add(r.acceptedAt, { accepted: 1, ...(Date.parse(r.acceptedAt) <= Date.parse(r.responseDueAt) ? { acceptedOnTime: 1 } : {}) });
  }
  if (r.resolvedAt) {
    const m: Partial<Counters> = { resolved: 1 };
    if (r.resolvedLate === false) m.resolvedOnTime = 1;
    if (SOLVED.has(r.status)) m.solved = 1;
    if (r.rating) {
      m.rated = 1;
      if (r.rating.value === 'unsatisfied') m.unsatisfied = 1;
      else m.satisfied = 1;
    }
    if (r.reopenCount > 0) m.reopened = 1;
    if (r.resolveWorkingMinutes) m.resolveMinutes = r.resolveWorkingMinutes;
    add(r.resolvedAt, m);
  }
  const out: Contribution[] = [];
  const days = [...byDay.keys()].sort();
  // The months are the same for every scope: summed once (this runs for every request of a recount).
  const months = new Map<string, Partial<Counters>>();
  for (const day of days) {
    const month = monthOf(day);
    months.set(month, addCounters((months.get(month) ?? {}) as Counters, byDay.get(day)!));
  }
  for (const scope of scopesOf(r)) {
    for (const day of days) out.push({ key: { streetId: r.streetId, scope, period: day }, metrics: { ...byDay.get(day)! } });
    for (const [month, metrics] of months) out.push({ key: { streetId: r.streetId, scope, period: month }, metrics: { ...metrics } });
  }
  const filedMonth = monthOf(beijingDate(new Date(r.createdAt)));
  out.push({ key: { streetId: r.streetId, scope: { kind: 'grid_category', id: gridCategoryId(r.gridId, r.categoryId) }, period: filedMonth }, metrics: { filed: 1 } });
  if (r.buildingId) out.push({ key: { streetId: r.streetId, scope: { kind: 'building', id: r.buildingId }, period: filedMonth }, metrics: { filed: 1 } });
  return out;
}

/** The stable id of a counter (document id in CloudBase, primary key in SQLite). */
export function counterId(key: CounterKey): string {
  return `${key.streetId}|${key.scope.kind}|${key.scope.id}|${key.period}`;
}

/**
 * The change a write makes: contributionsOf(after) minus contributionsOf(before), per counter, with
 * counters whose every metric nets to zero left out. Either side may be null (a new request; none deletes).
 */
export function counterDelta(before: AssessedRequest | null, after: AssessedRequest | null): Contribution[] {
  const acc = new Map<string, { key: CounterKey; metrics: Counters }>();
  const fold = (list: Contribution[], sign: number): void => {
    for (const c of list) {
      const id = counterId(c.key);
      const entry = acc.get(id) ?? { key: c.key, metrics: emptyCounters() };
      addCounters(entry.metrics, c.metrics, sign);
      acc.set(id, entry);
    }
  };
  fold(contributionsOf(before), -1);
  fold(contributionsOf(after), 1);
  const out: Contribution[] = [];
  for (const { key, metrics } of acc.values()) {
    const nonZero = Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== 0)) as Partial<Counters>;
    if (Object.keys(nonZero).length > 0) out.push({ key, metrics: nonZero });
  }
  return out;
}

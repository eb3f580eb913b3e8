/**
 * Which requests stand behind each figure (点击数字查看诉求). A list is defined on the same counters the
 * figure is computed from (core `contributionsOf`), so its length and the number shown cannot disagree:
 * - a count figure lists exactly the requests it counts;
 * - a rate lists the requests of its DENOMINATOR (e.g. 按期办结率 lists every request resolved in the
 *   period) and marks the ones in its numerator (按期办结的) — the list says "办结 12 件，其中按期 10 件",
 *   the figure 83.3%;
 * - 平均办结用时 lists the resolved requests it averages over.
 * Each list reads requests by the instant its counters land on (accepted / resolved / filed) in Beijing
 * days, the same rule as the counters.
 */
import { contributionsOf, type AssessedRequest, type Counters, type ScopeRef } from './counters';
import { INDICATORS, type IndicatorId } from './indicators';
import type { DateRange } from './periods';

/** Which timestamp places a request in the period. */
export type FigureTime = 'accepted' | 'resolved' | 'created';

/** The figures' lists, plus 不满意 (what pulls a worker's 满意率 down: 我的考核). */
export type FigureListId = IndicatorId | 'unsatisfied';

export interface FigureList {
  time: FigureTime;
  /** Is a request with these summed contributions (of the scope, within the range) on the list? */
  listed(m: Partial<Counters>): boolean;
  /** Does it count in the figure's numerator (always true for a count figure)? */
  counted(m: Partial<Counters>): boolean;
  /** The list's length from summed counters: equals the number of requests `listed` accepts. */
  listedCount(c: Counters): number;
  countedCount(c: Counters): number;
  /** Shown above the list. */
  definition: string;
}

const has = (m: Partial<Counters>, k: keyof Counters): boolean => (m[k] ?? 0) > 0;
const always = (): boolean => true;

export const FIGURE_LISTS: Record<FigureListId, FigureList> = {
  accepted: {
    time: 'accepted', listed: (m) => has(m, 'accepted'), counted: always,
    listedCount: (c) => c.accepted, countedCount: (c) => c.accepted,
    definition: '统计期内受理的诉求。',
  },
  timelyAcceptRate: {
    time: 'accepted', listed: (m) => has(m, 'accepted'), counted: (m) => has(m, 'acceptedOnTime'),
    listedCount: (c) => c.accepted, countedCount: (c) => c.acceptedOnTime,
    definition: '统计期内受理的全部诉求（比率的分母），标注其中在受理时限内受理的。',
  },
  onTimeRate: {
    time: 'resolved', listed: (m) => has(m, 'resolved'), counted: (m) => has(m, 'resolvedOnTime'),
    listedCount: (c) => c.resolved, countedCount: (c) => c.resolvedOnTime,
    definition: '统计期内办结的全部诉求（比率的分母），标注其中按期办结的。',
  },
  solveRate: {
    time: 'resolved', listed: (m) => has(m, 'resolved'), counted: (m) => has(m, 'solved'),
    listedCount: (c) => c.resolved, countedCount: (c) => c.solved,
    definition: '统计期内办结的全部诉求（比率的分母），标注其中经居民确认或社区核查为已解决的。',
  },
  satisfactionRate: {
    time: 'resolved', listed: (m) => has(m, 'rated'), counted: (m) => has(m, 'satisfied'),
    listedCount: (c) => c.rated, countedCount: (c) => c.satisfied,
    definition: '统计期内办结并已评价的诉求（比率的分母），标注其中评价为“满意”或“基本满意”的。',
  },
  reopenRate: {
    time: 'resolved', listed: (m) => has(m, 'resolved'), counted: (m) => has(m, 'reopened'),
    listedCount: (c) => c.resolved, countedCount: (c) => c.reopened,
    definition: '统计期内办结的全部诉求（比率的分母），标注其中曾被要求重办的。',
  },
  resolvedLate: {
    time: 'resolved', listed: (m) => has(m, 'resolved') && !has(m, 'resolvedOnTime'), counted: always,
    listedCount: (c) => c.resolved - c.resolvedOnTime, countedCount: (c) => c.resolved - c.resolvedOnTime,
    definition: '统计期内办结、但未在办结时限内办结的诉求。',
  },
  avgResolveDays: {
    time: 'resolved', listed: (m) => has(m, 'resolved'), counted: always,
    listedCount: (c) => c.resolved, countedCount: (c) => c.resolved,
    definition: '统计期内办结的诉求（平均用时按这些诉求计算）。',
  },
  patrolShare: {
    time: 'created', listed: (m) => has(m, 'filed'), counted: (m) => has(m, 'filedPatrol'),
    listedCount: (c) => c.filed, countedCount: (c) => c.filedPatrol,
    definition: '统计期内上报的全部诉求（比率的分母），标注其中网格员巡查发现上报的。',
  },
  unsatisfied: {
    time: 'resolved', listed: (m) => has(m, 'unsatisfied'), counted: always,
    listedCount: (c) => c.unsatisfied, countedCount: (c) => c.unsatisfied,
    definition: '统计期内办结、居民评价为“不满意”的诉求。',
  },
};

/** The list's title: the figure's label, or 不满意评价. */
export function figureListLabel(id: FigureListId): string {
  return id === 'unsatisfied' ? '不满意评价' : INDICATORS[id].label;
}

/**
 * What one request adds to one scope over a range of Beijing days: its day contributions (never the month
 * ones, which repeat them) summed. This is the list's predicate input, literally the counters' rule.
 */
export function contributionIn(r: AssessedRequest, scope: ScopeRef, range: DateRange): Partial<Counters> {
  const sum: Partial<Counters> = {};
  for (const c of contributionsOf(r)) {
    const p = c.key.period;
    if (c.key.scope.kind !== scope.kind || c.key.scope.id !== scope.id || p.length !== 10 || p < range.from || p > range.to) continue;
    for (const [k, v] of Object.entries(c.metrics) as [keyof Counters, number][]) sum[k] = (sum[k] ?? 0) + v;
  }
  return sum;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A Beijing date's midnight as an ISO instant ('2026-11-01' → '2026-10-31T16:00:00.000Z'). */
export function beijingMidnight(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();
}

/** The range as [from, to) instants: from the first day's Beijing midnight to the midnight after the last day. */
export function rangeInstants(r: DateRange): { from: string; to: string } {
  return { from: beijingMidnight(r.from), to: new Date(Date.parse(beijingMidnight(r.to)) + DAY_MS).toISOString() };
}

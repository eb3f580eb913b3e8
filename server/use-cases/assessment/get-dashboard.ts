import type { AssessmentContract, DashboardView, RankingRow, TrendPoint } from '@core/api/assessment.contract';
import { emptyCounters } from '@core/assessment/counters';
import { figuresOf, SCORE_DEFINITION } from '@core/assessment/indicators';
import { checkRange, rangeLabel, shiftMonth, type DateRange } from '@core/assessment/periods';
import type { Community, Grid } from '@core/places/place';
import { OPEN_STATUSES } from '@core/requests/request.status';
import type { Deps } from '../context';
import type { UserContext } from '../context';
import { gridNames, toSummary } from '../requests/request-views';
import { figureViews, rankRows, scopeCounters, scoreOf, streetWeights, type RankingCandidate } from './assessment-reads';
import { assessmentScope, type AssessmentScope } from './assessment-scope';
import { hotIssues, hotMonthOf } from './hot-issues';

type RankBy = 'community' | 'grid' | 'worker';
const OVERDUE_ROWS = 20;
const TREND_MONTHS = 12;

/**
 * What a ranking compares: the street's grids / communities / workers for the street; a community's for
 * a community; for a grid or a worker, their community's (the context a grid is judged in). Names come
 * from one list read each (grids, communities, workers), never a read per row.
 */
async function rankingOf(deps: Deps, s: AssessmentScope, kind: RankBy, communities: Community[], streetGrids: Grid[] | null, range: DateRange, weights: DashboardView['weights']): Promise<RankingRow[]> {
  const communityId = s.ref.kind === 'street' ? null : s.communityId;
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  let candidates: RankingCandidate[];
  if (kind === 'community') {
    candidates = communities.filter((c) => !communityId || c.id === communityId).map((c) => ({ scope: { kind: 'community', id: c.id }, name: c.name, communityName: null }));
  } else if (kind === 'grid') {
    const grids = streetGrids ?? (await deps.store.places.listGrids({ streetId: s.streetId, communityId: communityId ?? undefined }));
    candidates = grids.map((g) => ({ scope: { kind: 'grid', id: g.id }, name: g.name, communityName: communityName.get(g.communityId) ?? null }));
  } else {
    const workers = await deps.store.users.listWorkers({ streetId: s.streetId, communityId: communityId ?? undefined });
    candidates = workers.map((w) => {
      const post = w.posts.find((p) => p.role === 'grid_worker');
      const cid = post && 'communityId' in post ? post.communityId : null;
      return { scope: { kind: 'worker', id: w.id }, name: w.name, communityName: cid ? (communityName.get(cid) ?? null) : null };
    });
  }
  return rankRows(deps, s.streetId, kind, candidates, range, weights, communityId === null);
}

/**
 * `assessment.dashboard`: the indicators of a scope and period, 超期未办结 now, the composite score with
 * the street's weights, the ranking with its 环比 change, the 12-month trend, the 20 most overdue open
 * requests and 本月热点 — all from counters, the overdue rows from one index-backed list.
 */
export async function getDashboard(ctx: UserContext, input: AssessmentContract['assessment']['dashboard']['input']): Promise<DashboardView> {
  const range = checkRange(input.period);
  const deps = ctx.deps;
  const s = await assessmentScope(deps, ctx.actor, input.scope);
  const rankBy: RankBy = input.rankBy ?? 'grid';
  const lastMonth = range.to.slice(0, 7);
  const trendMonths = Array.from({ length: TREND_MONTHS }, (_, i) => shiftMonth(lastMonth, TREND_MONTHS - 1 - i));
  const overdueQuery = { ...s.filter, statuses: OPEN_STATUSES, overdueAt: ctx.now.toISOString() };

  const [weights, communities, streetGrids] = await Promise.all([
    streetWeights(deps, s.streetId),
    deps.store.places.listCommunities(s.streetId),
    // The grids of the street scope serve both the ranking and the hot issues: read once.
    s.ref.kind === 'street' ? deps.store.places.listGrids({ streetId: s.streetId }) : Promise.resolve(null),
  ]);
  // Hot issues look at the scope's grids: all of the street's (null), a community's (read below), a grid, a worker's own.
  const scopeGridIds = s.ref.kind === 'grid' ? [s.ref.id] : s.ref.kind === 'worker' ? (s.workerGridIds ?? []) : null;
  const [counters, trendRows, overdueNow, overduePage, ranking, hot] = await Promise.all([
    scopeCounters(deps, s, range),
    // The trend reads month counters only; a month without any counter is a point of zeros / 无数据.
    deps.store.assessment.counters({ streetId: s.streetId, scopeKind: s.ref.kind, scopeIds: [s.ref.id], periods: trendMonths }),
    deps.store.requests.count(overdueQuery),
    deps.store.requests.listItems({ ...overdueQuery, sort: 'deadline' }, { limit: OVERDUE_ROWS }),
    rankingOf(deps, s, rankBy, communities, rankBy === 'grid' ? streetGrids : null, range, weights),
    // A community's hot categories: its grids' facets, filtered by the community's grid ids.
    s.ref.kind === 'community'
      ? deps.store.places.listGrids({ communityId: s.ref.id }).then((gs) => hotIssues(deps, s, hotMonthOf(range.to), communities, gs.map((g) => g.id)))
      : hotIssues(deps, s, hotMonthOf(range.to), communities, scopeGridIds),
  ]);
  const perMonth = new Map(trendRows.map((r) => [r.period, r.counters]));
  const trend: TrendPoint[] = trendMonths.map((month) => {
    const f = figuresOf(perMonth.get(month) ?? emptyCounters());
    return { month, accepted: f.accepted ?? 0, onTimeRate: f.onTimeRate, satisfactionRate: f.satisfactionRate };
  });
  const names = await gridNames(deps, overduePage.items.map((r) => r.gridId));
  return {
    scope: { kind: s.ref.kind, id: s.ref.id, name: s.name },
    period: { ...range, label: rangeLabel(range) },
    figures: figureViews(counters),
    overdueNow,
    score: scoreOf(counters, weights),
    scoreDefinition: SCORE_DEFINITION,
    weights,
    ranking: { kind: rankBy, rows: ranking },
    trend,
    overdue: overduePage.items.map((r) => toSummary(r, names.get(r.gridId) ?? '', ctx.now)),
    hotIssues: hot,
  };
}

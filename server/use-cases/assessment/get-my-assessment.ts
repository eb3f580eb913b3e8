import type { MyAssessmentView, PeriodInput } from '@core/api/assessment.contract';
import { emptyCounters } from '@core/assessment/counters';
import { rankByScore } from '@core/assessment/indicators';
import { checkRange, periodKeys, rangeLabel } from '@core/assessment/periods';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { countersByScope, figureRequestLists, figureViews, scopeCounters, scoreOf, streetWeights } from './assessment-reads';
import type { AssessmentScope } from './assessment-scope';

/** Rows of each "what pulls it down" list (a page of the figure's own list). */
const PULL_DOWN = 20;

/**
 * `assessment.mine`: a grid worker's own figures (the requests the assessment counts for them, core
 * assessedWorkerId), their score, each grid they lead with its rank among the street's grids, and what
 * pulls the figures down — requests resolved late and rated 不满意 in the period.
 */
export async function getMyAssessment(ctx: UserContext, input: { period: PeriodInput }): Promise<MyAssessmentView> {
  const range = checkRange(input.period);
  const grant = grantOf(ctx.actor, 'grid_worker');
  if (!grant) throw new DomainError('AUTH.FORBIDDEN');
  const me = ctx.user.id;
  const scope: AssessmentScope = {
    streetId: grant.streetId,
    ref: { kind: 'worker', id: me },
    name: ctx.user.name,
    communityId: grant.communityId,
    filter: { streetId: grant.streetId, assessedWorkerId: me },
  };
  const [counters, weights, streetGrids, gridCounters, [late, unsatisfied]] = await Promise.all([
    scopeCounters(ctx.deps, scope, range),
    streetWeights(ctx.deps, grant.streetId),
    ctx.deps.store.places.listGrids({ streetId: grant.streetId }),
    countersByScope(ctx.deps, grant.streetId, 'grid', periodKeys(range)),
    // One scan of the period's resolutions serves both lists.
    figureRequestLists(ctx.deps, scope, range, ['resolvedLate', 'unsatisfied'], null, PULL_DOWN, ctx.now),
  ]);
  const ranked = rankByScore(streetGrids.map((g) => ({ item: g, score: scoreOf(gridCounters.get(g.id) ?? emptyCounters(), weights) })));
  const led = new Set(grant.gridIds);
  return {
    period: { ...range, label: rangeLabel(range) },
    figures: figureViews(counters),
    score: scoreOf(counters, weights),
    grids: ranked
      .filter((r) => led.has(r.item.id))
      .sort((a, b) => a.item.code.localeCompare(b.item.code))
      .map((r) => ({ gridId: r.item.id, name: r.item.name, rank: r.rank, of: streetGrids.length, score: r.score })),
    late: late.items,
    unsatisfied: unsatisfied.items,
  };
}

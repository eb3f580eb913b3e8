import type { AssessmentContract, FigureRequestsView } from '@core/api/assessment.contract';
import { FIGURE_LISTS } from '@core/assessment/figure-lists';
import { INDICATORS } from '@core/assessment/indicators';
import { checkRange } from '@core/assessment/periods';
import type { UserContext } from '../context';
import { figureRequestsPage, scopeCounters } from './assessment-reads';
import { assessmentScope } from './assessment-scope';

const PAGE = 20;

/**
 * `assessment.figureRequests`: the requests behind one figure of a scope and period (core figure-lists.ts
 * says which: a count lists what it counts, a rate its denominator with the numerator marked). `total` and
 * `counted` come from the same counters the figure does.
 */
export async function listFigureRequests(ctx: UserContext, input: AssessmentContract['assessment']['figureRequests']['input']): Promise<FigureRequestsView> {
  const range = checkRange(input.period);
  const scope = await assessmentScope(ctx.deps, ctx.actor, input.scope);
  const spec = FIGURE_LISTS[input.figure];
  const [counters, page] = await Promise.all([
    scopeCounters(ctx.deps, scope, range),
    figureRequestsPage(ctx.deps, scope, range, input.figure, input.cursor ?? null, PAGE, ctx.now),
  ]);
  return {
    figure: input.figure,
    label: INDICATORS[input.figure].label,
    definition: spec.definition,
    total: spec.listedCount(counters),
    counted: spec.countedCount(counters),
    items: page.items,
    next: page.next,
  };
}

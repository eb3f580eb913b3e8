import { SCORECARD_MIN_RATED, type ScorecardView } from '@core/api/assessment.contract';
import { emptyCounters, monthOf } from '@core/assessment/counters';
import { figuresOf, formatFigure } from '@core/assessment/indicators';
import { shiftMonth } from '@core/assessment/periods';
import { beijingDate } from '@core/calendar/working-days';
import { can } from '@core/people/permission';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { countersByScope } from './assessment-reads';

function monthWords(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** 近3个月（2026年8月至10月）; the year is repeated only when the months cross one. */
export function scorecardLabel(first: string, last: string): string {
  const end = first.slice(0, 4) === last.slice(0, 4) ? `${Number(last.slice(5, 7))}月` : monthWords(last);
  return `近3个月（${monthWords(first)}至${end}）`;
}

/**
 * `assessment.scorecard`: 服务公示 on the contact card — the grid's 按期办结率 and 满意率 over the last
 * three WHOLE months (the current month is still running) and how many requests it handled (resolved).
 * Grid-level figures only: nothing about a person. The rates stay hidden (null, shown: false) while the
 * grid has fewer than SCORECARD_MIN_RATED rated requests, so a handful of ratings never stands for a grid.
 * A resident sees only their own grid's; a grid they cannot see answers GRID.NOT_FOUND.
 */
export async function getScorecard(ctx: UserContext, input: { gridId: string }): Promise<ScorecardView> {
  const grid = await ctx.deps.store.places.getGrid(input.gridId);
  if (!grid || !can(ctx.actor, 'assessment.scorecard', { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id })) {
    throw new DomainError('GRID.NOT_FOUND');
  }
  const current = monthOf(beijingDate(ctx.now));
  const months = [3, 2, 1].map((n) => shiftMonth(current, n));
  const c = (await countersByScope(ctx.deps, grid.streetId, 'grid', months, [grid.id])).get(grid.id) ?? emptyCounters();
  const shown = c.rated >= SCORECARD_MIN_RATED;
  const f = figuresOf(c);
  const onTimeRate = shown ? f.onTimeRate : null;
  const satisfactionRate = shown ? f.satisfactionRate : null;
  return {
    gridId: grid.id,
    periodLabel: scorecardLabel(months[0], months[2]),
    shown,
    handled: c.resolved,
    rated: c.rated,
    onTimeRate,
    satisfactionRate,
    onTimeDisplay: formatFigure('onTimeRate', onTimeRate),
    satisfactionDisplay: formatFigure('satisfactionRate', satisfactionRate),
  };
}

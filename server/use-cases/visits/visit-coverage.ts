/**
 * 走访覆盖: per grid in the caller's reach and a period — households visited at least once (door visits), and
 * key-group households that kept their rhythm in every period ending in it (core/visits/rhythm keptRhythms;
 * a household asked nothing, e.g. a 春节 week only, is left out of the rate rather than counted as kept).
 */
import type { GridCoverage, VisitCoverage } from '@core/api/visit.contract';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import { keptRhythms } from '@core/visits/rhythm';
import { DEFAULT_KEY_GROUP_RHYTHMS } from '@core/visits/visit';
import type { UserContext } from '../context';
import { gridsInReach } from '../grid/list-grids';
import { streetRules } from '../requests/street-rules';
import { groupMarks } from './grid-rounds';

/** A period longer than a year is not a coverage question anyone asks, and would read too much. */
const PERIOD_MAX_DAYS = 366;

export async function visitCoverage(ctx: UserContext, input: { from: string; to: string; communityId?: string }): Promise<VisitCoverage> {
  if (input.from > input.to) throw new DomainError('INPUT.INVALID', '开始日期不能晚于结束日期');
  if ((Date.parse(input.to) - Date.parse(input.from)) / 86400000 > PERIOD_MAX_DAYS) throw new DomainError('INPUT.INVALID', '统计期不能超过一年');
  if (!grantOf(ctx.actor, 'community_staff') && !grantOf(ctx.actor, 'street_staff')) throw new DomainError('AUTH.FORBIDDEN');
  const grids = await gridsInReach(ctx, input.communityId);
  if (!grids.length) return { from: input.from, to: input.to, grids: [] };
  const { places, visits } = ctx.deps.store;
  const [rules, communities] = await Promise.all([streetRules(ctx.deps, grids[0].streetId), places.listCommunities(grids[0].streetId)]);
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  const range = { from: input.from, to: input.to };
  const out: GridCoverage[] = [];
  for (const grid of grids) {
    const [households, marks] = await Promise.all([places.listGridHouseholds(grid.id), visits.marksForGrids([grid.id], input.from, input.to)]);
    const { datesOf } = groupMarks(marks);
    let keyHouseholds = 0;
    let keptRhythm = 0;
    for (const h of households) {
      if (!h.keyGroups.length) continue;
      const kept = keptRhythms(rules.calendar, h.keyGroups.map((g) => DEFAULT_KEY_GROUP_RHYTHMS[g]), datesOf.get(h.id) ?? [], range);
      if (kept.counted === 0) continue;
      keyHouseholds += 1;
      if (kept.kept) keptRhythm += 1;
    }
    out.push({
      gridId: grid.id,
      gridName: grid.name,
      communityId: grid.communityId,
      communityName: communityName.get(grid.communityId) ?? '',
      households: households.length,
      visited: households.filter((h) => datesOf.has(h.id)).length,
      keyHouseholds,
      keptRhythm,
    });
  }
  return { from: input.from, to: input.to, grids: out };
}

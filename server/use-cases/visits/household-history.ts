/** A household's visits, newest first: for its grid's workers and its community's staff only (HOUSEHOLD.NOT_FOUND to anyone else). */
import type { HouseholdHistory } from '@core/api/visit.contract';
import type { UserContext } from '../context';
import { visibleHousehold } from './visit-access';
import { toVisitHousehold, toVisitItems } from './visit-views';

const HISTORY_LIMIT = 100;

export async function householdHistory(ctx: UserContext, input: { householdId: string }): Promise<HouseholdHistory> {
  const h = await visibleHousehold(ctx, input.householdId, 'visit.read');
  const [building, visits] = await Promise.all([
    ctx.deps.store.places.getBuilding(h.buildingId),
    ctx.deps.store.visits.listForHousehold(h.id, HISTORY_LIMIT),
  ]);
  return {
    household: toVisitHousehold(h, building ?? undefined, visits[0]?.date ?? null),
    gridId: h.gridId,
    visits: await toVisitItems(ctx.deps, visits),
  };
}

/** A grid's households with the date of their last visit (within a year), narrowed by building and key group. */
import type { GridHouseholds } from '@core/api/visit.contract';
import type { KeyGroup } from '@core/places/place';
import type { UserContext } from '../context';
import { visibleGrid } from './visit-access';
import { gridRounds, LAST_VISIT_LOOKBACK_DAYS } from './grid-rounds';
import { toVisitHousehold } from './visit-views';

export async function listVisitHouseholds(ctx: UserContext, input: { gridId: string; buildingId?: string; keyGroup?: KeyGroup }): Promise<GridHouseholds> {
  const grid = await visibleGrid(ctx, input.gridId, 'visit.read');
  const rounds = await gridRounds(ctx.deps, grid, ctx.now, LAST_VISIT_LOOKBACK_DAYS);
  const households = rounds.households
    .filter((h) => (!input.buildingId || h.buildingId === input.buildingId) && (!input.keyGroup || h.keyGroups.includes(input.keyGroup)))
    .map((h) => {
      const dates = rounds.datesOf.get(h.id);
      return toVisitHousehold(h, rounds.buildings.get(h.buildingId), dates?.length ? dates[dates.length - 1] : null);
    });
  const buildings = [...rounds.buildings.values()].sort((a, b) => a.seq - b.seq).map((b) => ({ id: b.id, name: b.name }));
  return { gridId: grid.id, gridName: grid.name, buildings, households };
}

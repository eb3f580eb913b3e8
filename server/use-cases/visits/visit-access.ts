/**
 * Who may see what of 走访: a grid's visits are for the grid's workers (primary and B角) and its community's
 * staff. Anyone else — residents, workers of other grids, staff of other communities — gets the same answer as
 * for a grid or household that does not exist: nothing is revealed.
 */
import { can, type Permission } from '@core/people/permission';
import type { Grid, Household } from '@core/places/place';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';

export async function visibleGrid(ctx: UserContext, gridId: string, permission: Permission): Promise<Grid> {
  const grid = await ctx.deps.store.places.getGrid(gridId);
  if (!grid || !can(ctx.actor, permission, { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id })) {
    throw new DomainError('GRID.NOT_FOUND');
  }
  return grid;
}

export async function visibleHousehold(ctx: UserContext, householdId: string, permission: Permission): Promise<Household> {
  const h = await ctx.deps.store.places.getHousehold(householdId);
  if (!h || !can(ctx.actor, permission, { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId })) {
    throw new DomainError('HOUSEHOLD.NOT_FOUND');
  }
  return h;
}

/** 张网格员: role and surname, as the rest of the app shows people at work. */
export function workerLabel(name: string | undefined): string {
  return `${(name ?? '').slice(0, 1)}网格员`;
}

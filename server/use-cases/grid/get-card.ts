import type { ContactCardView } from '@core/contact-card/contact-card';
import type { Grid } from '@core/places/place';
import { can } from '@core/people/permission';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import { residenceAddress } from '../account/me-view';
import { buildCardView } from './card-view';

/**
 * Loads a grid for an action. A grid the actor may not even see answers exactly like a missing one,
 * so ids cannot be probed; a grid they see but may not act on (street staff assigning) is refused.
 */
export async function visibleGrid(ctx: UserContext, gridId: string, permission: 'card.view' | 'grid.poster' | 'grid.assign'): Promise<Grid> {
  const grid = await ctx.deps.store.places.getGrid(gridId);
  const scope = grid ? { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id } : null;
  if (!grid || !scope || !can(ctx.actor, 'card.view', scope)) throw new DomainError('GRID.NOT_FOUND');
  authorize(ctx.actor, permission, scope);
  return grid;
}

/** The resident's own card: the grid of the household they bound. */
export async function getMyCard(ctx: UserContext): Promise<ContactCardView> {
  const residence = ctx.user.residence;
  if (!residence) throw new DomainError('RESIDENT.NOT_BOUND');
  const grid = await visibleGrid(ctx, residence.gridId, 'card.view');
  return buildCardView(ctx.deps, grid, ctx.now, await residenceAddress(ctx.deps, residence));
}

/** Any grid's card, for its workers and for staff of its community or street. */
export async function getGridCard(ctx: UserContext, input: { gridId: string }): Promise<ContactCardView> {
  const grid = await visibleGrid(ctx, input.gridId, 'card.view');
  return buildCardView(ctx.deps, grid, ctx.now);
}

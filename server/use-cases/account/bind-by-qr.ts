import type { MeView, QrGridPreview } from '@core/api/contract';
import { boundaryText, type Grid } from '@core/places/place';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { saveResidence } from './bind-household';

async function gridOfToken(ctx: UserContext, token: string): Promise<Grid> {
  const grid = await ctx.deps.store.places.getGridByQrToken(token);
  if (!grid) throw new DomainError('GRID.QR_INVALID');
  return grid;
}

/** What a resident sees after scanning a poster, before they confirm: the grid and its buildings. */
export async function previewGridByQr(ctx: UserContext, input: { token: string }): Promise<QrGridPreview> {
  const grid = await gridOfToken(ctx, input.token);
  const [community, buildings] = await Promise.all([
    ctx.deps.store.places.getCommunity(grid.communityId),
    ctx.deps.store.places.listBuildings({ gridId: grid.id }),
  ]);
  return {
    gridId: grid.id,
    gridName: grid.name,
    communityName: community?.name ?? '',
    boundaryText: boundaryText(grid.boundary),
    buildings: buildings.map((b) => ({ id: b.id, name: b.name, units: b.units, gridId: b.gridId })),
  };
}

/**
 * Scanning binds to the poster's grid; the resident may also pick their room, which must then lie in
 * that same grid (a poster cannot be used to claim a household elsewhere).
 */
export async function bindByQr(ctx: UserContext, input: { token: string; householdId?: string }): Promise<MeView> {
  const grid = await gridOfToken(ctx, input.token);
  let householdId: string | null = null;
  if (input.householdId) {
    const household = await ctx.deps.store.places.getHousehold(input.householdId);
    if (!household || household.gridId !== grid.id) throw new DomainError('HOUSEHOLD.NOT_FOUND');
    householdId = household.id;
  }
  return saveResidence(
    ctx,
    {
      streetId: grid.streetId,
      communityId: grid.communityId,
      gridId: grid.id,
      householdId,
      via: 'qr',
      boundAt: ctx.now.toISOString(),
      // A poster hangs in a stairwell anyone can reach: the binding waits for the grid worker like any other.
      status: 'pending',
    },
    'household.bind_qr',
  );
}

import type { GridSummary } from '@core/api/contract';
import { grantOf, workerGridIds } from '@core/people/role';
import type { Grid } from '@core/places/place';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';

/**
 * The grids an actor answers for, filtered on the server: street staff see the whole street (optionally
 * one community), community staff their community, a worker the grids they lead or back up.
 */
export async function gridsInReach(ctx: UserContext, communityId?: string): Promise<Grid[]> {
  const { places } = ctx.deps.store;
  const street = grantOf(ctx.actor, 'street_staff');
  if (street) return places.listGrids({ streetId: street.streetId, communityId });
  const community = grantOf(ctx.actor, 'community_staff');
  if (community) {
    if (communityId && communityId !== community.communityId) throw new DomainError('AUTH.FORBIDDEN');
    return places.listGrids({ communityId: community.communityId });
  }
  const ids = new Set(workerGridIds(ctx.actor));
  if (ids.size === 0) throw new DomainError('AUTH.FORBIDDEN');
  const worker = grantOf(ctx.actor, 'grid_worker');
  const grids = await places.listGrids({ workerId: ctx.user.id });
  return grids.filter((g) => ids.has(g.id) && (!communityId || g.communityId === communityId) && g.streetId === worker?.streetId);
}

export async function summarize(ctx: UserContext, grids: Grid[]): Promise<GridSummary[]> {
  const { places, users } = ctx.deps.store;
  const workerIds = [...new Set(grids.flatMap((g) => [g.primaryWorkerId, g.backupWorkerId]).filter((x): x is string => x !== null))];
  const [workers, communities] = await Promise.all([users.getMany(workerIds), places.listCommunities()]);
  const nameOf = new Map(workers.map((w) => [w.id, w.name]));
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  const ref = (id: string | null) => (id ? { id, name: nameOf.get(id) ?? '' } : null);
  return grids.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    communityId: g.communityId,
    communityName: communityName.get(g.communityId) ?? '',
    households: g.households,
    primary: ref(g.primaryWorkerId),
    backup: ref(g.backupWorkerId),
    version: g.version,
  }));
}

export async function listGrids(ctx: UserContext, input: { communityId?: string }): Promise<GridSummary[]> {
  return summarize(ctx, await gridsInReach(ctx, input.communityId));
}

import type { WorkerSummary } from '@core/api/contract';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';

/** The workers staff may assign: a community's own workers; street staff may look at any community. */
export async function listWorkers(ctx: UserContext, input: { communityId?: string }): Promise<WorkerSummary[]> {
  const { places, users, cards } = ctx.deps.store;
  const street = grantOf(ctx.actor, 'street_staff');
  const community = grantOf(ctx.actor, 'community_staff');
  let filter: { streetId?: string; communityId?: string };
  if (street) filter = { streetId: street.streetId, communityId: input.communityId };
  else if (community && (!input.communityId || input.communityId === community.communityId)) filter = { communityId: community.communityId };
  else throw new DomainError('AUTH.FORBIDDEN');

  const [workers, grids, communities] = await Promise.all([
    users.listWorkers(filter),
    places.listGrids(filter),
    places.listCommunities(street?.streetId ?? community?.streetId),
  ]);
  const workerCards = await cards.getMany(workers.map((w) => w.id));
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  return workers.map((w) => {
    const post = w.posts.find((p) => p.role === 'grid_worker');
    const postCommunity = post && post.role === 'grid_worker' ? post.communityId : '';
    return {
      id: w.id,
      name: w.name,
      workPhone: workerCards.find((c) => c.workerId === w.id)?.workPhone ?? '',
      communityId: postCommunity,
      communityName: communityName.get(postCommunity) ?? '',
      grids: grids.filter((g) => g.primaryWorkerId === w.id).map((g) => g.name),
      backupGrids: grids.filter((g) => g.backupWorkerId === w.id).map((g) => g.name),
    };
  });
}

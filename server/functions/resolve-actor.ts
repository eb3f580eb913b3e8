import type { Actor, RoleGrant } from '@core/people/role';
import { isPendingResidence, type User } from '@core/people/user';
import type { Deps } from './deps';

/**
 * Who the caller is to the street, read fresh from the store on every call (one read: users.findCaller)
 * so a role change (a worker reassigned, a resident who left) takes effect at once. A WeChat user seen for the
 * first time is registered with no role; binding a household makes them a resident.
 */
export async function resolveActor(deps: Deps, openid: string, now: Date): Promise<{ actor: Actor; user: User }> {
  const caller = await deps.store.users.findCaller(openid);
  const user =
    caller?.user ??
    (await deps.store.users.ensure({
      id: deps.newId(),
      openid,
      name: '微信用户',
      phone: null,
      residence: null,
      posts: [],
      createdAt: now.toISOString(),
    }));
  const grants: RoleGrant[] = [];
  if (user.residence) {
    const r = user.residence;
    // A binding still awaiting the grid worker reaches the grid only: its household is a claim, not a fact.
    if (isPendingResidence(r)) {
      grants.push({ role: 'resident', streetId: r.streetId, communityId: r.communityId, gridId: r.gridId, householdId: null, pending: true });
    } else {
      grants.push({ role: 'resident', streetId: r.streetId, communityId: r.communityId, gridId: r.gridId, householdId: r.householdId });
    }
  }
  for (const post of user.posts) {
    if (post.role === 'grid_worker') {
      grants.push({
        role: 'grid_worker',
        streetId: post.streetId,
        communityId: post.communityId,
        gridIds: [...(caller?.primaryGridIds ?? [])],
        backupGridIds: [...(caller?.backupGridIds ?? [])],
      });
    } else {
      grants.push(post);
    }
  }
  return { actor: { userId: user.id, name: user.name, grants }, user };
}

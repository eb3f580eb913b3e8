import type { Actor, RoleGrant } from './role';
import { isPendingResidence, type User } from './user';

/** The grids a worker's posts point at, as the grid register says (who leads, who backs up). */
export interface WorkerGrids {
  primaryGridIds: readonly string[];
  backupGridIds: readonly string[];
}

/**
 * Who a user is to the street: a residence makes them a resident of its grid (a binding still awaiting the
 * grid worker reaches the grid only: its household is a claim, not a fact), each staff post adds its grant,
 * and a grid worker's post reaches the grids they lead and back up.
 */
export function actorOf(user: User, grids: WorkerGrids): Actor {
  const grants: RoleGrant[] = [];
  const r = user.residence;
  if (r) {
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
        gridIds: [...grids.primaryGridIds],
        backupGridIds: [...grids.backupGridIds],
      });
    } else {
      grants.push(post);
    }
  }
  return { userId: user.id, name: user.name, grants };
}

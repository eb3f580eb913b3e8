import type { RevokeResult } from '@core/api/people.contract';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { assertManages, streetOf } from './people-access';

/**
 * `people.revoke`: every staff post of the person goes at once (their next call resolves to no staff role and
 * is refused), they leave every grid they lead or back up (the grid then shows 无网格员 until someone is
 * assigned), and their open invitations are burnt. One transaction, conditional on each grid's version; the
 * audit entry records the posts and grids before and after. A residence the person holds is theirs and stays.
 */
export async function revokePerson(ctx: UserContext, input: { userId: string }): Promise<RevokeResult> {
  if (input.userId === ctx.user.id) throw new DomainError('PERSON.SELF');
  const { store } = ctx.deps;
  const target = await store.users.getById(input.userId);
  assertManages(ctx.actor, target);
  const streetId = streetOf(target);
  const [grids, invitations] = await Promise.all([store.places.listGrids({ workerId: target.id }), store.invitations.listOpenForUser(target.id)]);
  const at = ctx.now.toISOString();
  await store.transact(async (tx) => {
    await tx.people.setPosts(target.id, []);
    for (const g of grids) {
      const next = await tx.places.assignWorkers(
        g.id,
        { primaryWorkerId: g.primaryWorkerId === target.id ? null : g.primaryWorkerId, backupWorkerId: g.backupWorkerId === target.id ? null : g.backupWorkerId },
        g.version,
        at,
      );
      if (!next) throw new DomainError('GRID.VERSION_CONFLICT');
    }
    for (const inv of invitations) {
      if (!(await tx.invitations.update({ ...inv, status: 'revoked' }, inv.version))) throw new DomainError('GRID.VERSION_CONFLICT');
    }
    await tx.audit.append({
      id: ctx.deps.newId(), at, actorId: ctx.user.id, action: 'people.revoke', targetType: 'user', targetId: target.id, streetId,
      detail: {
        name: target.name,
        from: { posts: target.posts.map((p) => p.role), grids: grids.map((g) => g.name) },
        to: { posts: [], grids: [] },
        burntInvitations: invitations.length,
      },
    });
  });
  return { userId: target.id, clearedGrids: grids.map((g) => g.id), burntInvitations: invitations.length };
}

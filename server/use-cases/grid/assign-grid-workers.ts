import type { GridSummary } from '@core/api/contract';
import type { User } from '@core/people/user';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { visibleGrid } from './get-card';
import { summarize } from './list-grids';
import { transferGridRequests } from './transfer-requests';

function workerPostIn(user: User | null, communityId: string): void {
  const post = user?.posts.find((p) => p.role === 'grid_worker');
  if (!user || !post || post.role !== 'grid_worker') throw new DomainError('WORKER.NOT_FOUND');
  if (post.communityId !== communityId) throw new DomainError('WORKER.OTHER_COMMUNITY');
}

/**
 * Community staff name a grid's worker and backup (B角). Both must be workers of the grid's own
 * community and different people. The write is conditional on the version the staff member saw, so two
 * people editing the same grid cannot silently overwrite each other; the change is audited.
 */
export async function assignGridWorkers(
  ctx: UserContext,
  input: { gridId: string; primaryWorkerId: string; backupWorkerId?: string | null; version: number },
): Promise<GridSummary> {
  const grid = await visibleGrid(ctx, input.gridId, 'grid.assign');
  const backupWorkerId = input.backupWorkerId ?? null;
  if (backupWorkerId === input.primaryWorkerId) throw new DomainError('GRID.SAME_WORKER');
  const [primary, backup] = await Promise.all([
    ctx.deps.store.users.getById(input.primaryWorkerId),
    backupWorkerId ? ctx.deps.store.users.getById(backupWorkerId) : Promise.resolve(null),
  ]);
  workerPostIn(primary, grid.communityId);
  if (backupWorkerId) workerPostIn(backup, grid.communityId);

  const updated = await ctx.deps.store.transact(async (tx) => {
    const next = await tx.places.assignWorkers(
      grid.id,
      { primaryWorkerId: input.primaryWorkerId, backupWorkerId },
      input.version,
      ctx.now.toISOString(),
    );
    if (!next) throw new DomainError('GRID.VERSION_CONFLICT');
    await tx.audit.append({
      id: ctx.deps.newId(),
      at: ctx.now.toISOString(),
      actorId: ctx.user.id,
      action: 'grid.assign',
      targetType: 'grid',
      targetId: grid.id,
      detail: {
        from: { primaryWorkerId: grid.primaryWorkerId, backupWorkerId: grid.backupWorkerId },
        to: { primaryWorkerId: input.primaryWorkerId, backupWorkerId },
      },
    });
    return next;
  });
  // 网格移交: open requests of this grid whose handler no longer looks after it follow the grid to the new worker
  // (also when the grid had none: its worker was revoked and left requests behind).
  if (grid.primaryWorkerId !== input.primaryWorkerId && primary) {
    await transferGridRequests(ctx.deps, {
      streetId: grid.streetId, gridId: grid.id, previousPrimaryId: grid.primaryWorkerId,
      to: { id: primary.id, name: primary.name }, backupId: backupWorkerId, actor: { id: ctx.user.id, name: ctx.user.name }, at: ctx.now.toISOString(),
    });
  }
  const [summary] = await summarize(ctx, [updated]);
  return summary;
}

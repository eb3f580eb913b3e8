import { grantOf, type Actor } from '@core/people/role';
import { isPendingResidence, type Residence, type User } from '@core/people/user';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';

/**
 * The pending binding a worker is about to settle, checked at its exact grid: a worker of that grid (primary or
 * B角) or staff of its community. A worker never settles their own binding.
 */
export async function pendingBindingFor(ctx: UserContext, userId: string): Promise<{ user: User; residence: Residence }> {
  const user = await ctx.deps.store.users.getById(userId);
  if (!user) throw new DomainError('BINDING.NOT_FOUND');
  const r = user.residence;
  if (r) authorize(ctx.actor, 'binding.confirm', { streetId: r.streetId, communityId: r.communityId, gridId: r.gridId });
  else if (!mayConfirmAnywhere(ctx.actor)) throw new DomainError('AUTH.FORBIDDEN');
  if (!r || !isPendingResidence(r)) throw new DomainError('BINDING.NOT_PENDING');
  if (user.id === ctx.user.id) throw new DomainError('BINDING.SELF');
  return { user, residence: r };
}

function mayConfirmAnywhere(actor: Actor): boolean {
  return grantOf(actor, 'grid_worker') !== undefined || grantOf(actor, 'community_staff') !== undefined;
}

/** Writes the settled residence and its audit entry in one write; the loser of two settles at once is told so. */
export async function settleBinding(
  ctx: UserContext,
  user: User,
  residence: Residence,
  next: Residence | null,
  action: 'binding.confirm' | 'binding.reject',
  detail: Record<string, unknown>,
): Promise<void> {
  await ctx.deps.store.transact(async (tx) => {
    const settled = await tx.users.settlePendingResidence(user.id, { gridId: residence.gridId, boundAt: residence.boundAt }, next);
    if (!settled) throw new DomainError('BINDING.NOT_PENDING');
    await tx.audit.append({
      id: ctx.deps.newId(),
      at: ctx.now.toISOString(),
      actorId: ctx.user.id,
      action,
      targetType: 'user',
      targetId: user.id,
      detail: { residence, ...detail },
      streetId: residence.streetId,
    });
  });
}

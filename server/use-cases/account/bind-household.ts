import type { MeView } from '@core/api/contract';
import type { Residence } from '@core/people/user';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { buildMeView } from './me-view';
import { resolveActor } from './resolve-actor';

/**
 * Binding replaces any earlier residence (a new binding is 待网格员确认 again): a person lives in one household in this app. The change is
 * audited, because it decides which grid worker sees the person's requests.
 */
export async function saveResidence(ctx: UserContext, residence: Residence | null, action: string): Promise<MeView> {
  const { store } = ctx.deps;
  await store.transact(async (tx) => {
    await tx.users.setResidence(ctx.user.id, residence);
    await tx.audit.append({
      id: ctx.deps.newId(),
      at: ctx.now.toISOString(),
      actorId: ctx.user.id,
      action,
      targetType: 'user',
      targetId: ctx.user.id,
      detail: { from: ctx.user.residence, to: residence },
      streetId: residence?.streetId ?? ctx.user.residence?.streetId ?? null,
    });
  });
  const fresh = await resolveActor(ctx.deps, ctx.user.openid, ctx.now);
  return buildMeView(ctx.deps, fresh.user, fresh.actor);
}

export async function bindHousehold(ctx: UserContext, input: { householdId: string }): Promise<MeView> {
  const household = await ctx.deps.store.places.getHousehold(input.householdId);
  if (!household) throw new DomainError('HOUSEHOLD.NOT_FOUND');
  return saveResidence(
    ctx,
    {
      streetId: household.streetId,
      communityId: household.communityId,
      gridId: household.gridId,
      householdId: household.id,
      via: 'address',
      boundAt: ctx.now.toISOString(),
      // Anyone can claim any address: it counts only once the grid worker confirms it.
      status: 'pending',
    },
    'household.bind',
  );
}

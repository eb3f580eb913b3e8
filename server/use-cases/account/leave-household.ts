import type { MeView } from '@core/api/contract';
import type { UserContext } from '../context';
import { buildMeView } from './me-view';
import { saveResidence } from './bind-household';

/** Leaving is always allowed and idempotent: a person who moved away must not keep seeing the old grid. */
export async function leaveHousehold(ctx: UserContext): Promise<MeView> {
  if (!ctx.user.residence) return buildMeView(ctx.deps, ctx.user, ctx.actor);
  return saveResidence(ctx, null, 'household.leave');
}

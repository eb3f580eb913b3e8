import type { PartnerKeyView } from '@core/api/open311.contract';
import { authorize, type UserContext } from '../context';
import { adminStreetOf, partnerKeyView } from './partner-key-views';

/** `open311.partnerKeys`: the street's partner keys, newest first, revoked ones included (what they did stays visible). */
export async function listPartnerKeys(ctx: UserContext): Promise<PartnerKeyView[]> {
  const streetId = adminStreetOf(ctx.actor);
  authorize(ctx.actor, 'partner.manage', { streetId });
  const keys = await ctx.deps.store.partnerKeys.list(streetId);
  return Promise.all(keys.map((k) => partnerKeyView(ctx.deps, k)));
}

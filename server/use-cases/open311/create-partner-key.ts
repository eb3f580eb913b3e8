import type { CreatedPartnerKey, PartnerKindInput } from '@core/api/open311.contract';
import { authorize, type UserContext } from '../context';
import type { PartnerKey } from '../../ports/partner.port';
import { apiKeyHash, keyPrefix, newApiKey } from './partner-key-secret';
import { adminStreetOf, partnerKeyView } from './partner-key-views';

/**
 * `open311.createPartnerKey`: a new api_key for a named partner system of the admin's street. The key is in
 * this answer only (its hash is stored); the key and its audit entry land in one write.
 */
export async function createPartnerKey(ctx: UserContext, input: { name: string; kind: PartnerKindInput }): Promise<CreatedPartnerKey> {
  const streetId = adminStreetOf(ctx.actor);
  authorize(ctx.actor, 'partner.manage', { streetId });
  const apiKey = newApiKey();
  const at = ctx.now.toISOString();
  const key: PartnerKey = {
    id: apiKeyHash(apiKey), streetId, name: input.name, kind: input.kind, prefix: keyPrefix(apiKey),
    createdBy: ctx.user.id, createdAt: at, revokedAt: null, revokedBy: null,
  };
  await ctx.deps.store.transact(async (tx) => {
    await tx.partnerKeys.create(key);
    await tx.audit.append({
      id: ctx.deps.newId(), at, actorId: ctx.user.id, action: 'partner.create', targetType: 'partner_key', targetId: key.id, streetId,
      detail: { name: key.name, kind: key.kind, prefix: key.prefix, to: '使用中' },
    });
  });
  return { key: await partnerKeyView(ctx.deps, key), apiKey };
}

import type { PartnerKeyView } from '@core/api/open311.contract';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import { adminStreetOf, partnerKeyView } from './partner-key-views';

/**
 * `open311.revokePartnerKey`: the key stops working at once (the next call with it is refused 403). It stays
 * listed as 已停用 with its access log; the revoke and its audit entry land in one write.
 */
export async function revokePartnerKey(ctx: UserContext, input: { id: string }): Promise<PartnerKeyView> {
  const streetId = adminStreetOf(ctx.actor);
  const { store } = ctx.deps;
  const key = await store.partnerKeys.get(input.id);
  // Another street's key is as unknown as a key that never existed.
  if (!key || key.streetId !== streetId) throw new DomainError('PARTNER.NOT_FOUND');
  authorize(ctx.actor, 'partner.manage', { streetId: key.streetId });
  if (key.revokedAt) throw new DomainError('PARTNER.REVOKED');
  const at = ctx.now.toISOString();
  await store.transact(async (tx) => {
    if (!(await tx.partnerKeys.revoke(key.id, at, ctx.user.id))) throw new DomainError('PARTNER.REVOKED');
    await tx.audit.append({
      id: ctx.deps.newId(), at, actorId: ctx.user.id, action: 'partner.revoke', targetType: 'partner_key', targetId: key.id, streetId,
      detail: { name: key.name, kind: key.kind, prefix: key.prefix, from: '使用中', to: '已停用' },
    });
  });
  return partnerKeyView(ctx.deps, { ...key, revokedAt: at, revokedBy: ctx.user.id });
}

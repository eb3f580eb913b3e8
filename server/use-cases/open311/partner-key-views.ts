import { PARTNER_KIND_LABELS, type PartnerKeyView } from '@core/api/open311.contract';
import { grantOf, type Actor } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { PartnerKey } from '../../ports/partner.port';
import type { Deps } from '../context';

/** The street the admin manages keys for: the street of their street_admin post. */
export function adminStreetOf(actor: Actor): string {
  const grant = grantOf(actor, 'street_admin');
  if (!grant) throw new DomainError('PARTNER.NOT_ADMIN');
  return grant.streetId;
}

export async function partnerKeyView(deps: Deps, key: PartnerKey): Promise<PartnerKeyView> {
  const log = await deps.store.partnerKeys.accessLog(key.id, 200);
  return {
    id: key.id,
    name: key.name,
    kind: key.kind,
    kindLabel: PARTNER_KIND_LABELS[key.kind],
    prefix: key.prefix,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
    recentCalls: log.length,
    lastCallAt: log[0]?.at ?? null,
  };
}

import type { MeView } from '@core/api/contract';
import type { AuditPageView, InvitationView, PeoplePageView, RevokeResult } from '@core/api/people.contract';
import type { CreatedPartnerKey, PartnerKeyView, PartnerKindInput } from '@core/api/open311.contract';
import type { Role } from '@core/people/role';
import { cloud } from '../../lib/cloud';

export const peopleApi = {
  redeem: (input: { code: string; mobileLast4: string }): Promise<MeView> => cloud.call('account', 'redeemInvitation', input),
  list: (input: { communityId?: string; role?: Role; cursor?: string }): Promise<PeoplePageView> => cloud.call('people', 'list', input),
  invite: (userId: string): Promise<InvitationView> => cloud.call('people', 'invite', { userId }),
  revoke: (userId: string): Promise<RevokeResult> => cloud.call('people', 'revoke', { userId }),
  audit: (cursor?: string): Promise<AuditPageView> => cloud.call('people', 'audit', cursor ? { cursor } : {}),
  /** 对接系统密钥 (Open311 partner keys): street admins only. */
  partnerKeys: (): Promise<PartnerKeyView[]> => cloud.call('open311', 'partnerKeys', {}),
  createPartnerKey: (input: { name: string; kind: PartnerKindInput }): Promise<CreatedPartnerKey> => cloud.call('open311', 'createPartnerKey', input),
  revokePartnerKey: (id: string): Promise<PartnerKeyView> => cloud.call('open311', 'revokePartnerKey', { id }),
};

/** The 对接系统密钥 page (a page of this subpackage; not in ROUTES, which the main package carries). */
export const PARTNERS_ROUTE = '/features/people/pages/partners/index';

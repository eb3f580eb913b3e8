import type { MeView } from '@core/api/contract';
import type { AuditPageView, InvitationView, PeoplePageView, RevokeResult } from '@core/api/people.contract';
import type { Role } from '@core/people/role';
import { cloud } from '../../lib/cloud';

export const peopleApi = {
  redeem: (input: { code: string; mobileLast4: string }): Promise<MeView> => cloud.call('account', 'redeemInvitation', input),
  list: (input: { communityId?: string; role?: Role; cursor?: string }): Promise<PeoplePageView> => cloud.call('people', 'list', input),
  invite: (userId: string): Promise<InvitationView> => cloud.call('people', 'invite', { userId }),
  revoke: (userId: string): Promise<RevokeResult> => cloud.call('people', 'revoke', { userId }),
  audit: (cursor?: string): Promise<AuditPageView> => cloud.call('people', 'audit', cursor ? { cursor } : {}),
};

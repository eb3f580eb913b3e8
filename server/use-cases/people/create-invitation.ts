import type { InvitationView } from '@core/api/people.contract';
import { isBound, type User } from '@core/people/user';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { Deps } from '../context';
import type { Invitation } from '../../ports/people.port';
import { codeHash, INVITATION_DAYS, newInvitationCode, qrOf, redeemLink } from './invitation-code';
import { assertManages, streetOf } from './people-access';

/**
 * Issues a one-time invitation for a person of the register: a user with staff posts and no WeChat identity
 * yet. The role and the reach come from the person's posts, never from the invitation. Stored is only the
 * code's hash; the invitation and its audit entry are one write. `actorId` is who invites (the CLI: 'system').
 */
export async function issueInvitation(deps: Deps, now: Date, actorId: string, target: User): Promise<InvitationView> {
  if (target.posts.length === 0) throw new DomainError('PERSON.NOT_STAFF');
  // A new invitation never re-binds an active person: revoke first.
  if (isBound(target)) throw new DomainError('INVITATION.ALREADY_BOUND');
  if (!target.phone || target.phone.replace(/\D/g, '').length < 4) throw new DomainError('PERSON.NO_PHONE');
  const streetId = streetOf(target) as string;
  const post = target.posts.find((p) => 'communityId' in p);
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86400_000).toISOString();
  for (let attempt = 0; ; attempt++) {
    const code = newInvitationCode();
    const invitation: Invitation = {
      id: codeHash(code), userId: target.id, streetId, communityId: post && 'communityId' in post ? post.communityId : null,
      createdBy: actorId, createdAt: now.toISOString(), expiresAt, status: 'open', attempts: 0, redeemedAt: null, version: 1,
    };
    try {
      await deps.store.transact(async (tx) => {
        await tx.invitations.create(invitation);
        await tx.audit.append({
          id: deps.newId(), at: now.toISOString(), actorId, action: 'people.invite', targetType: 'user', targetId: target.id, streetId,
          detail: { name: target.name, posts: target.posts.map((p) => p.role), expiresAt },
        });
      });
    } catch (e) {
      // 40 bits of code: a collision is all but impossible, but a taken id must not fail the invitation.
      if (attempt < 2 && (await deps.store.invitations.get(invitation.id))) continue;
      throw e;
    }
    const link = redeemLink(deps.config.bindUrlBase, code);
    return { code, link, qr: qrOf(link).dataUrl, expiresAt, userId: target.id, name: target.name };
  }
}

/** `people.invite`: a street admin for anyone of the street, community staff for their community's grid workers. */
export async function createInvitation(ctx: UserContext, input: { userId: string }): Promise<InvitationView> {
  const target = await ctx.deps.store.users.getById(input.userId);
  assertManages(ctx.actor, target);
  return issueInvitation(ctx.deps, ctx.now, ctx.user.id, target);
}

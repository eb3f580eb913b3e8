import type { MeView } from '@core/api/contract';
import { isBound } from '@core/people/user';
import { DomainError, type ErrorCode } from '@core/shared/errors';
import type { UserContext } from '../context';
import { resolveActor } from '../account/resolve-actor';
import type { Invitation } from '../../ports/people.port';
import { buildMeView } from '../account/me-view';
import { codeHash, MAX_ATTEMPTS } from './invitation-code';

/** Prefix of the openid a caller's own empty user is left with once their WeChat identity moves to the invited person. */
export const RELEASED_OPENID_PREFIX = 'released:';

function closedCode(inv: Invitation, now: Date): ErrorCode | null {
  if (inv.status === 'redeemed') return 'INVITATION.USED';
  if (inv.status === 'burnt') return 'INVITATION.BURNT';
  if (inv.status === 'revoked') return 'INVITATION.REVOKED';
  if (Date.parse(inv.expiresAt) <= now.getTime()) return 'INVITATION.EXPIRED';
  return null;
}

/**
 * `account.redeemInvitation`: binds the caller's WeChat identity to exactly the invited person, once.
 *
 * - The last 4 digits of the invited person's mobile must match; each wrong try is counted on the
 *   invitation (a conditional write) and the 5th burns it, so a leaked code cannot be guessed through.
 * - The caller's own user (created empty on their first call) gives up the openid (`released:<id>`). A caller
 *   who already holds staff posts is refused (those posts would be lost); a resident's residence is carried
 *   over to the invited person if they have none, so binding a household first costs nothing.
 * - Invitation, both users and the audit entry are one transaction of single-document writes, conditional on
 *   the invitation's version: two redeems of one code at once bind once.
 */
export async function redeemInvitation(ctx: UserContext, input: { code: string; mobileLast4: string }): Promise<MeView> {
  const { store } = ctx.deps;
  const id = codeHash(input.code);
  const audit = (action: string, targetId: string, streetId: string, detail: Record<string, unknown>) => ({
    id: ctx.deps.newId(), at: ctx.now.toISOString(), actorId: ctx.user.id, action, targetType: 'user', targetId, streetId, detail,
  });
  for (let attempt = 0; attempt < 3; attempt++) {
    const inv = await store.invitations.get(id);
    if (!inv) throw new DomainError('INVITATION.NOT_FOUND');
    const closed = closedCode(inv, ctx.now);
    if (closed) throw new DomainError(closed);
    if (ctx.user.posts.length > 0 && ctx.user.id !== inv.userId) throw new DomainError('INVITATION.CALLER_HAS_POSTS');
    const invited = await store.users.getById(inv.userId);
    if (!invited || isBound(invited)) throw new DomainError('INVITATION.USED');

    const digits = (invited.phone ?? '').replace(/\D/g, '');
    if (digits.length < 4 || digits.slice(-4) !== input.mobileLast4) {
      const attempts = inv.attempts + 1;
      const burnt = attempts >= MAX_ATTEMPTS;
      const counted = await store.transact(async (tx) => {
        const ok = await tx.invitations.update({ ...inv, attempts, status: burnt ? 'burnt' : 'open' }, inv.version);
        if (ok) await tx.audit.append(audit('invitation.wrong_mobile', invited.id, inv.streetId, { attempts, burnt }));
        return ok;
      });
      if (!counted) continue;
      if (burnt) throw new DomainError('INVITATION.BURNT');
      // The person is told how many tries are left, so the last ones are typed with care.
      throw new DomainError('INVITATION.MOBILE_MISMATCH', `手机号后四位不正确，还可以再试 ${MAX_ATTEMPTS - attempts} 次`);
    }

    const caller = ctx.user;
    const bound = await store.transact(async (tx) => {
      const ok = await tx.invitations.update({ ...inv, status: 'redeemed', redeemedAt: ctx.now.toISOString() }, inv.version);
      if (!ok) return false;
      if (!(await tx.people.setOpenid(caller.id, `${RELEASED_OPENID_PREFIX}${caller.id}`, caller.openid))) throw new DomainError('INVITATION.USED');
      const carried = caller.residence !== null && invited.residence === null;
      if (carried) {
        await tx.users.setResidence(invited.id, caller.residence);
        await tx.users.setResidence(caller.id, null);
      }
      if (!(await tx.people.setOpenid(invited.id, caller.openid, invited.openid))) throw new DomainError('INVITATION.USED');
      await tx.audit.append(
        audit('invitation.redeem', invited.id, inv.streetId, {
          name: invited.name, from: { status: '未激活' }, to: { status: '已激活' }, releasedUserId: caller.id, residenceCarried: carried,
        }),
      );
      return true;
    });
    if (!bound) {
      // Someone else's write moved the invitation first: read again and answer with what it is now.
      continue;
    }
    const now = await resolveActor(ctx.deps, caller.openid, ctx.now);
    return buildMeView(ctx.deps, now.user, now.actor);
  }
  throw new DomainError('INVITATION.USED');
}

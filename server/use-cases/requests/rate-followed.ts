/**
 * A follower's own rating (满意 / 基本满意 / 不满意) once the handler resolved the request, once. It is kept on
 * their follower record and shown to the request's handlers and staff; it changes neither the request's
 * status (only its reporter confirms, rates or sends it back) nor the 考核 figures, whose 满意率 counts the
 * reporter's rating (docs/SAME-ISSUE.md).
 */
import type { RequestDetail } from '@core/api/request.contract';
import { followerRateRefusal } from '@core/requests/follow';
import type { Rating } from '@core/requests/request.status';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { visibleRequest } from './request-access';
import { streetRules } from './street-rules';
import { toDetail } from './request-views';

export async function rateFollowed(ctx: UserContext, input: { id: string; rating: Rating; comment?: string }): Promise<RequestDetail> {
  const { deps } = ctx;
  const r = await visibleRequest(deps, ctx.actor, input.id);
  const follower = await deps.store.followers.get(r.id, ctx.user.id);
  const refusal = followerRateRefusal(r, follower);
  if (refusal) throw new DomainError(refusal);
  const stored = await deps.store.followers.rate(r.id, ctx.user.id, { value: input.rating, comment: input.comment ?? '', at: ctx.now.toISOString() });
  if (!stored) throw new DomainError('REQUEST.RATED_TWICE');
  return toDetail(deps, ctx.actor, r, await streetRules(deps, r.streetId), ctx.now);
}

/**
 * 同问: a resident of the request's grid follows it instead of filing the same problem again. One atomic
 * write: the follower record (unique per request and person) and the request's 同问人数 with it, conditional
 * on the request's version — so the count never drifts from the records. A version that moved meanwhile (a
 * handler acted, someone else tapped 同问) is read again and retried; nobody is counted twice.
 */
import type { RequestDetail } from '@core/api/request.contract';
import { can } from '@core/people/permission';
import { metooRefusal } from '@core/requests/follow';
import type { ServiceRequest } from '@core/requests/request';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { streetRules } from './street-rules';
import { toDetail } from './request-views';

const RETRIES = 3;

async function inScope(ctx: UserContext, id: string): Promise<ServiceRequest> {
  const r = await ctx.deps.store.requests.get(id);
  // Outside the caller's grid, or held for review: exactly like a request that does not exist.
  if (!r || r.status === 'held' || !can(ctx.actor, 'request.metoo', { streetId: r.streetId, communityId: r.communityId, gridId: r.gridId })) {
    throw new DomainError('REQUEST.NOT_FOUND');
  }
  return r;
}

export async function metooRequest(ctx: UserContext, input: { id: string }): Promise<RequestDetail> {
  const { deps } = ctx;
  const at = ctx.now.toISOString();
  for (let attempt = 0; attempt < RETRIES; attempt++) {
    const r = await inScope(ctx, input.id);
    const refusal = metooRefusal(ctx.user.id, r, (await deps.store.followers.get(r.id, ctx.user.id)) !== null);
    if (refusal) throw new DomainError(refusal);
    const next: ServiceRequest = { ...r, followerCount: (r.followerCount ?? 0) + 1, version: r.version + 1, updatedAt: at };
    const result = await deps.store.followers.write({
      requests: [{ request: next, expectedVersion: r.version, events: [], messages: [], outbox: [] }],
      followers: [{ requestId: r.id, userId: ctx.user.id, at, via: 'metoo', fromRequestId: null, rating: null }],
    });
    if (result.kind === 'duplicate') throw new DomainError('REQUEST.METOO_TWICE');
    if (result.kind === 'written') return toDetail(deps, ctx.actor, next, await streetRules(deps, next.streetId), ctx.now);
  }
  throw new DomainError('REQUEST.VERSION_CONFLICT');
}

/**
 * 合并: community staff merge a duplicate into another open request of their community (resolved included). ONE atomic write
 * (FollowerRepository.write):
 * - the duplicate goes to 已合并 through the transition table (`merge`), with `mergedInto`; its event is its
 *   history; the 考核 counters lose it entirely (core/assessment contributionsOf), in the same write;
 * - the target's timeline gets a 合并同类诉求 entry and its 同问人数 grows by the people who move;
 * - the duplicate's reporter and its own followers become followers of the target (via 'merge'), except
 *   whoever reported the target or follows it already — nobody is counted twice;
 * - the duplicate's reporter is told in the inbox (and by subscribe message where they consented).
 * Both requests are written conditionally on the versions read: a concurrent change answers
 * REQUEST.VERSION_CONFLICT and nothing is written.
 */
import type { RequestDetail } from '@core/api/request.contract';
import { can } from '@core/people/permission';
import type { RequestEvent, ServiceRequest } from '@core/requests/request';
import { MERGE_TARGET_STATUSES } from '@core/requests/similar';
import { partiesOf, transition } from '@core/requests/request.transitions';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { RequestFollower } from '../../ports/follower.port';
import { visibleRequest } from './request-access';
import { noticesFor } from './request-notices';
import { streetRules } from './street-rules';
import { toDetail } from './request-views';

const lastSeq = (events: RequestEvent[]): number => events.reduce((m, e) => Math.max(m, e.seq), 0);

export async function mergeRequest(ctx: UserContext, input: { id: string; version: number; targetId: string; note?: string }): Promise<RequestDetail> {
  const { deps } = ctx;
  const dup = await visibleRequest(deps, ctx.actor, input.id);
  if (!can(ctx.actor, 'request.merge', { streetId: dup.streetId, communityId: dup.communityId, gridId: dup.gridId })) throw new DomainError('REQUEST.NOT_FOUND');
  if (dup.version !== input.version) throw new DomainError('REQUEST.VERSION_CONFLICT');
  if (input.targetId === dup.id) throw new DomainError('REQUEST.MERGE_SELF');
  const target = await deps.store.requests.get(input.targetId);
  // Only into an open request of the same community (one the same staff answer for); a resolved one too: the
  // duplicate's reporter then hears the result that already exists and may rate it.
  if (!target || target.streetId !== dup.streetId || target.communityId !== dup.communityId || !MERGE_TARGET_STATUSES.includes(target.status)) {
    throw new DomainError('REQUEST.MERGE_TARGET');
  }
  const at = ctx.now.toISOString();
  const actor = { role: 'community_staff' as const, id: ctx.user.id, name: ctx.user.name };
  const [dupEvents, targetEvents, dupFollowers] = await Promise.all([
    deps.store.requests.events(dup.id),
    deps.store.requests.events(target.id),
    deps.store.followers.listForRequest(dup.id, 1000),
  ]);

  const moving = [...new Set([...(dup.residentId ? [dup.residentId] : []), ...dupFollowers.map((f) => f.userId)])].filter(
    (u) => u !== target.residentId && u !== target.submitterId,
  );
  const already = await Promise.all(moving.map((u) => deps.store.followers.get(target.id, u)));
  const movers = moving.filter((_u, i) => already[i] === null);

  const merged = transition(dup, {
    action: 'merge',
    actor,
    parties: partiesOf(ctx.actor, dup),
    at,
    eventId: deps.newId(),
    seq: lastSeq(dupEvents) + 1,
    note: input.note?.trim() || '与同类诉求是同一问题，合并办理',
    patch: { mergedInto: target.id, closedAt: at },
  });
  const targetEvent: RequestEvent = {
    id: deps.newId(), requestId: target.id, seq: lastSeq(targetEvents) + 1, action: 'merge_in', from: target.status, to: target.status,
    actor, note: `合并了一条同类诉求（${dup.categoryName}），${movers.length}人转为同问`, photoFileIds: [], at,
  };
  const nextTarget: ServiceRequest = { ...target, followerCount: (target.followerCount ?? 0) + movers.length, version: target.version + 1, updatedAt: at };
  const notices = await noticesFor(deps, merged.request, merged.event);
  const followers: RequestFollower[] = movers.map((userId) => ({ requestId: target.id, userId, at, via: 'merge', fromRequestId: dup.id, rating: null }));
  const result = await deps.store.followers.write({
    requests: [
      { request: merged.request, expectedVersion: dup.version, events: [merged.event], messages: notices.messages, outbox: notices.outbox },
      { request: nextTarget, expectedVersion: target.version, events: [targetEvent], messages: [], outbox: [] },
    ],
    followers,
  });
  if (result.kind !== 'written') throw new DomainError('REQUEST.VERSION_CONFLICT');
  return toDetail(deps, ctx.actor, merged.request, await streetRules(deps, dup.streetId), ctx.now, [...dupEvents, merged.event]);
}

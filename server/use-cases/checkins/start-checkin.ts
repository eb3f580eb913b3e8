/**
 * 发起报平安: staff ask every household of a scope within their reach one question. One document is written —
 * no row per household — so starting costs the same for 300 households or 50,000. 同时发布紧急通知 publishes
 * an urgent notice to the same scope through the notice publish use case (its own fan-out and receipts).
 */
import type { StartCheckInInput } from '@core/api/checkin.contract';
import { DEFAULT_CHECKIN_QUESTION, type CheckIn } from '@core/checkins/checkin';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { resolveScope } from '../notices/notice-scope';
import { publishNotice } from '../notices/publish-notice';
import { staffPlaces } from './checkin-access';

export async function startCheckIn(ctx: UserContext, input: StartCheckInInput): Promise<{ id: string; duplicate: boolean; noticeId: string | null }> {
  const sp = await staffPlaces(ctx);
  const resolved = await resolveScope(ctx.deps, ctx.actor, sp, input.scope);
  // A grid worker may publish a notice to their grid, but starting a check-in is for community and street staff.
  if (resolved.role === 'grid_worker') throw new DomainError('AUTH.FORBIDDEN');
  let noticeId: string | null = null;
  if (input.notice) {
    const published = await publishNotice(ctx, {
      idempotencyKey: `${input.idempotencyKey}-n`.slice(0, 64),
      scope: resolved.scope,
      title: input.notice.title,
      body: input.notice.body,
      imageFileIds: [],
      attachments: [],
      category: 'other',
      urgent: true,
      requireAck: false,
      pinned: true,
    });
    noticeId = published.id;
  }
  const checkIn: CheckIn = {
    id: ctx.deps.newId(),
    streetId: sp.streetId,
    scope: resolved.scope,
    question: input.question?.trim() || DEFAULT_CHECKIN_QUESTION,
    noticeId,
    startedBy: { id: ctx.user.id, name: ctx.user.name },
    startedAt: ctx.now.toISOString(),
    closedAt: null,
    frozen: null,
    idempotencyKey: input.idempotencyKey,
  };
  const res = await ctx.deps.store.checkIns.create(checkIn);
  return { id: res.checkIn.id, duplicate: res.kind === 'duplicate', noticeId: res.checkIn.noticeId };
}

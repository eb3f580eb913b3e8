/**
 * 结束报平安: staff whose reach covers the whole scope close it; the figures as they stand are frozen on the
 * check-in (answers after that are refused). Reminders: the not-yet households of one grid get an in-app message
 * and, where a consent remains, a subscribe message (the existing outbox), once per minute at most.
 */
import type { CheckInProgress } from '@core/api/checkin.contract';
import { outboxId, type InboxMessage, type OutboxRecord } from '@core/messages/message';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import { resolveScope } from '../notices/notice-scope';
import { liveFigures, staffPlaces, visibleCheckIn } from './checkin-access';
import { gridDoors, progressOf } from './checkin-progress';

export async function closeCheckIn(ctx: UserContext, input: { id: string }): Promise<CheckInProgress> {
  const sp = await staffPlaces(ctx);
  const { checkIn, mine } = await visibleCheckIn(ctx, input.id, sp);
  const resolved = await resolveScope(ctx.deps, ctx.actor, sp, checkIn.scope).catch(() => null);
  if (!resolved || resolved.role === 'grid_worker') throw new DomainError('AUTH.FORBIDDEN');
  if (checkIn.closedAt) throw new DomainError('CHECKIN.CLOSED');
  const frozen = await liveFigures(ctx, checkIn);
  const closed = await ctx.deps.store.checkIns.close(checkIn.id, ctx.now.toISOString(), frozen);
  if (!closed) throw new DomainError('CHECKIN.CLOSED');
  return progressOf(ctx, closed, mine, sp);
}

export async function remindNotYet(ctx: UserContext, input: { id: string; gridId: string }): Promise<{ reminded: number }> {
  const doors = await gridDoors(ctx, input);
  const grid = await ctx.deps.store.places.getGrid(input.gridId);
  if (!grid) throw new DomainError('GRID.NOT_FOUND');
  authorize(ctx.actor, 'checkin.remind', { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id });
  if (doors.closed) throw new DomainError('CHECKIN.CLOSED');
  const waiting = new Set(doors.notYet.map((d) => d.householdId));
  const residents = (await ctx.deps.store.users.listGridResidents(grid.id)).filter((r) => r.householdId && waiting.has(r.householdId));
  const at = ctx.now.toISOString();
  const eventId = `checkin-${doors.checkInId}-remind-${at.slice(0, 16)}`;
  let reminded = 0;
  for (const r of residents) {
    const message: InboxMessage = {
      id: `${eventId}-${r.id}`, userId: r.id, title: '请报平安', body: `${doors.question} 请在小程序首页回复「平安」或「需要帮助」。`, link: null, at, readAt: null,
    };
    const record: OutboxRecord = {
      id: outboxId(eventId, r.id, 'subscribe'), eventId, recipientId: r.id, channel: 'subscribe', template: 'notice_urgent',
      payload: { title: '请报平安', publisher: grid.name, time: at, page: `features/checkins/pages/answer/index?id=${doors.checkInId}` },
      status: 'pending', attempts: 0, nextTryAt: at, lastError: null, createdAt: at,
    };
    if (await ctx.deps.store.outbox.enqueue({ message, record })) reminded += 1;
  }
  return { reminded };
}

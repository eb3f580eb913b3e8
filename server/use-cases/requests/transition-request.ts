/**
 * Every step after submission runs through one path: load what the caller may see → decide the parties
 * they play → the action's own checks and field changes → `transition()` → one atomic commit of the new
 * state, its events, messages and outbox, conditional on the version the caller saw.
 */
import type { RequestContract, RequestDetail } from '@core/api/request.contract';
import { nextDueHolderId } from '@core/assessment/counters';
import { workingMinutesBetween } from '@core/calendar/working-days';
import { grantOf } from '@core/people/role';
import type { RequestEvent, ServiceRequest } from '@core/requests/request';
import { partiesOf, transition, type RequestAction, type TransitionPatch } from '@core/requests/request.transitions';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { Deps } from '../context';
import { visibleRequest } from './request-access';
import { noticesFor } from './request-notices';
import { ownPhotos } from './request-photos';
import { countDeadline, streetRules, type StreetRules } from './street-rules';
import { confirmWindowOver, toDetail } from './request-views';

type In<A extends keyof RequestContract['request']> = RequestContract['request'][A]['input'];

interface Step {
  action: RequestAction;
  note?: string;
  photoFileIds?: string[];
  patch?: TransitionPatch;
}

interface StepContext {
  ctx: UserContext;
  request: ServiceRequest;
  rules: StreetRules;
  at: string;
}

/**
 * Resolution: the category's working days (2 by default) from now — acceptance, dispatch or reopening —
 * with the flag saying whether the count had holiday data for every year it touches.
 */
async function resolutionDue(s: StepContext): Promise<{ resolutionDueAt: string; dueUncalibrated: boolean }> {
  const category = await s.ctx.deps.store.requestConfig.category(s.request.categoryId);
  const due = countDeadline(s.rules.calendar, s.ctx.now, (category?.resolutionDays ?? 2) * 24 * 60);
  return { resolutionDueAt: due.at, dueUncalibrated: due.uncalibrated };
}

/** Response: the category's working minutes from now — a new grid after reassignment, or release after review. */
async function responseDue(s: StepContext): Promise<{ responseDueAt: string; dueUncalibrated: boolean }> {
  const category = await s.ctx.deps.store.requestConfig.category(s.request.categoryId);
  const due = countDeadline(s.rules.calendar, s.ctx.now, category?.responseMinutes ?? 24 * 60);
  return { responseDueAt: due.at, dueUncalibrated: due.uncalibrated };
}

/** The role the event records: what the caller acted as. */
function roleOf(ctx: UserContext, request: ServiceRequest, parties: Set<string>): RequestEvent['actor']['role'] {
  if (parties.has('resident')) return 'resident';
  const actsAsWorker = parties.has('grid_worker') || (request.handler?.kind === 'worker' && request.handler.id === ctx.user.id);
  if (actsAsWorker && grantOf(ctx.actor, 'grid_worker')) return 'grid_worker';
  return 'community_staff';
}

const sameHandler = (a: ServiceRequest['handler'], b: ServiceRequest['handler']): boolean =>
  (a?.kind ?? null) === (b?.kind ?? null) && (a?.id ?? null) === (b?.id ?? null);

/**
 * The 考核 fields a write sets beside the transition's own (core/assessment/counters.ts):
 * - dueHolderId: when the handler changes (accept by someone else, dispatch, reassign), the worker who let the
 *   resolution deadline pass stays accountable (core nextDueHolderId); a reopening starts a new deadline and
 *   clears it;
 * - resolveWorkingMinutes: at 办结, the working minutes from the (latest) acceptance to now on the street's
 *   calendar (holidays off, 调休 Saturdays on); cleared on reopening with resolvedAt.
 * A field that stays unset is not written, so requests that never needed it read as before.
 */
export function withAssessmentFields(before: ServiceRequest, after: ServiceRequest, actions: RequestAction[], at: string, rules: Pick<StreetRules, 'calendar'>): ServiceRequest {
  const out: ServiceRequest = { ...after };
  if (actions.includes('reopen')) {
    if (out.dueHolderId != null) out.dueHolderId = null;
    if (out.resolveWorkingMinutes != null) out.resolveWorkingMinutes = null;
  } else if (!sameHandler(before.handler, after.handler)) {
    const holder = nextDueHolderId(before, at);
    if (holder !== (before.dueHolderId ?? null)) out.dueHolderId = holder;
  }
  if (actions.includes('resolve') && out.resolvedAt) {
    out.resolveWorkingMinutes = out.acceptedAt ? workingMinutesBetween(rules.calendar, new Date(out.acceptedAt), new Date(out.resolvedAt)) : 0;
  }
  return out;
}

/**
 * Runs the steps (usually one; confirming also archives) and commits them as one write. A caller who may
 * not see the request gets REQUEST.NOT_FOUND; one who sees it but plays no party the action needs gets
 * AUTH.FORBIDDEN; a stale version gets REQUEST.VERSION_CONFLICT.
 */
async function run(
  ctx: UserContext,
  ref: { id: string; version: number },
  build: (s: StepContext) => Promise<Step[]> | Step[],
): Promise<RequestDetail> {
  const deps: Deps = ctx.deps;
  const request = await visibleRequest(deps, ctx.actor, ref.id);
  if (request.version !== ref.version) throw new DomainError('REQUEST.VERSION_CONFLICT');
  const rules = await streetRules(deps, request.streetId);
  const at = ctx.now.toISOString();
  const steps = await build({ ctx, request, rules, at });
  const parties = partiesOf(ctx.actor, request);
  const actor = { role: roleOf(ctx, request, parties), id: ctx.user.id, name: ctx.user.name };
  const history = await deps.store.requests.events(request.id);
  const lastSeq = history.reduce((m, e) => Math.max(m, e.seq), 0);

  let current = request;
  const events: RequestEvent[] = [];
  const messages = [];
  const outbox = [];
  for (const [i, step] of steps.entries()) {
    const out = transition(current, {
      action: step.action,
      actor: step.action === 'archive' && i > 0 ? { role: 'system', id: 'system', name: '系统' } : actor,
      parties: step.action === 'archive' && i > 0 ? new Set(['system'] as const) : parties,
      at,
      eventId: deps.newId(),
      seq: lastSeq + i + 1,
      note: step.note,
      photoFileIds: step.photoFileIds,
      patch: step.patch,
    });
    current = out.request;
    events.push(out.event);
    const notices = await noticesFor(deps, current, out.event);
    messages.push(...notices.messages);
    outbox.push(...notices.outbox);
  }
  current = withAssessmentFields(request, current, steps.map((s) => s.action), at, rules);
  const stored = await deps.store.requests.commit({ request: current, expectedVersion: request.version, events, messages, outbox });
  if (!stored) throw new DomainError('REQUEST.VERSION_CONFLICT');
  return toDetail(deps, ctx.actor, stored, rules, ctx.now, [...history, ...events]);
}

export const acceptRequest = (ctx: UserContext, input: In<'accept'>) =>
  run(ctx, input, async (s) => [
    {
      action: 'accept',
      patch: { handler: { kind: 'worker', id: ctx.user.id, name: ctx.user.name }, acceptedAt: s.at, ...(await resolutionDue(s)) },
    },
  ]);

export const dispatchRequest = (ctx: UserContext, input: In<'dispatch'>) =>
  run(ctx, input, async (s) => {
    let handler: ServiceRequest['handler'];
    if (input.target === 'department') {
      const departments = await ctx.deps.store.requestConfig.departments(s.request.streetId);
      const department = departments.find((d) => d.id === input.departmentId);
      if (!department) throw new DomainError('REQUEST.DEPARTMENT_NOT_FOUND');
      handler = { kind: 'department', id: department.id, name: department.name };
    } else {
      const community = await ctx.deps.store.places.getCommunity(s.request.communityId);
      handler = { kind: 'community', id: s.request.communityId, name: community?.name ?? '社区' };
    }
    return [
      {
        action: 'dispatch',
        note: input.reason,
        // A deadline already running is kept, and with it its flag; otherwise dispatching starts one.
        patch: {
          handler,
          acceptedAt: s.request.acceptedAt ?? s.at,
          ...(s.request.resolutionDueAt ? { resolutionDueAt: s.request.resolutionDueAt } : await resolutionDue(s)),
        },
      },
    ];
  });

export const rejectRequest = (ctx: UserContext, input: In<'reject'>) =>
  run(ctx, input, (s) => [{ action: 'reject', note: input.reason, patch: { rejectReason: input.reason, closedAt: s.at } }]);

export const withdrawRequest = (ctx: UserContext, input: In<'withdraw'>) =>
  run(ctx, input, (s) => [{ action: 'withdraw', patch: { closedAt: s.at } }]);

export const progressRequest = (ctx: UserContext, input: In<'progress'>) =>
  run(ctx, input, async () => [{ action: 'progress', note: input.note, photoFileIds: await ownPhotos(ctx, input.photoFileIds) }]);

export const resolveRequest = (ctx: UserContext, input: In<'resolve'>) =>
  run(ctx, input, async (s) => [
    {
      action: 'resolve',
      note: input.note,
      photoFileIds: await ownPhotos(ctx, input.photoFileIds),
      patch: {
        resolvedAt: s.at,
        // On time means resolved within the resolution deadline (2 working days by default), counted from acceptance.
        resolvedLate: s.request.resolutionDueAt ? Date.parse(s.at) > Date.parse(s.request.resolutionDueAt) : false,
      },
    },
  ]);

/** 满意 / 基本满意: the resident's confirmation is the verification, and with the rating the case is archived. */
export const confirmRequest = (ctx: UserContext, input: In<'confirm'>) =>
  run(ctx, input, (s) => [
    { action: 'confirm', note: input.comment ?? '', patch: { rating: { value: input.rating, comment: input.comment ?? '', at: s.at }, closedAt: s.at } },
    { action: 'archive' },
  ]);

/** Rating a result the community verified: 不满意 reopens it like 重办, anything else archives it. */
export const rateRequest = (ctx: UserContext, input: In<'rate'>) =>
  input.rating === 'unsatisfied'
    ? reopenRequest(ctx, { id: input.id, version: input.version, comment: input.comment || '居民评价不满意' })
    : run(ctx, input, (s) => [{ action: 'rate', note: input.comment ?? '', patch: { rating: { value: input.rating, comment: input.comment ?? '', at: s.at } } }]);

/** 不满意 → 重办: back to the same handler with a new resolution deadline; the count of reopenings is kept. */
export const reopenRequest = (ctx: UserContext, input: In<'reopen'>) =>
  run(ctx, input, async (s) => [
    {
      action: 'reopen',
      note: input.comment,
      patch: {
        rating: { value: 'unsatisfied', comment: input.comment, at: s.at },
        reopenCount: s.request.reopenCount + 1,
        ...(await resolutionDue(s)),
        resolvedAt: null,
        resolvedLate: null,
        closedAt: null,
      },
    },
  ]);

export const verifyRequest = (ctx: UserContext, input: In<'verify'>) =>
  run(ctx, input, (s) => {
    if (!confirmWindowOver(s.request, s.rules, ctx.now)) throw new DomainError('REQUEST.CONFIRM_WINDOW_OPEN');
    return [{ action: 'verify', note: input.note, patch: { closedAt: s.at } }];
  });

export const reassignRequest = (ctx: UserContext, input: In<'reassign'>) =>
  run(ctx, input, async (s) => {
    const grid = await ctx.deps.store.places.getGrid(input.gridId);
    if (!grid || grid.communityId !== s.request.communityId) throw new DomainError('GRID.NOT_FOUND');
    if (grid.id === s.request.gridId) throw new DomainError('REQUEST.SAME_GRID');
    return [
      {
        action: 'reassign',
        note: input.reason,
        patch: { gridId: grid.id, handler: null, acceptedAt: null, resolutionDueAt: null, ...(await responseDue(s)) },
      },
    ];
  });

export const releaseRequest = (ctx: UserContext, input: In<'release'>) =>
  run(ctx, input, async (s) => [{ action: 'release', patch: await responseDue(s) }]);

export const refuseRequest = (ctx: UserContext, input: In<'refuse'>) =>
  run(ctx, input, (s) => [{ action: 'refuse', note: input.reason, patch: { rejectReason: input.reason, closedAt: s.at } }]);

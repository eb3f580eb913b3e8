import type { FileInput, RequestDetail, SubmitInput } from '@core/api/request.contract';
import { grantOf } from '@core/people/role';
import { isPendingResidence } from '@core/people/user';
import type { RequestEvent, ServiceRequest } from '@core/requests/request';
import { openRequest, type Party, type RequestDraft } from '@core/requests/request.transitions';
import { DomainError } from '@core/shared/errors';
import type { Role } from '@core/people/role';
import type { Deps } from '../context';
import { authorize, type UserContext } from '../context';
import { noticesFor } from './request-notices';
import { ownPhotos } from './request-photos';
import { activeCategory, countDeadline, streetRules, type StreetRules } from './street-rules';
import { toDetail } from './request-views';

export interface Placement {
  streetId: string;
  communityId: string;
  gridId: string;
}

/**
 * Who files a request and how it is recorded. Every way in — a resident, a grid worker, a partner system over
 * Open311 — goes through `openNewRequest`: the same category and street rules, content check (flagged → held
 * for review), deadline, idempotency (per filer) and rate limits (per filer, the street's windows).
 */
export interface Filer {
  /** submitterId: the user's id, or `partner:<key id>` for a partner system (PARTNER_SUBMITTER_PREFIX). */
  id: string;
  name: string;
  /** The user's openid for the content check (WeChat's msgSecCheck checks a user's text); null for a partner system. */
  openid: string | null;
  party: Party;
  role: Role | 'system';
  source: ServiceRequest['source'];
  residentId: string | null;
  residentName: string | null;
  consentNote: string | null;
  unverified?: boolean;
  /** The building of the household it is for (本月热点 by place); absent when there is none. */
  buildingId?: string | null;
}

export type OpenedRequest = { kind: 'created' | 'duplicate'; request: ServiceRequest; event: RequestEvent; rules: StreetRules };

/** The shared submit path (see Filer); `photoFileIds` are already checked as the filer's own. */
export async function openNewRequest(
  deps: Deps,
  now: Date,
  input: Omit<SubmitInput, 'photoFileIds'>,
  photoFileIds: string[],
  placement: Placement,
  who: Filer,
): Promise<OpenedRequest> {
  const [category, rules] = await Promise.all([activeCategory(deps, placement.streetId, input.categoryId), streetRules(deps, placement.streetId)]);
  const text = [input.description, input.address ?? ''].join('\n');
  const verdict = await deps.contentCheck.check({ text, openid: who.openid, streetWords: rules.settings.blockedWords });
  const at = now.toISOString();
  const responseDue = countDeadline(rules.calendar, now, category.responseMinutes);
  const draft: RequestDraft = {
    id: deps.newId(),
    ...placement,
    categoryId: category.id,
    categoryName: category.name,
    description: input.description,
    photoFileIds,
    location: input.location ?? null,
    address: input.address ?? null,
    callbackPhone: input.callbackPhone ?? null,
    hideName: input.hideName,
    source: who.source,
    consentNote: who.consentNote,
    submitterId: who.id,
    submitterName: who.name,
    residentId: who.residentId,
    residentName: who.residentName,
    handler: null,
    // The response clock counts working time only: a request filed on Saturday is due on a working day.
    responseDueAt: responseDue.at,
    resolutionDueAt: null,
    dueUncalibrated: responseDue.uncalibrated,
    // Present only when true: requests of confirmed residents read as before.
    ...(who.unverified ? { unverifiedResident: true } : {}),
    ...(who.buildingId ? { buildingId: who.buildingId } : {}),
    reopenCount: 0,
    rating: null,
    flagged: verdict === 'review',
    rejectReason: null,
    idempotencyKey: input.idempotencyKey,
    createdAt: at,
    updatedAt: at,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolvedLate: null,
  };
  const { request, event } = openRequest(draft, {
    action: verdict === 'review' ? 'hold' : 'submit',
    actor: { role: who.role, id: who.id, name: who.name },
    parties: new Set([who.party]),
    at,
    eventId: deps.newId(),
    photoFileIds,
  });
  const { messages, outbox } = await noticesFor(deps, request, event);
  const result = await deps.store.requests.create({ request, event, messages, outbox, rateLimits: rules.settings.rateLimits });
  if (result.kind === 'rate_limited') {
    const { windowMinutes, max } = result.limit;
    const span = windowMinutes % (24 * 60) === 0 ? `${windowMinutes / (24 * 60)}天` : windowMinutes % 60 === 0 ? `${windowMinutes / 60}小时` : `${windowMinutes}分钟`;
    throw new DomainError('REQUEST.RATE_LIMITED', `提交太频繁了：${span}内最多提交${max}条，请稍后再提交`);
  }
  // A retried or double-tapped submit (same idempotency key) answers with the request the first one created.
  return { kind: result.kind, request: result.request, event, rules };
}

async function create(
  ctx: UserContext,
  input: SubmitInput,
  placement: Placement,
  who: Omit<Filer, 'id' | 'name' | 'openid'>,
): Promise<RequestDetail> {
  const photoFileIds = await ownPhotos(ctx, input.photoFileIds);
  const filer: Filer = { ...who, id: ctx.user.id, name: ctx.user.name, openid: ctx.user.openid };
  const opened = await openNewRequest(ctx.deps, ctx.now, input, photoFileIds, placement, filer);
  return toDetail(ctx.deps, ctx.actor, opened.request, opened.rules, ctx.now, opened.kind === 'created' ? [opened.event] : undefined);
}

/** 发现上报 by a resident: the request goes to the grid of their household. */
export async function submitRequest(ctx: UserContext, input: SubmitInput): Promise<RequestDetail> {
  const residence = ctx.user.residence;
  if (!residence) throw new DomainError('REQUEST.NOT_RESIDENT');
  authorize(ctx.actor, 'request.submit', { streetId: residence.streetId, communityId: residence.communityId, gridId: residence.gridId });
  // Only the place: the residence's own fields (status, via, boundAt) are no part of the request.
  const placement = { streetId: residence.streetId, communityId: residence.communityId, gridId: residence.gridId };
  // The household's building, for 本月热点 by place (a residence bound to the grid only has none).
  const household = residence.householdId ? await ctx.deps.store.places.getHousehold(residence.householdId) : null;
  return create(ctx, input, placement, {
    buildingId: household?.buildingId ?? null,
    party: 'resident',
    role: 'resident',
    source: 'resident',
    residentId: ctx.user.id,
    residentName: ctx.user.name,
    consentNote: null,
    // A binding not yet confirmed may file, but the worker is told the filer is 未核实住户.
    unverified: isPendingResidence(residence),
  });
}

/**
 * A grid worker files what they found on patrol, or on behalf of a resident without a smartphone (代为上报,
 * with the resident's consent noted). Only for a grid they serve.
 */
export async function fileRequest(ctx: UserContext, input: FileInput): Promise<RequestDetail> {
  const grid = await ctx.deps.store.places.getGrid(input.gridId);
  const worker = grantOf(ctx.actor, 'grid_worker');
  if (!grid || !worker) throw new DomainError('GRID.NOT_FOUND');
  authorize(ctx.actor, 'request.file', { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id });
  if (input.source === 'proxy' && (!input.residentName || !input.consentNote)) {
    throw new DomainError('INPUT.INVALID', '代为上报需要填写居民姓名和居民同意情况');
  }
  return create(
    ctx,
    { ...input, hideName: false },
    { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id },
    {
      party: 'grid_worker',
      role: 'grid_worker',
      source: input.source,
      residentId: null,
      residentName: input.source === 'proxy' ? input.residentName ?? null : null,
      consentNote: input.source === 'proxy' ? input.consentNote ?? null : null,
    },
  );
}


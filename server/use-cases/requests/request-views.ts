import type { RequestDetail, RequestSummary, TimelineEntry } from '@core/api/request.contract';
import { maskName } from '@core/people/phone';
import { ROLE_LABELS, type Actor } from '@core/people/role';
import { dueKindOf, listItemOf, type RequestEvent, type RequestListItem, type ServiceRequest } from '@core/requests/request';
import { PARTNER_SUBMITTER_PREFIX, RATING_LABELS, STATUS_KIND, STATUS_LABELS } from '@core/requests/request.status';
import { allowedActions, eventLabel, handlerLabel, partiesOf, type Party, type RequestAction } from '@core/requests/request.transitions';
import { reporterNameFor, residentActorLabel } from '@core/requests/reporter';
import type { Deps } from '../context';
import type { StreetRules } from './street-rules';
import { followerRateRefusal } from '@core/requests/follow';
import type { FollowView } from '@core/api/request.contract';
import type { RequestFollower } from '../../ports/follower.port';

const VIA_LABELS: Record<RequestFollower['via'], string> = { metoo: '同问', merge: '诉求合并后转为同问' };

export function followViewOf(r: ServiceRequest, f: RequestFollower): FollowView {
  return {
    via: f.via,
    viaLabel: VIA_LABELS[f.via],
    at: f.at,
    rating: f.rating ? { ...f.rating, label: RATING_LABELS[f.rating.value] } : null,
    canRate: followerRateRefusal(r, f) === null,
  };
}

/** Handlers and staff see followers' ratings; a party of none (a follower, the reporter) does not. */
const seesFollowerRatings = (viewer: ReadonlySet<Party>): boolean => viewer.has('grid_worker') || viewer.has('community') || viewer.has('handler');

const DAY_MS = 24 * 60 * 60 * 1000;

/** A list row; the detail view builds one from the whole request (listItemOf), so both read the same. */
export function toSummary(r: RequestListItem, gridName: string, now: Date): RequestSummary {
  return {
    id: r.id,
    categoryName: r.categoryName,
    excerpt: r.excerpt,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    source: r.source,
    gridId: r.gridId,
    gridName,
    createdAt: r.createdAt,
    dueAt: r.dueAt,
    dueKind: r.dueAt === null ? null : dueKindOf(r.status),
    dueUncalibrated: r.dueUncalibrated,
    unverifiedResident: r.unverifiedResident,
    overdue: r.dueAt !== null && Date.parse(r.dueAt) < now.getTime(),
    reopenCount: r.reopenCount,
    photoCount: r.photoCount,
    followerCount: r.followerCount,
  };
}

/** Names of just the grids a page shows (usually one or two): reading by id is cheaper than listing the street. */
export async function gridNames(deps: Deps, gridIds: string[]): Promise<Map<string, string>> {
  if (gridIds.length === 0) return new Map();
  const grids = await deps.store.places.getGrids([...new Set(gridIds)]);
  return new Map(grids.map((g) => [g.id, g.name]));
}

/** The handler of record: the worker who accepted it, or — for the community or a department — the community's staff. */
export function isCurrentHandler(actor: Actor, r: ServiceRequest): boolean {
  if (!r.handler) return false;
  if (r.handler.kind === 'worker') return r.handler.id === actor.userId;
  return partiesOf(actor, r).has('community');
}

/**
 * The community verifies only what the resident left unconfirmed past the street's window; before that,
 * confirming is the resident's.
 */
export function confirmWindowOver(r: ServiceRequest, rules: StreetRules, now: Date): boolean {
  return r.resolvedAt !== null && now.getTime() >= Date.parse(r.resolvedAt) + rules.settings.confirmWindowDays * DAY_MS;
}

export function actionsFor(actor: Actor, r: ServiceRequest, rules: StreetRules, now: Date): RequestAction[] {
  return allowedActions(actor, r).filter((a) => a !== 'verify' || confirmWindowOver(r, rules, now)).filter((a) => a !== 'archive');
}

function who(e: RequestEvent, viewer: ReadonlySet<Party>, r: ServiceRequest, asFollower: boolean): string {
  // A partner system (Open311) is named as the admin named it (12345热线); it is no person.
  if (e.actor.role === 'system') return e.actor.id.startsWith(PARTNER_SUBMITTER_PREFIX) ? e.actor.name : '系统';
  // A follower is told what happened, never who the reporter is (not even masked).
  if (e.actor.role === 'resident' && asFollower) return '居民';
  if (e.actor.role === 'resident') return residentActorLabel(viewer, r, e.actor.name);
  return `${ROLE_LABELS[e.actor.role]} ${maskName(e.actor.name)}`;
}

export async function toDetail(
  deps: Deps,
  actor: Actor,
  r: ServiceRequest,
  rules: StreetRules,
  now: Date,
  /** The request's events when the caller already holds them (right after its own write). */
  knownEvents?: RequestEvent[],
): Promise<RequestDetail> {
  const viewer = partiesOf(actor, r);
  const mayFollow = actor.grants.some((g) => g.role === 'resident') && r.residentId !== actor.userId;
  const [events, grid, community, follower, followers] = await Promise.all([
    knownEvents ?? deps.store.requests.events(r.id),
    deps.store.places.getGrid(r.gridId),
    deps.store.places.getCommunity(r.communityId),
    mayFollow ? deps.store.followers.get(r.id, actor.userId) : Promise.resolve(null),
    (r.followerCount ?? 0) > 0 && seesFollowerRatings(viewer) ? deps.store.followers.listForRequest(r.id, 1000) : Promise.resolve([]),
  ]);
  // Someone who only follows it (同问) sees it as its reporter would, without the reporter's personal data:
  // no name, address, location or the reporter's own photos.
  const asFollower = follower !== null && viewer.size === 0;
  // One batch of short-lived URLs for the request's photos and every timeline photo; none is stored.
  const fileIds = [...(asFollower ? [] : r.photoFileIds), ...events.flatMap((e) => (asFollower && e.actor.role === 'resident' ? [] : e.photoFileIds))];
  const urls = fileIds.length ? await deps.files.tempUrls(fileIds) : [];
  const urlOf = new Map(fileIds.map((id, i) => [id, urls[i]]));
  const photoUrls = (ids: string[]) => ids.map((id) => urlOf.get(id)).filter((u): u is string => Boolean(u));
  const timeline: TimelineEntry[] = events.map((e) => ({
    action: e.action,
    actionLabel: eventLabel(e.action),
    from: e.from,
    to: e.to,
    who: who(e, viewer, r, asFollower),
    note: e.note,
    photoUrls: photoUrls(e.photoFileIds),
    at: e.at,
  }));
  const open = STATUS_KIND[r.status] === 'open';
  return {
    ...toSummary(listItemOf(r), grid?.name ?? '', now),
    description: r.description,
    photoUrls: asFollower ? [] : photoUrls(r.photoFileIds),
    location: asFollower ? null : r.location,
    address: asFollower ? null : r.address,
    // The callback phone goes to the current handler only, and only while the request is open.
    callbackPhone: open && isCurrentHandler(actor, r) ? r.callbackPhone : null,
    residentName: asFollower ? null : reporterNameFor(viewer, r),
    consentNote: r.consentNote,
    handlerLabel: handlerLabel(r.handler),
    rating: r.rating ? { ...r.rating, label: RATING_LABELS[r.rating.value] } : null,
    rejectReason: r.rejectReason,
    communityName: community?.name ?? '',
    responseDueAt: r.responseDueAt,
    resolutionDueAt: r.resolutionDueAt,
    resolvedLate: r.resolvedLate,
    flagged: r.flagged,
    version: r.version,
    timeline,
    actions: actionsFor(actor, r, rules, now),
    mergedInto: r.mergedInto ?? null,
    follow: follower ? followViewOf(r, follower) : null,
    followerRatings: followers.flatMap((f) => (f.rating ? [{ ...f.rating, label: RATING_LABELS[f.rating.value] }] : [])),
  };
}

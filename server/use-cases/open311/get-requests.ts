/**
 * GET requests and GET requests/{id}: what came in over Open311 (sources hotline and platform) in the
 * jurisdiction, as core/open311 maps it. Requests residents and workers filed in the app are never published
 * here; held requests (content review) are not either. Public; a partner of the jurisdiction (valid api_key)
 * also reads the description.
 *
 * Filters as the spec says: `service_request_id` (comma list) overrides every other filter; otherwise
 * `service_code` (comma list), `status` (open, closed or both), `start_date` / `end_date` (W3C datetimes) on
 * requested_datetime — by default the last 90 days, never a span longer than 90 days — newest first, at most 1,000.
 */
import { OPEN311_STATUS, open311RequestOf, parseW3c, publicStepOf, statusesFor, type Open311Request, type Open311Status } from '@core/open311/open311';
import type { Street } from '@core/places/place';
import type { ServiceRequest } from '@core/requests/request';
import { PARTNER_SOURCES, type RequestStatus } from '@core/requests/request.status';
import type { Deps } from '../context';
import type { PartnerKey } from '../../ports/partner.port';
import type { Open311Params } from './open311-caller';
import { Open311Failure } from './open311-failure';

export const OPEN311_MAX_RESULTS = 1000;
export const OPEN311_MAX_SPAN_DAYS = 90;
const DAY_MS = 24 * 3600 * 1000;
/** Event reads run this many at a time (status_notes needs each request's steps). */
const EVENT_READS_AT_ONCE = 20;

function published(r: ServiceRequest | null, street: Street): r is ServiceRequest {
  return r !== null && r.streetId === street.id && (PARTNER_SOURCES as readonly string[]).includes(r.source) && OPEN311_STATUS[r.status] !== null;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

async function views(deps: Deps, requests: ServiceRequest[], key: PartnerKey | null): Promise<Open311Request[]> {
  const communities = new Map<string, string>();
  for (const id of new Set(requests.map((r) => r.communityId))) communities.set(id, (await deps.store.places.getCommunity(id))?.name ?? '');
  const out: Open311Request[] = [];
  for (let i = 0; i < requests.length; i += EVENT_READS_AT_ONCE) {
    const chunk = requests.slice(i, i + EVENT_READS_AT_ONCE);
    const events = await Promise.all(chunk.map((r) => deps.store.requests.events(r.id)));
    chunk.forEach((r, j) => {
      const view = open311RequestOf(r, {
        communityName: communities.get(r.communityId) ?? '',
        publicStep: publicStepOf(events[j]),
        withDescription: key !== null,
      });
      if (view) out.push(view);
    });
  }
  return out;
}

export async function getRequest(deps: Deps, street: Street, key: PartnerKey | null, id: string): Promise<Open311Request[]> {
  const r = id.length <= 64 ? await deps.store.requests.get(id) : null;
  if (!published(r, street)) throw new Open311Failure(404, `没有这条诉求：${id.slice(0, 64)}`);
  return views(deps, [r], key);
}

export async function getRequests(deps: Deps, street: Street, key: PartnerKey | null, params: Open311Params, now: Date): Promise<Open311Request[]> {
  const ids = list(params.service_request_id);
  if (ids.length > 0) {
    if (ids.length > OPEN311_MAX_RESULTS) throw new Open311Failure(400, `service_request_id 最多${OPEN311_MAX_RESULTS}个`);
    const found = await Promise.all([...new Set(ids)].map((id) => (id.length <= 64 ? deps.store.requests.get(id) : Promise.resolve(null))));
    return views(deps, found.filter((r): r is ServiceRequest => published(r, street)), key);
  }
  const statusWords = list(params.status);
  const bad = statusWords.find((s) => s !== 'open' && s !== 'closed');
  if (bad) throw new Open311Failure(400, `status 只能是 open 或 closed：${bad.slice(0, 20)}`);
  const statuses: RequestStatus[] = (statusWords.length ? [...new Set(statusWords as Open311Status[])] : (['open', 'closed'] as const)).flatMap(statusesFor);
  const start = params.start_date !== undefined ? parseW3c(params.start_date) : null;
  const end = params.end_date !== undefined ? parseW3c(params.end_date) : null;
  if (params.start_date !== undefined && !start) throw new Open311Failure(400, 'start_date 应为带时区的 W3C 日期时间，如 2026-11-23T10:00:00+08:00');
  if (params.end_date !== undefined && !end) throw new Open311Failure(400, 'end_date 应为带时区的 W3C 日期时间，如 2026-11-23T10:00:00+08:00');
  const span = OPEN311_MAX_SPAN_DAYS * DAY_MS;
  const to = end ? Date.parse(end) : start ? Math.min(now.getTime(), Date.parse(start) + span) : now.getTime();
  const from = start ? Date.parse(start) : to - span;
  if (from > to) throw new Open311Failure(400, 'start_date 不能晚于 end_date');
  if (to - from > span) throw new Open311Failure(400, `start_date 与 end_date 相隔不能超过${OPEN311_MAX_SPAN_DAYS}天`);
  const codes = list(params.service_code);
  const query = {
    streetId: street.id,
    sources: [...PARTNER_SOURCES],
    statuses,
    createdFrom: new Date(from).toISOString(),
    // end_date is inclusive; the store's createdTo is exclusive.
    createdTo: new Date(to + 1).toISOString(),
    ...(codes.length === 1 ? { categoryId: codes[0] } : {}),
    sort: 'newest' as const,
  };
  const wanted = new Set(codes);
  const found: ServiceRequest[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.requests.scan(query, { limit: 500, cursor });
    for (const r of page.items) if (wanted.size === 0 || wanted.has(r.categoryId)) found.push(r);
    cursor = page.next;
  } while (cursor && found.length < OPEN311_MAX_RESULTS);
  return views(deps, found.slice(0, OPEN311_MAX_RESULTS), key);
}

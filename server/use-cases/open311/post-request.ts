/**
 * POST requests: a partner system (12345热线, 城市平台) files a request with its api_key. It goes through the
 * same path as a resident's (requests/submit-request.ts `openNewRequest`): the request schema, the content
 * check (flagged → held → answered with a token), idempotency and the street's rate limits — scoped to the
 * key (`partner:<key id>`), recorded with the key's source (hotline / platform).
 *
 * Placement: every request belongs to a grid. `address_id` (a household id of our address register) places
 * it at that household's grid; otherwise the service definition's required `attribute[grid_code]` (the
 * register's national grid code) does. Neither, or one not in this street: refused (400), never guessed —
 * we have no geocoder, so `address_string` and lat/long are recorded but place nothing.
 *
 * Personal data: the caller's phone becomes the callback phone (shown only to the current handler while the
 * request is open, as a resident's); first_name, last_name, email, device_id and account_id are not stored
 * at all, and no response carries any of them. media_url is not fetched (no server-side fetch of partner URLs).
 */
import { REQUEST_SCHEMAS } from '@core/api/request.schemas';
import { ATTR_GRID_CODE, ATTR_TICKET_NO, w3cDatetime, type Open311Posted } from '@core/open311/open311';
import type { Street } from '@core/places/place';
import { PARTNER_SUBMITTER_PREFIX } from '@core/requests/request.status';
import { parse } from '@core/validation/schema';
import { isDomainError } from '@core/shared/errors';
import type { Deps } from '../context';
import type { PartnerKey } from '../../ports/partner.port';
import { openNewRequest, type Placement } from '../requests/submit-request';
import type { Open311Params } from './open311-caller';
import { Open311Failure } from './open311-failure';

async function placementOf(deps: Deps, street: Street, params: Open311Params): Promise<Placement & { buildingId: string | null }> {
  const addressId = params.address_id?.trim();
  if (addressId) {
    const h = addressId.length <= 64 ? await deps.store.places.getHousehold(addressId) : null;
    if (!h || h.streetId !== street.id) throw new Open311Failure(400, `address_id 不是本街道的房屋编号：${addressId.slice(0, 64)}`);
    return { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId, buildingId: h.buildingId };
  }
  const code = params[`attribute[${ATTR_GRID_CODE}]`]?.trim();
  if (!code) throw new Open311Failure(400, `请提供 attribute[${ATTR_GRID_CODE}]（网格编码）或 address_id（房屋编号），否则无法确定诉求所在网格`);
  const grid = /^\d{1,30}$/.test(code) ? (await deps.store.places.listGrids({ streetId: street.id })).find((g) => g.code === code) : undefined;
  if (!grid) throw new Open311Failure(400, `网格编码不在本街道：${code.slice(0, 30)}`);
  return { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id, buildingId: null };
}

function locationOf(params: Open311Params): { latitude: number; longitude: number; name: null } | undefined {
  if (params.lat === undefined && params.long === undefined) return undefined;
  const latitude = Number(params.lat);
  const longitude = Number(params.long);
  if (params.lat === undefined || params.long === undefined || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    throw new Open311Failure(400, 'lat 和 long 需要同时提供，且为数字');
  }
  return { latitude, longitude, name: null };
}

export async function postRequest(deps: Deps, street: Street, key: PartnerKey | null, params: Open311Params, now: Date): Promise<{ posted: Open311Posted; created: boolean }> {
  if (!key) throw new Open311Failure(403, '提交诉求需要有效的 api_key');
  const serviceCode = params.service_code?.trim();
  if (!serviceCode) throw new Open311Failure(400, '缺少 service_code（诉求类别）');
  const placement = await placementOf(deps, street, params);
  const ticket = params[`attribute[${ATTR_TICKET_NO}]`]?.trim();
  // The same schema a resident's submission passes (lengths, forbidden characters, phone format).
  const parsed = parse(REQUEST_SCHEMAS.request.submit, {
    idempotencyKey: ticket || deps.newId(),
    categoryId: serviceCode,
    description: params.description ?? '',
    photoFileIds: [],
    location: locationOf(params),
    address: params.address_string?.trim() || undefined,
    callbackPhone: params.phone?.trim() || undefined,
    hideName: false,
  });
  if (!parsed.ok) throw new Open311Failure(400, parsed.issues[0].message);
  const input = { ...parsed.value, hideName: false };
  try {
    const { kind, request } = await openNewRequest(deps, now, input, [], placement, {
      id: `${PARTNER_SUBMITTER_PREFIX}${key.id}`,
      name: key.name,
      openid: null,
      party: 'system',
      role: 'system',
      source: key.kind,
      residentId: null,
      residentName: null,
      consentNote: null,
      buildingId: placement.buildingId,
    });
    const created = kind === 'created';
    if (request.status === 'held') {
      return { created, posted: { token: request.id, service_notice: '已收到，内容需社区审核；审核通过后用 GET tokens/{token} 查询诉求编号' } };
    }
    return { created, posted: { service_request_id: request.id, service_notice: `已登记，将在${w3cDatetime(request.responseDueAt)}前受理`, account_id: null } };
  } catch (e) {
    if (isDomainError(e) && e.code === 'REQUEST.CATEGORY_NOT_FOUND') throw new Open311Failure(404, `没有这个服务类别：${serviceCode.slice(0, 64)}`);
    throw e;
  }
}

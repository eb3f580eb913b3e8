/**
 * Who an Open311 call is from and for: the jurisdiction (a street, by its code) and, when the call carries an
 * api_key, the partner key — valid only when it exists, is not revoked and belongs to that street.
 */
import type { Street } from '@core/places/place';
import type { Deps } from '../context';
import type { PartnerKey } from '../../ports/partner.port';
import { Open311Failure } from './open311-failure';
import { apiKeyHash } from './partner-key-secret';

export type Open311Params = Record<string, string>;

/**
 * `jurisdiction_id` is the street code. The spec lets a single-jurisdiction endpoint omit it: with exactly
 * one street stored, a call without it is for that street; otherwise it is required.
 */
export async function jurisdictionOf(deps: Deps, params: Open311Params): Promise<Street> {
  const code = params.jurisdiction_id?.trim();
  if (!code) {
    const streets = await deps.store.places.listStreets();
    if (streets.length === 1) return streets[0];
    throw new Open311Failure(400, '缺少 jurisdiction_id（街道代码）');
  }
  if (!/^\d{6,12}$/.test(code)) throw new Open311Failure(404, `没有这个辖区：${code.slice(0, 20)}`);
  const street = await deps.store.people.findStreetByCode(code);
  if (!street) throw new Open311Failure(404, `没有这个辖区：${code}`);
  return street;
}

/** The key a call was made with, if it carries one; a bad, revoked or other-street key is refused (403). */
export async function partnerKeyOf(deps: Deps, params: Open311Params, street: Street): Promise<PartnerKey | null> {
  const apiKey = params.api_key;
  if (apiKey === undefined || apiKey === '') return null;
  const key = apiKey.length <= 200 ? await deps.store.partnerKeys.get(apiKeyHash(apiKey)) : null;
  if (!key || key.revokedAt) throw new Open311Failure(403, 'api_key 无效或已停用');
  if (key.streetId !== street.id) throw new Open311Failure(403, 'api_key 不属于这个辖区');
  return key;
}

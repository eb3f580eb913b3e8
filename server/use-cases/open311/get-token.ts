import type { Open311Token } from '@core/open311/open311';
import type { Street } from '@core/places/place';
import { PARTNER_SOURCES } from '@core/requests/request.status';
import type { Deps } from '../context';
import type { PartnerKey } from '../../ports/partner.port';
import { Open311Failure } from './open311-failure';

/**
 * GET tokens/{token}: a request held for content review was answered with a token; once the community
 * released (or refused) it, the token gives its service_request_id. While it is held, the id is null.
 * Only a partner of the jurisdiction may ask (api_key required; a key that replaced the one it was posted with
 * still finds it): a held text is nobody else's business.
 */
export async function getToken(deps: Deps, street: Street, key: PartnerKey | null, token: string): Promise<Open311Token[]> {
  if (!key) throw new Open311Failure(403, '查询 token 需要 api_key');
  const r = token.length <= 64 ? await deps.store.requests.get(token) : null;
  const mine = r && r.streetId === street.id && (PARTNER_SOURCES as readonly string[]).includes(r.source);
  if (!r || !mine) throw new Open311Failure(404, `没有这个 token：${token.slice(0, 64)}`);
  return [{ service_request_id: r.status === 'held' ? null : r.id, token }];
}

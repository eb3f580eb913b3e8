import { can } from '@core/people/permission';
import { grantOf, type Actor } from '@core/people/role';
import type { ServiceRequest } from '@core/requests/request';
import { DomainError } from '@core/shared/errors';
import type { Deps } from '../context';

/**
 * Who may see a request: the resident it is for, the workers of its grid, staff of its community, staff
 * of its street. Text held for review reaches no worker until staff release it.
 */
export function canSeeRequest(actor: Actor, r: ServiceRequest): boolean {
  if (r.residentId !== null && r.residentId === actor.userId) return true;
  if (r.submitterId === actor.userId) return true;
  const scope = { streetId: r.streetId, communityId: r.communityId, gridId: r.gridId };
  if (grantOf(actor, 'community_staff') && can(actor, 'request.verify', scope)) return true;
  if (grantOf(actor, 'street_staff') && can(actor, 'request.list_street', scope)) return true;
  if (r.status === 'held') return false;
  if (can(actor, 'request.handle', scope) && grantOf(actor, 'grid_worker')) return true;
  return r.handler?.kind === 'worker' && r.handler.id === actor.userId;
}

/**
 * A request the caller may not see answers exactly like a missing one. A resident who follows it (同问)
 * sees it too (never while held for review): the detail then leaves out the reporter's personal data.
 */
export async function visibleRequest(deps: Deps, actor: Actor, id: string): Promise<ServiceRequest> {
  const r = await deps.store.requests.get(id);
  if (!r) throw new DomainError('REQUEST.NOT_FOUND');
  if (canSeeRequest(actor, r)) return r;
  if (r.status !== 'held' && grantOf(actor, 'resident') && (await deps.store.followers.get(r.id, actor.userId))) return r;
  throw new DomainError('REQUEST.NOT_FOUND');
}

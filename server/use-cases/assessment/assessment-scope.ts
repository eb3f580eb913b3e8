/**
 * Where an assessment view looks, checked at its exact scope: street staff (and the street admin) see the
 * whole street, a community's staff their community, its grids and its workers. What a viewer may not see
 * answers exactly like what does not exist (GRID.NOT_FOUND, COMMUNITY.NOT_FOUND, WORKER.NOT_FOUND,
 * STREET.NOT_FOUND); asking for one's own street without street reach is AUTH.FORBIDDEN.
 */
import type { ScopeInput } from '@core/api/assessment.contract';
import type { ScopeRef } from '@core/assessment/counters';
import type { Grid } from '@core/places/place';
import { can, type Permission } from '@core/people/permission';
import type { Actor } from '@core/people/role';
import type { StaffPost } from '@core/people/user';
import { DomainError } from '@core/shared/errors';
import type { Deps } from '../context';
import type { RequestQuery } from '../../ports/request.port';

export interface AssessmentScope {
  streetId: string;
  ref: ScopeRef & ScopeInput;
  name: string;
  /** The community the scope lies in; null for the street. */
  communityId: string | null;
  /** What selects the scope's requests (the assessment's worker rule for a worker: core assessedWorkerId). */
  filter: Pick<RequestQuery, 'streetId' | 'communityId' | 'gridIds' | 'assessedWorkerId'>;
  /** The grids a worker leads (worker scope only; hot issues are about their places). */
  workerGridIds?: string[];
}

function streetsOf(actor: Actor): string[] {
  return [...new Set(actor.grants.map((g) => g.streetId))];
}

/** Resolves and checks a scope against `permission` ('assessment.view' for the dashboards). */
export async function assessmentScope(deps: Deps, actor: Actor, scope: ScopeInput, permission: Permission = 'assessment.view'): Promise<AssessmentScope> {
  const places = deps.store.places;
  switch (scope.kind) {
    case 'street': {
      const street = streetsOf(actor).includes(scope.id) ? await places.getStreet(scope.id) : null;
      if (!street) throw new DomainError('STREET.NOT_FOUND');
      if (!can(actor, permission, { streetId: street.id })) throw new DomainError('AUTH.FORBIDDEN');
      return { streetId: street.id, ref: { kind: 'street', id: street.id }, name: street.name, communityId: null, filter: { streetId: street.id } };
    }
    case 'community': {
      const c = await places.getCommunity(scope.id);
      if (!c || !can(actor, permission, { streetId: c.streetId, communityId: c.id })) throw new DomainError('COMMUNITY.NOT_FOUND');
      return { streetId: c.streetId, ref: { kind: 'community', id: c.id }, name: c.name, communityId: c.id, filter: { streetId: c.streetId, communityId: c.id } };
    }
    case 'grid': {
      const g = await places.getGrid(scope.id);
      if (!g || !can(actor, permission, { streetId: g.streetId, communityId: g.communityId, gridId: g.id })) throw new DomainError('GRID.NOT_FOUND');
      return { streetId: g.streetId, ref: { kind: 'grid', id: g.id }, name: g.name, communityId: g.communityId, filter: { streetId: g.streetId, gridIds: [g.id] } };
    }
    case 'worker': {
      const user = await deps.store.users.getById(scope.id);
      const post = user?.posts.find((p): p is Extract<StaffPost, { role: 'grid_worker' }> => p.role === 'grid_worker');
      if (!user || !post || !can(actor, permission, { streetId: post.streetId, communityId: post.communityId, userId: user.id })) {
        throw new DomainError('WORKER.NOT_FOUND');
      }
      const led = await places.listGrids({ streetId: post.streetId, workerId: user.id });
      return {
        streetId: post.streetId,
        ref: { kind: 'worker', id: user.id },
        name: user.name,
        communityId: post.communityId,
        filter: { streetId: post.streetId, assessedWorkerId: user.id },
        workerGridIds: led.filter((g: Grid) => g.primaryWorkerId === user.id).map((g) => g.id),
      };
    }
  }
}

/** The grids whose places a scope covers (hot issues): null for the whole street. */
export function scopeGridFilter(s: AssessmentScope): Pick<RequestQuery, 'streetId' | 'communityId' | 'gridIds'> {
  if (s.ref.kind === 'worker') return { streetId: s.streetId, gridIds: s.workerGridIds ?? [] };
  const { assessedWorkerId: _w, ...rest } = s.filter;
  return rest;
}

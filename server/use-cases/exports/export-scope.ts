/**
 * What an export covers: the scope (street, community, grid or worker) resolved against the store and
 * checked against the caller's reach for 'assessment.export' — street staff anywhere in their street,
 * community staff inside their community. A scope that does not exist and one outside the caller's
 * reach are refused alike (AUTH.FORBIDDEN), so an export never tells which ids exist.
 */
import type { PeriodInput, ScopeInput } from '@core/api/assessment.contract';
import { checkRange } from '@core/assessment/periods';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import type { RequestQuery } from '../../ports/request.port';
import { streetPlaces, type StreetPlaces } from '../notices/notice-scope';

export interface ExportScope {
  input: ScopeInput;
  streetId: string;
  /** The scope in words for the title row and the file name: 银杏街道 / 银杏街道东湖社区 / 东湖社区第1网格 / 网格员张三 (staff are named in full, as on their contact cards) */
  name: string;
  places: StreetPlaces;
  /** The requests of the scope, as a request query narrows them. */
  requests: Pick<RequestQuery, 'streetId' | 'communityId' | 'gridIds' | 'assessedWorkerId'>;
  /** The grids the scope covers (a worker: the grids of their community, the worker filter does the rest). */
  gridIds: Set<string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A period's instants: from 00:00 Beijing on `from` to 00:00 Beijing the day after `to` (exclusive). */
export function periodInstants(p: PeriodInput): { from: string; to: string } {
  checkRange(p);
  const start = Date.parse(`${p.from}T00:00:00+08:00`);
  const end = Date.parse(`${p.to}T00:00:00+08:00`) + DAY_MS;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** The street the caller exports in: their street staff post, else their community staff post. */
function callerStreet(ctx: UserContext): string {
  const streetId = grantOf(ctx.actor, 'street_staff')?.streetId ?? grantOf(ctx.actor, 'community_staff')?.streetId;
  if (!streetId) throw new DomainError('AUTH.FORBIDDEN');
  return streetId;
}

export async function resolveExportScope(ctx: UserContext, scope: ScopeInput): Promise<ExportScope> {
  const streetId = callerStreet(ctx);
  const places = await streetPlaces(ctx.deps, streetId);
  const forbidden = () => new DomainError('AUTH.FORBIDDEN');
  const gridsOf = (communityId?: string) =>
    new Set([...places.grids.values()].filter((g) => !communityId || g.communityId === communityId).map((g) => g.id));
  switch (scope.kind) {
    case 'street': {
      if (scope.id !== streetId) throw forbidden();
      authorize(ctx.actor, 'assessment.export', { streetId });
      return { input: scope, streetId, name: places.streetName, places, requests: { streetId }, gridIds: gridsOf() };
    }
    case 'community': {
      const c = places.communities.get(scope.id);
      if (!c) throw forbidden();
      authorize(ctx.actor, 'assessment.export', { streetId, communityId: c.id });
      return { input: scope, streetId, name: `${places.streetName}${c.name}`, places, requests: { streetId, communityId: c.id }, gridIds: gridsOf(c.id) };
    }
    case 'grid': {
      const g = places.grids.get(scope.id);
      if (!g) throw forbidden();
      authorize(ctx.actor, 'assessment.export', { streetId, communityId: g.communityId, gridId: g.id });
      return { input: scope, streetId, name: g.name, places, requests: { streetId, gridIds: [g.id] }, gridIds: new Set([g.id]) };
    }
    case 'worker': {
      const u = await ctx.deps.store.users.getById(scope.id);
      const post = u?.posts.find((p) => p.role === 'grid_worker' && p.streetId === streetId);
      if (!u || !post || post.role !== 'grid_worker') throw forbidden();
      authorize(ctx.actor, 'assessment.export', { streetId, communityId: post.communityId });
      return {
        input: scope,
        streetId,
        name: `网格员${u.name}`,
        places,
        // Narrowed to the worker's community as well: the worker filter alone must never widen a staff member's reach.
        requests: { streetId, communityId: post.communityId, assessedWorkerId: u.id },
        gridIds: gridsOf(post.communityId),
      };
    }
  }
}

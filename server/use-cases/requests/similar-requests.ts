/**
 * 附近已有相似诉求: while a resident writes a request, the open requests of the same category in their grid
 * from the last SIMILAR_WINDOW_DAYS days, ranked by core/requests/similar.ts (same building first, then text),
 * at most SIMILAR_MAX. The store reads a bounded, index-backed set (the newest SIMILAR_CANDIDATES); nothing
 * here shows who reported them.
 */
import type { RequestContract } from '@core/api/request.contract';
import { can } from '@core/people/permission';
import { STATUS_LABELS, type RequestStatus } from '@core/requests/request.status';
import { MERGE_TARGET_STATUSES, METOO_STATUSES, rankSimilar, SIMILAR_CANDIDATES, SIMILAR_WINDOW_DAYS, suggestionOf, type SimilarSuggestion } from '@core/requests/similar';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { Deps } from '../context';
import type { SimilarCandidate } from '../../ports/follower.port';
import { visibleRequest } from './request-access';

type Out = RequestContract['request']['similar']['output'];
const DAY_MS = 24 * 60 * 60 * 1000;

async function ranked(
  deps: Deps,
  now: Date,
  place: { gridId: string; categoryId: string; buildingId: string | null },
  description: string,
  leaveOut: (c: SimilarCandidate) => boolean,
  statuses: RequestStatus[],
): Promise<SimilarSuggestion[]> {
  const candidates = await deps.store.followers.similarCandidates({
    gridId: place.gridId,
    categoryId: place.categoryId,
    statuses,
    createdFrom: new Date(now.getTime() - SIMILAR_WINDOW_DAYS * DAY_MS).toISOString(),
    limit: SIMILAR_CANDIDATES,
  });
  return rankSimilar({ description, buildingId: place.buildingId }, candidates.filter((c) => !leaveOut(c))).map((r) =>
    suggestionOf(r, STATUS_LABELS[r.candidate.status]),
  );
}

/** The resident's own requests are left out: they follow those already. */
export async function similarRequests(ctx: UserContext, input: RequestContract['request']['similar']['input']): Promise<Out> {
  const residence = ctx.user.residence;
  if (!residence) throw new DomainError('REQUEST.NOT_RESIDENT');
  if (!can(ctx.actor, 'request.metoo', { streetId: residence.streetId, communityId: residence.communityId, gridId: residence.gridId })) {
    throw new DomainError('AUTH.FORBIDDEN');
  }
  const household = residence.householdId ? await ctx.deps.store.places.getHousehold(residence.householdId) : null;
  const me = ctx.user.id;
  const items = await ranked(
    ctx.deps,
    ctx.now,
    { gridId: residence.gridId, categoryId: input.categoryId, buildingId: household?.buildingId ?? null },
    input.description,
    (c) => c.residentId === me || c.submitterId === me,
    METOO_STATUSES,
  );
  return { items };
}

/** Staff choosing where a duplicate goes: open requests like this one in its grid (resolved ones too), itself left out. */
export async function mergeCandidates(ctx: UserContext, input: { id: string }): Promise<Out> {
  const r = await visibleRequest(ctx.deps, ctx.actor, input.id);
  if (!can(ctx.actor, 'request.merge', { streetId: r.streetId, communityId: r.communityId, gridId: r.gridId })) throw new DomainError('REQUEST.NOT_FOUND');
  const items = await ranked(ctx.deps, ctx.now, { gridId: r.gridId, categoryId: r.categoryId, buildingId: r.buildingId ?? null }, r.description, (c) => c.id === r.id, MERGE_TARGET_STATUSES);
  return { items };
}

/**
 * What every check-in use case shares: finding a check-in the caller may see (its scope touches a grid they look
 * after, as for a notice), the households it asks per grid, and its figures — from the per-grid counters while
 * open, from the frozen copy once closed.
 */
import type { CheckInFigures, CheckInSummary } from '@core/api/checkin.contract';
import { notYet, sumFigures, type CheckIn, type CheckInGridFigures } from '@core/checkins/checkin';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { householdFilter, scopeGrids, scopeText, staffStreet, streetPlaces, viewerGrids, type StreetPlaces } from '../notices/notice-scope';

export async function staffPlaces(ctx: UserContext): Promise<StreetPlaces> {
  const streetId = staffStreet(ctx.actor);
  if (!streetId) throw new DomainError('AUTH.FORBIDDEN');
  return streetPlaces(ctx.deps, streetId);
}

/** The check-in and the grids of its scope the caller looks after; NOT_FOUND when there are none. */
export async function visibleCheckIn(ctx: UserContext, id: string, sp: StreetPlaces): Promise<{ checkIn: CheckIn; mine: Set<string> }> {
  const checkIn = await ctx.deps.store.checkIns.get(id);
  if (!checkIn || checkIn.streetId !== sp.streetId) throw new DomainError('CHECKIN.NOT_FOUND');
  const viewer = viewerGrids(ctx.actor, sp) ?? new Set<string>();
  const touched = await scopeGrids(ctx.deps, checkIn, sp);
  const mine = new Set([...touched].filter((g) => viewer.has(g)));
  if (mine.size === 0) throw new DomainError('CHECKIN.NOT_FOUND');
  return { checkIn, mine };
}

/**
 * Per grid of the scope: households asked and the answers so far. Households are counted from the places at
 * the time of reading (no row per household is written at the start); answers from the per-grid counters.
 */
export async function liveFigures(ctx: UserContext, checkIn: CheckIn): Promise<CheckInGridFigures[]> {
  const [counts, answered] = await Promise.all([
    ctx.deps.store.places.householdCounts(householdFilter(checkIn.streetId, checkIn.scope)),
    ctx.deps.store.checkIns.gridCounts(checkIn.id),
  ]);
  const byGrid = new Map(answered.map((a) => [a.gridId, a]));
  return counts.map((c) => {
    const a = byGrid.get(c.gridId);
    return { gridId: c.gridId, communityId: c.communityId, households: c.households, answered: a?.answered ?? 0, safe: a?.safe ?? 0, help: a?.help ?? 0 };
  });
}

/** Frozen once closed, live while open. */
export async function figuresOf(ctx: UserContext, checkIn: CheckIn): Promise<CheckInGridFigures[]> {
  return checkIn.frozen ?? liveFigures(ctx, checkIn);
}

export function figures(parts: readonly Omit<CheckInGridFigures, 'gridId' | 'communityId'>[]): CheckInFigures {
  const s = sumFigures(parts);
  return { ...s, notYet: notYet(s) };
}

export async function summaryOf(ctx: UserContext, c: CheckIn, sp: StreetPlaces): Promise<CheckInSummary> {
  return {
    id: c.id,
    question: c.question,
    scopeText: await scopeText(ctx.deps, c.scope, sp),
    startedAt: c.startedAt,
    startedByName: c.startedBy.name,
    closedAt: c.closedAt,
    noticeId: c.noticeId,
  };
}

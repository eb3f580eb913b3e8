/**
 * Coverage (到户率): households in scope with a member who read the notice, or reached in person / by phone,
 * over households in scope — per community, grid and building, limited to the grids the viewer looks after.
 * A grid worker sees their grid's households not yet reached (key groups first) and records visits and calls.
 */
import type { CoverageRow, GridReach, NoticeCoverage, NoticeManageItem } from '@core/api/notice.contract';
import { NOTICE_CATEGORY_LABELS, NOTICE_STATE_LABELS, noticeState, REACH_METHOD_LABELS, scopeReaches, type KeyGroup, type Notice } from '@core/notices/notice';
import { authorize, type UserContext } from '../context';
import { maskName } from '@core/people/phone';
import { householdAddress, KEY_GROUP_LABELS, KEY_GROUPS, type Building, type Household } from '@core/places/place';
import { DomainError } from '@core/shared/errors';
import type { GridNoticeStats, NoticeHead } from '../../ports/notice.port';
import { householdFilter, scopeGrids, scopeText, staffStreet, streetPlaces, viewerArea, viewerGrids, type StreetPlaces } from './notice-scope';
import { coverageRow } from './notice-views';

const NO_STATS = { reads: 0, acks: 0, reachedRead: 0, reachedVisit: 0, reachedPhone: 0 };

async function staffPlaces(ctx: UserContext): Promise<StreetPlaces> {
  const streetId = staffStreet(ctx.actor);
  if (!streetId) throw new DomainError('AUTH.FORBIDDEN');
  return streetPlaces(ctx.deps, streetId);
}

type Counters = Pick<GridNoticeStats, 'reads' | 'acks' | 'reachedRead' | 'reachedVisit' | 'reachedPhone'>;

/** One grid's households in scope and its counters for a notice: what every coverage row is summed from. */
interface GridPart {
  gridId: string;
  communityId: string;
  households: number;
  counters: Counters;
}

/** The parts of the grids the viewer looks after, for a notice. */
async function gridParts(ctx: UserContext, n: Pick<Notice, 'id' | 'streetId' | 'scope'>, mine: Set<string>): Promise<GridPart[]> {
  const [counts, stats] = await Promise.all([
    ctx.deps.store.places.householdCounts(householdFilter(n.streetId, n.scope)),
    ctx.deps.store.notices.gridStats(n.id),
  ]);
  const byGrid = new Map(stats.map((s) => [s.gridId, s]));
  return counts
    .filter((c) => mine.has(c.gridId))
    .map((c) => ({ gridId: c.gridId, communityId: c.communityId, households: c.households, counters: byGrid.get(c.gridId) ?? NO_STATS }));
}

/** A row over several grids: households and counters summed first, the rate worked out once. */
function rowOf(id: string, name: string, parts: GridPart[]): CoverageRow {
  return coverageRow(id, name, parts.reduce((n, p) => n + p.households, 0), parts.map((p) => p.counters));
}

async function visibleNotice(ctx: UserContext, id: string, sp: StreetPlaces): Promise<{ notice: Notice; mine: Set<string> }> {
  const notice = await ctx.deps.store.notices.get(id);
  if (!notice || notice.streetId !== sp.streetId) throw new DomainError('NOTICE.NOT_FOUND');
  const viewer = viewerGrids(ctx.actor, sp) ?? new Set<string>();
  const touched = await scopeGrids(ctx.deps, notice, sp);
  const mine = new Set([...touched].filter((g) => viewer.has(g)));
  if (mine.size === 0) throw new DomainError('NOTICE.NOT_FOUND');
  return { notice, mine };
}

export async function noticeCoverage(ctx: UserContext, input: { id: string }): Promise<NoticeCoverage> {
  const sp = await staffPlaces(ctx);
  const { notice, mine } = await visibleNotice(ctx, input.id, sp);
  const parts = await gridParts(ctx, notice, mine);
  const communityIds = [...new Set(parts.map((p) => p.communityId))];
  return {
    noticeId: notice.id,
    title: notice.title,
    scopeText: await scopeText(ctx.deps, notice.scope, sp),
    requireAck: notice.requireAck,
    total: rowOf('total', '合计', parts),
    communities: communityIds.map((cid) => rowOf(cid, sp.communities.get(cid)?.name ?? '', parts.filter((p) => p.communityId === cid))),
    // A grid's name already says its community (东湖社区第3网格).
    grids: parts.map((p) => rowOf(p.gridId, sp.grids.get(p.gridId)?.name ?? p.gridId, [p])),
  };
}

export async function listManagedNotices(ctx: UserContext, input: { cursor?: string }): Promise<{ items: NoticeManageItem[]; next: string | null }> {
  const sp = await staffPlaces(ctx);
  const area = viewerArea(ctx.actor, sp);
  if (!area) return { items: [], next: null };
  const page = await ctx.deps.store.notices.listForArea(area, { limit: 20, cursor: input.cursor ?? null });
  const viewer = viewerGrids(ctx.actor, sp) ?? new Set<string>();
  const items = await Promise.all(page.items.map((h) => manageItem(ctx, h, sp, viewer)));
  return { items, next: page.next };
}

async function manageItem(ctx: UserContext, h: NoticeHead, sp: StreetPlaces, viewer: Set<string>): Promise<NoticeManageItem> {
  const state = noticeState(h, ctx.now);
  let coverage: CoverageRow | null = null;
  if (state !== 'scheduled') {
    const touched = await scopeGrids(ctx.deps, h, sp);
    const mine = new Set([...touched].filter((g) => viewer.has(g)));
    if (mine.size) coverage = rowOf('total', '到户率', await gridParts(ctx, h, mine));
  }
  return {
    id: h.id,
    title: h.title,
    category: h.category,
    categoryLabel: NOTICE_CATEGORY_LABELS[h.category],
    urgent: h.urgent,
    pinned: h.pinned,
    requireAck: h.requireAck,
    publishAt: h.publishAt,
    state,
    stateLabel: NOTICE_STATE_LABELS[state],
    scopeText: await scopeText(ctx.deps, h.scope, sp),
    publisherLabel: h.publisherLabel,
    coverage,
  };
}

function keyRank(groups: KeyGroup[]): number {
  const ranks = groups.map((g) => KEY_GROUPS.indexOf(g));
  return ranks.length ? Math.min(...ranks) : KEY_GROUPS.length;
}

export async function gridReach(ctx: UserContext, input: { id: string; gridId: string }): Promise<GridReach> {
  const sp = await staffPlaces(ctx);
  const { notice, mine } = await visibleNotice(ctx, input.id, sp);
  const grid = sp.grids.get(input.gridId);
  if (!grid || !mine.has(grid.id)) throw new DomainError('GRID.NOT_FOUND');
  authorize(ctx.actor, 'notice.coverage', { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id });
  const [households, buildings, reached, residents, stats] = await Promise.all([
    ctx.deps.store.places.listGridHouseholds(grid.id),
    ctx.deps.store.places.listBuildings({ gridId: grid.id }),
    ctx.deps.store.notices.reachedInGrid(notice.id, grid.id),
    ctx.deps.store.users.listGridResidents(grid.id),
    ctx.deps.store.notices.gridStats(notice.id),
  ]);
  const community = sp.communities.get(grid.communityId)!;
  const buildingById = new Map<string, Building>(buildings.map((b) => [b.id, b]));
  const inScope = households.filter((h) => scopeReaches(notice.streetId, notice.scope, h));
  const reachedById = new Map(reached.map((r) => [r.householdId, r]));
  const namesByHousehold = new Map<string, string[]>();
  for (const u of residents) {
    const hid = u.householdId;
    if (hid) namesByHousehold.set(hid, [...(namesByHousehold.get(hid) ?? []), maskName(u.name)]);
  }
  const address = (h: Household) => {
    const b = buildingById.get(h.buildingId);
    return b ? householdAddress(community, b, h) : h.room;
  };
  const notReached = inScope
    .filter((h) => !reachedById.has(h.id))
    .map((h, i) => ({ h, i }))
    .sort((a, b) => keyRank(a.h.keyGroups) - keyRank(b.h.keyGroups) || a.i - b.i)
    .map(({ h }) => ({ householdId: h.id, address: address(h), keyGroups: h.keyGroups.map((g) => KEY_GROUP_LABELS[g]), residents: namesByHousehold.get(h.id) ?? [] }));
  const inScopeById = new Map(inScope.map((h) => [h.id, h]));
  const reachedList = reached
    .filter((r) => inScopeById.has(r.householdId))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map((r) => ({ householdId: r.householdId, address: address(inScopeById.get(r.householdId)!), method: r.method, methodLabel: REACH_METHOD_LABELS[r.method], at: r.at, note: r.note }));
  const buildingRows = buildings
    .map((b) => {
      const hs = inScope.filter((h) => h.buildingId === b.id);
      const rs = reached.filter((r) => r.buildingId === b.id && inScopeById.has(r.householdId));
      const count = (m: string) => rs.filter((r) => r.method === m).length;
      return coverageRow(b.id, b.name, hs.length, [{ reads: 0, acks: 0, reachedRead: count('read'), reachedVisit: count('visit'), reachedPhone: count('phone') }]);
    })
    .filter((r) => r.households > 0);
  const s = stats.find((x) => x.gridId === grid.id) ?? NO_STATS;
  return {
    noticeId: notice.id,
    title: notice.title,
    gridId: grid.id,
    gridName: grid.name,
    total: coverageRow(grid.id, grid.name, inScope.length, [s]),
    buildings: buildingRows,
    notReached,
    reached: reachedList,
  };
}

export async function markReached(ctx: UserContext, input: { id: string; householdId: string; method: 'visit' | 'phone'; note?: string }): Promise<GridReach> {
  const sp = await staffPlaces(ctx);
  const { notice, mine } = await visibleNotice(ctx, input.id, sp);
  const h = await ctx.deps.store.places.getHousehold(input.householdId);
  if (!h || !mine.has(h.gridId) || !scopeReaches(notice.streetId, notice.scope, h)) throw new DomainError('NOTICE.HOUSEHOLD_OUTSIDE');
  authorize(ctx.actor, 'notice.reach', { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId });
  if (noticeState(notice, ctx.now) === 'withdrawn') throw new DomainError('NOTICE.WITHDRAWN');
  await ctx.deps.store.notices.markReached({
    noticeId: notice.id,
    householdId: h.id,
    communityId: h.communityId,
    gridId: h.gridId,
    buildingId: h.buildingId,
    method: input.method,
    byId: ctx.user.id,
    at: ctx.now.toISOString(),
    note: input.note ?? '',
  });
  return gridReach(ctx, { id: notice.id, gridId: h.gridId });
}

/**
 * 本月热点 for a scope and month, from the month facet counters (never a scan of the month's requests).
 *
 * The rule (docs/ASSESSMENT.md says the same):
 * - candidates: the request categories (counted over the scope's grids: facet 'grid_category'), the
 *   buildings of the scope (facet 'building'), and for the street the communities;
 * - count = requests filed in the month; baseline = the average monthly count of the three months before;
 *   rise = count / baseline − 1 (null, 新出现, when the baseline is 0);
 * - only candidates with at least HOT_MIN_COUNT requests in the month take part (one or two requests are
 *   not an issue yet);
 * - per kind, the HOT_LIMITS[kind].top with the most requests (ties: sharper rise, then id), then the
 *   HOT_LIMITS[kind].rising with the sharpest rise among the rest (新出现 counts as the sharpest; only a
 *   rise of at least HOT_MIN_RISE) — at most 8 issues, categories first, then buildings, then communities;
 * - up to 3 example excerpts each, the month's newest requests of that category / building / community in
 *   the scope; excerpts only (never who filed), with long digit runs (phone numbers) masked.
 */
import type { HotIssue } from '@core/api/assessment.contract';
import { monthOf } from '@core/assessment/counters';
import { monthRange, shiftMonth } from '@core/assessment/periods';
import { rangeInstants } from '@core/assessment/figure-lists';
import type { Community } from '@core/places/place';
import { listItemOf } from '@core/requests/request';
import type { Deps } from '../context';
import type { RequestQuery } from '../../ports/request.port';
import { scopeGridFilter, type AssessmentScope } from './assessment-scope';

export const HOT_MIN_COUNT = 3;
export const HOT_MIN_RISE = 0.5;
export const HOT_LIMITS: Record<HotIssue['kind'], { top: number; rising: number }> = {
  category: { top: 3, rising: 1 },
  building: { top: 1, rising: 1 },
  community: { top: 1, rising: 1 },
};
const EXAMPLES = 3;
/** Rows of the building's grid read to find a building's examples (requests carry no building filter). */
const BUILDING_EXAMPLE_SCAN = 100;

interface Candidate {
  kind: HotIssue['kind'];
  id: string;
  count: number;
  baseline: number;
  rise: number | null;
}

/** Phone numbers and other long digit runs never leave in an excerpt. */
export function maskExcerpt(text: string): string {
  return text.replace(/\d{7,}/g, (d) => `${d.slice(0, 3)}****`);
}

function candidatesOf(kind: HotIssue['kind'], month: string, months: string[], byId: Map<string, Map<string, number>>): Candidate[] {
  const out: Candidate[] = [];
  for (const [id, perMonth] of byId) {
    const count = perMonth.get(month) ?? 0;
    if (count < HOT_MIN_COUNT) continue;
    const baseline = Math.round((months.reduce((s, m) => s + (perMonth.get(m) ?? 0), 0) / months.length) * 100) / 100;
    out.push({ kind, id, count, baseline, rise: baseline > 0 ? Math.round((count / baseline - 1) * 1000) / 1000 : null });
  }
  return out;
}

const riseKey = (c: Candidate): number => (c.rise === null ? Number.POSITIVE_INFINITY : c.rise);

/** The rule above: the top by count, then the sharpest risers among the rest. */
export function pickHot(candidates: Candidate[], limits: { top: number; rising: number }): Candidate[] {
  const byCount = [...candidates].sort((a, b) => b.count - a.count || riseKey(b) - riseKey(a) || a.id.localeCompare(b.id));
  const top = byCount.slice(0, limits.top);
  const rising = byCount
    .slice(limits.top)
    .filter((c) => c.rise === null || c.rise >= HOT_MIN_RISE)
    .sort((a, b) => riseKey(b) - riseKey(a) || b.count - a.count || a.id.localeCompare(b.id))
    .slice(0, limits.rising);
  return [...top, ...rising];
}

function addMonth(into: Map<string, Map<string, number>>, id: string, period: string, filed: number): void {
  const m = into.get(id) ?? new Map<string, number>();
  m.set(period, (m.get(period) ?? 0) + filed);
  into.set(id, m);
}

export async function hotIssues(deps: Deps, s: AssessmentScope, month: string, communities: Community[], scopeGridIds: string[] | null): Promise<HotIssue[]> {
  const before = [1, 2, 3].map((n) => shiftMonth(month, n));
  const periods = [month, ...before];
  const gridSet = scopeGridIds ? new Set(scopeGridIds) : null;
  const streetId = s.streetId;
  const buildingsInScope =
    s.ref.kind === 'street' ? null
      : s.ref.kind === 'community' ? await deps.store.places.listBuildings({ communityId: s.ref.id })
        : (await Promise.all((scopeGridIds ?? []).map((gridId) => deps.store.places.listBuildings({ gridId })))).flat();
  const [categoryRows, buildingRows, communityRows, categories] = await Promise.all([
    deps.store.assessment.counters({ streetId, scopeKind: 'grid_category', periods }),
    deps.store.assessment.counters({ streetId, scopeKind: 'building', periods, scopeIds: buildingsInScope?.map((b) => b.id) }),
    s.ref.kind === 'street' ? deps.store.assessment.counters({ streetId, scopeKind: 'community', periods }) : Promise.resolve([]),
    deps.store.requestConfig.categories(streetId),
  ]);
  // Categories: a community or street sums its grids' 'gridId/categoryId' facets.
  const byCategory = new Map<string, Map<string, number>>();
  for (const row of categoryRows) {
    const slash = row.scopeId.indexOf('/');
    const gridId = row.scopeId.slice(0, slash);
    if (gridSet && !gridSet.has(gridId)) continue;
    addMonth(byCategory, row.scopeId.slice(slash + 1), row.period, row.counters.filed);
  }
  const byBuilding = new Map<string, Map<string, number>>();
  for (const row of buildingRows) addMonth(byBuilding, row.scopeId, row.period, row.counters.filed);
  const byCommunity = new Map<string, Map<string, number>>();
  for (const row of communityRows) if (row.period.length === 7) addMonth(byCommunity, row.scopeId, row.period, row.counters.filed);

  const chosen = [
    ...pickHot(candidatesOf('category', month, before, byCategory), HOT_LIMITS.category),
    ...pickHot(candidatesOf('building', month, before, byBuilding), HOT_LIMITS.building),
    ...pickHot(candidatesOf('community', month, before, byCommunity), HOT_LIMITS.community),
  ];
  if (chosen.length === 0) return [];

  const categoryName = new Map(categories.map((c) => [c.id, c.name]));
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  const buildingById = new Map((buildingsInScope ?? []).map((b) => [b.id, b]));
  // The street's buildings are not listed up front: only the (at most two) chosen ones are read.
  await Promise.all(
    chosen.filter((c) => c.kind === 'building' && !buildingById.has(c.id)).map(async (c) => {
      const b = await deps.store.places.getBuilding(c.id);
      if (b) buildingById.set(b.id, b);
    }),
  );

  const at = rangeInstants(monthRange(month));
  const base: RequestQuery = { ...scopeGridFilter(s), createdFrom: at.from, createdTo: at.to, sort: 'newest' };
  const examples = async (c: Candidate): Promise<string[]> => {
    if (c.kind === 'category') {
      return (await deps.store.requests.listItems({ ...base, categoryId: c.id }, { limit: EXAMPLES })).items.map((r) => maskExcerpt(r.excerpt));
    }
    if (c.kind === 'community') {
      return (await deps.store.requests.listItems({ ...base, communityId: c.id }, { limit: EXAMPLES })).items.map((r) => maskExcerpt(r.excerpt));
    }
    const b = buildingById.get(c.id);
    if (!b) return [];
    const page = await deps.store.requests.list({ streetId, gridIds: [b.gridId], createdFrom: at.from, createdTo: at.to, sort: 'newest' }, { limit: BUILDING_EXAMPLE_SCAN });
    return page.items.filter((r) => r.buildingId === b.id).slice(0, EXAMPLES).map((r) => maskExcerpt(listItemOf(r).excerpt));
  };
  const names = (c: Candidate): string =>
    c.kind === 'category' ? (categoryName.get(c.id) ?? '其他')
      : c.kind === 'community' ? (communityName.get(c.id) ?? '')
        : (() => {
          const b = buildingById.get(c.id);
          return b ? `${communityName.get(b.communityId) ?? ''}${b.name}` : '';
        })();
  const withExamples = await Promise.all(chosen.map(async (c) => ({ ...c, name: names(c), examples: await examples(c) })));
  return withExamples.map(({ kind, id, name, count, baseline, rise, examples: ex }) => ({ kind, id, name, count, baseline, rise, examples: ex }));
}

/** The month the hot issues are about: the period's last month. */
export function hotMonthOf(to: string): string {
  return monthOf(to);
}

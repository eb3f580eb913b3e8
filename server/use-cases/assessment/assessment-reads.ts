/**
 * What the assessment views share: summed counters (never a scan of requests), the street's weights, the
 * figures as shown, a ranking with its 环比 change, and the requests behind a figure.
 */
import type { FigureRequestItem, FigureView, RankingRow, ScopeInput } from '@core/api/assessment.contract';
import { addCounters, emptyCounters, type CounterKind, type Counters } from '@core/assessment/counters';
import { contributionIn, FIGURE_LISTS, rangeInstants, type FigureListId } from '@core/assessment/figure-lists';
import { compositeScore, DEFAULT_SCORE_WEIGHTS, figuresOf, formatFigure, INDICATOR_IDS, INDICATORS, rankByScore, type ScoreWeights } from '@core/assessment/indicators';
import { periodKeys, previousRange, type DateRange } from '@core/assessment/periods';
import { listItemOf } from '@core/requests/request';
import type { Deps } from '../context';
import type { RequestQuery } from '../../ports/request.port';
import { gridNames, toSummary } from '../requests/request-views';
import type { AssessmentScope } from './assessment-scope';

/** Counters summed per scope id over the range (whole months + loose days, core periodKeys). */
export async function countersByScope(
  deps: Deps,
  streetId: string,
  scopeKind: CounterKind,
  periods: string[],
  scopeIds?: string[],
): Promise<Map<string, Counters>> {
  const out = new Map<string, Counters>();
  if (scopeIds && scopeIds.length === 0) return out;
  const rows = await deps.store.assessment.counters({ streetId, scopeKind, scopeIds, periods });
  for (const row of rows) out.set(row.scopeId, addCounters(out.get(row.scopeId) ?? emptyCounters(), row.counters));
  return out;
}

export async function scopeCounters(deps: Deps, s: AssessmentScope, range: DateRange): Promise<Counters> {
  return (await countersByScope(deps, s.streetId, s.ref.kind, periodKeys(range), [s.ref.id])).get(s.ref.id) ?? emptyCounters();
}

export async function streetWeights(deps: Deps, streetId: string): Promise<ScoreWeights> {
  return (await deps.store.requestConfig.settings(streetId)).scoreWeights ?? { ...DEFAULT_SCORE_WEIGHTS };
}

export function figureViews(c: Counters): FigureView[] {
  const f = figuresOf(c);
  return INDICATOR_IDS.map((id) => ({
    id,
    label: INDICATORS[id].label,
    value: f[id],
    display: formatFigure(id, f[id]),
    definition: INDICATORS[id].definition,
    listDefinition: FIGURE_LISTS[id].definition,
  }));
}

export function scoreOf(c: Counters, weights: ScoreWeights): number | null {
  return compositeScore(figuresOf(c), weights);
}

export interface RankingCandidate {
  scope: ScopeInput;
  name: string;
  communityName: string | null;
}

/**
 * Ranks candidates (given in code order, which breaks ties) by their score over the range, with the
 * change against the same candidates' score over the previous range (core previousRange).
 */
export async function rankRows(
  deps: Deps,
  streetId: string,
  kind: 'community' | 'grid' | 'worker',
  candidates: RankingCandidate[],
  range: DateRange,
  weights: ScoreWeights,
  /** Read every scope of the kind in the street (cheaper than naming hundreds of ids). */
  wholeStreet: boolean,
): Promise<RankingRow[]> {
  const ids = wholeStreet ? undefined : candidates.map((c) => c.scope.id);
  const [now, before] = await Promise.all([
    countersByScope(deps, streetId, kind, periodKeys(range), ids),
    countersByScope(deps, streetId, kind, periodKeys(previousRange(range)), ids),
  ]);
  const ranked = rankByScore(candidates.map((item) => ({ item, score: scoreOf(now.get(item.scope.id) ?? emptyCounters(), weights) })));
  return ranked.map(({ item, score, rank }) => {
    const previous = scoreOf(before.get(item.scope.id) ?? emptyCounters(), weights);
    return {
      scope: item.scope,
      name: item.name,
      communityName: item.communityName,
      score,
      rank,
      change: score !== null && previous !== null ? Math.round((score - previous) * 10) / 10 : null,
      figures: figuresOf(now.get(item.scope.id) ?? emptyCounters()),
    };
  });
}

/** Underlying rows read per step while filling a page of a figure's list. */
const SCAN_PAGE = 50;
/** At most this many underlying rows per call: a sparse list (e.g. 不满意) returns fewer rows and a cursor. */
const SCAN_MAX = 500;

/**
 * A page of the requests behind a figure: the request query narrows by the instant the figure counts
 * (accepted / resolved / filed, Beijing days) and the scope; then core `contributionIn` — the counters'
 * own rule — decides each row, so the list and the figure cannot disagree. A page holds at least `limit`
 * rows unless the list ends (or SCAN_MAX rows were read); it never cuts an underlying page.
 */
export async function figureRequestsPage(
  deps: Deps,
  s: AssessmentScope,
  range: DateRange,
  listId: FigureListId,
  cursor: string | null,
  limit: number,
  now: Date,
): Promise<{ items: FigureRequestItem[]; next: string | null }> {
  const [page] = await figureRequestLists(deps, s, range, [listId], cursor, limit, now);
  return page;
}

/**
 * Several lists that count by the same instant, from ONE scan (我的考核: late and 不满意 are both about the
 * period's resolutions): each list gets the rows its own rule accepts; the scan stops when every list has
 * `limit` rows, the requests end, or SCAN_MAX rows were read. All lists share the returned cursor.
 */
export async function figureRequestLists(
  deps: Deps,
  s: AssessmentScope,
  range: DateRange,
  listIds: FigureListId[],
  cursor: string | null,
  limit: number,
  now: Date,
): Promise<{ items: FigureRequestItem[]; next: string | null }[]> {
  const specs = listIds.map((id) => FIGURE_LISTS[id]);
  const time = specs[0].time;
  if (specs.some((x) => x.time !== time)) throw new Error('figureRequestLists: lists counted by different instants');
  const at = rangeInstants(range);
  const window: Partial<RequestQuery> =
    time === 'accepted' ? { acceptedFrom: at.from, acceptedTo: at.to }
      : time === 'resolved' ? { resolvedFrom: at.from, resolvedTo: at.to }
        : { createdFrom: at.from, createdTo: at.to };
  const query: RequestQuery = { ...s.filter, ...window, sort: 'newest' };
  const found = specs.map(() => [] as { item: ReturnType<typeof listItemOf>; counted: boolean }[]);
  let next = cursor;
  let scanned = 0;
  do {
    const page = await deps.store.requests.list(query, { limit: SCAN_PAGE, cursor: next });
    for (const r of page.items) {
      const m = contributionIn(r, s.ref, range);
      specs.forEach((spec, i) => {
        if (spec.listed(m)) found[i].push({ item: listItemOf(r), counted: spec.counted(m) });
      });
    }
    scanned += page.items.length;
    next = page.next;
  } while (next && found.some((f) => f.length < limit) && scanned < SCAN_MAX);
  const names = await gridNames(deps, found.flat().map((f) => f.item.gridId));
  return found.map((rows) => ({ items: rows.map((f) => ({ ...toSummary(f.item, names.get(f.item.gridId) ?? '', now), counted: f.counted })), next }));
}

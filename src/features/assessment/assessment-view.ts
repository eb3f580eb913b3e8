/**
 * 考核评价 pages, the parts that are plain data: which dates a period choice means, the scope options a
 * person may pick, how the ranking sorts, how a change and a rise read. The figures themselves come from
 * the server (core/assessment defines them once); nothing here recomputes an indicator.
 */
import type { GridSummary } from '@core/api/contract';
import type { HotIssue, PeriodInput, RankingRow, ScopeInput, TrendPoint } from '@core/api/assessment.contract';
import type { IndicatorId } from '@core/assessment/indicators';
import { monthRange, shiftMonth } from '@core/assessment/periods';

export type PeriodChoice = 'month' | 'lastMonth' | 'last3' | 'custom';
export const PERIOD_LABELS: Record<PeriodChoice, string> = { month: '本月', lastMonth: '上月', last3: '近3个月', custom: '自定义' };

/**
 * The dates of a quick choice, `today` being the Beijing date. 本月 and 上月 are whole months (the figures of a
 * month, as the street reports them; days still to come simply have nothing yet); 近3个月 is this month and
 * the two before it, whole.
 */
export function periodFor(choice: Exclude<PeriodChoice, 'custom'>, today: string): PeriodInput {
  const month = today.slice(0, 7);
  switch (choice) {
    case 'month':
      return monthRange(month);
    case 'lastMonth':
      return monthRange(shiftMonth(month, 1));
    case 'last3':
      return { from: monthRange(shiftMonth(month, 2)).from, to: monthRange(month).to };
  }
}

/** A custom range as typed: both dates, in order (the server checks the rest and says so in Chinese). */
export function customPeriod(from: string | null, to: string | null): PeriodInput | null {
  if (!from || !to) return null;
  return from <= to ? { from, to } : { from: to, to: from };
}

export interface ScopeOption {
  scope: ScopeInput;
  label: string;
}

export interface ScopeTree {
  /** The widest scope the person may see (the street for street staff, their community for community staff). */
  root: ScopeOption;
  communities: { option: ScopeOption; grids: ScopeOption[] }[];
}

/**
 * street → community → grid from the grids the person may list (grid.list answers with their reach only).
 * Community staff start at their community; the street level is offered only to street staff.
 */
export function scopeTree(grids: GridSummary[], reach: { streetId: string } | { communityId: string; communityName?: string }): ScopeTree {
  const byCommunity = new Map<string, { option: ScopeOption; grids: ScopeOption[] }>();
  for (const g of grids) {
    let c = byCommunity.get(g.communityId);
    if (!c) {
      c = { option: { scope: { kind: 'community', id: g.communityId }, label: g.communityName }, grids: [] };
      byCommunity.set(g.communityId, c);
    }
    c.grids.push({ scope: { kind: 'grid', id: g.id }, label: g.name });
  }
  const communities = [...byCommunity.values()];
  if ('streetId' in reach) return { root: { scope: { kind: 'street', id: reach.streetId }, label: '全街道' }, communities };
  const own = communities.filter((c) => c.option.scope.id === reach.communityId);
  const name = own[0]?.option.label ?? reach.communityName ?? '本社区';
  return { root: { scope: { kind: 'community', id: reach.communityId }, label: name }, communities: own };
}

/** The community a scope sits in (itself for a community), so the grid chips can follow the choice. */
export function communityOfScope(tree: ScopeTree, scope: ScopeInput): string | null {
  if (scope.kind === 'community') return scope.id;
  if (scope.kind === 'grid') return tree.communities.find((c) => c.grids.some((g) => g.scope.id === scope.id))?.option.scope.id ?? null;
  return null;
}

export type SortKey = 'score' | IndicatorId;
export type SortDir = 'desc' | 'asc';

/** Rates where less is better: sorting by them puts the best first when ascending is chosen by default. */
const LOWER_IS_BETTER: ReadonlySet<SortKey> = new Set<SortKey>(['reopenRate', 'resolvedLate', 'avgResolveDays']);

/** The direction a first tap on a column sorts: the best first. */
export function defaultDir(key: SortKey): SortDir {
  return LOWER_IS_BETTER.has(key) ? 'asc' : 'desc';
}

function valueOf(row: RankingRow, key: SortKey): number | null {
  return key === 'score' ? row.score : row.figures[key];
}

/** Sorted by one column; rows without a value always last, ties by the server's rank then name. */
export function sortRows(rows: RankingRow[], key: SortKey, dir: SortDir): RankingRow[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const va = valueOf(a.row, key);
      const vb = valueOf(b.row, key);
      if (va === null && vb === null) return a.i - b.i;
      if (va === null) return 1;
      if (vb === null) return -1;
      if (va !== vb) return dir === 'desc' ? vb - va : va - vb;
      return a.i - b.i;
    })
    .map((x) => x.row);
}

/** 环比 of a score: ↑2.5 / ↓1.0 / 持平, or null when either period had no score. */
export function changeText(change: number | null): { text: string; tone: 'up' | 'down' | 'flat' } | null {
  if (change === null) return null;
  const rounded = Math.round(change * 10) / 10;
  if (rounded > 0) return { text: `↑${rounded.toFixed(1)}`, tone: 'up' };
  if (rounded < 0) return { text: `↓${Math.abs(rounded).toFixed(1)}`, tone: 'down' };
  return { text: '持平', tone: 'flat' };
}

/** A rate as the tables show it (one decimal), a count as is, days with one decimal; 无数据 as a dash. */
export function cellText(id: SortKey, value: number | null): string {
  if (value === null) return '—';
  if (id === 'score') return value.toFixed(1);
  if (id === 'accepted' || id === 'resolvedLate') return String(value);
  if (id === 'avgResolveDays') return (Math.round(value * 10) / 10).toFixed(1);
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

export const HOT_KIND_LABELS: Record<HotIssue['kind'], string> = { category: '类别', building: '楼栋', community: '社区' };

/** 较前3个月月均 ↑50% / 新出现 / 持平 / ↓20%. */
export function riseText(issue: Pick<HotIssue, 'rise' | 'count'>): string {
  if (issue.rise === null) return issue.count > 0 ? '新出现' : '—';
  const pct = Math.round(issue.rise * 100);
  if (pct > 0) return `较前3个月月均 ↑${pct}%`;
  if (pct < 0) return `较前3个月月均 ↓${Math.abs(pct)}%`;
  return '与前3个月月均持平';
}

export type TrendMetric = 'accepted' | 'onTimeRate' | 'satisfactionRate';
export const TREND_LABELS: Record<TrendMetric, string> = { accepted: '受理数', onTimeRate: '按期办结率', satisfactionRate: '满意率' };

export interface TrendBar {
  month: string;
  /** The month's number (1 … 12): twelve of them must fit a phone in 大字模式; the range is said once below. */
  label: string;
  value: number | null;
  text: string;
  /** 0–100: the bar's height as a share of the tallest (rates: of 100%). */
  height: number;
}

export function trendBars(points: TrendPoint[], metric: TrendMetric): TrendBar[] {
  const values = points.map((p) => p[metric]);
  const max = metric === 'accepted' ? Math.max(1, ...values.map((v) => v ?? 0)) : 1;
  return points.map((p, i) => {
    const v = values[i];
    const m = Number(p.month.slice(5, 7));
    return {
      month: p.month,
      label: String(m),
      value: v,
      text: v === null ? '—' : metric === 'accepted' ? String(v) : `${Math.round(v * 100)}%`,
      height: v === null ? 0 : Math.round((v / max) * 100),
    };
  });
}

/** The page's query string for a figure's request list, and back. */
export interface FigureQuery {
  scope: ScopeInput;
  period: PeriodInput;
  figure: IndicatorId;
  /** What the figure read where it was tapped (shown on top of the list so the two can be compared). */
  shown: string;
  name: string;
}

export function figureQueryString(q: FigureQuery): Record<string, string> {
  return { kind: q.scope.kind, id: q.scope.id, from: q.period.from, to: q.period.to, figure: q.figure, shown: q.shown, name: q.name };
}

export function parseFigureQuery(params: Record<string, string | undefined>, isIndicator: (s: string) => s is IndicatorId): FigureQuery | null {
  const { kind, id, from, to, figure, shown, name } = params;
  if (!kind || !id || !from || !to || !figure || !isIndicator(figure)) return null;
  if (kind !== 'street' && kind !== 'community' && kind !== 'grid' && kind !== 'worker') return null;
  const dec = (s: string | undefined) => {
    try {
      return decodeURIComponent(s ?? '');
    } catch {
      return s ?? '';
    }
  };
  return { scope: { kind, id: dec(id) }, period: { from, to }, figure, shown: dec(shown), name: dec(name) };
}

/** 2025年12月至2026年11月: what the twelve bars cover. */
export function trendRangeText(points: TrendPoint[]): string {
  if (points.length === 0) return '';
  const words = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
  return `${words(points[0].month)}至${words(points[points.length - 1].month)}，横轴为月份`;
}

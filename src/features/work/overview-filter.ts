import type { GridSummary } from '@core/api/contract';
import type { RequestStatus } from '@core/requests/request.status';
import type { StreetFilter } from '../requests/api';

export interface OverviewFilter {
  communityId: string | null;
  gridId: string | null;
  categoryId: string | null;
  status: RequestStatus | null;
  overdue: boolean;
  /** Dates as the street counts them (Beijing time), `2026-03-01`. */
  from: string | null;
  to: string | null;
}

export const NO_FILTER: OverviewFilter = { communityId: null, gridId: null, categoryId: null, status: null, overdue: false, from: null, to: null };

export type QuickRange = 'all' | '7d' | '30d' | 'month';
export const QUICK_RANGE_LABELS: Record<QuickRange, string> = { all: '全部时间', '7d': '近7天', '30d': '近30天', month: '本月' };

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date in Beijing at `ms`: the server reads `from`/`to` as Beijing dates, whatever the phone's zone. */
export function beijingDate(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** 近7天 counts today as one of the seven. */
export function quickRange(range: QuickRange, now: number): { from: string | null; to: string | null } {
  const today = beijingDate(now);
  switch (range) {
    case 'all':
      return { from: null, to: null };
    case '7d':
      return { from: beijingDate(now - 6 * DAY_MS), to: today };
    case '30d':
      return { from: beijingDate(now - 29 * DAY_MS), to: today };
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

/** Which quick range the dates are, if any (so its chip lights up). */
export function matchingRange(filter: Pick<OverviewFilter, 'from' | 'to'>, now: number): QuickRange | null {
  const ranges: QuickRange[] = ['all', '7d', '30d', 'month'];
  return ranges.find((r) => {
    const q = quickRange(r, now);
    return q.from === filter.from && q.to === filter.to;
  }) ?? null;
}

/** The filter as the function takes it: only what is set. 只看超期 covers every open status, so a status is not sent with it. */
export function toStreetFilter(f: OverviewFilter): StreetFilter {
  return {
    ...(f.communityId ? { communityId: f.communityId } : {}),
    ...(f.gridId ? { gridId: f.gridId } : {}),
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    ...(f.overdue ? { overdue: true } : f.status ? { status: f.status } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** Communities in the order their grids came, each once, with its grids. */
export function communitiesOf(grids: GridSummary[]): { id: string; name: string; grids: GridSummary[] }[] {
  const out = new Map<string, { id: string; name: string; grids: GridSummary[] }>();
  for (const g of grids) {
    const c = out.get(g.communityId) ?? { id: g.communityId, name: g.communityName, grids: [] };
    c.grids.push(g);
    out.set(g.communityId, c);
  }
  return [...out.values()];
}

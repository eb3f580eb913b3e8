import type { GridSummary } from '@core/api/contract';
import type { RankingRow } from '@core/api/assessment.contract';
import { INDICATOR_IDS, type IndicatorId } from '@core/assessment/indicators';
import {
  changeText,
  cellText,
  communityOfScope,
  customPeriod,
  defaultDir,
  figureQueryString,
  parseFigureQuery,
  periodFor,
  riseText,
  scopeTree,
  sortRows,
  trendBars,
  trendRangeText,
} from './assessment-view';

const grid = (id: string, communityId: string, communityName: string): GridSummary => ({
  id,
  code: id,
  name: `${id}网格`,
  communityId,
  communityName,
  households: 0,
  primary: null,
  backup: null,
  version: 1,
});

const figures = (patch: Partial<Record<IndicatorId, number | null>>) =>
  ({ ...Object.fromEntries(INDICATOR_IDS.map((id) => [id, null])), ...patch }) as Record<IndicatorId, number | null>;

const row = (id: string, score: number | null, patch: Partial<Record<IndicatorId, number | null>> = {}): RankingRow => ({
  scope: { kind: 'grid', id },
  name: id,
  communityName: null,
  score,
  rank: null,
  change: null,
  figures: figures(patch),
});

describe('periods', () => {
  test('本月 and 上月 are whole months, 上月 of January is last December', () => {
    expect(periodFor('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodFor('lastMonth', '2026-01-31')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
  test('近3个月 is this month and the two before it', () => {
    expect(periodFor('last3', '2026-03-05')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });
  test('a custom range needs both dates and is put in order', () => {
    expect(customPeriod('2026-03-01', null)).toBeNull();
    expect(customPeriod('2026-03-09', '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-09' });
  });
});

describe('scope tree', () => {
  const grids = [grid('g1', 'c1', '东湖社区'), grid('g2', 'c2', '西湖社区'), grid('g3', 'c1', '东湖社区')];
  test('street staff start at the street, with every community and its grids', () => {
    const t = scopeTree(grids, { streetId: 's1' });
    expect(t.root).toEqual({ scope: { kind: 'street', id: 's1' }, label: '全街道' });
    expect(t.communities.map((c) => [c.option.label, c.grids.map((g) => g.scope.id)])).toEqual([
      ['东湖社区', ['g1', 'g3']],
      ['西湖社区', ['g2']],
    ]);
    expect(communityOfScope(t, { kind: 'grid', id: 'g3' })).toBe('c1');
    expect(communityOfScope(t, { kind: 'street', id: 's1' })).toBeNull();
  });
  test('community staff start at their community and see only it', () => {
    const t = scopeTree(grids, { communityId: 'c2' });
    expect(t.root).toEqual({ scope: { kind: 'community', id: 'c2' }, label: '西湖社区' });
    expect(t.communities).toHaveLength(1);
  });
});

describe('ranking sort', () => {
  const rows = [row('a', 80, { onTimeRate: 0.5, reopenRate: 0.1 }), row('b', null), row('c', 95, { onTimeRate: 0.9, reopenRate: 0 }), row('d', 80, { onTimeRate: null })];
  test('by score, best first, rows without a score last, ties in server order', () => {
    expect(sortRows(rows, 'score', 'desc').map((r) => r.scope.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, 'score', 'asc').map((r) => r.scope.id)).toEqual(['a', 'd', 'c', 'b']);
  });
  test('by an indicator; 重办率 sorts lowest first by default', () => {
    expect(sortRows(rows, 'onTimeRate', 'desc').map((r) => r.scope.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(defaultDir('reopenRate')).toBe('asc');
    expect(defaultDir('satisfactionRate')).toBe('desc');
    expect(sortRows(rows, 'reopenRate', defaultDir('reopenRate')).map((r) => r.scope.id)).toEqual(['c', 'a', 'b', 'd']);
  });
});

describe('texts', () => {
  test('环比 reads up, down or 持平, and nothing without a previous score', () => {
    expect(changeText(2.345)).toEqual({ text: '↑2.3', tone: 'up' });
    expect(changeText(-1)).toEqual({ text: '↓1.0', tone: 'down' });
    expect(changeText(0.04)).toEqual({ text: '持平', tone: 'flat' });
    expect(changeText(null)).toBeNull();
  });
  test('cells: rates with one decimal, counts whole, no data as a dash', () => {
    expect(cellText('onTimeRate', 0.9666)).toBe('96.7%');
    expect(cellText('accepted', 12)).toBe('12');
    expect(cellText('avgResolveDays', 1.26)).toBe('1.3');
    expect(cellText('score', 88)).toBe('88.0');
    expect(cellText('satisfactionRate', null)).toBe('—');
  });
  test('a hot issue rise against the three months before', () => {
    expect(riseText({ rise: 0.5, count: 6 })).toBe('较前3个月月均 ↑50%');
    expect(riseText({ rise: -0.2, count: 4 })).toBe('较前3个月月均 ↓20%');
    expect(riseText({ rise: null, count: 3 })).toBe('新出现');
  });
});

describe('trend bars', () => {
  const points = [
    { month: '2025-12', accepted: 4, onTimeRate: 0.5, satisfactionRate: null },
    { month: '2026-01', accepted: 8, onTimeRate: 1, satisfactionRate: 0.75 },
    { month: '2026-02', accepted: 0, onTimeRate: null, satisfactionRate: null },
  ];
  test('counts scale to the tallest month; months by number, the range said once', () => {
    expect(trendBars(points, 'accepted').map((b) => [b.label, b.height, b.text])).toEqual([
      ['12', 50, '4'],
      ['1', 100, '8'],
      ['2', 0, '0'],
    ]);
    expect(trendRangeText(points)).toBe('2025年12月至2026年2月，横轴为月份');
  });
  test('rates scale to 100%, a month without data shows a dash', () => {
    expect(trendBars(points, 'onTimeRate').map((b) => [b.height, b.text])).toEqual([
      [50, '50%'],
      [100, '100%'],
      [0, '—'],
    ]);
  });
});

describe('figure query', () => {
  const isIndicator = (s: string): s is IndicatorId => (INDICATOR_IDS as readonly string[]).includes(s);
  test('round-trips through the page query, and refuses an unknown figure or scope', () => {
    const q = { scope: { kind: 'grid' as const, id: 'g1' }, period: { from: '2026-03-01', to: '2026-03-31' }, figure: 'onTimeRate' as const, shown: '75.0%', name: '第1网格' };
    expect(parseFigureQuery(figureQueryString(q), isIndicator)).toEqual(q);
    expect(parseFigureQuery({ ...figureQueryString(q), figure: 'nope' }, isIndicator)).toBeNull();
    expect(parseFigureQuery({ ...figureQueryString(q), kind: 'planet' }, isIndicator)).toBeNull();
  });
});

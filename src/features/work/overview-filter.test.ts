import type { GridSummary } from '@core/api/contract';
import { NO_FILTER, beijingDate, communitiesOf, matchingRange, quickRange, toStreetFilter } from './overview-filter';

// 2026-03-09 23:30 in Beijing is still the 9th there, though already 15:30 UTC.
const now = Date.parse('2026-03-09T15:30:00.000Z');

describe('beijingDate', () => {
  it('is the date in Beijing, not in UTC or the phone zone', () => {
    expect(beijingDate(now)).toBe('2026-03-09');
    expect(beijingDate(Date.parse('2026-03-09T16:00:00.000Z'))).toBe('2026-03-10');
  });
});

describe('quickRange', () => {
  it('counts today as one of the last 7 and 30 days', () => {
    expect(quickRange('7d', now)).toEqual({ from: '2026-03-03', to: '2026-03-09' });
    expect(quickRange('30d', now)).toEqual({ from: '2026-02-08', to: '2026-03-09' });
  });

  it('starts 本月 on the first of the month and 全部时间 has no bounds', () => {
    expect(quickRange('month', now)).toEqual({ from: '2026-03-01', to: '2026-03-09' });
    expect(quickRange('all', now)).toEqual({ from: null, to: null });
  });

  it('recognises the dates of a quick range, and not a custom one', () => {
    expect(matchingRange({ from: '2026-03-03', to: '2026-03-09' }, now)).toBe('7d');
    expect(matchingRange({ from: null, to: null }, now)).toBe('all');
    expect(matchingRange({ from: '2026-01-01', to: '2026-01-31' }, now)).toBeNull();
  });
});

describe('toStreetFilter', () => {
  it('sends only what is set', () => {
    expect(toStreetFilter(NO_FILTER)).toEqual({});
    expect(toStreetFilter({ ...NO_FILTER, communityId: 'c1', categoryId: 'k', status: 'accepted', from: '2026-03-01' })).toEqual({
      communityId: 'c1',
      categoryId: 'k',
      status: 'accepted',
      from: '2026-03-01',
    });
  });

  it('sends 只看超期 without a status', () => {
    expect(toStreetFilter({ ...NO_FILTER, status: 'archived', overdue: true })).toEqual({ overdue: true });
  });
});

describe('communitiesOf', () => {
  it('groups grids by community in the order they came', () => {
    const g = (id: string, communityId: string, communityName: string) =>
      ({ id, communityId, communityName, code: id, name: id, households: 0, primary: null, backup: null, version: 1 }) as GridSummary;
    const out = communitiesOf([g('a', 'c2', '西苑'), g('b', 'c1', '东湖'), g('c', 'c2', '西苑')]);
    expect(out.map((c) => [c.name, c.grids.map((x) => x.id)])).toEqual([
      ['西苑', ['a', 'c']],
      ['东湖', ['b']],
    ]);
  });
});

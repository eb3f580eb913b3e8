import type { AssessedRequest } from './counters';
import { contributionIn, FIGURE_LISTS, rangeInstants } from './figure-lists';

const request = (over: Partial<AssessedRequest> = {}): AssessedRequest => ({
  streetId: 's', communityId: 'c', gridId: 'g', status: 'verified', source: 'resident', handler: { kind: 'worker', id: 'w' },
  createdAt: '2026-10-31T15:30:00.000Z', // 2026-10-31 23:30 Beijing
  responseDueAt: '2026-11-01T15:30:00.000Z',
  acceptedAt: '2026-10-31T16:30:00.000Z', // 2026-11-01 00:30 Beijing
  resolvedAt: '2026-11-30T16:10:00.000Z', // 2026-12-01 00:10 Beijing
  resolvedLate: false, reopenCount: 0, rating: { value: 'unsatisfied' }, resolveWorkingMinutes: 600, categoryId: 'k', ...over,
});
const NOV = { from: '2026-11-01', to: '2026-11-30' };

describe('figure lists', () => {
  it('a range is Beijing days: from 00:00+08:00 of the first day to 00:00+08:00 after the last', () => {
    expect(rangeInstants(NOV)).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
  });

  it('places a request by the Beijing day of each instant, exactly as the counters do', () => {
    const m = contributionIn(request(), { kind: 'grid', id: 'g' }, NOV);
    // Filed on 10-31 and resolved on 12-01 (Beijing): only the acceptance is November's.
    expect(m).toEqual({ accepted: 1, acceptedOnTime: 1 });
    expect(FIGURE_LISTS.accepted.listed(m)).toBe(true);
    expect(FIGURE_LISTS.onTimeRate.listed(m)).toBe(false);
    expect(FIGURE_LISTS.patrolShare.listed(m)).toBe(false);
    const dec = contributionIn(request(), { kind: 'worker', id: 'w' }, { from: '2026-12-01', to: '2026-12-31' });
    expect(FIGURE_LISTS.onTimeRate.listed(dec) && FIGURE_LISTS.onTimeRate.counted(dec)).toBe(true);
    expect(FIGURE_LISTS.unsatisfied.listed(dec)).toBe(true);
    expect(FIGURE_LISTS.satisfactionRate.counted(dec)).toBe(false);
    // Another scope sees nothing.
    expect(contributionIn(request(), { kind: 'grid', id: 'other' }, NOV)).toEqual({});
  });

  it('a rate lists its denominator and marks its numerator; 超期办结数 lists the resolved ones not on time', () => {
    const late = contributionIn(request({ resolvedAt: '2026-11-10T02:00:00.000Z', resolvedLate: true }), { kind: 'grid', id: 'g' }, NOV);
    expect(FIGURE_LISTS.onTimeRate.listed(late)).toBe(true);
    expect(FIGURE_LISTS.onTimeRate.counted(late)).toBe(false);
    expect(FIGURE_LISTS.resolvedLate.listed(late)).toBe(true);
    const c = { filed: 5, filedPatrol: 1, accepted: 4, acceptedOnTime: 3, resolved: 3, resolvedOnTime: 2, solved: 1, rated: 2, satisfied: 1, unsatisfied: 1, reopened: 1, resolveMinutes: 100 };
    expect(FIGURE_LISTS.resolvedLate.listedCount(c)).toBe(1);
    expect([FIGURE_LISTS.satisfactionRate.listedCount(c), FIGURE_LISTS.satisfactionRate.countedCount(c)]).toEqual([2, 1]);
    expect([FIGURE_LISTS.patrolShare.listedCount(c), FIGURE_LISTS.patrolShare.countedCount(c)]).toEqual([5, 1]);
  });

  it('a held request is on no list', () => {
    expect(contributionIn(request({ status: 'held', createdAt: '2026-11-02T02:00:00.000Z' }), { kind: 'grid', id: 'g' }, NOV)).toEqual({});
  });
});

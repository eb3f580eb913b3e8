/** Indicators from summed counters, with hand-computed figures (a rate without a denominator is 无数据). */
import { emptyCounters, type Counters } from './counters';
import { checkWeights, compositeScore, DEFAULT_SCORE_WEIGHTS, figuresOf, formatFigure, INDICATOR_IDS, INDICATORS, rankByScore } from './indicators';

const counters = (over: Partial<Counters>): Counters => ({ ...emptyCounters(), ...over });

describe('figuresOf', () => {
  it('computes every indicator from the counters (a grid month by hand)', () => {
    // 40 filed (8 on patrol), 36 accepted (33 in time), 30 resolved (27 on time, 24 solved, 3 after a reopening),
    // 20 rated (18 满意/基本满意, 2 不满意), 30 resolutions taking 45 working days in all.
    const f = figuresOf(counters({
      filed: 40, filedPatrol: 8, accepted: 36, acceptedOnTime: 33, resolved: 30, resolvedOnTime: 27, solved: 24,
      rated: 20, satisfied: 18, unsatisfied: 2, reopened: 3, resolveMinutes: 45 * 24 * 60,
    }));
    expect(f).toEqual({
      accepted: 36,
      timelyAcceptRate: 33 / 36,
      onTimeRate: 0.9,
      solveRate: 0.8,
      satisfactionRate: 0.9,
      reopenRate: 0.1,
      resolvedLate: 3,
      avgResolveDays: 1.5,
      patrolShare: 0.2,
    });
  });

  it('a rate with nothing under it is null (无数据), not 0% or 100%; counts stay 0', () => {
    const f = figuresOf(emptyCounters());
    expect(f.accepted).toBe(0);
    expect(f.resolvedLate).toBe(0);
    for (const id of ['timelyAcceptRate', 'onTimeRate', 'solveRate', 'satisfactionRate', 'reopenRate', 'avgResolveDays', 'patrolShare'] as const) expect(f[id]).toBeNull();
    // Resolved but unrated: the satisfaction rate has no data, the others do.
    const unrated = figuresOf(counters({ resolved: 2, resolvedOnTime: 1 }));
    expect(unrated.satisfactionRate).toBeNull();
    expect(unrated.onTimeRate).toBe(0.5);
  });

  it('formats figures in Chinese: one decimal for rates and days, 件 for counts, 无数据 for null', () => {
    expect(formatFigure('onTimeRate', 33 / 36)).toBe('91.7%');
    expect(formatFigure('satisfactionRate', 1)).toBe('100.0%');
    expect(formatFigure('avgResolveDays', 1.25)).toBe('1.3 个工作日');
    expect(formatFigure('accepted', 12)).toBe('12 件');
    expect(formatFigure('solveRate', null)).toBe('无数据');
  });

  it('defines every indicator with a Chinese label and definition', () => {
    for (const id of INDICATOR_IDS) {
      expect(INDICATORS[id].label).toMatch(/[\u4e00-\u9fa5]/);
      expect(INDICATORS[id].definition.length).toBeGreaterThan(10);
    }
  });
});

describe('compositeScore and ranking', () => {
  it('weighs 30/30/20/20 by default: 0.9, 0.8, 0.75, 1.0 → 86.0', () => {
    const f = { ...figuresOf(emptyCounters()), onTimeRate: 0.9, satisfactionRate: 0.8, solveRate: 0.75, timelyAcceptRate: 1 };
    // 0.9·30 + 0.8·30 + 0.75·20 + 1·20 = 27 + 24 + 15 + 20 = 86
    expect(compositeScore(f)).toBe(86);
    expect(compositeScore(f, { onTimeRate: 100, satisfactionRate: 0, solveRate: 0, timelyAcceptRate: 0 })).toBe(90);
  });

  it('renormalises when a rate has no data: without ratings, 0.9·30 + 0.75·20 + 1·20 over 70 = 88.6', () => {
    const f = { ...figuresOf(emptyCounters()), onTimeRate: 0.9, satisfactionRate: null, solveRate: 0.75, timelyAcceptRate: 1 };
    expect(compositeScore(f)).toBe(88.6);
    expect(compositeScore(figuresOf(emptyCounters()))).toBeNull();
  });

  it('ranks highest first, equal scores share a rank, unscored last', () => {
    const ranked = rankByScore([
      { item: 'a', score: 80 }, { item: 'b', score: null }, { item: 'c', score: 92.5 }, { item: 'd', score: 80 }, { item: 'e', score: 70 },
    ]);
    expect(ranked.map((r) => [r.item, r.rank])).toEqual([['c', 1], ['a', 2], ['d', 2], ['e', 4], ['b', null]]);
  });

  it('accepts only whole weights from 0 to 100 that sum to 100', () => {
    expect(checkWeights(DEFAULT_SCORE_WEIGHTS)).toBe(true);
    expect(checkWeights({ onTimeRate: 50, satisfactionRate: 50, solveRate: 0, timelyAcceptRate: 0 })).toBe(true);
    expect(checkWeights({ onTimeRate: 30, satisfactionRate: 30, solveRate: 20, timelyAcceptRate: 19 })).toBe(false);
    expect(checkWeights({ onTimeRate: 30.5, satisfactionRate: 29.5, solveRate: 20, timelyAcceptRate: 20 })).toBe(false);
    expect(checkWeights({ onTimeRate: 120, satisfactionRate: -20, solveRate: 0, timelyAcceptRate: 0 })).toBe(false);
  });
});

/**
 * The assessment's indicators, defined once: the formula over summed counters (counters.ts) and the
 * definition the page shows next to each figure. A rate whose denominator is zero is null (无数据),
 * never 0% or 100%.
 */
import type { Counters } from './counters';

export const INDICATOR_IDS = [
  'accepted',
  'timelyAcceptRate',
  'onTimeRate',
  'solveRate',
  'satisfactionRate',
  'reopenRate',
  'resolvedLate',
  'avgResolveDays',
  'patrolShare',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface IndicatorDefinition {
  label: string;
  /** Shown beside the figure: what is counted, over what, in which period. */
  definition: string;
  unit: 'count' | 'rate' | 'days';
}

export const INDICATORS: Record<IndicatorId, IndicatorDefinition> = {
  accepted: { label: '受理数', definition: '统计期内受理（或直接派遣）的诉求件数，按受理日期计入。', unit: 'count' },
  timelyAcceptRate: {
    label: '及时受理率',
    definition: '统计期内受理的诉求中，在受理时限内受理的比例。',
    unit: 'rate',
  },
  onTimeRate: {
    label: '按期办结率',
    definition: '统计期内办结的诉求中，在办结时限（受理后 N 个工作日，默认 2 个）内办结的比例，按办结日期计入。',
    unit: 'rate',
  },
  solveRate: {
    label: '解决率',
    definition: '统计期内办结的诉求中，经居民确认或社区核查为已解决的比例。',
    unit: 'rate',
  },
  satisfactionRate: {
    label: '满意率',
    definition: '统计期内办结并已评价的诉求中，评价为“满意”或“基本满意”的比例；评价计入办结所在的统计期。',
    unit: 'rate',
  },
  reopenRate: { label: '重办率', definition: '统计期内办结的诉求中，曾被居民要求重办的比例。', unit: 'rate' },
  resolvedLate: { label: '超期办结数', definition: '统计期内办结、但超过办结时限的诉求件数。', unit: 'count' },
  avgResolveDays: {
    label: '平均办结用时',
    definition: '统计期内办结的诉求，从受理到办结经过的工作日（不含周末和法定节假日）的平均值。',
    unit: 'days',
  },
  patrolShare: {
    label: '主动发现占比',
    definition: '统计期内上报的诉求中，由网格员巡查发现上报的比例（其余为居民上报或代为上报）。',
    unit: 'rate',
  },
};

const DAY_MINUTES = 24 * 60;

function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export type Figures = Record<IndicatorId, number | null>;

/** Every indicator from summed counters. */
export function figuresOf(c: Counters): Figures {
  return {
    accepted: c.accepted,
    timelyAcceptRate: rate(c.acceptedOnTime, c.accepted),
    onTimeRate: rate(c.resolvedOnTime, c.resolved),
    solveRate: rate(c.solved, c.resolved),
    satisfactionRate: rate(c.satisfied, c.rated),
    reopenRate: rate(c.reopened, c.resolved),
    resolvedLate: c.resolved - c.resolvedOnTime,
    avgResolveDays: c.resolved > 0 ? c.resolveMinutes / c.resolved / DAY_MINUTES : null,
    patrolShare: rate(c.filedPatrol, c.filed),
  };
}

/** 96.5% / 1.3 个工作日 / 12 件 / 无数据. */
export function formatFigure(id: IndicatorId, value: number | null): string {
  if (value === null) return '无数据';
  switch (INDICATORS[id].unit) {
    case 'rate':
      return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
    case 'days':
      return `${(Math.round(value * 10) / 10).toFixed(1)} 个工作日`;
    default:
      return `${value} 件`;
  }
}

// ---- the composite score ---------------------------------------------------------------------------

/** What the street weighs in its composite score; the weights sum to 100. */
export interface ScoreWeights {
  onTimeRate: number;
  satisfactionRate: number;
  solveRate: number;
  timelyAcceptRate: number;
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { onTimeRate: 30, satisfactionRate: 30, solveRate: 20, timelyAcceptRate: 20 };

export const SCORE_DEFINITION =
  '综合得分 = 按期办结率、满意率、解决率、及时受理率按街道设定的权重加权（默认 30%、30%、20%、20%），满分 100；' +
  '某项无数据时不计入，其余各项按权重比例折算；统计期内没有任何受理或办结的不参与排名。';

/**
 * 0–100, or null when the scope had nothing to assess. A rate without data is left out and the other
 * weights are scaled up, so a grid with no ratings yet is neither punished nor rewarded for it.
 */
export function compositeScore(f: Figures, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): number | null {
  let sum = 0;
  let weight = 0;
  for (const [id, w] of Object.entries(weights) as [keyof ScoreWeights, number][]) {
    const v = f[id];
    if (v === null || w <= 0) continue;
    sum += v * w;
    weight += w;
  }
  return weight > 0 ? Math.round((sum / weight) * 1000) / 10 : null;
}

export function checkWeights(w: ScoreWeights): boolean {
  const values = Object.values(w);
  return values.every((v) => Number.isInteger(v) && v >= 0 && v <= 100) && values.reduce((a, b) => a + b, 0) === 100;
}

export interface Ranked<T> {
  item: T;
  score: number | null;
  /** 1-based; equal scores share a rank (1, 2, 2, 4); null for a scope without a score (listed last). */
  rank: number | null;
}

/** Highest score first; ties keep the input order (callers pass rows ordered by code). */
export function rankByScore<T>(rows: { item: T; score: number | null }[]): Ranked<T>[] {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => (b.score as number) - (a.score as number));
  const out: Ranked<T>[] = [];
  scored.forEach((r, i) => {
    const prev = out[i - 1];
    out.push({ ...r, rank: prev && prev.score === r.score ? prev.rank : i + 1 });
  });
  for (const r of rows) if (r.score === null) out.push({ ...r, rank: null });
  return out;
}

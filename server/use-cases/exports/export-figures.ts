/**
 * 考核指标表 and 月度排名: the indicators of the export's scope and of every community, grid and worker
 * under it, from the 考核 counters (AssessmentRepository; never a scan of requests) through core's
 * figuresOf, compositeScore and rankByScore — the same definitions the dashboard shows.
 *
 * - 考核指标表: a line for the scope itself (合计), then one sheet per level (社区 / 网格 / 网格员) in code
 *   order, and a sheet of the definitions (指标说明), so the file explains its own numbers.
 * - 月度排名: each level ranked by composite score, with the previous period's score and the change (环比);
 *   scopes without a score are listed last, unranked, as rankByScore leaves them.
 *
 * Scope reach: street — communities, grids, workers of the street; community — its grids and workers;
 * grid — the grid; worker — the worker. Weights: the default (30/30/20/20) until the street's own are
 * stored (the views' saveWeights).
 */
import type { PeriodInput } from '@core/api/assessment.contract';
import { addCounters, emptyCounters, type Counters, type ScopeKind } from '@core/assessment/counters';
import {
  compositeScore,
  DEFAULT_SCORE_WEIGHTS,
  figuresOf,
  INDICATOR_IDS,
  INDICATORS,
  rankByScore,
  SCORE_DEFINITION,
  type Figures,
  type IndicatorId,
  type ScoreWeights,
} from '@core/assessment/indicators';
import { periodKeys, previousRange, rangeLabel } from '@core/assessment/periods';
import type { UserContext } from '../../functions/define-function';
import { tableOf, type ColumnKind, type SheetData, type TableColumn } from '../../adapters/spreadsheet/export-writer';
import type { ExportScope } from './export-scope';

type Level = 'community' | 'grid' | 'worker';
const LEVEL_LABELS: Record<Level, string> = { community: '社区', grid: '网格', worker: '网格员' };

interface Unit {
  kind: ScopeKind;
  id: string;
  name: string;
  community: string;
}

export interface FigureLine {
  unit: Unit;
  figures: Figures;
  score: number | null;
}

export interface RankedLine extends FigureLine {
  rank: number | null;
  previous: number | null;
  change: number | null;
}

/** How each kind of indicator is written: counts as integers, rates as percentages, working days with a decimal. */
const KIND_OF_UNIT: Record<'count' | 'rate' | 'days', ColumnKind> = { count: 'integer', rate: 'percent', days: 'decimal' };

function figureColumns<L extends FigureLine>(): TableColumn<L>[] {
  return INDICATOR_IDS.map((id: IndicatorId) => ({
    header: INDICATORS[id].unit === 'days' ? `${INDICATORS[id].label}（工作日）` : INDICATORS[id].label,
    width: Math.max(10, INDICATORS[id].label.length * 2 + 4),
    kind: KIND_OF_UNIT[INDICATORS[id].unit],
    value: (l: L) => l.figures[id],
  }));
}

/** The units of each level under the scope, in code order (workers by name). */
async function unitsOf(ctx: UserContext, scope: ExportScope): Promise<{ level: Level; units: Unit[] }[]> {
  const { places } = scope;
  const communityName = (id: string) => places.communities.get(id)?.name ?? '';
  const grids = (communityId?: string): Unit[] =>
    [...places.grids.values()]
      .filter((g) => !communityId || g.communityId === communityId)
      .map((g) => ({ kind: 'grid' as const, id: g.id, name: g.name, community: communityName(g.communityId) }));
  const workers = async (communityId?: string): Promise<Unit[]> =>
    (await ctx.deps.store.users.listWorkers({ streetId: scope.streetId, ...(communityId ? { communityId } : {}) })).map((u) => {
      const post = u.posts.find((p) => p.role === 'grid_worker' && p.streetId === scope.streetId);
      return { kind: 'worker' as const, id: u.id, name: u.name, community: post && 'communityId' in post ? communityName(post.communityId) : '' };
    });
  switch (scope.input.kind) {
    case 'street':
      return [
        { level: 'community', units: [...places.communities.values()].map((c) => ({ kind: 'community' as const, id: c.id, name: c.name, community: c.name })) },
        { level: 'grid', units: grids() },
        { level: 'worker', units: await workers() },
      ];
    case 'community':
      return [
        { level: 'grid', units: grids(scope.input.id) },
        { level: 'worker', units: await workers(scope.input.id) },
      ];
    case 'grid':
      return [{ level: 'grid', units: grids().filter((g) => g.id === scope.input.id) }];
    case 'worker':
      return [{ level: 'worker', units: (await workers()).filter((w) => w.id === scope.input.id) }];
  }
}

/** Summed counters per scope id of one kind over the period (whole months read as one counter each). */
async function summed(ctx: UserContext, streetId: string, kind: ScopeKind, ids: string[], period: PeriodInput): Promise<Map<string, Counters>> {
  const out = new Map<string, Counters>(ids.map((id) => [id, emptyCounters()]));
  if (ids.length === 0) return out;
  const rows = await ctx.deps.store.assessment.counters({ streetId, scopeKind: kind, scopeIds: ids, periods: periodKeys(period) });
  for (const r of rows) {
    const into = out.get(r.scopeId);
    if (into) addCounters(into, r.counters);
  }
  return out;
}

async function lines(ctx: UserContext, scope: ExportScope, units: Unit[], period: PeriodInput, weights: ScoreWeights): Promise<FigureLine[]> {
  const kind = units[0]?.kind;
  if (!kind) return [];
  const counters = await summed(ctx, scope.streetId, kind, units.map((u) => u.id), period);
  return units.map((unit) => {
    const figures = figuresOf(counters.get(unit.id) ?? emptyCounters());
    return { unit, figures, score: compositeScore(figures, weights) };
  });
}

/** Ranked by score with the previous period's score and the change. */
export async function rankedLines(ctx: UserContext, scope: ExportScope, units: Unit[], period: PeriodInput, weights: ScoreWeights): Promise<RankedLine[]> {
  const [now, before] = await Promise.all([lines(ctx, scope, units, period, weights), lines(ctx, scope, units, previousRange(period), weights)]);
  const previous = new Map(before.map((l) => [l.unit.id, l.score]));
  return rankByScore(now.map((l) => ({ item: l, score: l.score }))).map(({ item, rank }) => {
    const prev = previous.get(item.unit.id) ?? null;
    return { ...item, rank, previous: prev, change: item.score !== null && prev !== null ? Math.round((item.score - prev) * 10) / 10 : null };
  });
}

function definitionsSheet(title: string): SheetData {
  const rows: { label: string; definition: string }[] = [
    ...INDICATOR_IDS.map((id) => ({ label: INDICATORS[id].label, definition: INDICATORS[id].definition })),
    { label: '综合得分', definition: SCORE_DEFINITION },
  ];
  return tableOf(
    {
      name: '指标说明',
      title,
      columns: [
        { header: '指标', width: 16, kind: 'text', value: (r) => r.label },
        { header: '定义', width: 100, kind: 'text', value: (r) => r.definition },
      ],
    },
    rows,
  );
}

export async function figureSheets(
  ctx: UserContext,
  kind: 'assessment' | 'ranking',
  scope: ExportScope,
  period: PeriodInput,
  titleOf: (what: string) => string,
): Promise<SheetData[]> {
  const weights = DEFAULT_SCORE_WEIGHTS;
  const levels = await unitsOf(ctx, scope);
  const sheets: SheetData[] = [];
  if (kind === 'assessment') {
    const self: Unit = { kind: scope.input.kind, id: scope.input.id, name: `${scope.name}（合计）`, community: '' };
    const total = await lines(ctx, scope, [self], period, weights);
    for (const [i, { level, units }] of levels.entries()) {
      const rows = [...(i === 0 ? total : []), ...(await lines(ctx, scope, units, period, weights))];
      sheets.push(
        tableOf<FigureLine>(
          {
            name: `${LEVEL_LABELS[level]}指标`,
            title: titleOf(`考核指标表（${LEVEL_LABELS[level]}）`),
            columns: [
              { header: LEVEL_LABELS[level], width: 22, kind: 'text', value: (l) => l.unit.name },
              ...(level === 'community' ? [] : [{ header: '所属社区', width: 12, kind: 'text' as const, value: (l: FigureLine) => l.unit.community }]),
              ...figureColumns<FigureLine>(),
              { header: '综合得分', width: 10, kind: 'decimal', value: (l) => l.score },
            ],
          },
          rows,
        ),
      );
    }
    sheets.push(definitionsSheet(titleOf('指标说明')));
    return sheets;
  }
  const prevLabel = rangeLabel(previousRange(period));
  for (const { level, units } of levels) {
    sheets.push(
      tableOf<RankedLine>(
        {
          name: `${LEVEL_LABELS[level]}排名`,
          title: titleOf(`${LEVEL_LABELS[level]}排名`),
          columns: [
            { header: '排名', width: 7, kind: 'integer', value: (l) => l.rank },
            { header: LEVEL_LABELS[level], width: 22, kind: 'text', value: (l) => l.unit.name },
            ...(level === 'community' ? [] : [{ header: '所属社区', width: 12, kind: 'text' as const, value: (l: RankedLine) => l.unit.community }]),
            { header: '综合得分', width: 10, kind: 'decimal', value: (l) => l.score },
            { header: `上期得分（${prevLabel}）`, width: 22, kind: 'decimal', value: (l) => l.previous },
            { header: '环比', width: 8, kind: 'decimal', value: (l) => l.change },
            ...figureColumns<RankedLine>(),
          ],
        },
        await rankedLines(ctx, scope, units, period, weights),
      ),
    );
  }
  sheets.push(definitionsSheet(titleOf('指标说明')));
  return sheets;
}

/**
 * 考核指标表 and 月度排名: the indicators of the export's scope and of every community, grid and worker
 * under it, from the 考核 counters (AssessmentRepository; never a scan of requests) through core's
 * figuresOf, compositeScore and rankByScore — the same definitions the dashboard shows.
 *
 * - 考核指标表: a line for the scope itself (合计), then one sheet per level (社区 / 网格 / 网格员) in code
 *   order, and a sheet of the definitions (指标说明), so the file explains its own numbers.
 * - 月度排名: each level ranked by composite score with the change against the previous period (环比) —
 *   the dashboard's own ranking builder (assessment-reads rankRows), so the file and the page agree; scopes
 *   without a score are listed last, unranked; then 本月热点 (the dashboard's hotIssues: the period's last
 *   month, excerpts with digit runs masked, never who filed).
 *
 * Scope reach: street — communities, grids, workers of the street; community — its grids and workers;
 * grid — the grid (ranked among its community's grids); worker — the worker (among its community's
 * workers). Weights: the street's own (streetWeights), as on the dashboard.
 */
import type { HotIssue, PeriodInput, RankingRow } from '@core/api/assessment.contract';
import { emptyCounters, type ScopeKind } from '@core/assessment/counters';
import { compositeScore, figuresOf, INDICATOR_IDS, INDICATORS, SCORE_DEFINITION, type Figures, type IndicatorId, type ScoreWeights } from '@core/assessment/indicators';
import { periodKeys } from '@core/assessment/periods';
import type { UserContext } from '../context';
import { tableOf, type ColumnKind, type SheetData, type TableColumn } from '@core/exports/sheet';
import { countersByScope, rankRows, streetWeights } from '../assessment/assessment-reads';
import { assessmentScope } from '../assessment/assessment-scope';
import { hotIssues, hotMonthOf } from '../assessment/hot-issues';
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

/** How each kind of indicator is written: counts as integers, rates as percentages, working days with a decimal. */
const KIND_OF_UNIT: Record<'count' | 'rate' | 'days', ColumnKind> = { count: 'integer', rate: 'percent', days: 'decimal' };

function figureColumns<L>(figures: (l: L) => Figures): TableColumn<L>[] {
  return INDICATOR_IDS.map((id: IndicatorId) => ({
    header: INDICATORS[id].unit === 'days' ? `${INDICATORS[id].label}（工作日）` : INDICATORS[id].label,
    width: Math.max(10, INDICATORS[id].label.length * 2 + 4),
    kind: KIND_OF_UNIT[INDICATORS[id].unit],
    value: (l: L) => figures(l)[id],
  }));
}

/** The units of each level under the scope, in code order (workers by name). */
async function unitsOf(ctx: UserContext, scope: ExportScope, forRanking: boolean): Promise<{ level: Level; units: Unit[] }[]> {
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
    // A grid or a worker is ranked in the context it is judged in: its community's grids / workers.
    case 'grid': {
      const communityId = places.grids.get(scope.input.id)?.communityId;
      return [{ level: 'grid', units: forRanking ? grids(communityId) : grids().filter((g) => g.id === scope.input.id) }];
    }
    case 'worker': {
      const all = await workers(scope.requests.communityId);
      return [{ level: 'worker', units: forRanking ? all : all.filter((w) => w.id === scope.input.id) }];
    }
  }
}

async function lines(ctx: UserContext, scope: ExportScope, units: Unit[], period: PeriodInput, weights: ScoreWeights): Promise<FigureLine[]> {
  const kind = units[0]?.kind;
  if (!kind) return [];
  const counters = await countersByScope(ctx.deps, scope.streetId, kind, periodKeys(period), units.map((u) => u.id));
  return units.map((unit) => {
    const figures = figuresOf(counters.get(unit.id) ?? emptyCounters());
    return { unit, figures, score: compositeScore(figures, weights) };
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
  const weights = await streetWeights(ctx.deps, scope.streetId);
  const levels = await unitsOf(ctx, scope, kind === 'ranking');
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
              ...figureColumns<FigureLine>((l) => l.figures),
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
  for (const { level, units } of levels) {
    const candidates = units.map((u) => ({ scope: { kind: level, id: u.id }, name: u.name, communityName: level === 'community' ? null : u.community }));
    const rows = await rankRows(ctx.deps, scope.streetId, level, candidates, period, weights, scope.input.kind === 'street');
    sheets.push(
      tableOf<RankingRow>(
        {
          name: `${LEVEL_LABELS[level]}排名`,
          title: titleOf(`${LEVEL_LABELS[level]}排名`),
          columns: [
            { header: '排名', width: 7, kind: 'integer', value: (r) => r.rank },
            { header: LEVEL_LABELS[level], width: 22, kind: 'text', value: (r) => r.name },
            ...(level === 'community' ? [] : [{ header: '所属社区', width: 12, kind: 'text' as const, value: (r: RankingRow) => r.communityName ?? '' }]),
            { header: '综合得分', width: 10, kind: 'decimal', value: (r) => r.score },
            { header: '环比', width: 8, kind: 'decimal', value: (r) => r.change },
            ...figureColumns<RankingRow>((r) => r.figures),
          ],
        },
        rows,
      ),
    );
  }
  sheets.push(await hotSheet(ctx, scope, period, titleOf));
  sheets.push(definitionsSheet(titleOf('指标说明')));
  return sheets;
}

const HOT_KIND_LABELS: Record<HotIssue['kind'], string> = { category: '类别', building: '楼栋', community: '社区' };

/** 本月热点 of the period's last month, exactly as the dashboard finds them. */
async function hotSheet(ctx: UserContext, scope: ExportScope, period: PeriodInput, titleOf: (what: string) => string): Promise<SheetData> {
  const s = await assessmentScope(ctx.deps, ctx.actor, scope.input, 'assessment.export');
  const communities = [...scope.places.communities.values()];
  const gridIds =
    s.ref.kind === 'street' ? null : s.ref.kind === 'grid' ? [s.ref.id] : s.ref.kind === 'worker' ? (s.workerGridIds ?? []) : [...scope.gridIds];
  const month = hotMonthOf(period.to);
  const issues = await hotIssues(ctx.deps, s, month, communities, gridIds);
  return tableOf<HotIssue>(
    {
      name: '本月热点',
      title: titleOf(`本月热点（${Number(month.slice(5))}月，与前三个月月均相比）`),
      columns: [
        { header: '类型', width: 7, kind: 'text', value: (i) => HOT_KIND_LABELS[i.kind] },
        { header: '名称', width: 22, kind: 'text', value: (i) => i.name },
        { header: '本月件数', width: 9, kind: 'integer', value: (i) => i.count },
        { header: '前三月月均', width: 11, kind: 'decimal', value: (i) => i.baseline },
        { header: '升幅', width: 9, kind: 'percent', value: (i) => i.rise },
        { header: '说明', width: 8, kind: 'text', value: (i) => (i.rise === null ? '新出现' : '') },
        { header: '示例（已隐去个人信息）', width: 60, kind: 'text', value: (i) => i.examples.join('；') },
      ],
    },
    issues,
  );
}

/**
 * The `assessment` function: 考核评价 — indicators for any scope and period, the ranking, the trend, the
 * overdue list, the requests behind any figure, a worker's own figures, the public scorecard (服务公示),
 * the month's hot issues (本月热点) and exports. Definitions live in core/assessment.
 */
import type { IndicatorId, ScoreWeights } from '../assessment/indicators';
import type { ScopeKind } from '../assessment/counters';
import type { RequestSummary } from './request.contract';

export interface PeriodInput {
  /** 'YYYY-MM-DD', Beijing date, included. */
  from: string;
  /** 'YYYY-MM-DD', Beijing date, included. */
  to: string;
}

export interface ScopeInput {
  kind: ScopeKind;
  id: string;
}

export interface FigureView {
  id: IndicatorId;
  label: string;
  value: number | null;
  /** 96.5% / 1.3 个工作日 / 12 件 / 无数据. */
  display: string;
  definition: string;
  /** Which requests the figure's list shows (core/assessment/figure-lists.ts). */
  listDefinition: string;
}

export interface RankingRow {
  scope: ScopeInput;
  name: string;
  /** For grids and workers: the community; for communities: null. */
  communityName: string | null;
  score: number | null;
  rank: number | null;
  /** Score minus the previous period's (环比), null when either is missing. */
  change: number | null;
  figures: Record<IndicatorId, number | null>;
}

export interface TrendPoint {
  /** 'YYYY-MM'. */
  month: string;
  accepted: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

export interface HotIssue {
  /** What the requests are about: a category, or a place (building / community). */
  kind: 'category' | 'building' | 'community';
  id: string;
  name: string;
  count: number;
  /** Average monthly count over the three months before. */
  baseline: number;
  /** count / baseline − 1; null when the baseline is 0 (新出现). */
  rise: number | null;
  /** Up to 3 excerpts, reporters never named. */
  examples: string[];
}

export interface DashboardView {
  scope: ScopeInput & { name: string };
  period: PeriodInput & { label: string };
  figures: FigureView[];
  /** Open requests past their current deadline right now (超期未办结). */
  overdueNow: number;
  score: number | null;
  scoreDefinition: string;
  weights: ScoreWeights;
  ranking: { kind: 'community' | 'grid' | 'worker'; rows: RankingRow[] };
  /** The 12 months ending with the period's last month. */
  trend: TrendPoint[];
  /** The most overdue open requests of the scope (at most 20). */
  overdue: RequestSummary[];
  hotIssues: HotIssue[];
}

/** A row of a figure's list: `counted` says whether it is in the rate's numerator (always true for a count). */
export interface FigureRequestItem extends RequestSummary {
  counted: boolean;
}

/**
 * A figure's requests: the same rule that counted them, so the list's total equals the figure. A count
 * figure lists what it counts (total = the figure); a rate lists its denominator (total) and marks its
 * numerator (`counted`, and `counted` on each row); 平均办结用时 lists the resolved requests.
 */
export interface FigureRequestsView {
  figure: IndicatorId;
  label: string;
  /** What is listed, in words. */
  definition: string;
  total: number;
  counted: number;
  items: FigureRequestItem[];
  next: string | null;
}

export interface MyAssessmentView {
  period: PeriodInput & { label: string };
  figures: FigureView[];
  score: number | null;
  /** The grids the worker leads, with their rank among the street's grids. */
  grids: { gridId: string; name: string; rank: number | null; of: number; score: number | null }[];
  /** What pulls the figures down: requests resolved late and rated 不满意 in the period. */
  late: RequestSummary[];
  unsatisfied: RequestSummary[];
}

export interface ScorecardView {
  gridId: string;
  /** 近3个月. */
  periodLabel: string;
  /** Hidden while the grid has fewer than SCORECARD_MIN_RATED rated requests in the period. */
  shown: boolean;
  handled: number;
  /** Rated requests in the period (what `shown` is decided on). */
  rated: number;
  /** The rates; null while not shown (never leaked before the grid has enough ratings). */
  onTimeRate: number | null;
  satisfactionRate: number | null;
  /** 96.5% / 无数据, the same formatting as the dashboard. */
  onTimeDisplay: string;
  satisfactionDisplay: string;
}

export const SCORECARD_MIN_RATED = 10;

export const EXPORT_KINDS = ['assessment', 'ranking', 'requests', 'coverage'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  assessment: '考核指标表',
  ranking: '月度排名',
  requests: '诉求台账',
  coverage: '通知到户情况',
};

export interface ExportView {
  /** H5: a URL the browser downloads; weapp: a temporary URL of the cloud file for wx.downloadFile + openDocument. */
  url: string;
  fileName: string;
  rows: number;
  expiresAt: string;
}

export interface AssessmentContract {
  assessment: {
    dashboard: { input: { scope: ScopeInput; period: PeriodInput; rankBy?: 'community' | 'grid' | 'worker' }; output: DashboardView };
    figureRequests: {
      input: { scope: ScopeInput; period: PeriodInput; figure: IndicatorId; cursor?: string | null };
      output: FigureRequestsView;
    };
    mine: { input: { period: PeriodInput }; output: MyAssessmentView };
    scorecard: { input: { gridId: string }; output: ScorecardView };
    weights: { input: Record<string, never>; output: ScoreWeights };
    saveWeights: { input: ScoreWeights; output: ScoreWeights };
    export: {
      input: { kind: ExportKind; format: 'xlsx' | 'csv'; scope: ScopeInput; period: PeriodInput; noticeId?: string };
      output: ExportView;
    };
  };
}

import type { DashboardView, FigureRequestsView, MyAssessmentView, PeriodInput, ScopeInput } from '@core/api/assessment.contract';
import type { IndicatorId, ScoreWeights } from '@core/assessment/indicators';
import { cloud } from '../../lib/cloud';

/** 考核评价: every call of the assessment subpackage (the scorecard on the contact card calls its own, in the main package). */
export const assessmentApi = {
  dashboard: (scope: ScopeInput, period: PeriodInput, rankBy?: 'community' | 'grid' | 'worker'): Promise<DashboardView> =>
    cloud.call('assessment', 'dashboard', rankBy ? { scope, period, rankBy } : { scope, period }),
  figureRequests: (scope: ScopeInput, period: PeriodInput, figure: IndicatorId, cursor?: string): Promise<FigureRequestsView> =>
    cloud.call('assessment', 'figureRequests', cursor ? { scope, period, figure, cursor } : { scope, period, figure }),
  mine: (period: PeriodInput): Promise<MyAssessmentView> => cloud.call('assessment', 'mine', { period }),
  saveWeights: (weights: ScoreWeights): Promise<ScoreWeights> => cloud.call('assessment', 'saveWeights', weights),
};

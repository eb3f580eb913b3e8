import { ASSESSMENT_SCHEMAS as s } from '@core/api/assessment.schemas';
import { getDashboard } from '../use-cases/assessment/get-dashboard';
import { getMyAssessment } from '../use-cases/assessment/get-my-assessment';
import { getScorecard } from '../use-cases/assessment/get-scorecard';
import { getWeights } from '../use-cases/assessment/get-weights';
import { listFigureRequests } from '../use-cases/assessment/list-figure-requests';
import { saveWeights } from '../use-cases/assessment/save-weights';
import { defineFunction } from './define-function';

/** 考核评价: indicators, ranking, trend, overdue list and hot issues; a worker's own figures; the public scorecard; the street's weights. */
export const assessmentFunction = defineFunction('assessment', {
  dashboard: { permission: 'assessment.view', input: s.dashboard, run: getDashboard },
  figureRequests: { permission: 'assessment.view', input: s.figureRequests, run: listFigureRequests },
  mine: { permission: 'assessment.mine', input: s.mine, run: getMyAssessment },
  scorecard: { permission: 'assessment.scorecard', input: s.scorecard, run: getScorecard },
  weights: { permission: 'street.settings', input: s.weights, run: getWeights },
  saveWeights: { permission: 'street.settings', input: s.saveWeights, run: saveWeights },
});

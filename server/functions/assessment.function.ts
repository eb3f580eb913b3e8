import { exportSchema } from '@core/api/assessment-export.schemas';
import { runExport } from '../use-cases/exports/run-export';
import { defineFunction } from './define-function';

/**
 * 考核评价: indicators, ranking, scorecard and exports. The export writes an XLSX/CSV file to storage
 * (exports/, 24 h) and answers its download URL.
 */
export const assessmentFunction = defineFunction('assessment', {
  export: { permission: 'assessment.export', input: exportSchema, run: runExport },
});

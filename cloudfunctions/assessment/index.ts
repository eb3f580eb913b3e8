/**
 * Deploy unit `assessment`: 考核评价 — dashboards, the requests behind a figure, a worker's own figures,
 * the public scorecard, the street's score weights (all read from counters) and the XLSX/CSV exports.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { assessmentFunction } from '../../server/functions/assessment.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  assessmentFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'assessment'),
);

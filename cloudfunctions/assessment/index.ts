/**
 * Deploy unit `assessment`: 考核评价 (indicators, ranking, scorecard) and its exports.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { assessmentFunction } from '../../server/functions/assessment.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  assessmentFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, { bindUrlBase: process.env.WGT_BIND_URL_BASE ?? '' }),
);

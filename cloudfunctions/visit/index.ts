/**
 * Deploy unit `visit`: 走访 / 巡查 records, 今日待访, household history and coverage.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, and the
 * shared handler does the rest. No environment id here: SYMBOL_CURRENT_ENV is the environment the
 * function is deployed in.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/composition/cloudbase-deps';
import { visitFunction } from '../../server/functions/visit.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  visitFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'visit'),
);

/**
 * Deploy unit `housekeeping`: system-only upkeep, started by the daily timer trigger in config.json.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, and the
 * shared handler does the rest. No environment id here: SYMBOL_CURRENT_ENV is the environment the
 * function is deployed in.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { housekeepingFunction } from '../../server/functions/housekeeping.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  housekeepingFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'housekeeping'),
);

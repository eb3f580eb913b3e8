/**
 * Deploy unit `grid`: grids, their workers and the workers' contact cards.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, and the
 * shared handler does the rest. No environment id here: SYMBOL_CURRENT_ENV is the environment the
 * function is deployed in.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { gridFunction } from '../../server/functions/grid.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  gridFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'grid'),
);

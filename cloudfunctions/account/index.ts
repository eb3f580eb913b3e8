/**
 * Deploy unit `account`: who the caller is, binding to and leaving a household.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, and the
 * shared handler does the rest. No environment id here: SYMBOL_CURRENT_ENV is the environment the
 * function is deployed in.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { accountFunction } from '../../server/functions/account.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  accountFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'account'),
);

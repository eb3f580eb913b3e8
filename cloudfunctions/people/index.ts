/**
 * Deploy unit `people`: 人员管理 — invitations, revoking staff, the audit log.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { peopleFunction } from '../../server/functions/people.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  peopleFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'people'),
);

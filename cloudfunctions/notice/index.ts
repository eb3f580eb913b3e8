/**
 * Deploy unit `notice`: notices (通知公告), feeds and coverage.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { noticeFunction } from '../../server/functions/notice.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  noticeFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'notice'),
);

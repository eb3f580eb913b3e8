/**
 * Deploy unit `message`: the in-app inbox (站内消息).
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { messageFunction } from '../../server/functions/message.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  messageFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, { bindUrlBase: process.env.WGT_BIND_URL_BASE ?? '' }),
);

/**
 * Deploy unit `message`: the in-app inbox (站内消息), subscribe-message consent, and the dispatcher that
 * sends subscribe messages (timer every minute, config.json) through WeChat's `subscribeMessage.send`
 * (wx-server-sdk's cloud call, `openapi` permission in config.json).
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, and its
 * composition (server/composition/compositions.ts) the sender, the audience of urgent notices and the
 * template ids from the environment (WGT_SUBSCRIBE_TEMPLATES).
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { messageFunction } from '../../server/functions/message.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  messageFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'message'),
);

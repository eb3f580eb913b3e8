/**
 * Deploy unit `message`: the in-app inbox (站内消息), subscribe-message consent, and the dispatcher that
 * sends subscribe messages (timer every minute, config.json) through WeChat's `subscribeMessage.send`
 * (wx-server-sdk's cloud call, `openapi` permission in config.json).
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, the
 * environment supplies the template ids (WGT_SUBSCRIBE_TEMPLATES).
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/composition/cloudbase-deps';
import { wechatSubscribeSender, type SubscribeMessageApi } from '../../server/adapters/wechat/wechat-subscribe-sender';
import { messageFunction } from '../../server/functions/message.function';
import { audienceByKind } from '../../server/adapters/audience/audience-by-kind';
import { noticeAudience } from '../../server/use-cases/notices/notice-audience';
import { messageConfigFromEnv } from '../../server/use-cases/messages/message-config';
import { createMain } from '../cloudbase-entry';

/**
 * wx-server-sdk is loaded on the first send, not at import: reading the inbox never pays for loading it,
 * and requiring the bundle has no side effects.
 */
let openapi: SubscribeMessageApi | null = null;
const lazyOpenapi: SubscribeMessageApi = {
  subscribeMessage: {
    send(args) {
      if (!openapi) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const cloud = require('wx-server-sdk') as { init(o: { env: unknown }): void; DYNAMIC_CURRENT_ENV: unknown; openapi: SubscribeMessageApi };
        cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
        openapi = cloud.openapi;
      }
      return openapi.subscribeMessage.send(args);
    },
  },
};

export const main = createMain(
  messageFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => {
    const deps = cloudbaseDeps(
      app,
      { bindUrlBase: process.env.WGT_BIND_URL_BASE ?? '', messages: messageConfigFromEnv(process.env) },
      { subscribe: wechatSubscribeSender(lazyOpenapi, { timeoutMs: 8000 }) },
    );
    // An urgent notice's one outbox record reaches the residents in its scope, expanded batch by batch.
    return { ...deps, audience: audienceByKind({ notice: noticeAudience(deps.store, deps.clock) }) };
  },
);

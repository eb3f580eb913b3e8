/**
 * Deploy unit `request`: 诉求, the six-step loop, and its daily archive timer (config.json).
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, WeChat's
 * msgSecCheck (through wx-server-sdk's cloud call, `openapi` permission in config.json) checks text.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/composition/cloudbase-deps';
import { requestFunction } from '../../server/functions/request.function';
import { wechatContentCheck, type MsgSecCheckApi } from '../../server/adapters/wechat/wechat-content-check';
import { createMain } from '../cloudbase-entry';

/**
 * wx-server-sdk is loaded on the first text check, not at import or on reads: requiring the bundle has no
 * side effects, and calls that check no text never pay for loading it.
 */
let openapi: MsgSecCheckApi | null = null;
const lazyOpenapi: MsgSecCheckApi = {
  security: {
    msgSecCheck(args) {
      if (!openapi) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const cloud = require('wx-server-sdk') as { init(o: { env: unknown }): void; DYNAMIC_CURRENT_ENV: unknown; openapi: MsgSecCheckApi };
        cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
        openapi = cloud.openapi;
      }
      return openapi.security.msgSecCheck(args);
    },
  },
};

export const main = createMain(
  requestFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) =>
    cloudbaseDeps(app, { bindUrlBase: process.env.WGT_BIND_URL_BASE ?? '' }, {
      contentCheck: wechatContentCheck(lazyOpenapi, { error: (m, e) => console.error(m, e) }),
    }),
);

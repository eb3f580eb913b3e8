/**
 * wx-server-sdk's `cloud.openapi` (WeChat's open API through the cloud call: msgSecCheck, subscribeMessage.send),
 * loaded on the first open-API call, never at import: requiring a bundle has no side effects, and calls that
 * reach no open API (reads, a function without the permission) never pay for loading it. Only functions with
 * the `openapi` permission in config.json install wx-server-sdk (scripts/config.test.ts).
 */
import type { MsgSecCheckApi } from '../../ports/content-check.port';
import type { SubscribeMessageApi } from './wechat-subscribe-sender';

export type WxOpenapi = MsgSecCheckApi & SubscribeMessageApi;

interface WxServerSdk {
  init(options: { env: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  openapi: WxOpenapi;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireSdk = (): WxServerSdk => require('wx-server-sdk') as WxServerSdk;

/** The open API, initialised once (for the environment the function runs in) on its first call. */
export function lazyWxOpenapi(load: () => WxServerSdk = requireSdk): WxOpenapi {
  let openapi: WxOpenapi | null = null;
  const api = (): WxOpenapi => {
    if (!openapi) {
      const cloud = load();
      cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
      openapi = cloud.openapi;
    }
    return openapi;
  };
  return {
    security: { msgSecCheck: (args) => api().security.msgSecCheck(args) },
    subscribeMessage: { send: (args) => api().subscribeMessage.send(args) },
  };
}

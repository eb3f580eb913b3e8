/**
 * The adapters a cloud function runs with in production, built from the node-sdk app its entry created and
 * the function's composition (server/composition/compositions.ts): every function gets the store, files,
 * clock and log; only what its row declares gets more, anything else is a stub that throws «not wired».
 * Only the SDK's types are imported: the SDK itself is loaded by the entry (`cloudfunctions/<fn>/index.ts`),
 * and wx-server-sdk on the first open-API call (../wechat/wx-openapi.ts).
 */
import type { RegisterReader } from '@core/registers/register-data';
import { randomUUID } from 'node:crypto';
import type { CloudBase } from '@cloudbase/node-sdk';
import { composeDeps, needs, type ComposedFunctionName } from '../../composition/compositions';
import type { Deps, Logger } from '../../use-cases/context';
import { audienceByKind } from '../../ports/audience.port';
import { systemClock } from '../../ports/clock.port';
import { wechatContentCheck } from '../../ports/content-check.port';
import { messageConfigFromEnv } from '../../use-cases/messages/message-config';
import { noticeAudience } from '../../use-cases/notices/notice-audience';
import { wechatSubscribeSender } from '../wechat/wechat-subscribe-sender';
import { lazyWxOpenapi, type WxOpenapi } from '../wechat/wx-openapi';
import { CloudbaseFileStorage, type CloudbaseFilesApp } from './cloudbase-files';
import type { CloudbaseDb } from './cloudbase-db';
import { createCloudbaseStore } from './cloudbase-store';

/** Function logs go to the platform's log (console in SCF). */
export const consoleLogger: Logger = {
  info: (message, ...rest) => console.log(message, ...rest),
  error: (message, ...rest) => console.error(message, ...rest),
};

/** What cloudbaseDeps reads from the app: its database and its storage calls. */
export type CloudbaseApp = CloudbaseFilesApp & { database(): CloudbaseDb };

export interface CloudbaseDepsOptions {
  /** The function's environment variables (process.env in SCF). */
  env?: Record<string, string | undefined>;
  /**
   * The register spreadsheet reader, passed by the register entry only: the reader's libraries are installed
   * for that function alone (its package.json), so no shared module may import it.
   */
  registerReader?: RegisterReader;
  /** WeChat's open API; defaults to wx-server-sdk loaded on first use. */
  openapi?: WxOpenapi;
}

/**
 * The Deps of the deployed function `name`, as its composition declares them. `'wgt'` is the command line
 * (scripts/wgt) working on the cloud: no function, so nothing beyond the base adapters.
 */
export function cloudbaseDeps(app: CloudBase | CloudbaseApp, name: ComposedFunctionName | 'wgt', options: CloudbaseDepsOptions = {}): Deps {
  // The SDK's own types are checked against the narrow surface the adapters use here, once.
  const surface: CloudbaseApp = app;
  const env = options.env ?? process.env;
  if (needs(name, 'registerReader') && !options.registerReader) {
    throw new Error(`function ${name} declares registerReader: its entry must pass the spreadsheet reader`);
  }
  const store = createCloudbaseStore(surface.database());
  const openapi = options.openapi ?? lazyWxOpenapi();
  return composeDeps(name, {
    base: {
      store,
      files: new CloudbaseFileStorage(surface),
      clock: systemClock,
      newId: () => randomUUID().replace(/-/g, ''),
      log: consoleLogger,
      config: { bindUrlBase: env.WGT_BIND_URL_BASE ?? '' },
    },
    // msgSecCheck for a WeChat user's text; a partner's text (no openid) is checked by the street's word list only.
    contentCheck: () => wechatContentCheck(openapi, { error: (m, e) => console.error(m, e) }),
    // WeChat's 服务通知 is the record of what was sent; there is no log of its own to show.
    subscribe: () => ({ sender: wechatSubscribeSender(openapi, { timeoutMs: 8000 }), sentLog: null }),
    // An urgent notice's one outbox record reaches the residents in its scope, expanded batch by batch.
    audience: () => audienceByKind({ notice: noticeAudience(store, systemClock) }),
    subscribeTemplates: () => messageConfigFromEnv(env),
    registerReader: () => options.registerReader!,
  });
}

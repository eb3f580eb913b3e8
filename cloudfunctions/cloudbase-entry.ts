/**
 * What every CloudBase entry does between the platform and the shared handler. Kept out of the
 * `cloudfunctions/<name>/index.ts` files so the identity rule lives once and can be tested without the SDK;
 * which adapters each function gets is its row in server/composition/compositions.ts.
 */
import type { Reply } from '@core/shared/errors';
import type { CloudFunction, Identity } from '../server/functions/define-function';
import type { Deps } from '../server/use-cases/context';
import { isHttpEvent, type HttpResponse } from '../server/functions/http-event';

/** The one thing the entry reads from the CloudBase app: the caller the platform injected. */
export interface CallerSource {
  auth(): { getUserInfo(): { openId?: string } };
}

export type CloudbaseMain = (event: unknown, context: unknown) => Promise<Reply<unknown> | HttpResponse>;

/**
 * A WeChat caller carries an openid injected by the platform; timer triggers and HTTP-API calls carry
 * none and run as the system. Nothing in the request body can change this.
 */
export function identityFrom(userInfo: { openId?: string }): Identity {
  const openid = typeof userInfo.openId === 'string' ? userInfo.openId : '';
  return openid ? { kind: 'user', openid } : { kind: 'system' };
}

/**
 * Builds `exports.main`. The app and the adapters are created on the first call and reused by every
 * later call the instance serves: requiring the bundle has no side effects (the SDK's `init` starts a
 * metadata probe when it cannot tell it is inside SCF), and warm calls skip the setup.
 * Only the handler's reply leaves the function — never `event` or `context`.
 */
export function createMain<App extends CallerSource>(
  fn: CloudFunction,
  initApp: () => App,
  makeDeps: (app: App) => Deps,
): CloudbaseMain {
  let instance: { app: App; deps: Deps } | null = null;
  return async (event) => {
    if (!instance) {
      const app = initApp();
      instance = { app, deps: makeDeps(app) };
    }
    // An HTTP access service call (open311) authenticates itself (api_key) and answers as HTTP; it never
    // runs as the system identity a call without an openid would otherwise get.
    if (fn.http && isHttpEvent(event)) return fn.http(event, instance.deps);
    const identity = identityFrom(instance.app.auth().getUserInfo());
    return fn.handle(identity, event, instance.deps);
  };
}

/**
 * Production subscribe messages: wx-server-sdk's `cloud.openapi.subscribeMessage.send` (the calling
 * function's config.json lists `permissions.openapi: ["subscribeMessage.send"]`, so no access token is
 * handled here). The SDK answers `{ errCode: 0, errMsg }` and throws `{ errCode, errMsg }` on a refusal;
 * each code is sorted into what the dispatcher does next. A call that does not answer within `timeoutMs`
 * counts as transient — WeChat may still have delivered it, which is the one way a retry could show a
 * message twice (see subscribe-sender.port.ts).
 */
import type { TemplateData } from '@core/messages/subscribe-message';
import type { MiniprogramState, SendFailureKind, SendResult, SubscribeSender } from '../../ports/subscribe-sender.port';

/** The part of wx-server-sdk's `cloud.openapi` this adapter calls. */
export interface SubscribeMessageApi {
  subscribeMessage: {
    send(args: { touser: string; templateId: string; page: string; data: TemplateData; miniprogramState: MiniprogramState; lang: 'zh_CN' }): Promise<{ errCode?: number; errMsg?: string }>;
  };
}

/** Refusals a retry cannot fix, besides 43101 and 47003. */
const REJECTED = new Set([
  40003, // invalid openid
  40037, // invalid template_id
  41030, // page not published / invalid
  43107, // the template is not allowed for this account
  -501007, // the SDK refused the parameters before calling WeChat
]);

export function classifyWechatError(code: number): SendFailureKind {
  if (code === 43101) return 'no_consent';
  if (code === 47003) return 'bad_parameter';
  if (REJECTED.has(code)) return 'rejected';
  // -1 system busy, 45009 rate limited, 40001/42001 token trouble inside the SDK, network and the unknown.
  return 'transient';
}

function errorOf(e: unknown): { code: number | null; message: string } {
  if (typeof e === 'object' && e !== null) {
    const err = e as { errCode?: unknown; errcode?: unknown; errMsg?: unknown; errmsg?: unknown; message?: unknown };
    const code = typeof err.errCode === 'number' ? err.errCode : typeof err.errcode === 'number' ? err.errcode : null;
    const message = String(err.errMsg ?? err.errmsg ?? err.message ?? '');
    return { code, message };
  }
  return { code: null, message: String(e) };
}

export function wechatSubscribeSender(openapi: SubscribeMessageApi, options: { timeoutMs: number } = { timeoutMs: 8000 }): SubscribeSender {
  return {
    async send(m): Promise<SendResult> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const call = openapi.subscribeMessage.send({ touser: m.touser, templateId: m.templateId, page: m.page, data: m.data, miniprogramState: m.miniprogramState, lang: 'zh_CN' });
      // A late answer after the timeout is dropped, never left unhandled.
      call.catch(() => undefined);
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
      });
      try {
        const res = await Promise.race([call, timeout]);
        if (res === 'timeout') return { ok: false, kind: 'transient', code: 'timeout', message: `no answer within ${options.timeoutMs} ms` };
        const code = typeof res?.errCode === 'number' ? res.errCode : 0;
        if (code === 0) return { ok: true };
        return { ok: false, kind: classifyWechatError(code), code: String(code), message: String(res.errMsg ?? '') };
      } catch (e) {
        const { code, message } = errorOf(e);
        if (code === null) return { ok: false, kind: 'transient', code: 'network', message };
        return { ok: false, kind: classifyWechatError(code), code: String(code), message };
      } finally {
        if (timer) clearTimeout(timer);
      }
    },
  };
}

import type { ContentCheck } from '../../ports/content-check.port';
import { wordListContentCheck } from '../content-check/word-list-content-check';

/** The part of wx-server-sdk's `cloud.openapi` the production adapter calls. */
export interface MsgSecCheckApi {
  security: {
    msgSecCheck(args: { version: 2; openid: string; scene: 1 | 2 | 3 | 4; content: string }): Promise<{ result?: { suggest?: string } }>;
  };
}

/**
 * Production adapter: WeChat `security.msgSecCheck` v2 (scene 2 = 评论/留言). Anything but a clear
 * 'pass' is held for review; if WeChat cannot be reached the text is held too — held, not lost.
 * Content over 2,500 characters is checked in slices.
 */
export function wechatContentCheck(openapi: MsgSecCheckApi, log: { error(m: string, e?: unknown): void }): ContentCheck {
  return {
    async check({ text, openid, streetWords }) {
      if ((await wordListContentCheck.check({ text, openid, streetWords })) === 'review') return 'review';
      // No WeChat user to check the text as (a partner system over Open311): the word list is the check.
      if (!openid) return 'pass';
      try {
        for (let i = 0; i < text.length; i += 2500) {
          const r = await openapi.security.msgSecCheck({ version: 2, openid, scene: 2, content: text.slice(i, i + 2500) });
          if (r.result?.suggest !== 'pass') return 'review';
        }
        return 'pass';
      } catch (e) {
        log.error('[content-check] msgSecCheck failed; holding the text for review', e);
        return 'review';
      }
    },
  };
}

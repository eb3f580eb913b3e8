/**
 * Content security for user text, checked at submit time (WeChat's msgSecCheck only accepts users active
 * in the last two hours, so later is too late). A flagged text is held for staff review, never dropped.
 */
export type ContentVerdict = 'pass' | 'review';

export interface ContentCheck {
  /**
   * `openid`: the WeChat user who wrote the text; null for a partner system posting over Open311 (no WeChat
   * user), whose text only the street's word list can check — msgSecCheck v2 checks a user's text only.
   */
  check(input: { text: string; openid: string | null; streetWords: string[] }): Promise<ContentVerdict>;
}

/** Local adapter: the street's configurable word list (settings.blockedWords). */
export const wordListContentCheck: ContentCheck = {
  async check({ text, streetWords }) {
    const normalized = text.replace(/\s+/g, '').toLowerCase();
    return streetWords.some((w) => w && normalized.includes(w.replace(/\s+/g, '').toLowerCase())) ? 'review' : 'pass';
  },
};

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

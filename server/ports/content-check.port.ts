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

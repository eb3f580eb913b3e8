/**
 * The messages for failures the app detects itself — no reply (NETWORK) or a reply it cannot read
 * (INTERNAL). Every other message comes with the server's refusal, so the app's main package carries
 * only these two, not the whole table of core/shared/errors.ts (about 12 KB of the 350 KB budget).
 */
export const BASIC_ERROR_MESSAGES = {
  INTERNAL: '系统繁忙，请稍后再试',
  NETWORK: '网络不太好，请检查网络后重试',
} as const;

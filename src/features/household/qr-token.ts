/**
 * The grid's QR code encodes a URL like `<origin>/#/features/household/pages/scan/index?t=<token>`.
 * Scanned in the app, or opened from WeChat's scan (which hands the page the whole URL as `q`),
 * the token is the `t` parameter. Tokens are opaque ASCII; anything else is not ours.
 */
const TOKEN = /^[A-Za-z0-9_-]{4,128}$/;

export function parseQrToken(text: string | null | undefined): string | null {
  if (!text) return null;
  let value = text.trim();
  if (/%[0-9A-Fa-f]{2}/.test(value) && !/[?&]t=/.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  const match = /[?&#]t=([^&#\s]+)/.exec(value);
  if (!match) return null;
  let token = match[1];
  try {
    token = decodeURIComponent(token);
  } catch {
    return null;
  }
  return TOKEN.test(token) ? token : null;
}

/** The token a scan page was opened with: `?t=` directly, or inside WeChat's `?q=<encoded url>`. */
export function tokenFromParams(params: Record<string, string | undefined>): string | null {
  if (params.t) {
    let t = params.t;
    try {
      t = decodeURIComponent(t);
    } catch {
      return null;
    }
    return TOKEN.test(t) ? t : null;
  }
  if (params.q) return parseQrToken(params.q);
  return null;
}

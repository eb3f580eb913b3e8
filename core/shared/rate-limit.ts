/**
 * Rate limits are sliding windows: an action at instant t is allowed when, for every limit, fewer than
 * `max` earlier actions of the same person happened in the `windowMinutes` before t. Unlike windows
 * aligned to the clock, no burst fits across a window edge (fixed 10-minute windows let 2 × max through
 * between 09:59 and 10:01).
 *
 * Stores keep, per person and kind of action, one record with the instants of the actions still inside
 * the longest window (a sliding log: at most the largest `max`, a few dozen instants) and check-and-append
 * it in the same atomic single-record write as the action — concurrent actions conflict instead of
 * overshooting.
 */

export interface RateLimit {
  windowMinutes: number;
  max: number;
}

export type RateDecision = { ok: true; times: string[] } | { ok: false; limit: RateLimit };

/**
 * Limits grouped by window: two limits on the same window share one count and the stricter maximum
 * applies; ordered by window. A window that is not a positive whole number of minutes is a programming error.
 */
export function rateWindows(limits: readonly RateLimit[]): RateLimit[] {
  const byWindow = new Map<number, RateLimit>();
  for (const l of limits) {
    if (!Number.isInteger(l.windowMinutes) || l.windowMinutes <= 0) throw new Error(`rate limit: bad window ${l.windowMinutes}`);
    const seen = byWindow.get(l.windowMinutes);
    if (!seen || l.max < seen.max) byWindow.set(l.windowMinutes, l);
  }
  return [...byWindow.values()].sort((a, b) => a.windowMinutes - b.windowMinutes);
}

/**
 * Decides an action at `at` against the stored instants. Allowed: the instants to store (this one added,
 * those older than the longest window dropped). Refused: the first limit (shortest window) it exceeds.
 * Stored instants later than `at` (a concurrent action whose clock ran ahead) count as inside every window.
 */
export function takeRate(stored: readonly string[], at: string, limits: readonly RateLimit[]): RateDecision {
  const now = Date.parse(at);
  if (Number.isNaN(now)) throw new Error(`rate limit: not an instant: ${at}`);
  const windows = rateWindows(limits);
  const times = stored.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
  for (const limit of windows) {
    const since = now - limit.windowMinutes * 60_000;
    if (times.filter((t) => t > since).length >= limit.max) return { ok: false, limit: { ...limit } };
  }
  const longest = windows.length ? windows[windows.length - 1].windowMinutes * 60_000 : 0;
  const kept = stored.filter((t) => Date.parse(t) > now - longest);
  return { ok: true, times: [...kept, new Date(now).toISOString()].sort() };
}

/** The instant after which a stored log no longer limits anything (for purging): its latest instant + the longest window. */
export function rateLogExpiry(times: readonly string[], limits: readonly RateLimit[]): string {
  const windows = rateWindows(limits);
  const longest = windows.length ? windows[windows.length - 1].windowMinutes * 60_000 : 0;
  const last = Math.max(0, ...times.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t)));
  return new Date(last + longest).toISOString();
}

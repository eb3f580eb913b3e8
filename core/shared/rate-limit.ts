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

// ---- uploads ---------------------------------------------------------------------------------------

/**
 * What one person may upload: a count in sliding windows (the same windows as every other rate limit) and
 * a number of bytes per Beijing calendar day (00:00–24:00 UTC+8: the day a person sees on their phone).
 * Streets may set their own (RequestSettings.uploadLimits); absent, DEFAULT_UPLOAD_LIMITS apply.
 */
export interface UploadLimits {
  rate: RateLimit[];
  bytesPerDay: number;
}

/**
 * 20 a minute covers a worker photographing a fix (9 photos) twice over; 120 an hour a whole round of
 * door-to-door visits. 200 MB a day is 40 of the largest photos and still 20 of the largest PDFs.
 */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  rate: [
    { windowMinutes: 1, max: 20 },
    { windowMinutes: 60, max: 120 },
  ],
  bytesPerDay: 200 * 1024 * 1024,
};

/** One person's upload log: the instants inside the longest window and the bytes taken on `day`. */
export interface UploadLog {
  times: string[];
  /** The Beijing date (YYYY-MM-DD) `bytes` counts for. */
  day: string;
  bytes: number;
}

export type UploadDecision =
  | { ok: true; log: UploadLog; until: string }
  | { ok: false; reason: 'rate'; limit: RateLimit }
  | { ok: false; reason: 'quota'; used: number; max: number };

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDay(at: string): string {
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new Error(`upload limit: not an instant: ${at}`);
  return new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing date ends (the next day's 00:00 UTC+8). */
function dayEnd(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`) + 24 * 60 * 60 * 1000;
}

/** The key of a person's upload log in the rate logs. */
export function uploadRateKey(userId: string): string {
  return `upload:${userId}`;
}

/**
 * Decides one upload of `bytes` at `at` against the stored log: the count windows first (takeRate), then the
 * day's bytes — a log from an earlier day counts nothing, so the quota starts afresh at 00:00 Beijing time.
 * Allowed: the log to store and when it stops limiting (`until`, for purging). A refusal stores nothing.
 */
export function takeUpload(stored: UploadLog | null, at: string, bytes: number, limits: UploadLimits): UploadDecision {
  if (!Number.isInteger(bytes) || bytes < 0) throw new Error(`upload limit: bad size ${bytes}`);
  const rate = takeRate(stored?.times ?? [], at, limits.rate);
  if (!rate.ok) return { ok: false, reason: 'rate', limit: rate.limit };
  const day = beijingDay(at);
  const used = stored && stored.day === day ? stored.bytes : 0;
  if (used + bytes > limits.bytesPerDay) return { ok: false, reason: 'quota', used, max: limits.bytesPerDay };
  const log: UploadLog = { times: rate.times, day, bytes: used + bytes };
  const until = new Date(Math.max(Date.parse(rateLogExpiry(rate.times, limits.rate)), dayEnd(day))).toISOString();
  return { ok: true, log, until };
}

/**
 * Whether a deadline could be counted on the official holiday arrangement, and whether staff must be told
 * that next year's arrangement is still missing. A year without data falls back to Monday–Friday
 * (working-days.ts): the deadline is then flagged 未按节假日校准, never silently trusted.
 */
import { beijingDate, type WorkingCalendar } from './working-days';

/** Beijing calendar year an instant falls in. */
export function beijingYear(at: Date): number {
  return Number(beijingDate(at).slice(0, 4));
}

/**
 * True when every Beijing year the span [from, to] touches has holiday data. Counting from 2026-12-31
 * into 2027 touches 2027 even if only for a minute, so without 2027 the deadline is not calibrated.
 */
export function calibrated(calendar: Pick<WorkingCalendar, 'years'>, from: Date, to: Date): boolean {
  const [a, b] = from.getTime() <= to.getTime() ? [from, to] : [to, from];
  const known = new Set(calendar.years);
  for (let y = beijingYear(a); y <= beijingYear(b); y++) if (!known.has(y)) return false;
  return true;
}

/**
 * The State Council publishes the next year's arrangement in late October or November. From 1 November
 * (Beijing) of the year before, a missing next year is something to act on: deadlines that run into it
 * would count weekends only.
 */
export const WARN_FROM_MONTH_DAY = '11-01';

export interface CalendarStatus {
  /** Years loaded, ascending. */
  years: number[];
  /** Beijing year of `now`. */
  currentYear: number;
  /** The years staff should load now: the current year if missing, and next year once the warning season starts. */
  missing: number[];
  warn: boolean;
  /** The warning shown on staff home pages, null when nothing is missing. */
  message: string | null;
}

export function calendarStatus(years: number[], now: Date): CalendarStatus {
  const today = beijingDate(now);
  const currentYear = Number(today.slice(0, 4));
  const loaded = [...new Set(years)].sort((a, b) => a - b);
  const missing: number[] = [];
  if (!loaded.includes(currentYear)) missing.push(currentYear);
  if (today.slice(5) >= WARN_FROM_MONTH_DAY && !loaded.includes(currentYear + 1)) missing.push(currentYear + 1);
  const warn = missing.length > 0;
  const message = warn ? `${missing.join('、')} 年节假日安排尚未导入，期限将只按周末计算，请在国务院公布后导入` : null;
  return { years: loaded, currentYear, missing, warn, message };
}

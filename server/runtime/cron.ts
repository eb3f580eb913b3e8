/**
 * CloudBase timer-trigger cron: seven fields — second minute hour day month weekday year — evaluated
 * in UTC+8 (China Standard Time, no daylight saving), as the platform documents.
 *
 * Each field takes `*`, a number, a list `a,b`, a range `a-b`, steps `*\/n`, `a/n` and `a-b/n`;
 * `?` means the same as `*`. Months take JAN–DEC, weekdays SUN–SAT (0 = Sunday; 7 is accepted as
 * Sunday too). When both day and weekday are restricted, a time matches if EITHER matches (the
 * platform's rule, same as classic cron); otherwise both must.
 */

export const CRON_UTC_OFFSET_MINUTES = 8 * 60;
export const CRON_MIN_YEAR = 1970;
export const CRON_MAX_YEAR = 2099;

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Index in `names` maps to min + index. */
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  // 7 is parsed and folded into 0 below: both mean Sunday.
  { name: 'weekday', min: 0, max: 7, names: WEEKDAY_NAMES },
  { name: 'year', min: CRON_MIN_YEAR, max: CRON_MAX_YEAR },
];

export interface CronSchedule {
  readonly source: string;
  readonly second: ReadonlySet<number>;
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly day: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly weekday: ReadonlySet<number>;
  readonly year: ReadonlySet<number>;
  /** Whether day / weekday were given as anything but `*` or `?` (decides AND vs OR). */
  readonly dayRestricted: boolean;
  readonly weekdayRestricted: boolean;
}

export class CronError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid cron "${expression}": ${reason}`);
    this.name = 'CronError';
  }
}

function parseValue(token: string, spec: FieldSpec, expression: string): number {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n < spec.min || n > spec.max) throw new CronError(expression, `${spec.name} ${n} is outside ${spec.min}-${spec.max}`);
    return n;
  }
  const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  if (index < 0) throw new CronError(expression, `"${token}" is not a valid ${spec.name}`);
  return spec.min + index;
}

function parseField(text: string, spec: FieldSpec, expression: string): { values: Set<number>; restricted: boolean } {
  const values = new Set<number>();
  const restricted = !(text === '*' || text === '?');
  for (const part of text.split(',')) {
    if (part === '') throw new CronError(expression, `empty item in ${spec.name}`);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronError(expression, `"${part}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw new CronError(expression, `step "${stepText}" must be a positive number`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      from = spec.min;
      to = spec.name === 'weekday' ? 6 : spec.max;
    } else if (range.includes('-')) {
      const [a, b, more] = range.split('-');
      if (more !== undefined || !a || !b) throw new CronError(expression, `"${range}" is not a range`);
      from = parseValue(a, spec, expression);
      to = parseValue(b, spec, expression);
      if (from > to) throw new CronError(expression, `range "${range}" runs backwards`);
    } else {
      from = parseValue(range, spec, expression);
      // `a/n` means from a to the end of the field, every n.
      to = stepText !== undefined ? (spec.name === 'weekday' ? 6 : spec.max) : from;
    }
    for (let v = from; v <= to; v += step) values.add(spec.name === 'weekday' && v === 7 ? 0 : v);
  }
  return { values, restricted };
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) throw new CronError(expression, `expected 7 fields (second minute hour day month weekday year), got ${parts.length}`);
  const parsed = parts.map((p, i) => parseField(p, FIELDS[i], expression));
  return {
    source: expression,
    second: parsed[0].values,
    minute: parsed[1].values,
    hour: parsed[2].values,
    day: parsed[3].values,
    month: parsed[4].values,
    weekday: parsed[5].values,
    year: parsed[6].values,
    dayRestricted: parsed[3].restricted,
    weekdayRestricted: parsed[5].restricted,
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayMatches(c: CronSchedule, year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const byDay = c.day.has(day);
  const byWeekday = c.weekday.has(weekday);
  return c.dayRestricted && c.weekdayRestricted ? byDay || byWeekday : byDay && byWeekday;
}

const OFFSET_MS = CRON_UTC_OFFSET_MINUTES * 60_000;

/**
 * The first instant strictly after `after` (whole seconds) that the schedule matches, or null when
 * there is none before the end of CRON_MAX_YEAR (e.g. `0 0 0 30 2 * *`).
 */
export function nextFireTime(c: CronSchedule, after: Date): Date | null {
  const startMs = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  const wall = new Date(startMs + OFFSET_MS);
  let y = wall.getUTCFullYear();
  let mo = wall.getUTCMonth() + 1;
  let d = wall.getUTCDate();
  let h = wall.getUTCHours();
  let mi = wall.getUTCMinutes();
  let s = wall.getUTCSeconds();

  // Each step either accepts a field or advances it (resetting the smaller ones), so the walk
  // visits at most a few dozen values per matching day; the bound only guards against a bug.
  for (let guard = 0; guard < 2_000_000; guard++) {
    if (s > 59) { s = 0; mi++; }
    if (mi > 59) { mi = 0; h++; }
    if (h > 23) { h = 0; d++; }
    if (d > daysInMonth(y, mo)) { d = 1; mo++; }
    if (mo > 12) { mo = 1; y++; }
    if (y > CRON_MAX_YEAR) return null;
    if (!c.year.has(y)) { y++; mo = 1; d = 1; h = 0; mi = 0; s = 0; continue; }
    if (!c.month.has(mo)) { mo++; d = 1; h = 0; mi = 0; s = 0; continue; }
    if (!dayMatches(c, y, mo, d)) { d++; h = 0; mi = 0; s = 0; continue; }
    if (!c.hour.has(h)) { h++; mi = 0; s = 0; continue; }
    if (!c.minute.has(mi)) { mi++; s = 0; continue; }
    if (!c.second.has(s)) { s++; continue; }
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS);
  }
  return null;
}

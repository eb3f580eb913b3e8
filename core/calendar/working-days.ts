/**
 * Deadlines count China's working days: Monday to Friday, minus the public holidays, plus the weekend
 * days that become working days (调休). Each year's holidays and make-up days are data that a street
 * updates when the State Council publishes the next year's arrangement — never code.
 *
 * Time is Beijing time (UTC+8, no daylight saving). A deadline of N working days from an instant is the
 * same clock time after N whole working days have passed; time on non-working days does not count.
 */
export interface YearCalendar {
  year: number;
  /** 'YYYY-MM-DD' days off that would otherwise be working days (法定节假日与调休放假). */
  holidays: string[];
  /** 'YYYY-MM-DD' weekend days that are working days (调休上班). */
  workdays: string[];
}

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** Years this calendar has data for; other years fall back to plain Monday–Friday. */
  years: number[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' of the Beijing date an instant falls on. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing date starts (00:00 UTC+8). */
function startOf(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS;
}

export function createCalendar(years: YearCalendar[]): WorkingCalendar {
  const holidays = new Set(years.flatMap((y) => y.holidays));
  const workdays = new Set(years.flatMap((y) => y.workdays));
  return {
    years: years.map((y) => y.year).sort(),
    isWorkingDay(date) {
      if (holidays.has(date)) return false;
      if (workdays.has(date)) return true;
      const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

/**
 * The instant when `minutes` of working time have passed after `from`. Working time is every minute of
 * a working day (00:00–24:00 Beijing); a start on a holiday begins counting at the next working day.
 */
export function addWorkingMinutes(calendar: WorkingCalendar, from: Date, minutes: number): Date {
  let remaining = minutes * 60 * 1000;
  let t = from.getTime();
  // A bounded walk: even a year of holidays ends well within 2,000 iterations.
  for (let guard = 0; guard < 5000; guard++) {
    const date = beijingDate(new Date(t));
    const dayEnd = startOf(date) + DAY_MS;
    if (calendar.isWorkingDay(date)) {
      const available = dayEnd - t;
      if (remaining <= available) return new Date(t + remaining);
      remaining -= available;
    }
    t = dayEnd;
  }
  throw new Error('working-day walk did not converge');
}

export function addWorkingDays(calendar: WorkingCalendar, from: Date, days: number): Date {
  return addWorkingMinutes(calendar, from, days * 24 * 60);
}

/** Working minutes between two instants (0 if `to` is not after `from`). */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  let total = 0;
  let t = from.getTime();
  const end = to.getTime();
  while (t < end) {
    const date = beijingDate(new Date(t));
    const dayEnd = Math.min(startOf(date) + DAY_MS, end);
    if (calendar.isWorkingDay(date)) total += dayEnd - t;
    t = dayEnd;
  }
  return Math.floor(total / 60000);
}

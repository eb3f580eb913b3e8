/**
 * Assessment periods are ranges of Beijing dates, both ends included. Counters exist per day and per
 * month; a range is read as the whole months it covers plus the loose days at either end, so a month
 * costs one counter per scope and a year twelve.
 */
import dayjs from 'dayjs';
import { DomainError } from '../shared/errors';
import { isCalendarDate } from '../validation/text';

export interface DateRange {
  /** 'YYYY-MM-DD', Beijing date, included. */
  from: string;
  /** 'YYYY-MM-DD', Beijing date, included. */
  to: string;
}

/** The longest range one view reads (a year and a few days of slack for 自然年 + 跨月 views). */
export const MAX_RANGE_DAYS = 400;

export { isCalendarDate };

/** Refuses (INPUT.INVALID) a range that is not two real dates in order within MAX_RANGE_DAYS. */
export function checkRange(r: DateRange): DateRange {
  if (!isCalendarDate(r.from) || !isCalendarDate(r.to)) throw new DomainError('INPUT.INVALID', '日期不正确');
  const days = dayjs(r.to).diff(dayjs(r.from), 'day');
  if (days < 0) throw new DomainError('INPUT.INVALID', '开始日期不能晚于结束日期');
  if (days >= MAX_RANGE_DAYS) throw new DomainError('INPUT.INVALID', `统计区间最长 ${MAX_RANGE_DAYS} 天`);
  return r;
}

/** The month 'YYYY-MM' as a range. */
export function monthRange(month: string): DateRange {
  const start = dayjs(`${month}-01`);
  return { from: start.format('YYYY-MM-DD'), to: start.endOf('month').format('YYYY-MM-DD') };
}

/** The month `n` months before 'YYYY-MM' (negative: after). */
export function shiftMonth(month: string, n: number): string {
  return dayjs(`${month}-01`).subtract(n, 'month').format('YYYY-MM');
}

/** The same length of time just before a range (for 环比): the previous month when the range is a whole month. */
export function previousRange(r: DateRange): DateRange {
  const whole = monthRange(r.from.slice(0, 7));
  if (whole.from === r.from && whole.to === r.to) return monthRange(shiftMonth(r.from.slice(0, 7), 1));
  const days = dayjs(r.to).diff(dayjs(r.from), 'day') + 1;
  const to = dayjs(r.from).subtract(1, 'day');
  return { from: to.subtract(days - 1, 'day').format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') };
}

/** The counter periods whose sum is the range: whole months as 'YYYY-MM', the rest as days, ascending. */
export function periodKeys(r: DateRange): string[] {
  const out: string[] = [];
  let d = dayjs(r.from);
  const end = dayjs(r.to);
  while (!d.isAfter(end)) {
    const monthEnd = d.endOf('month');
    if (d.date() === 1 && !monthEnd.isAfter(end, 'day')) {
      out.push(d.format('YYYY-MM'));
      d = monthEnd.add(1, 'day').startOf('day');
    } else {
      out.push(d.format('YYYY-MM-DD'));
      d = d.add(1, 'day');
    }
  }
  return out;
}

/** 2026年11月 for a whole month, 2026-11-03 for one day, else 2026-11-03 至 2026-11-20. */
export function rangeLabel(r: DateRange): string {
  if (r.from === r.to) return r.from;
  const whole = monthRange(r.from.slice(0, 7));
  if (whole.from === r.from && whole.to === r.to) return `${r.from.slice(0, 4)}年${Number(r.from.slice(5, 7))}月`;
  return `${r.from} 至 ${r.to}`;
}

/**
 * Reading one year's holiday arrangement from what a street can get hold of, and checking it strictly
 * before it replaces the stored year. Three shapes are accepted (the text of a file; reading it is the
 * caller's business):
 * - the `chinese-days` npm package's JSON (`npm install chinese-days`, then
 *   node_modules/chinese-days/dist/chinese-days.json): `{ holidays: {date: name}, workdays: {date: name},
 *   inLieuDays: {date: name} }` covering many years — only the asked year is taken;
 * - our own YearCalendar JSON: `{ year, holidays: [dates], workdays: [dates] }`;
 * - CSV the street types from the State Council notice: one row per date, `日期,放假|上班[,说明]`, an
 *   optional header row.
 */
import { DomainError } from '../shared/errors';
import type { YearCalendar } from './working-days';

export type CalendarSource = 'chinese-days' | 'json' | 'csv';

export interface CalendarReading {
  calendar: YearCalendar;
  source: CalendarSource;
  /** Things that look wrong but may be right (e.g. a holiday on a plain weekend); the import goes ahead. */
  warnings: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOLIDAY_WORDS = new Set(['放假', '休', '休息', 'holiday', 'off']);
const WORKDAY_WORDS = new Set(['上班', '班', '调休上班', 'workday', 'work']);

function isRealDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function unreadable(detail: string): DomainError {
  return new DomainError('CALENDAR.FILE_UNREADABLE', `日历文件无法读取：${detail}`);
}

/**
 * Checks a year's calendar strictly: the year is the one asked for; every date is a real date inside that
 * year; no date is both a holiday and a workday; every workday (调休上班) is a Saturday or Sunday. A
 * holiday on a plain weekend that is not part of a run of holidays is only warned about. Returns the
 * calendar with its dates de-duplicated and sorted.
 */
export function checkYearCalendar(input: YearCalendar, year: number): { calendar: YearCalendar; warnings: string[] } {
  if (input.year !== year) {
    throw new DomainError('CALENDAR.YEAR_MISMATCH', `日历文件中的年份是 ${input.year}，与要导入的 ${year} 年不一致`);
  }
  for (const date of [...input.holidays, ...input.workdays]) {
    if (typeof date !== 'string' || !isRealDate(date)) throw new DomainError('CALENDAR.DATE_INVALID', `日历中有无效的日期：${String(date)}（格式应为 ${year}-01-01）`);
    if (!date.startsWith(`${year}-`)) throw new DomainError('CALENDAR.DATE_OUTSIDE_YEAR', `日期 ${date} 不属于 ${year} 年`);
  }
  const holidays = [...new Set(input.holidays)].sort();
  const workdays = [...new Set(input.workdays)].sort();
  if (holidays.length === 0) throw new DomainError('CALENDAR.NO_DATA', `日历中没有 ${year} 年的放假安排`);
  const holidaySet = new Set(holidays);
  for (const date of workdays) {
    if (holidaySet.has(date)) throw new DomainError('CALENDAR.DATE_CONFLICT', `${date} 不能既放假又上班`);
    if (!isWeekend(date)) throw new DomainError('CALENDAR.WORKDAY_NOT_WEEKEND', `调休上班日 ${date} 是${WEEKDAY_NAMES[weekday(date)]}，只能是周六或周日`);
  }
  const warnings: string[] = [];
  for (const date of holidays) {
    // A weekend inside a holiday run (春节 2026-02-15..23) is normal; a lone weekend "holiday" is a typo more often than not.
    if (isWeekend(date) && !holidaySet.has(shift(date, -1)) && !holidaySet.has(shift(date, 1))) {
      warnings.push(`${date} 是${WEEKDAY_NAMES[weekday(date)]}，本来就不上班，请核对是否填错`);
    }
  }
  return { calendar: { year, holidays, workdays }, warnings };
}

function parseJson(text: string, year: number): { calendar: YearCalendar; source: CalendarSource } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw unreadable('不是有效的 JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw unreadable('JSON 应为一个对象');
  const o = data as Record<string, unknown>;
  if (Array.isArray(o.holidays) || Array.isArray(o.workdays)) {
    if (typeof o.year !== 'number' || !Number.isInteger(o.year)) throw unreadable('缺少年份 year');
    if (!Array.isArray(o.holidays) || !Array.isArray(o.workdays)) throw unreadable('holidays 与 workdays 都应为日期列表');
    return { calendar: { year: o.year, holidays: o.holidays as string[], workdays: o.workdays as string[] }, source: 'json' };
  }
  const isMap = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isMap(o.holidays) && isMap(o.workdays)) {
    // chinese-days: every year it knows, keyed by date. inLieuDays (调休放假) are days off too.
    const inYear = (m: unknown) => Object.keys((isMap(m) ? m : {}) as Record<string, unknown>).filter((d) => d.startsWith(`${year}-`));
    return {
      calendar: { year, holidays: [...inYear(o.holidays), ...inYear(o.inLieuDays)], workdays: inYear(o.workdays) },
      source: 'chinese-days',
    };
  }
  throw unreadable('JSON 应为 { year, holidays, workdays } 或 chinese-days 数据');
}

function parseCsv(text: string, year: number): YearCalendar {
  const holidays: string[] = [];
  const workdays: string[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (const [i, line] of lines.entries()) {
    const [date = '', kind = ''] = line.split(/[,，\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (i === 0 && !DATE.test(date) && !/^\d/.test(date)) continue; // header row
    const k = kind.toLowerCase();
    if (HOLIDAY_WORDS.has(k)) holidays.push(date);
    else if (WORKDAY_WORDS.has(k)) workdays.push(date);
    else throw unreadable(`第 ${i + 1} 行「${line}」：第二列应为「放假」或「上班」`);
  }
  return { year, holidays, workdays };
}

/** Reads and checks one year from a file's text; `fileName` decides CSV vs JSON by its extension. */
export function readCalendarFile(text: string, fileName: string, year: number): CalendarReading {
  const body = text.replace(/^\uFEFF/, '');
  const csv = /\.csv$/i.test(fileName);
  const { calendar, source } = csv ? { calendar: parseCsv(body, year), source: 'csv' as const } : parseJson(body, year);
  const checked = checkYearCalendar(calendar, year);
  return { calendar: checked.calendar, source, warnings: checked.warnings };
}

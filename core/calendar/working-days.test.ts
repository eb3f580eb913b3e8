import { addWorkingDays, addWorkingMinutes, createCalendar, workingMinutesBetween } from './working-days';
import { OFFICIAL_CALENDARS } from './official-calendar';

const cal = createCalendar(OFFICIAL_CALENDARS);
/** Beijing wall time → instant. */
const bj = (s: string) => new Date(`${s}+08:00`);
const iso = (d: Date) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 16).replace('T', ' ');

describe('working days on the official calendar', () => {
  it('knows holidays and make-up working days (调休)', () => {
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // 国庆
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday before 春节
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // Monday, still 春节
    expect(cal.isWorkingDay('2026-11-21')).toBe(false); // an ordinary Saturday
    expect(cal.isWorkingDay('2025-01-26')).toBe(true); // 2025 Sunday 调休
  });

  it('a request accepted on the afternoon before National Day is due two working days later: 9 October', () => {
    expect(iso(addWorkingDays(cal, bj('2026-09-30T15:00'), 2))).toBe('2026-10-09 15:00');
  });

  it('counts a make-up Saturday as a working day', () => {
    expect(iso(addWorkingDays(cal, bj('2026-10-09T10:00'), 1))).toBe('2026-10-10 10:00');
  });

  it('skips the nine days of Spring Festival but counts the Saturday before it', () => {
    expect(iso(addWorkingDays(cal, bj('2026-02-13T12:00'), 2))).toBe('2026-02-24 12:00');
  });

  it('skips an ordinary weekend; a start on a weekend counts from Monday 00:00', () => {
    expect(iso(addWorkingDays(cal, bj('2026-11-20T10:00'), 2))).toBe('2026-11-24 10:00');
    expect(iso(addWorkingDays(cal, bj('2026-11-21T10:00'), 2))).toBe('2026-11-25 00:00');
  });

  it('counts working minutes for response deadlines', () => {
    expect(iso(addWorkingMinutes(cal, bj('2026-11-20T20:00'), 8 * 60))).toBe('2026-11-23 04:00');
  });

  it('falls back to Monday–Friday for a year without published data, and the data can be replaced without code', () => {
    expect(iso(addWorkingDays(cal, bj('2027-01-01T09:00'), 1))).toBe('2027-01-04 09:00');
    const updated = createCalendar([...OFFICIAL_CALENDARS, { year: 2027, holidays: ['2027-01-01'], workdays: [] }]);
    expect(iso(addWorkingDays(updated, bj('2027-01-01T09:00'), 1))).toBe('2027-01-05 00:00');
  });

  it('measures working time between two instants, the inverse of adding it', () => {
    const from = bj('2026-09-30T15:00');
    expect(workingMinutesBetween(cal, from, addWorkingDays(cal, from, 2))).toBe(2 * 24 * 60);
    expect(workingMinutesBetween(cal, bj('2026-10-02T00:00'), bj('2026-10-06T00:00'))).toBe(0);
  });
});

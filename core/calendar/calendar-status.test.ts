import { calendarStatus, calibrated } from './calendar-status';
import { OFFICIAL_CALENDARS } from './official-calendar';
import { addWorkingDays, createCalendar } from './working-days';

const bj = (s: string) => new Date(`${s}+08:00`);
const cal = createCalendar(OFFICIAL_CALENDARS);

describe('calibrated: every Beijing year a deadline span touches has holiday data', () => {
  it('a span inside 2026 is calibrated; one that reaches 2027 without 2027 data is not', () => {
    expect(calibrated(cal, bj('2026-09-30T15:00'), bj('2026-10-09T15:00'))).toBe(true);
    expect(calibrated(cal, bj('2026-12-31T10:00'), bj('2027-01-01T10:00'))).toBe(false);
    expect(calibrated(cal, bj('2027-01-04T10:00'), bj('2027-01-05T10:00'))).toBe(false);
  });

  it('the year turns at Beijing midnight, not UTC midnight', () => {
    // 2026-12-31T23:30 Beijing is 15:30 UTC the same day; 2027-01-01T00:30 Beijing is still 2026 in UTC.
    expect(calibrated(cal, bj('2026-12-31T08:00'), bj('2026-12-31T23:59'))).toBe(true);
    expect(calibrated(cal, bj('2026-12-31T08:00'), bj('2027-01-01T00:30'))).toBe(false);
  });

  it('a span across 2025 and 2026, both loaded, is calibrated; a span that skips over a missing year is not', () => {
    expect(calibrated(cal, bj('2025-12-31T10:00'), bj('2026-01-05T10:00'))).toBe(true);
    expect(calibrated(createCalendar([OFFICIAL_CALENDARS[0]]), bj('2025-12-31T10:00'), bj('2026-01-05T10:00'))).toBe(false);
  });

  it('accepted 2026-12-31 with one working day: flagged without 2027; once 2027 has 元旦 as a holiday the deadline skips it', () => {
    const from = bj('2026-12-31T10:00');
    const weekendsOnly = addWorkingDays(cal, from, 1);
    expect(weekendsOnly.toISOString()).toBe(bj('2027-01-01T10:00').toISOString());
    expect(calibrated(cal, from, weekendsOnly)).toBe(false);

    const with2027 = createCalendar([...OFFICIAL_CALENDARS, { year: 2027, holidays: ['2027-01-01'], workdays: [] }]);
    const due = addWorkingDays(with2027, from, 1);
    // 2027-01-01 is a Friday and a holiday, then the weekend: due Monday 4 January at the same clock time.
    expect(due.toISOString()).toBe(bj('2027-01-04T10:00').toISOString());
    expect(calibrated(with2027, from, due)).toBe(true);
  });
});

describe('calendarStatus: warn from 1 November (Beijing) of the year before a missing year', () => {
  const years = [2025, 2026];

  it('31 October 2026 (Beijing, even at 23:59) is before the season: no warning', () => {
    const s = calendarStatus(years, bj('2026-10-31T23:59'));
    expect(s).toEqual({ years, currentYear: 2026, missing: [], warn: false, message: null });
  });

  it('1 November 2026 00:00 Beijing (31 October 16:00 UTC) warns that 2027 is missing', () => {
    const s = calendarStatus(years, bj('2026-11-01T00:00'));
    expect(s.warn).toBe(true);
    expect(s.missing).toEqual([2027]);
    expect(s.message).toBe('2027 年节假日安排尚未导入，期限将只按周末计算，请在国务院公布后导入');
  });

  it('keeps warning through year end, and in the new year warns about the current year itself', () => {
    expect(calendarStatus(years, bj('2026-12-31T23:59')).missing).toEqual([2027]);
    const jan = calendarStatus(years, bj('2027-01-01T00:00'));
    expect(jan).toMatchObject({ currentYear: 2027, missing: [2027], warn: true });
  });

  it('no warning once next year is loaded', () => {
    expect(calendarStatus([...years, 2027], bj('2026-12-06T10:00'))).toMatchObject({ warn: false, missing: [], years: [2025, 2026, 2027] });
  });

  it('both the current and the next year missing are named together', () => {
    expect(calendarStatus([2025], bj('2026-11-15T10:00')).message).toBe('2026、2027 年节假日安排尚未导入，期限将只按周末计算，请在国务院公布后导入');
  });
});

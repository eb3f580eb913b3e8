import { isDomainError } from '../shared/errors';
import { checkYearCalendar, readCalendarFile } from './calendar-file';

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

// The shape of node_modules/chinese-days/dist/chinese-days.json: many years keyed by date.
const chineseDays = JSON.stringify({
  holidays: {
    '2025-12-31': "New Year's Day,元旦,1",
    '2026-01-01': "New Year's Day,元旦,1",
    '2026-01-02': "New Year's Day,元旦,1",
    '2026-01-03': "New Year's Day,元旦,1",
  },
  workdays: { '2026-01-04': "New Year's Day,元旦,1", '2025-09-28': 'National Day,国庆节,3' },
  inLieuDays: { '2026-02-23': 'Spring Festival,春节,4' },
});

describe('reading a year from the chinese-days package JSON', () => {
  it('takes only the asked year, with in-lieu days as days off', () => {
    const r = readCalendarFile(chineseDays, 'node_modules/chinese-days/dist/chinese-days.json', 2026);
    expect(r).toEqual({
      source: 'chinese-days',
      calendar: { year: 2026, holidays: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-02-23'], workdays: ['2026-01-04'] },
      warnings: [],
    });
  });

  it('refuses a year the data does not cover (no 2027 in the package yet) instead of loading an empty year', () => {
    expect(refusal(() => readCalendarFile(chineseDays, 'chinese-days.json', 2027))).toEqual({ code: 'CALENDAR.NO_DATA', message: '日历中没有 2027 年的放假安排' });
  });
});

describe('reading a year from the street’s own files', () => {
  it('YearCalendar JSON, dates sorted and de-duplicated', () => {
    const text = JSON.stringify({ year: 2027, holidays: ['2027-01-01', '2027-01-01'], workdays: [] });
    expect(readCalendarFile(text, '2027.json', 2027)).toEqual({ source: 'json', calendar: { year: 2027, holidays: ['2027-01-01'], workdays: [] }, warnings: [] });
  });

  it('CSV with a header, a BOM, Chinese or English words and full-width commas', () => {
    const text = '\uFEFF日期,类型,说明\n2027-01-01,放假,元旦\n2027-02-07，上班\n2027-02-06,holiday\n# 注释\n\n';
    expect(readCalendarFile(text, '2027.CSV', 2027)).toEqual({
      source: 'csv',
      calendar: { year: 2027, holidays: ['2027-01-01', '2027-02-06'], workdays: ['2027-02-07'] },
      // 2027-02-06 is a lone Saturday marked 放假: allowed, but flagged for a second look.
      warnings: ['2027-02-06 是周六，本来就不上班，请核对是否填错'],
    });
  });
});

describe('every refusal has its own code and a Chinese message', () => {
  it.each([
    ['not JSON', '{', 'x.json', 'CALENDAR.FILE_UNREADABLE'],
    ['a JSON array', '[]', 'x.json', 'CALENDAR.FILE_UNREADABLE'],
    ['JSON of neither shape', '{"days":[]}', 'x.json', 'CALENDAR.FILE_UNREADABLE'],
    ['YearCalendar without a year', '{"holidays":["2027-01-01"],"workdays":[]}', 'x.json', 'CALENDAR.FILE_UNREADABLE'],
    ['a CSV row that is neither 放假 nor 上班', '2027-01-01,休假吧', 'x.csv', 'CALENDAR.FILE_UNREADABLE'],
    ['another year in the JSON', '{"year":2026,"holidays":["2026-01-01"],"workdays":[]}', 'x.json', 'CALENDAR.YEAR_MISMATCH'],
    ['an impossible date', '2027-02-30,放假', 'x.csv', 'CALENDAR.DATE_INVALID'],
    ['a malformed date', '2027/01/01,放假', 'x.csv', 'CALENDAR.DATE_INVALID'],
    ['a date of another year', '2027-01-01,放假\n2028-01-01,放假', 'x.csv', 'CALENDAR.DATE_OUTSIDE_YEAR'],
    ['a date both off and on', '2027-01-01,放假\n2027-02-07,放假\n2027-02-07,上班', 'x.csv', 'CALENDAR.DATE_CONFLICT'],
    ['a workday on a weekday', '2027-01-01,放假\n2027-01-05,上班', 'x.csv', 'CALENDAR.WORKDAY_NOT_WEEKEND'],
    ['no holidays at all', '2027-02-07,上班', 'x.csv', 'CALENDAR.NO_DATA'],
  ])('refuses %s', (_what, text, file, code) => {
    const r = refusal(() => readCalendarFile(text, file, 2027));
    expect(r.code).toBe(code);
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('names the offending date', () => {
    expect(refusal(() => checkYearCalendar({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-05'] }, 2027)).message).toBe(
      '调休上班日 2027-01-05 是周二，只能是周六或周日',
    );
  });

  it('a weekend inside a holiday run is not warned about', () => {
    expect(checkYearCalendar({ year: 2026, holidays: ['2026-01-01', '2026-01-02', '2026-01-03'], workdays: [] }, 2026).warnings).toEqual([]);
  });
});

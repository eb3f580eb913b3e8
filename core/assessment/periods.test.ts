/** Periods: real dates only, a range read as whole months plus loose days, and the period before it. */
import { isDomainError } from '../shared/errors';
import { checkRange, isCalendarDate, monthRange, periodKeys, previousRange, rangeLabel, shiftMonth } from './periods';

function refused(from: string, to: string): string | null {
  try {
    checkRange({ from, to });
    return null;
  } catch (e) {
    return isDomainError(e) ? e.code : 'not a domain error';
  }
}

describe('checkRange', () => {
  it('refuses dates that do not exist: 2026-02-30, month 13, day 00, a malformed text', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-01-00')).toBe(false);
    expect(isCalendarDate('2026-1-5')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(refused('2026-02-01', '2026-02-30')).toBe('INPUT.INVALID');
    expect(refused('2026-13-01', '2026-13-31')).toBe('INPUT.INVALID');
  });

  it('refuses a reversed range and one longer than 400 days; accepts one day, a whole year and 400 days', () => {
    expect(refused('2026-03-02', '2026-03-01')).toBe('INPUT.INVALID');
    expect(refused('2026-01-01', '2027-02-05')).toBe('INPUT.INVALID'); // 401 days, both ends included
    expect(refused('2026-01-01', '2027-02-04')).toBeNull(); // 400 days
    expect(refused('2026-03-01', '2026-03-01')).toBeNull();
    expect(refused('2026-01-01', '2026-12-31')).toBeNull();
  });
});

describe('periodKeys', () => {
  it('a whole month is one key, a whole year twelve', () => {
    expect(periodKeys(monthRange('2026-02'))).toEqual(['2026-02']);
    expect(periodKeys({ from: '2026-01-01', to: '2026-12-31' })).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
  });

  it('across a year boundary: loose days, whole months, loose days', () => {
    expect(periodKeys({ from: '2026-12-30', to: '2027-02-02' })).toEqual(['2026-12-30', '2026-12-31', '2027-01', '2027-02-01', '2027-02-02']);
  });

  it('inside one month only days; a month ending the range counts whole only when its last day is in', () => {
    expect(periodKeys({ from: '2026-03-05', to: '2026-03-07' })).toEqual(['2026-03-05', '2026-03-06', '2026-03-07']);
    expect(periodKeys({ from: '2026-02-01', to: '2026-03-30' })).toEqual(['2026-02', ...Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`)]);
    expect(periodKeys({ from: '2028-02-01', to: '2028-02-29' })).toEqual(['2028-02']);
  });
});

describe('previousRange and labels', () => {
  it('a whole month: the previous whole month, across the year and February', () => {
    expect(previousRange(monthRange('2026-01'))).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousRange(monthRange('2026-03'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(shiftMonth('2026-01', 1)).toBe('2025-12');
    expect(shiftMonth('2026-12', -1)).toBe('2027-01');
  });

  it('any other range: the same number of days just before it', () => {
    expect(previousRange({ from: '2026-03-01', to: '2026-03-10' })).toEqual({ from: '2026-02-19', to: '2026-02-28' });
    expect(previousRange({ from: '2026-01-01', to: '2026-01-01' })).toEqual({ from: '2025-12-31', to: '2025-12-31' });
  });

  it('labels a whole month as 2026年3月, anything else as from 至 to', () => {
    expect(rangeLabel(monthRange('2026-03'))).toBe('2026年3月');
    expect(rangeLabel({ from: '2026-03-01', to: '2026-03-10' })).toBe('2026-03-01 至 2026-03-10');
    expect(rangeLabel({ from: '2026-03-04', to: '2026-03-04' })).toBe('2026-03-04');
  });
});

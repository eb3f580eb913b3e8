import { CronError, nextFireTime, parseCron } from './cron';

/** Instants are written in UTC; the schedules read in UTC+8. */
const at = (iso: string) => new Date(iso);
const next = (expr: string, after: string) => nextFireTime(parseCron(expr), at(after))?.toISOString() ?? null;

/** The first n fire times after `after`. */
function series(expr: string, after: string, n: number): string[] {
  const c = parseCron(expr);
  const out: string[] = [];
  let t = at(after);
  for (let i = 0; i < n; i++) {
    const f = nextFireTime(c, t);
    if (!f) break;
    out.push(f.toISOString());
    t = f;
  }
  return out;
}

describe('parseCron', () => {
  it('requires exactly seven fields', () => {
    expect(() => parseCron('0 0 3 * * *')).toThrow(CronError);
    expect(() => parseCron('0 0 3 * * * * *')).toThrow(/7 fields/);
    expect(() => parseCron('')).toThrow(CronError);
  });

  it('expands numbers, lists, ranges and steps', () => {
    const c = parseCron('0,30 1-3 */6 1-10/3 2/5 * 2025');
    expect([...c.second]).toEqual([0, 30]);
    expect([...c.minute]).toEqual([1, 2, 3]);
    expect([...c.hour]).toEqual([0, 6, 12, 18]);
    expect([...c.day]).toEqual([1, 4, 7, 10]);
    expect([...c.month]).toEqual([2, 7, 12]);
    expect(c.weekday.size).toBe(7);
    expect([...c.year]).toEqual([2025]);
  });

  it('reads month and weekday names in any case, Sunday as 0 or 7', () => {
    const c = parseCron('0 0 0 * jan,Mar * *');
    expect([...c.month]).toEqual([1, 3]);
    expect([...parseCron('0 0 0 * * MON-FRI *').weekday].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron('0 0 0 * * SUN *').weekday]).toEqual([0]);
    expect([...parseCron('0 0 0 * * 7 *').weekday]).toEqual([0]);
    expect([...parseCron('0 0 0 * * 5-7 *').weekday].sort()).toEqual([0, 5, 6]);
  });

  it('treats ? like * and marks only real values as restricting day or weekday', () => {
    const c = parseCron('0 0 0 ? * MON *');
    expect(c.day.size).toBe(31);
    expect(c.dayRestricted).toBe(false);
    expect(c.weekdayRestricted).toBe(true);
  });

  it.each([
    ['60 * * * * * *', /second 60/],
    ['* 60 * * * * *', /minute 60/],
    ['* * 24 * * * *', /hour 24/],
    ['* * * 0 * * *', /day 0/],
    ['* * * 32 * * *', /day 32/],
    ['* * * * 13 * * ', /month 13/],
    ['* * * * * 8 *', /weekday 8/],
    ['* * * * * * 1969', /year 1969/],
    ['* * * * * * 2100', /year 2100/],
    ['*/0 * * * * * *', /step/],
    ['*/x * * * * * *', /step/],
    ['5-1 * * * * * *', /backwards/],
    ['1,,2 * * * * * *', /empty item/],
    ['1/2/3 * * * * * *', /"\/"/],
    ['* * * * FOO * *', /not a valid month/],
    ['* * * * * FUNDAY *', /not a valid weekday/],
    ['-1 * * * * * *', /range/],
  ])('rejects %s', (expr, reason) => {
    expect(() => parseCron(expr)).toThrow(reason);
  });
});

describe('nextFireTime (UTC+8)', () => {
  it('fires "0 0 3 * * * *" at 03:00 China time, which is 19:00 UTC the day before', () => {
    expect(next('0 0 3 * * * *', '2026-03-01T00:00:00Z')).toBe('2026-03-01T19:00:00.000Z');
    expect(next('0 0 3 * * * *', '2026-03-01T18:59:59Z')).toBe('2026-03-01T19:00:00.000Z');
    expect(next('0 0 3 * * * *', '2026-03-01T19:00:00Z')).toBe('2026-03-02T19:00:00.000Z');
  });

  it('is strictly after the given time and ignores its milliseconds', () => {
    expect(next('* * * * * * *', '2026-03-01T10:00:00.000Z')).toBe('2026-03-01T10:00:01.000Z');
    expect(next('* * * * * * *', '2026-03-01T10:00:00.999Z')).toBe('2026-03-01T10:00:01.000Z');
  });

  it('steps every five seconds and every half hour', () => {
    expect(series('*/5 * * * * * *', '2026-03-01T10:00:03Z', 3)).toEqual([
      '2026-03-01T10:00:05.000Z',
      '2026-03-01T10:00:10.000Z',
      '2026-03-01T10:00:15.000Z',
    ]);
    // 09:00–17:30 China time = 01:00–09:30 UTC.
    const halfHours = series('0 */30 9-17 * * * *', '2026-03-02T00:00:00Z', 20);
    expect(halfHours[0]).toBe('2026-03-02T01:00:00.000Z');
    expect(halfHours[17]).toBe('2026-03-02T09:30:00.000Z');
    expect(halfHours[18]).toBe('2026-03-03T01:00:00.000Z');
  });

  it('counts "a/n" from a to the end of the field', () => {
    expect(series('0 1/10 * * * * *', '2026-03-02T00:00:00Z', 7).map((s) => s.slice(11, 16))).toEqual([
      '00:01', '00:11', '00:21', '00:31', '00:41', '00:51', '01:01',
    ]);
  });

  it('uses the China-time weekday: MON-FRI 10:15 skips the weekend', () => {
    // 2026-03-06 is a Friday. Friday 10:15 CST = 02:15 UTC; the next one is Monday 03-09.
    expect(series('0 15 10 * * MON-FRI *', '2026-03-06T00:00:00Z', 2)).toEqual(['2026-03-06T02:15:00.000Z', '2026-03-09T02:15:00.000Z']);
    // Sunday 00:30 China time is still Saturday in UTC.
    expect(next('0 30 0 * * SUN *', '2026-03-06T00:00:00Z')).toBe('2026-03-07T16:30:00.000Z');
  });

  it('matches day OR weekday when both are restricted, AND otherwise', () => {
    // The 1st of the month or any Wednesday. From Sat 2026-03-28: Wed 04-01 is both; Wed 04-08 next.
    expect(series('0 0 12 1 * WED *', '2026-03-28T00:00:00Z', 3)).toEqual([
      '2026-04-01T04:00:00.000Z',
      '2026-04-08T04:00:00.000Z',
      '2026-04-15T04:00:00.000Z',
    ]);
    expect(series('0 0 12 13 * FRI *', '2026-02-01T00:00:00Z', 2)).toEqual(['2026-02-06T04:00:00.000Z', '2026-02-13T04:00:00.000Z']);
    // Weekday unrestricted: only the 13th.
    expect(series('0 0 12 13 * * *', '2026-02-01T00:00:00Z', 2)).toEqual(['2026-02-13T04:00:00.000Z', '2026-03-13T04:00:00.000Z']);
    // Day given as ?: only Fridays.
    expect(series('0 0 12 ? * FRI *', '2026-02-01T00:00:00Z', 2)).toEqual(['2026-02-06T04:00:00.000Z', '2026-02-13T04:00:00.000Z']);
  });

  it('skips months without the day and finds the next leap day', () => {
    expect(series('0 0 0 31 * * *', '2026-01-31T00:00:00Z', 3)).toEqual([
      '2026-03-30T16:00:00.000Z',
      '2026-05-30T16:00:00.000Z',
      '2026-07-30T16:00:00.000Z',
    ]);
    expect(next('0 0 0 29 2 * *', '2026-01-01T00:00:00Z')).toBe('2028-02-28T16:00:00.000Z');
  });

  it('crosses the year boundary in China time, eight hours before UTC does', () => {
    expect(next('0 0 0 1 1 * *', '2026-06-01T00:00:00Z')).toBe('2026-12-31T16:00:00.000Z');
    expect(next('59 59 23 31 12 * *', '2026-12-31T15:00:00Z')).toBe('2026-12-31T15:59:59.000Z');
  });

  it('honours the year field and gives null when nothing is left', () => {
    expect(next('0 0 8 1 1 * 2030', '2026-01-01T00:00:00Z')).toBe('2030-01-01T00:00:00.000Z');
    expect(next('0 0 8 1 1 * 2025', '2026-01-01T00:00:00Z')).toBeNull();
    expect(next('0 0 0 30 2 * *', '2026-01-01T00:00:00Z')).toBeNull();
  });

  it('fires the project housekeeping trigger daily at 03:30 China time', () => {
    expect(series('0 30 3 * * * *', '2026-03-01T12:00:00Z', 2)).toEqual(['2026-03-01T19:30:00.000Z', '2026-03-02T19:30:00.000Z']);
  });
});

describe('nextFireTime agrees with a brute-force search', () => {
  // Independent check: walk second by second in China time and test each field directly.
  function bruteForce(expr: string, after: Date, limitSeconds: number): string | null {
    const c = parseCron(expr);
    let t = Math.floor(after.getTime() / 1000) * 1000 + 1000;
    for (let i = 0; i < limitSeconds; i++, t += 1000) {
      const w = new Date(t + 8 * 3600 * 1000);
      const dayOk = c.day.has(w.getUTCDate());
      const wdOk = c.weekday.has(w.getUTCDay());
      const dayMatch = c.dayRestricted && c.weekdayRestricted ? dayOk || wdOk : dayOk && wdOk;
      if (
        c.second.has(w.getUTCSeconds()) &&
        c.minute.has(w.getUTCMinutes()) &&
        c.hour.has(w.getUTCHours()) &&
        dayMatch &&
        c.month.has(w.getUTCMonth() + 1) &&
        c.year.has(w.getUTCFullYear())
      ) {
        return new Date(t).toISOString();
      }
    }
    return null;
  }

  const pick = <T,>(xs: readonly T[], r: number) => xs[Math.floor(r * xs.length) % xs.length];
  // A fixed pseudo-random sequence keeps the test reproducible.
  let seed = 20260301;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

  it.each(Array.from({ length: 25 }, (_, i) => i))('random schedule #%i', () => {
    const expr = [
      pick(['*', '0', '*/15', '5,35', '59'], rand()),
      pick(['*', '0', '*/20', '7-9', '1/25'], rand()),
      pick(['*', '3', '*/6', '22-23', '0,12'], rand()),
      pick(['*', '?'], rand()),
      '*',
      pick(['*', 'MON-FRI', 'SUN', '?', '6'], rand()),
      '*',
    ].join(' ');
    const after = new Date(Date.UTC(2026, Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), Math.floor(rand() * 24), Math.floor(rand() * 60), Math.floor(rand() * 60)));
    expect(nextFireTime(parseCron(expr), after)?.toISOString() ?? null).toBe(bruteForce(expr, after, 8 * 24 * 3600));
  });
});

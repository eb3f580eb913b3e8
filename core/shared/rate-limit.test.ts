import { rateLogExpiry, rateWindows, takeRate, type RateLimit } from './rate-limit';

const T = Date.parse('2026-11-02T01:59:58.000Z');
const iso = (seconds: number) => new Date(T + seconds * 1000).toISOString();

describe('sliding rate windows', () => {
  const limits: RateLimit[] = [{ windowMinutes: 10, max: 2 }, { windowMinutes: 60, max: 3 }];

  it('counts the actions of the window before each one, wherever the clock edge falls', () => {
    let log: string[] = [];
    const results: (string | number)[] = [];
    for (const s of [0, 1, 2, 3, 600, 601, 602]) {
      const d = takeRate(log, iso(s), limits);
      if (d.ok) log = d.times;
      results.push(d.ok ? 'ok' : d.limit.windowMinutes);
    }
    // 0 and 1 fill the 10-minute window; 2, 3 are refused though the clock passes 02:00; at 600 s the first
    // has left it (exactly 10 minutes old), but the hour's limit of 3 stops the next at 601 and 602.
    expect(results).toEqual(['ok', 'ok', 10, 10, 'ok', 60, 60]);
    expect(takeRate(log, iso(3600), limits)).toMatchObject({ ok: true });
  });

  it('drops instants older than the longest window and keeps the log sorted', () => {
    const d = takeRate([iso(-7200), iso(-30), iso(-3599)], iso(0), limits);
    expect(d).toEqual({ ok: true, times: [iso(-3599), iso(-30), iso(0)] });
  });

  it('counts an instant from a clock running ahead as inside every window', () => {
    expect(takeRate([iso(5), iso(6)], iso(0), limits)).toEqual({ ok: false, limit: { windowMinutes: 10, max: 2 } });
  });

  it('the stricter of two limits on one window applies, and windows must be whole minutes', () => {
    expect(rateWindows([{ windowMinutes: 10, max: 5 }, { windowMinutes: 10, max: 2 }, { windowMinutes: 1, max: 9 }])).toEqual([
      { windowMinutes: 1, max: 9 },
      { windowMinutes: 10, max: 2 },
    ]);
    expect(() => rateWindows([{ windowMinutes: 0.5, max: 1 }])).toThrow('bad window');
    expect(() => takeRate([], 'not a time', limits)).toThrow('not an instant');
  });

  it('a log stops limiting one longest window after its latest instant', () => {
    expect(rateLogExpiry([iso(0), iso(30)], limits)).toBe(iso(30 + 3600));
  });
});

import { beijingDay, DEFAULT_UPLOAD_LIMITS, rateLogExpiry, rateWindows, takeRate, takeUpload, type RateLimit, type UploadLimits, type UploadLog } from './rate-limit';

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

describe('upload limits: a count in sliding windows and bytes per Beijing day', () => {
  const MB = 1024 * 1024;
  const limits: UploadLimits = { rate: [{ windowMinutes: 1, max: 20 }], bytesPerDay: 200 * MB };

  it('refuses the 21st upload within a minute and allows it once the first has left the window', () => {
    let log: UploadLog | null = null;
    const start = Date.parse('2026-11-02T02:00:00.000Z');
    for (let i = 0; i < 20; i++) {
      const d = takeUpload(log, new Date(start + i * 1000).toISOString(), MB, limits);
      if (!d.ok) throw new Error(`upload ${i + 1} refused`);
      log = d.log;
    }
    expect(takeUpload(log, new Date(start + 20_000).toISOString(), 1, limits)).toEqual({ ok: false, reason: 'rate', limit: { windowMinutes: 1, max: 20 } });
    expect(takeUpload(log, new Date(start + 60_000).toISOString(), 1, limits)).toMatchObject({ ok: true });
  });

  it('counts bytes per Beijing day: the quota starts afresh at 00:00 UTC+8 (16:00 UTC), not at UTC midnight', () => {
    const lastMinute = '2026-11-02T15:59:59.999Z'; // 23:59:59.999 in Beijing
    const first = takeUpload(null, '2026-11-02T15:00:00.000Z', 150 * MB, limits);
    expect(first).toMatchObject({ ok: true, log: { day: '2026-11-02', bytes: 150 * MB } });
    if (!first.ok) return;
    // Exactly the quota is allowed, one byte more is not.
    const full = takeUpload(first.log, '2026-11-02T15:30:00.000Z', 50 * MB, limits);
    expect(full).toMatchObject({ ok: true, log: { bytes: 200 * MB } });
    if (!full.ok) return;
    expect(takeUpload(full.log, lastMinute, 1, limits)).toEqual({ ok: false, reason: 'quota', used: 200 * MB, max: 200 * MB });
    expect(takeUpload(full.log, '2026-11-02T16:00:00.000Z', 1, limits)).toMatchObject({ ok: true, log: { day: '2026-11-03', bytes: 1 } });
    // A refusal changes nothing: the caller keeps the stored log.
    expect(full.log.bytes).toBe(200 * MB);
  });

  it('a log limits until the later of its longest window and the end of its Beijing day', () => {
    const d = takeUpload(null, '2026-11-02T10:00:00.000Z', 1, DEFAULT_UPLOAD_LIMITS);
    expect(d).toMatchObject({ ok: true, until: '2026-11-02T16:00:00.000Z' });
    const late = takeUpload(null, '2026-11-02T15:30:00.000Z', 1, DEFAULT_UPLOAD_LIMITS);
    expect(late).toMatchObject({ ok: true, until: '2026-11-02T16:30:00.000Z' });
  });

  it('names the Beijing date of an instant and refuses nonsense', () => {
    expect(beijingDay('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
    expect(beijingDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(() => takeUpload(null, '2026-11-02T10:00:00.000Z', -1, limits)).toThrow('bad size');
  });
});

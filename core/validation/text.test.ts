import { FORBIDDEN_TEXT_RANGES, hasForbiddenChar, isCalendarDate, isIsoInstant, stripForbiddenChars } from './text';
import { date, instant, parse, str } from './schema';

const inRanges = (cp: number): boolean => FORBIDDEN_TEXT_RANGES.some(([a, b]) => cp >= a && cp <= b);

describe('characters no field accepts', () => {
  it('names the whole C0 (but tab and line breaks), DEL, C1 and bidi classes', () => {
    const C0 = Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d);
    const C1 = Array.from({ length: 0x20 }, (_, i) => 0x80 + i);
    const BIDI = [0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
    for (const cp of [...C0, 0x7f, ...C1, ...BIDI]) expect([cp.toString(16), inRanges(cp)]).toEqual([cp.toString(16), true]);
  });

  it('refuses every forbidden code point and no other in the Basic Multilingual Plane', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // lone surrogates are not characters
      const text = `张${String.fromCharCode(cp)}三`;
      if (hasForbiddenChar(text) !== inRanges(cp)) wrong.push(cp.toString(16));
      if (inRanges(cp) && stripForbiddenChars(text) !== '张三') wrong.push(`strip ${cp.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps Chinese, emoji sequences with ZWJ, tabs and line breaks', () => {
    for (const ok of ['网格员 张三', '👨‍👩‍👧 一家人', 'a\tb', '第一行\n第二行', '𠀀生僻字']) expect(hasForbiddenChar(ok)).toBe(false);
  });

  it('str() refuses a name made to display reversed, with the field named', () => {
    const schema = str('姓名', { max: 20 });
    for (const spoof of ['张\u202e三李', '王\u2067五\u2069', '赵\u0085六']) {
      const r = parse(schema, spoof);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues[0].message).toBe('姓名包含不支持的字符');
    }
    expect(parse(schema, '张三')).toEqual({ ok: true, value: '张三' });
  });
});

describe('dates that exist', () => {
  it('accepts every day of 2024–2030 and refuses the day after each month ends', () => {
    const wrong: string[] = [];
    for (let y = 2024; y <= 2030; y++) {
      for (let m = 1; m <= 12; m++) {
        const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
        const mm = String(m).padStart(2, '0');
        for (let d = 1; d <= last; d++) if (!isCalendarDate(`${y}-${mm}-${String(d).padStart(2, '0')}`)) wrong.push(`${y}-${mm}-${d}`);
        if (isCalendarDate(`${y}-${mm}-${String(last + 1).padStart(2, '0')}`)) wrong.push(`${y}-${mm}-${last + 1}`);
        if (isCalendarDate(`${y}-${mm}-00`)) wrong.push(`${y}-${mm}-00`);
      }
      for (const m of ['00', '13', '19']) if (isCalendarDate(`${y}-${m}-01`)) wrong.push(`${y}-${m}`);
    }
    expect(wrong).toEqual([]);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });

  it('checks the date and the clock of an instant', () => {
    expect(isIsoInstant('2026-03-02T09:30:00+08:00')).toBe(true);
    expect(isIsoInstant('2026-03-02T09:30Z')).toBe(true);
    expect(isIsoInstant('2026-03-02T09:30:00.123Z')).toBe(true);
    for (const bad of ['2026-02-30T09:30:00+08:00', '2026-13-01T00:00Z', '2026-03-02T24:00Z', '2026-03-02T09:60Z', '2026-03-02T09:30:61Z', '2026-03-02T09:30', '2026-03-02T09:30+25:00'])
      expect([bad, isIsoInstant(bad)]).toEqual([bad, false]);
  });

  it('date() and instant() refuse with the field named, never later in a query', () => {
    const d = parse(date('开始日期'), '2026-02-30');
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.issues[0].message).toBe('开始日期不是有效的日期');
    const f = parse(date('开始日期'), '2026/02/01');
    if (!f.ok) expect(f.issues[0].message).toBe('开始日期格式应为 2026-01-31');
    expect(f.ok).toBe(false);
    const i = parse(instant('发布时间'), '2026-04-31T08:00:00+08:00');
    expect(i.ok).toBe(false);
    expect(parse(date('开始日期'), '2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
  });
});

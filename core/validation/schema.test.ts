import { SCHEMAS, updateCardSchema } from '../api/schemas';
import { DomainError } from '../shared/errors';
import { id, list, obj, optional, parse, parseOrThrow, str } from './schema';

describe('schema', () => {
  it('counts Chinese characters one by one and names the field in the refusal', () => {
    const s = str('简介', { max: 4 });
    expect(parse(s, '网格服务')).toEqual({ ok: true, value: '网格服务' });
    const r = parse(s, '网格服务卡');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0].message).toBe('简介不能超过4个字');
  });

  it('trims, and refuses blank text as missing', () => {
    expect(parse(str('姓名', { max: 10 }), '  王芳 ')).toEqual({ ok: true, value: '王芳' });
    const r = parse(str('姓名', { max: 10 }), '   ');
    expect(!r.ok && r.issues[0].message).toBe('请填写姓名');
  });

  it('refuses line breaks in single-line fields and control characters everywhere', () => {
    expect(parse(str('姓名', { max: 10 }), '王\n芳').ok).toBe(false);
    expect(parse(str('简介', { max: 10, multiline: true }), '第一行\n第二行').ok).toBe(true);
    expect(parse(str('简介', { max: 10, multiline: true }), 'a\u0007b').ok).toBe(false);
  });

  it('drops undeclared keys so a body cannot smuggle identity or roles', () => {
    const s = obj('参数', { gridId: id('网格') });
    const r = parse(s, { gridId: 'g1', openid: 'someone-else', role: 'street_staff' });
    expect(r).toEqual({ ok: true, value: { gridId: 'g1' } });
  });

  it('refuses ids that are not opaque tokens', () => {
    expect(parse(id('网格'), 'g-1_A').ok).toBe(true);
    expect(parse(id('网格'), "g1' OR 1=1").ok).toBe(false);
    expect(parse(id('网格'), { $ne: null }).ok).toBe(false);
  });

  it('reports the path of a bad list item', () => {
    const r = parse(obj('x', { tags: list('标签', str('标签', { max: 2 }), { max: 3 }) }), { tags: ['ok', 'too long'] });
    expect(!r.ok && r.issues[0].path).toBe('tags.1');
  });

  it('treats null and undefined as absent for optional fields', () => {
    expect(parse(obj('x', { a: optional(str('a', { max: 3 })) }), { a: null })).toEqual({ ok: true, value: {} });
  });

  it('parseOrThrow raises INPUT.INVALID carrying the first issue as its message', () => {
    expect(() => parseOrThrow(SCHEMAS.grid.card, {})).toThrow(DomainError);
    try {
      parseOrThrow(SCHEMAS.grid.card, {});
    } catch (e) {
      expect((e as DomainError).code).toBe('INPUT.INVALID');
      expect((e as DomainError).message).toBe('请填写网格');
    }
  });
});

describe('updateCardSchema', () => {
  const valid = {
    displayName: '张伟',
    workPhone: '13800001234',
    photoFileId: null,
    dutyHours: [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }],
    intro: '有事请找我',
  };

  it('accepts a complete card and fills absent optional fields', () => {
    const { intro: _ignored, ...noIntro } = valid;
    expect(parse(updateCardSchema, noIntro)).toEqual({ ok: true, value: { ...noIntro, intro: '' } });
  });

  it('accepts landlines with area codes and refuses other phone shapes', () => {
    expect(parse(updateCardSchema, { ...valid, workPhone: '0710-8000001' }).ok).toBe(true);
    const r = parse(updateCardSchema, { ...valid, workPhone: '12345' });
    expect(!r.ok && r.issues[0].message).toBe('工作电话应为11位手机号或带区号的固定电话');
  });

  it('refuses malformed times and weekdays outside 1–7', () => {
    expect(parse(updateCardSchema, { ...valid, dutyHours: [{ days: [1], start: '8:30', end: '17:30' }] }).ok).toBe(false);
    expect(parse(updateCardSchema, { ...valid, dutyHours: [{ days: [0], start: '08:30', end: '17:30' }] }).ok).toBe(false);
    expect(parse(updateCardSchema, { ...valid, dutyHours: [] }).ok).toBe(false);
  });

  it('limits the introduction to 120 characters', () => {
    expect(parse(updateCardSchema, { ...valid, intro: '好'.repeat(120) }).ok).toBe(true);
    expect(parse(updateCardSchema, { ...valid, intro: '好'.repeat(121) }).ok).toBe(false);
  });
});

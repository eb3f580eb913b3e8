import { guessKind, mapFields, mapSheet } from './header-mapping';
import { normalizeHeader, splitList } from './fields';

const header = (fields: ReturnType<typeof mapFields>, field: string) => fields.find((f) => f.field === field)?.header;

describe('header matching', () => {
  it('ignores whitespace, full-width characters, bracketed notes and asterisks', () => {
    expect(normalizeHeader(' 手机号（必填）')).toBe('手机号');
    expect(normalizeHeader('手机号 *')).toBe('手机号');
    expect(normalizeHeader('Ｂ角网格')).toBe('b角网格');
    expect(normalizeHeader('单元【数字】')).toBe('单元');
  });

  it('maps synonym headers of a household register to the fields', () => {
    const fields = mapFields('households', ['序号', '网格代码', '自然村', '组', '门牌号', '人群标签']);
    expect(header(fields, 'gridCode')).toBe('网格代码');
    expect(header(fields, 'building')).toBe('自然村');
    expect(header(fields, 'unit')).toBe('组');
    expect(header(fields, 'room')).toBe('门牌号');
    expect(header(fields, 'keyGroups')).toBe('人群标签');
  });

  it('maps staff synonyms, and a required mark does not stop a match', () => {
    const fields = mapFields('staff', ['姓名（必填）', '联系电话', '职务', '社区编码', '主责网格', '协助网格']);
    expect(fields.map((f) => f.header)).toEqual(['姓名（必填）', '联系电话', '职务', '社区编码', '主责网格', '协助网格']);
  });

  it('leaves a field unmapped when no header fits, and uses a header once only', () => {
    const fields = mapFields('grids', ['网格编号', '名称']);
    expect(header(fields, 'code')).toBe('网格编号');
    expect(header(fields, 'name')).toBe('名称');
    expect(header(fields, 'communityCode')).toBeNull();
  });

  it('splits list cells on 、 , ， ; ； / and whitespace', () => {
    expect(splitList('独居老人、残疾人,低保户；a/b c，d;e')).toEqual(['独居老人', '残疾人', '低保户', 'a', 'b', 'c', 'd', 'e']);
  });
});

describe('guessing the kind of a sheet', () => {
  it('reads the sheet name, most specific first', () => {
    expect(guessKind('社区', [])).toBe('communities');
    expect(guessKind('社区网格台账', [])).toBe('grids');
    expect(guessKind('网格员花名册', [])).toBe('staff');
    expect(guessKind('住户信息', [])).toBe('households');
    expect(guessKind('楼栋', [])).toBe('households');
    expect(guessKind('工作人员', [])).toBe('staff');
  });

  it('falls back to the headers when the name says nothing', () => {
    expect(guessKind('Sheet1', ['网格编码', '楼栋', '房号'])).toBe('households');
    expect(guessKind('Sheet1', ['姓名', '手机', '岗位'])).toBe('staff');
    expect(guessKind('Sheet1', ['网格编码', '网格名称', '社区代码', '社区名称'])).toBe('grids');
    expect(guessKind('Sheet1', ['社区代码', '社区名称', '地址'])).toBe('communities');
    expect(guessKind('Sheet1', ['甲', '乙'])).toBeNull();
  });
});

describe('remembered mappings', () => {
  it('a remembered mapping of the same kind whose headers are all present wins', () => {
    const remembered = [{ sheet: '上月房屋', kind: 'households' as const, columns: { gridCode: '网格', building: '楼', unit: null, room: '室', keyGroups: null } }];
    const guess = mapSheet('房屋', ['网格', '楼', '室', '备注'], remembered);
    expect(guess.remembered).toBe(true);
    expect(guess.fields.find((f) => f.field === 'room')?.header).toBe('室');
  });

  it('is ignored when one of its headers is gone or the kind differs', () => {
    const remembered = [{ sheet: '房屋', kind: 'households' as const, columns: { gridCode: '网格', building: '楼', room: '室' } }];
    expect(mapSheet('房屋', ['网格', '楼'], remembered).remembered).toBe(false);
    expect(mapSheet('工作人员', ['网格', '楼', '室'], remembered).remembered).toBe(false);
  });

  it('a sheet the admin typed (no kind could be guessed) keeps its remembered kind by sheet name', () => {
    const remembered = [{ sheet: '表1', kind: 'staff' as const, columns: { name: '甲', mobile: '乙', role: '丙' } }];
    const guess = mapSheet('表1', ['甲', '乙', '丙'], remembered);
    expect(guess).toMatchObject({ kind: 'staff', remembered: true });
    expect(mapSheet('表2', ['甲', '乙', '丙'], remembered)).toMatchObject({ kind: null, remembered: false });
  });
});

import type { RegisterKind } from '../api/register.contract';
import { mapFields } from './header-mapping';
import { createRowChecker, normalizeMobile, parseBoundary } from './row-checks';

const STREET = '420102001000';

function check(kind: RegisterKind, headers: string[], rows: string[][]) {
  const checker = createRowChecker(STREET);
  checker.addSheet(kind, { sheet: 'S', headers, rows: rows.map((cells, i) => ({ row: i + 2, cells })) }, mapFields(kind, headers));
  return checker.result();
}
const codes = (r: ReturnType<typeof check>) => r.problems.map((p) => p.code);

describe('community rows', () => {
  const H = ['社区代码', '社区名称', '服务热线', '社区地址'];
  it('a community code has 12 digits under the street’s first 9', () => {
    const r = check('communities', H, [
      ['420102001001', '一社区', '027-1', '路1号'],
      ['420102002001', '外街道社区', '', ''],
      ['42010200100', '短', '', ''],
    ]);
    expect(r.communities.map((c) => c.code)).toEqual(['420102001001']);
    expect(codes(r)).toEqual(['IMPORT.COMMUNITY_CODE_INVALID', 'IMPORT.COMMUNITY_CODE_INVALID']);
    expect(r.problems[0]).toMatchObject({ sheet: 'S', row: 3, column: '社区代码' });
    expect(r.problems[0].message).toContain('420102002001');
  });
  it('invisible characters pasted into a cell are removed, and a cell of nothing else is empty', () => {
    const r = check('communities', H, [
      ['\ufeff420102001001', '一\u202e社区\u200b', '', ''],
      ['420102001002', '\u2066\u2069', '', ''],
    ]);
    expect(r.communities.map((c) => [c.code, c.name])).toEqual([['420102001001', '一社区']]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'IMPORT.REQUIRED', row: 3, column: '社区名称' })]);
  });
  it('an empty required cell is reported with its column', () => {
    const r = check('communities', H, [['420102001001', '', '', '']]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'IMPORT.REQUIRED', row: 2, column: '社区名称' })]);
    expect(r.communities).toEqual([]);
  });
  it('the same community code twice in the file is a duplicate', () => {
    const r = check('communities', H, [['420102001001', '一', '', ''], ['420102001001', '二', '', '']]);
    expect(codes(r)).toEqual(['IMPORT.DUPLICATE_COMMUNITY']);
    expect(r.problems[0].message).toContain('第2行');
  });
  it('a missing required column is one sheet problem, not one per row', () => {
    const r = check('communities', ['社区代码'], [['420102001001'], ['420102001002']]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'IMPORT.COLUMN_MISSING', row: null, column: '社区名称' })]);
  });
});

describe('grid rows', () => {
  const H = ['网格编码', '网格名称', '社区代码', '四至', '户数目标'];
  it('a grid code has 15 digits and starts with its community code', () => {
    const r = check('grids', H, [
      ['420102001001001', '一网格', '420102001001', '东至A路，南至B街，西至C巷，北至D河', '300'],
      ['42010200100100', '短', '420102001001', '', ''],
      ['420102001002001', '错社区', '420102001001', '', ''],
    ]);
    expect(r.grids).toHaveLength(1);
    expect(r.grids[0]).toMatchObject({ boundary: { east: 'A路', south: 'B街', west: 'C巷', north: 'D河' }, description: '', householdTarget: 300 });
    expect(codes(r)).toEqual(['IMPORT.GRID_CODE_INVALID', 'IMPORT.GRID_NOT_IN_COMMUNITY']);
    expect(r.problems[1].message).toContain('420102001002001');
    // The refused row whose code is well formed is remembered, so rows naming it wait for it (not the short code).
    expect(r.rejectedGridCodes).toEqual(['420102001002001']);
  });
  it('duplicate grid codes and a non-integer household target are reported', () => {
    const r = check('grids', H, [
      ['420102001001001', '一', '420102001001', '', ''],
      ['420102001001001', '二', '420102001001', '', ''],
      ['420102001001002', '三', '420102001001', '', '三百'],
    ]);
    expect(codes(r)).toEqual(['IMPORT.DUPLICATE_GRID', 'IMPORT.NUMBER_INVALID']);
    // A duplicate of an accepted grid is not a grid in doubt; a grid whose only row is wrong is.
    expect(r.rejectedGridCodes).toEqual(['420102001001002']);
  });
  it('a boundary not written as 东至…北至… is kept whole as the description', () => {
    expect(parseBoundary('解放路以东')).toEqual({ boundary: { east: '', south: '', west: '', north: '' }, description: '解放路以东' });
  });
});

describe('household rows', () => {
  const H = ['网格编码', '楼栋', '单元', '房号', '重点人群'];
  const G = '420102001001001';
  it('rooms stay as written, units default to 1, key groups are split and read', () => {
    const r = check('households', H, [
      [G, '3号楼', '2', '0301', '独居老人、低保户'],
      [G, '东村一组', '', '12号', ''],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.households.map((h) => [h.building, h.unit, h.room, h.keyGroups])).toEqual([
      ['3号楼', 2, '0301', ['elderly_alone', 'low_income']],
      ['东村一组', 1, '12号', []],
    ]);
  });
  it('a unit must be a positive integer and a key group must be known', () => {
    const r = check('households', H, [[G, '1号楼', '0', '101', ''], [G, '1号楼', '1', '102', '退役军人']]);
    expect(codes(r)).toEqual(['IMPORT.UNIT_INVALID', 'IMPORT.KEY_GROUP_UNKNOWN']);
    expect(r.problems[1].message).toContain('退役军人');
  });
  it('the same grid, building, unit and room twice is a duplicate room', () => {
    const r = check('households', H, [[G, '1号楼', '1', '101', ''], [G, '1号楼', '1单元', '101', ''], [G, '1号楼', '2', '101', '']]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'IMPORT.DUPLICATE_ROOM', row: 3, column: '房号' })]);
    expect(r.households).toHaveLength(2);
  });
  it('a household with a malformed grid code is reported (whether the grid exists is the planner’s)', () => {
    const r = check('households', H, [['4201', '1号楼', '1', '101', ''], ['420102009009009', '1号楼', '1', '101', '']]);
    expect(codes(r)).toEqual(['IMPORT.GRID_CODE_INVALID']);
    expect(r.households).toHaveLength(1);
  });
});

describe('staff rows', () => {
  const H = ['姓名', '手机号', '角色', '社区代码', '负责网格', 'B角网格'];
  it('reads roles and grid lists; a mobile may carry spaces, dashes or +86', () => {
    const r = check('staff', H, [
      ['张三', '138 0013 8000', '网格员', '420102001001', '420102001001001、420102001001002', '420102001001003'],
      ['李四', '+86 139-0000-0000', '街道工作人员', '', '', ''],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.staff[0]).toMatchObject({ mobile: '13800138000', role: 'grid_worker', primaryGridCodes: ['420102001001001', '420102001001002'], backupGridCodes: ['420102001001003'] });
    expect(r.staff[1]).toMatchObject({ mobile: '13900000000', role: 'street_staff', communityCode: null });
  });
  it('a mobile is 11 digits starting 13–19', () => {
    expect(normalizeMobile('１３８００１３８０００')).toBe('13800138000');
    const r = check('staff', H, [['王五', '12800138000', '街道工作人员', '', '', ''], ['赵六', '1380013800', '街道工作人员', '', '', '']]);
    expect(codes(r)).toEqual(['IMPORT.MOBILE_INVALID', 'IMPORT.MOBILE_INVALID']);
    expect(r.problems[1].message).toContain('1380013800');
  });
  it('an unknown role is reported by name', () => {
    const r = check('staff', H, [['王五', '13800138000', '书记', '420102001001', '', '']]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'IMPORT.ROLE_UNKNOWN', column: '角色' })]);
    expect(r.problems[0].message).toContain('书记');
  });
  it('a grid worker needs a community, and leads only grids of it; only grid workers lead grids', () => {
    const r = check('staff', H, [
      ['甲', '13800138001', '网格员', '', '', ''],
      ['乙', '13800138002', '网格员', '420102001001', '420102001002001', ''],
      ['丙', '13800138003', '社区工作人员', '420102001001', '420102001001001', ''],
    ]);
    expect(codes(r)).toEqual(['IMPORT.REQUIRED', 'IMPORT.GRID_NOT_IN_COMMUNITY', 'IMPORT.GRIDS_NOT_WORKER']);
  });
  it('the same mobile twice in the file is a duplicate', () => {
    const r = check('staff', H, [['甲', '13800138000', '街道工作人员', '', '', ''], ['乙', '138-0013-8000', '街道工作人员', '', '', '']]);
    expect(r.problems).toEqual([expect.objectContaining({ code: 'IMPORT.DUPLICATE_MOBILE', row: 3 })]);
  });
});

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { spreadsheetRegisterReader } from './register-reader';

const STREET = '420102001000';
type Cell = ExcelJS.CellValue;

async function xlsx(sheets: Record<string, Cell[][]>, decorate?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  decorate?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const read = (bytes: Uint8Array, name = 'f.xlsx', mappings?: Parameters<typeof spreadsheetRegisterReader.read>[1]) =>
  spreadsheetRegisterReader.read({ bytes, name }, mappings, STREET);

describe('reading xlsx registers', () => {
  it('maps synonym headers on an unnamed sheet; text stays as typed, numbers become their digits', async () => {
    const bytes = await xlsx({
      Sheet1: [
        ['网格代码', '楼号', '单元号', '门牌号', '人群标签'],
        [420102001001001, '3号楼', 2, '0301', '独居老人、低保户'],
        ['420102001001001', '3号楼', '2', 301, null],
      ],
    });
    const parsed = await read(bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.households.map((h) => [h.gridCode, h.unit, h.room, h.keyGroups, h.origin.row])).toEqual([
      ['420102001001001', 2, '0301', ['elderly_alone', 'low_income'], 2],
      ['420102001001001', 2, '301', [], 3],
    ]);
  });

  it('reports a formula cell and does not take its cached result silently', async () => {
    const bytes = await xlsx({
      工作人员: [
        ['姓名', '手机号', '角色'],
        ['张三', { formula: 'TEXT(13800138000,"0")', result: '13800138000' }, '街道工作人员'],
      ],
    });
    const parsed = await read(bytes);
    expect(parsed.problems).toEqual([expect.objectContaining({ code: 'IMPORT.FORMULA', sheet: '工作人员', row: 2, column: '手机号' })]);
    expect(parsed.problems[0].message).toContain('选择性粘贴为数值');
  });

  it('reports merged cells by their range', async () => {
    const bytes = await xlsx(
      {
        房屋: [
          ['网格编码', '楼栋', '单元', '房号'],
          ['420102001001001', '1号楼', 1, '101'],
          ['420102001001001', null, 1, '102'],
        ],
      },
      (wb) => wb.getWorksheet('房屋')?.mergeCells('B2:B3'),
    );
    const parsed = await read(bytes);
    expect(parsed.problems).toContainEqual(expect.objectContaining({ code: 'IMPORT.MERGED_CELLS', row: 2, column: '楼栋', message: expect.stringContaining('B2:B3') }));
  });

  it('caps a reader problem at 20 places per sheet plus one count', async () => {
    const rows: Cell[][] = [['社区代码', '社区名称']];
    for (let i = 1; i <= 30; i++) rows.push([`420102001${String(i).padStart(3, '0')}`, { formula: `"社区${i}"`, result: `社区${i}` }]);
    const parsed = await read(await xlsx({ 社区: rows }));
    const formula = parsed.problems.filter((p) => p.code === 'IMPORT.FORMULA');
    expect(formula).toHaveLength(21);
    expect(formula[20]).toMatchObject({ row: null, message: expect.stringContaining('30处') });
  });

  it('dates are read as YYYY-MM-DD text', async () => {
    const bytes = await xlsx({ 社区: [['社区代码', '社区名称', '社区地址'], ['420102001001', '一社区', new Date(Date.UTC(2026, 0, 5))]] });
    const parsed = await read(bytes);
    expect(parsed.communities[0].address).toBe('2026-01-05');
  });

  it('row checks run through the reader with sheet, row and header (every kind in one workbook)', async () => {
    const bytes = await xlsx({
      社区: [['社区代码（必填）', '社区名称（必填）'], ['420102001001', '一社区'], ['420102009', '坏社区']],
      网格: [['网格编码', '网格名称', '社区编码'], ['420102001002001', '一网格', '420102001001']],
      房屋: [['网格编码', '楼栋', '单元', '房号'], ['420102001001001', '1号楼', 1, '101'], [], ['420102001001001', '1号楼', 1, '101']],
      工作人员: [['姓名', '联系电话', '岗位'], ['张三', '1380013800', '网格员']],
    });
    const parsed = await read(bytes);
    expect(parsed.problems.map((p) => [p.sheet, p.row, p.column, p.code])).toEqual([
      ['社区', 3, '社区代码（必填）', 'IMPORT.COMMUNITY_CODE_INVALID'],
      ['网格', 2, '网格编码', 'IMPORT.GRID_NOT_IN_COMMUNITY'],
      ['房屋', 4, '房号', 'IMPORT.DUPLICATE_ROOM'],
      ['工作人员', 2, '联系电话', 'IMPORT.MOBILE_INVALID'],
      ['工作人员', 2, '社区代码', 'IMPORT.REQUIRED'],
    ]);
  });

  it('follows the admin’s mapping: chosen columns, and a sheet of kind null left out', async () => {
    const bytes = await xlsx({ 表一: [['编号', '叫法'], ['420102001001', '一社区']], 备注: [['社区代码', '社区名称'], ['bad', '']] });
    const parsed = await read(bytes, 'f.xlsx', [
      { sheet: '表一', kind: 'communities', columns: { code: '编号', name: '叫法', hotline: null, address: null } },
      { sheet: '备注', kind: null, columns: {} },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.communities.map((c) => c.name)).toEqual(['一社区']);
  });

  it('a file with no recognisable sheet says so', async () => {
    const parsed = await read(await xlsx({ 杂项: [['甲', '乙'], ['1', '2']] }));
    expect(parsed.problems).toEqual([expect.objectContaining({ code: 'IMPORT.NO_SHEETS', row: null })]);
  });

  it('inspect counts rows, lists headers and uses a remembered mapping', async () => {
    const bytes = await xlsx({ 房屋: [['网格', '楼', '室'], ['420102001001001', '1号楼', '101'], ['420102001001001', '1号楼', '102']] });
    const remembered = [{ sheet: '房屋', kind: 'households' as const, columns: { gridCode: '网格', building: '楼', unit: null, room: '室', keyGroups: null } }];
    const inspection = await spreadsheetRegisterReader.inspect({ bytes, name: 'a.csv' }, remembered);
    expect(inspection).toMatchObject({ format: 'xlsx', encoding: null });
    expect(inspection.sheets).toEqual([expect.objectContaining({ sheet: '房屋', kind: 'households', headers: ['网格', '楼', '室'], rows: 2, remembered: true })]);
  });
});

describe('reading csv registers', () => {
  const staff = '姓名,手机号码,职务,社区代码\n张三,13800138000,网格员,420102001001\n\n李四,13900139000,社区工作人员,420102001001\n';

  it('reads GB18030 CSV (Excel’s “CSV” on Chinese Windows), named after the file, rows numbered as in the file', async () => {
    const bytes = iconv.encode(staff, 'gb18030');
    const inspection = await spreadsheetRegisterReader.inspect({ bytes, name: '工作人员名单.csv' }, []);
    expect(inspection).toMatchObject({ format: 'csv', encoding: 'gb18030', sheets: [{ sheet: '工作人员名单', kind: 'staff', rows: 2 }] });
    const parsed = await read(bytes, '工作人员名单.csv');
    expect(parsed.problems).toEqual([]);
    expect(parsed.staff.map((s) => [s.name, s.role, s.origin])).toEqual([
      ['张三', 'grid_worker', { sheet: '工作人员名单', row: 2 }],
      ['李四', 'community_staff', { sheet: '工作人员名单', row: 4 }],
    ]);
  });

  it('reads UTF-8 CSV with BOM, whatever the file is called (content decides)', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(staff)]);
    const inspection = await spreadsheetRegisterReader.inspect({ bytes, name: '人员.xlsx' }, []);
    expect(inspection).toMatchObject({ format: 'csv', encoding: 'utf-8' });
    expect(inspection.sheets[0].headers[0]).toBe('姓名');
    expect((await read(bytes, '人员.xlsx')).staff).toHaveLength(2);
  });

  it('keeps quoted cells with commas and a room typed 0301', async () => {
    const csv = '网格编码,楼栋,单元,房号,重点人群\n420102001001001,"3号楼,东",1,0301,"独居老人,残疾人"\n';
    const parsed = await read(Buffer.from(csv), '房屋.csv');
    expect(parsed.problems).toEqual([]);
    expect(parsed.households[0]).toMatchObject({ building: '3号楼,东', room: '0301', keyGroups: ['elderly_alone', 'disabled'] });
  });
});

describe('title rows above the header', () => {
  it('skips one-cell title rows (even merged) and takes the first row with two or more cells as the header', async () => {
    const bytes = await xlsx(
      {
        Sheet1: [
          ['幸福社区房屋台账'],
          ['2026年12月'],
          ['网格编码', '楼栋', '单元', '房号'],
          ['420102001001001', '1号楼', 1, '101'],
        ],
      },
      (wb) => wb.getWorksheet('Sheet1')?.mergeCells('A1:D1'),
    );
    const parsed = await read(bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.households).toEqual([expect.objectContaining({ room: '101', origin: { sheet: 'Sheet1', row: 4 } })]);
  });

  it('a sheet of one-cell rows keeps its first row as the header and the rest as data', async () => {
    const csv = '备注\n一\n二\n三\n四\n五\n六\n';
    const inspection = await spreadsheetRegisterReader.inspect({ bytes: Buffer.from(csv), name: '杂项.csv' }, []);
    expect(inspection.sheets).toEqual([expect.objectContaining({ headers: ['备注'], rows: 6, kind: null })]);
  });
});

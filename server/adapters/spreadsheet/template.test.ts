import ExcelJS from 'exceljs';
import { spreadsheetRegisterReader } from './register-reader';
import { writeRegisterTemplate } from './template';

describe('the register template', () => {
  it('reads back through the reader as one example of each kind with no problems', async () => {
    const bytes = await writeRegisterTemplate();
    const parsed = await spreadsheetRegisterReader.read({ bytes, name: '台账模板.xlsx' }, undefined, '420102001000');
    expect(parsed.problems).toEqual([]);
    expect(parsed.communities).toEqual([expect.objectContaining({ code: '420102001001', name: '幸福社区', origin: { sheet: '社区', row: 2 } })]);
    expect(parsed.grids).toEqual([expect.objectContaining({ code: '420102001001001', communityCode: '420102001001', householdTarget: 300 })]);
    expect(parsed.grids[0].boundary).toEqual({ east: '幸福路', south: '和平街', west: '友谊巷', north: '长江大道' });
    expect(parsed.households).toEqual([expect.objectContaining({ gridCode: '420102001001001', building: '1号楼', unit: 1, room: '0301', keyGroups: ['elderly_alone'] })]);
    expect(parsed.staff).toEqual([expect.objectContaining({ mobile: '13800138000', role: 'grid_worker', primaryGridCodes: ['420102001001001'] })]);
  });

  it('inspects as four recognised sheets with the template headers mapped, and the guide sheet unrecognised', async () => {
    const bytes = await writeRegisterTemplate();
    const inspection = await spreadsheetRegisterReader.inspect({ bytes, name: 'x.xlsx' }, []);
    expect(inspection.format).toBe('xlsx');
    expect(inspection.sheets.map((s) => [s.sheet, s.kind, s.rows])).toEqual([
      ['社区', 'communities', 1],
      ['网格', 'grids', 1],
      ['房屋', 'households', 1],
      ['工作人员', 'staff', 1],
      ['说明', null, expect.any(Number)],
    ]);
    for (const s of inspection.sheets.slice(0, 4)) expect(s.fields.every((f) => f.header !== null)).toBe(true);
    expect(inspection.sheets[3].headers).toContain('手机号（必填）');
  });

  it('offers drop-down lists for 角色 (strict) and 重点人群 (warning only)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeRegisterTemplate()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const model = (name: string) =>
      (wb.getWorksheet(name) as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const role = Object.entries(model('工作人员')).find(([, v]) => v.type === 'list');
    expect(role?.[1]).toMatchObject({ formulae: ['"网格员,社区工作人员,街道工作人员"'], errorStyle: 'stop' });
    const groups = Object.values(model('房屋')).find((v) => v.type === 'list');
    expect(groups).toMatchObject({ formulae: ['"独居老人,残疾人,低保户"'], errorStyle: 'information' });
    expect(wb.getWorksheet('房屋')?.getColumn(1).width).toBeGreaterThan(10);
  });
});

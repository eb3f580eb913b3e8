import type { RegisterInspection } from '@core/api/register.contract';
import { carryOver, chooseHeader, chooseKind, initialChoices, missingRequired, toSheetMappings } from './mapping-state';

const inspection: RegisterInspection = {
  fileId: 'f1',
  format: 'xlsx',
  encoding: null,
  sheets: [
    {
      sheet: '社区',
      kind: 'communities',
      headers: ['社区代码（必填）', '社区名称（必填）', '热线'],
      rows: 1,
      remembered: true,
      fields: [
        { field: 'code', label: '社区代码', required: true, header: '社区代码（必填）' },
        { field: 'name', label: '社区名称', required: true, header: '社区名称（必填）' },
        { field: 'hotline', label: '服务热线', required: false, header: '热线' },
        { field: 'address', label: '社区地址', required: false, header: null },
      ],
    },
    { sheet: 'Sheet3', kind: null, headers: ['网格编码', '楼号', '房号'], rows: 3, remembered: false, fields: [] },
  ],
};

test('the server recognised mapping becomes SheetMapping[] as is; an unrecognised sheet is skipped (kind null)', () => {
  expect(toSheetMappings(initialChoices(inspection))).toEqual([
    { sheet: '社区', kind: 'communities', columns: { code: '社区代码（必填）', name: '社区名称（必填）', hotline: '热线', address: null } },
    { sheet: 'Sheet3', kind: null, columns: {} },
  ]);
});

test('choosing a kind for an unrecognised sheet fills its fields from matching headers; missing required fields are listed', () => {
  const c = chooseKind(initialChoices(inspection), 'Sheet3', 'households');
  const m = toSheetMappings(c)[1];
  expect(m).toEqual({ sheet: 'Sheet3', kind: 'households', columns: { gridCode: '网格编码', building: '楼号', unit: null, room: '房号', keyGroups: null } });
  expect(missingRequired(c)).toEqual([]);
  const without = chooseHeader(c, 'Sheet3', 'room', null);
  expect(missingRequired(without)).toEqual([{ sheet: 'Sheet3', label: '房号' }]);
});

test('correcting a header drops the 已记住 badge; choosing 跳过 leaves the sheet out', () => {
  const c = chooseHeader(initialChoices(inspection), '社区', 'address', '热线');
  expect(c[0].remembered).toBe(false);
  expect(toSheetMappings(c)[0].columns.address).toBe('热线');
  expect(toSheetMappings(chooseKind(c, '社区', null))[0]).toEqual({ sheet: '社区', kind: null, columns: {} });
});

test('a re-upload keeps the chosen mapping of a sheet with the same name and headers, not of a changed one', () => {
  const chosen = chooseKind(initialChoices(inspection), 'Sheet3', 'households');
  const next = initialChoices(inspection);
  expect(carryOver(chosen, next)[1].kind).toBe('households');
  const changed = initialChoices({ ...inspection, sheets: [inspection.sheets[0], { ...inspection.sheets[1], headers: ['网格编码', '楼栋', '房号'] }] });
  expect(carryOver(chosen, changed)[1].kind).toBeNull();
});

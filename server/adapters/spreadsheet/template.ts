/**
 * The register template a street downloads: one sheet per kind with the headers the reader knows, the
 * required ones marked, one example row whose codes fit together (street 420102001000 → community
 * 420102001001 → grid 420102001001001), drop-down lists for 角色 and 重点人群, and a 说明 sheet.
 */
import ExcelJS from 'exceljs';
import { REGISTER_KINDS, REGISTER_KIND_LABELS, type RegisterKind } from '@core/api/register.contract';
import { REGISTER_FIELDS, STAFF_ROLE_LABELS, templateHeader } from '@core/registers/fields';
import { KEY_GROUP_LABELS } from '@core/places/place';
import { columnLetter } from './raw-sheet';

const EXAMPLE: Record<RegisterKind, Record<string, string | number>> = {
  communities: { code: '420102001001', name: '幸福社区', hotline: '027-88886666', address: '幸福路1号' },
  grids: {
    code: '420102001001001',
    name: '幸福社区第一网格',
    communityCode: '420102001001',
    boundary: '东至幸福路，南至和平街，西至友谊巷，北至长江大道',
    householdTarget: 300,
  },
  households: { gridCode: '420102001001001', building: '1号楼', unit: 1, room: '0301', keyGroups: KEY_GROUP_LABELS.elderly_alone },
  staff: {
    name: '张三',
    mobile: '13800138000',
    role: STAFF_ROLE_LABELS.grid_worker,
    communityCode: '420102001001',
    primaryGridCodes: '420102001001001',
    backupGridCodes: '',
  },
};

/** Rows the drop-down lists cover: far past any one grid's register, small enough to keep the file light. */
const VALIDATED_ROWS = 20000;

const WIDTH: Record<string, number> = { boundary: 48, address: 28, name: 20, primaryGridCodes: 36, backupGridCodes: 36, keyGroups: 24 };

const GUIDE = [
  '网格通台账导入模板 使用说明',
  '',
  '1. 本模板有四张表：社区、网格、房屋、工作人员。可以只填其中几张，也可以分几次导入。',
  '2. 标“（必填）”的列必须填写；其他列可以留空。列的顺序可以调整，表头名称请不要修改。',
  '3. 每张表第2行是示例，导入前请删除或改成本街道的真实内容。',
  '4. 社区代码为12位数字：前9位与本街道代码相同，后3位是社区编号（例如 420102001001）。',
  '5. 网格编码为15位数字：所属社区代码12位 + 网格编号3位（例如 420102001001001）。',
  '6. 房屋表：城镇填“楼栋、单元、房号”；农村可在“楼栋”填自然村或村组，“房号”填门牌，单元留空。',
  `7. 重点人群可填：${Object.values(KEY_GROUP_LABELS).join('、')}；多个用“、”分开。`,
  `8. 工作人员的角色只能是：${Object.values(STAFF_ROLE_LABELS).join('、')}。网格员和社区工作人员须填写社区代码。`,
  '9. 负责网格、B角网格填写网格编码，多个用“、”分开；只有网格员可以填写。',
  '10. 请不要使用公式和合并单元格；从其他表格复制时请“选择性粘贴为数值”。编号、房号请设为文本格式（如 0301）。',
  '11. 手机号为11位数字。同一个手机号在文件中只能出现一次。',
];

export async function writeRegisterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '网格通';
  for (const kind of REGISTER_KINDS) {
    const ws = wb.addWorksheet(REGISTER_KIND_LABELS[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
    const fields = REGISTER_FIELDS[kind];
    ws.columns = fields.map((f) => ({
      header: templateHeader(f),
      key: f.field,
      width: WIDTH[f.field] ?? 18,
      // Codes, mobiles and rooms are text, so Excel keeps 0301 and never shows 4.20102E+14.
      style: { numFmt: '@' },
    }));
    const header = ws.getRow(1);
    header.font = { bold: true };
    fields.forEach((f, i) => {
      header.getCell(i + 1).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: f.required ? 'FFFCE4D6' : 'FFEDEDED' },
      };
    });
    ws.addRow(EXAMPLE[kind]);
    const list = (field: string, values: string[], strict: boolean): void => {
      const col = columnLetter(fields.findIndex((f) => f.field === field) + 1);
      // exceljs writes range validations (one sqref) but its typings omit `dataValidations`.
      (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${col}2:${col}${VALIDATED_ROWS}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: true,
        // 重点人群 may hold several groups (“独居老人、低保户”), which a list cannot offer: warn, do not block.
        errorStyle: strict ? 'stop' : 'information',
        errorTitle: '请从列表中选择',
        error: strict ? `只能填写：${values.join('、')}` : `建议从列表中选择；多个用“、”分开：${values.join('、')}`,
      });
    };
    if (kind === 'staff') list('role', Object.values(STAFF_ROLE_LABELS), true);
    if (kind === 'households') list('keyGroups', Object.values(KEY_GROUP_LABELS), false);
  }
  const guide = wb.addWorksheet('说明');
  guide.getColumn(1).width = 110;
  for (const line of GUIDE) guide.addRow([line]);
  guide.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

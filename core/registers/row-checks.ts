/**
 * Cells → typed rows, one row at a time, plus duplicates within the file. Everything a person can fix in
 * the sheet itself is found here, each problem pointing at sheet, row and column with a message that
 * names the value. References between kinds (a household's grid, a worker's grids) are the planner's:
 * it checks them against the file and the store together.
 */
import { stripForbiddenChars } from '../validation/text';
import type { FieldMapping, RegisterKind, RegisterProblem } from '../api/register.contract';
import type { KeyGroup } from '../places/place';
import { STAFF_ROLE_LABELS, parseKeyGroup, parseStaffRole, splitList } from './fields';
import type { CommunityRow, GridRow, HouseholdRow, ParsedRegister, RowOrigin, StaffRow } from './register-data';

/** A sheet as the reader hands it over: headers of the header row, and every non-empty row after it as text. */
export interface SheetCells {
  sheet: string;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

const COMMUNITY_CODE = /^\d{12}$/;
const GRID_CODE = /^\d{15}$/;
const MOBILE = /^1[3-9]\d{9}$/;

/** Codes and numbers: full-width digits become ASCII and spaces go (a code typed with spaces is still the code). */
function compact(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '');
}

/** A mobile as people write it: 138 0013 8000, 138-0013-8000, +86 13800138000. */
export function normalizeMobile(value: string): string {
  const digits = compact(value).replace(/-/g, '');
  return /^(\+?86)1\d{10}$/.test(digits) ? digits.replace(/^\+?86/, '') : digits;
}

/** 东至…南至…西至…北至… split into the four sides; anything else is kept whole as the description. */
export function parseBoundary(text: string): { boundary: GridRow['boundary']; description: string } {
  const sep = '[，,；;。、\\s]*';
  const m = new RegExp(`^东至(.*?)${sep}南至(.*?)${sep}西至(.*?)${sep}北至(.*?)${sep}$`).exec(text.trim());
  if (m) return { boundary: { east: m[1], south: m[2], west: m[3], north: m[4] }, description: '' };
  return { boundary: { east: '', south: '', west: '', north: '' }, description: text.trim() };
}

export interface RowChecker {
  addSheet(kind: RegisterKind, cells: SheetCells, fields: FieldMapping[]): void;
  /** A problem the reader found (formula, merged cells, an unreadable sheet). */
  addProblem(problem: RegisterProblem): void;
  result(): ParsedRegister;
}

/** `streetCode`: the street's 12-digit code; its first 9 digits (县 6 + 街道 3) head every community code. */
export function createRowChecker(streetCode: string): RowChecker {
  const streetPrefix = streetCode.slice(0, 9);
  const out: ParsedRegister = { communities: [], grids: [], households: [], staff: [], problems: [], rejectedGridCodes: [] };
  const seenCommunity = new Map<string, RowOrigin>();
  const seenGrid = new Map<string, RowOrigin>();
  const seenRoom = new Map<string, RowOrigin>();
  const seenMobile = new Map<string, RowOrigin>();

  function at(origin: RowOrigin): string {
    return `“${origin.sheet}”第${origin.row}行`;
  }

  function addSheet(kind: RegisterKind, cells: SheetCells, fields: FieldMapping[]): void {
    const missing = fields.filter((f) => f.required && (f.header === null || !cells.headers.includes(f.header)));
    for (const f of missing) {
      out.problems.push({
        sheet: cells.sheet,
        row: null,
        column: f.label,
        code: 'IMPORT.COLUMN_MISSING',
        message: `“${cells.sheet}”表缺少“${f.label}”列，请在列对应中选择哪一列是“${f.label}”`,
      });
    }
    // Without a required column every row would report the same empty cell; the one sheet problem says it.
    if (missing.length > 0) return;

    const index = new Map<string, number>();
    for (const f of fields) if (f.header !== null) index.set(f.field, cells.headers.indexOf(f.header));

    for (const { row, cells: values } of cells.rows) {
      const origin: RowOrigin = { sheet: cells.sheet, row };
      const problems: RegisterProblem[] = [];
      const columnOf = (field: string): string => {
        const f = fields.find((x) => x.field === field);
        return f?.header ?? f?.label ?? field;
      };
      const report = (field: string, code: string, message: string): void => {
        problems.push({ sheet: cells.sheet, row, column: columnOf(field), code, message });
      };
      const get = (field: string): string => {
        const i = index.get(field);
        // Cells pasted from web pages carry zero-width and bidi characters nobody sees: removed, not refused.
        return i === undefined || i < 0 ? '' : stripForbiddenChars(values[i] ?? '').trim();
      };
      const required = (field: string, label: string): string => {
        const v = get(field);
        if (v === '') report(field, 'IMPORT.REQUIRED', `${at(origin)}的“${label}”为空，这一项必须填写`);
        return v;
      };
      const communityCode = (field: string, label: string, value: string): string => {
        const code = compact(value);
        if (code === '') return code;
        if (!COMMUNITY_CODE.test(code) || !code.startsWith(streetPrefix) || code.endsWith('000')) {
          report(
            field,
            'IMPORT.COMMUNITY_CODE_INVALID',
            `${label}“${value}”不正确：应为12位数字，前9位与本街道代码 ${streetPrefix} 相同，后3位是社区的编号`,
          );
        }
        return code;
      };
      const gridCode = (field: string, label: string, value: string): string => {
        const code = compact(value);
        if (code !== '' && !GRID_CODE.test(code)) {
          report(field, 'IMPORT.GRID_CODE_INVALID', `${label}“${value}”不正确：网格编码应为15位数字（社区代码12位 + 网格编号3位）`);
        }
        return code;
      };

      if (kind === 'communities') {
        const code = communityCode('code', '社区代码', required('code', '社区代码'));
        const name = required('name', '社区名称');
        if (problems.length === 0) {
          const first = seenCommunity.get(code);
          if (first) {
            report('code', 'IMPORT.DUPLICATE_COMMUNITY', `社区代码“${code}”重复：${at(first)}已经有这个社区`);
          } else {
            seenCommunity.set(code, origin);
            const r: CommunityRow = { origin, code, name, hotline: get('hotline'), address: get('address') };
            out.communities.push(r);
          }
        }
      } else if (kind === 'grids') {
        const code = gridCode('code', '网格编码', required('code', '网格编码'));
        const name = required('name', '网格名称');
        const community = communityCode('communityCode', '社区代码', required('communityCode', '社区代码'));
        if (problems.length === 0 && !code.startsWith(community)) {
          report('code', 'IMPORT.GRID_NOT_IN_COMMUNITY', `网格编码“${code}”的前12位应为所属社区代码“${community}”`);
        }
        const targetText = compact(get('householdTarget'));
        let householdTarget: number | null = null;
        if (targetText !== '') {
          if (/^\d+$/.test(targetText)) householdTarget = Number(targetText);
          else report('householdTarget', 'IMPORT.NUMBER_INVALID', `户数目标“${get('householdTarget')}”应为不小于0的整数`);
        }
        if (problems.length === 0) {
          const first = seenGrid.get(code);
          if (first) {
            report('code', 'IMPORT.DUPLICATE_GRID', `网格编码“${code}”重复：${at(first)}已经有这个网格`);
          } else {
            seenGrid.set(code, origin);
            const { boundary, description } = parseBoundary(get('boundary'));
            const r: GridRow = { origin, code, name, communityCode: community, boundary, description, householdTarget };
            out.grids.push(r);
          }
        } else if (GRID_CODE.test(code) && !seenGrid.has(code)) {
          out.rejectedGridCodes?.push(code);
        }
      } else if (kind === 'households') {
        const grid = gridCode('gridCode', '网格编码', required('gridCode', '网格编码'));
        const building = required('building', '楼栋');
        const room = required('room', '房号');
        const unitText = compact(get('unit'));
        let unit = 1;
        if (unitText !== '') {
          // “2”, “2单元” and “02” are unit 2; a rural register without units leaves the cell empty (unit 1).
          const m = /^0*([1-9]\d{0,3})(单元)?$/.exec(unitText);
          if (m) unit = Number(m[1]);
          else report('unit', 'IMPORT.UNIT_INVALID', `单元“${get('unit')}”应为正整数，例如 1、2`);
        }
        const keyGroups: KeyGroup[] = [];
        for (const label of splitList(get('keyGroups'))) {
          const g = parseKeyGroup(label);
          if (g === null) {
            report('keyGroups', 'IMPORT.KEY_GROUP_UNKNOWN', `重点人群“${label}”无法识别：只能填写独居老人、残疾人、低保户，多个用“、”分开`);
          } else if (!keyGroups.includes(g)) keyGroups.push(g);
        }
        if (problems.length === 0) {
          const key = [grid, building, unit, room].join('\u0000');
          const first = seenRoom.get(key);
          if (first) {
            report('room', 'IMPORT.DUPLICATE_ROOM', `房屋“${building}${unit}单元${room}”（网格 ${grid}）重复：${at(first)}已经登记过`);
          } else {
            seenRoom.set(key, origin);
            const r: HouseholdRow = { origin, gridCode: grid, building, unit, room, keyGroups };
            out.households.push(r);
          }
        }
      } else {
        const name = required('name', '姓名');
        const mobileText = required('mobile', '手机号');
        const mobile = normalizeMobile(mobileText);
        if (mobileText !== '' && !MOBILE.test(mobile)) {
          report('mobile', 'IMPORT.MOBILE_INVALID', `手机号“${mobileText}”不正确：应为11位数字，以13–19开头`);
        }
        const roleText = required('role', '角色');
        const role = roleText === '' ? null : parseStaffRole(roleText);
        if (roleText !== '' && role === null) {
          report(
            'role',
            'IMPORT.ROLE_UNKNOWN',
            `角色“${roleText}”无法识别：只能填写${Object.values(STAFF_ROLE_LABELS).join('、')}`,
          );
        }
        const communityText = get('communityCode');
        const community = communityCode('communityCode', '社区代码', communityText);
        if (communityText === '' && (role === 'grid_worker' || role === 'community_staff')) {
          report('communityCode', 'IMPORT.REQUIRED', `${at(origin)}的“社区代码”为空：${STAFF_ROLE_LABELS[role]}必须填写所在社区的代码`);
        }
        const grids = (field: 'primaryGridCodes' | 'backupGridCodes', label: string): string[] => {
          const codes = splitList(get(field)).map((c) => gridCode(field, label, c));
          if (codes.length > 0 && role !== null && role !== 'grid_worker') {
            report(field, 'IMPORT.GRIDS_NOT_WORKER', `${name}的角色是${STAFF_ROLE_LABELS[role]}，不能填写${label}（只有网格员负责网格）`);
          }
          for (const c of codes) {
            if (GRID_CODE.test(c) && COMMUNITY_CODE.test(community) && !c.startsWith(community)) {
              report(field, 'IMPORT.GRID_NOT_IN_COMMUNITY', `${label}“${c}”不在社区“${community}”内（网格编码的前12位应为社区代码）`);
            }
          }
          return [...new Set(codes)];
        };
        const primaryGridCodes = grids('primaryGridCodes', '负责网格');
        const backupGridCodes = grids('backupGridCodes', 'B角网格');
        if (problems.length === 0 && role !== null) {
          const first = seenMobile.get(mobile);
          if (first) {
            report('mobile', 'IMPORT.DUPLICATE_MOBILE', `手机号“${mobile}”重复：${at(first)}已经登记了这个手机号`);
          } else {
            seenMobile.set(mobile, origin);
            const r: StaffRow = {
              origin,
              name,
              mobile,
              role,
              communityCode: community === '' ? null : community,
              primaryGridCodes,
              backupGridCodes,
            };
            out.staff.push(r);
          }
        }
      }
      out.problems.push(...problems);
    }
  }

  return {
    addSheet,
    addProblem: (p) => out.problems.push(p),
    result: () => out,
  };
}

/**
 * The fields of each register kind: how the template heads them, whether a row needs them, and the
 * other headers streets actually use for them (their own registers predate our template).
 * Pure: shared by the reader on the server and the mapping screen in the app.
 */
import type { RegisterKind } from '../api/register.contract';
import { KEY_GROUP_LABELS, type KeyGroup } from '../places/place';
import type { StaffRole } from './register-data';

export interface RegisterField {
  /** The property of the parsed row it fills (CommunityRow.code, StaffRow.mobile, …). */
  field: string;
  /** The template's header, without the 必填 mark. */
  label: string;
  required: boolean;
  /** Headers other registers use for the same thing, compared after normalizeHeader. */
  synonyms: readonly string[];
}

const COMMUNITY_CODE_SYNONYMS = ['社区代码', '社区编码', '社区编号', '社区区划代码', '所属社区代码', '所属社区编码'];
const GRID_CODE_SYNONYMS = ['网格编码', '网格代码', '网格编号', '所属网格编码', '所属网格代码', '所属网格'];

export const REGISTER_FIELDS: Record<RegisterKind, readonly RegisterField[]> = {
  communities: [
    { field: 'code', label: '社区代码', required: true, synonyms: COMMUNITY_CODE_SYNONYMS },
    { field: 'name', label: '社区名称', required: true, synonyms: ['社区名称', '社区名', '社区', '名称'] },
    { field: 'hotline', label: '服务热线', required: false, synonyms: ['服务热线', '社区热线', '热线', '联系电话', '电话'] },
    { field: 'address', label: '社区地址', required: false, synonyms: ['社区地址', '办公地址', '地址'] },
  ],
  grids: [
    { field: 'code', label: '网格编码', required: true, synonyms: GRID_CODE_SYNONYMS.filter((s) => !s.startsWith('所属')) },
    { field: 'name', label: '网格名称', required: true, synonyms: ['网格名称', '网格名', '网格', '名称'] },
    { field: 'communityCode', label: '社区代码', required: true, synonyms: COMMUNITY_CODE_SYNONYMS },
    { field: 'boundary', label: '四至', required: false, synonyms: ['四至', '四至范围', '网格四至', '范围', '边界'] },
    { field: 'householdTarget', label: '户数目标', required: false, synonyms: ['户数目标', '目标户数', '户数', '应有户数'] },
  ],
  households: [
    { field: 'gridCode', label: '网格编码', required: true, synonyms: GRID_CODE_SYNONYMS },
    { field: 'building', label: '楼栋', required: true, synonyms: ['楼栋', '楼号', '楼栋号', '自然村', '村组', '楼栋/自然村'] },
    { field: 'unit', label: '单元', required: false, synonyms: ['单元', '单元号', '组'] },
    { field: 'room', label: '房号', required: true, synonyms: ['房号', '门牌', '门牌号', '房间号', '房号/门牌'] },
    { field: 'keyGroups', label: '重点人群', required: false, synonyms: ['重点人群', '人群标签', '重点人群标签'] },
  ],
  staff: [
    { field: 'name', label: '姓名', required: true, synonyms: ['姓名', '名字', '人员姓名'] },
    { field: 'mobile', label: '手机号', required: true, synonyms: ['手机号', '手机', '联系电话', '电话', '手机号码'] },
    { field: 'role', label: '角色', required: true, synonyms: ['角色', '岗位', '职务'] },
    { field: 'communityCode', label: '社区代码', required: false, synonyms: COMMUNITY_CODE_SYNONYMS },
    { field: 'primaryGridCodes', label: '负责网格', required: false, synonyms: ['负责网格', '主责网格', '负责网格编码'] },
    { field: 'backupGridCodes', label: 'B角网格', required: false, synonyms: ['B角网格', '协助网格', 'B角'] },
  ],
};

/** What the template writes after a required field's label, and what normalizeHeader strips again. */
export const REQUIRED_MARK = '（必填）';

export function templateHeader(f: RegisterField): string {
  return f.required ? `${f.label}${REQUIRED_MARK}` : f.label;
}

/**
 * Headers compare after: NFKC (full-width letters, digits and brackets become half-width), no whitespace,
 * no bracketed notes (“手机号（必填）”, “单元(数字)”), no asterisk or ※ marks, lower case. So “ 手机号 *”,
 * “手机号（必填）” and “手机号” are the same header.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '')
    .replace(/[*※]/g, '')
    .toLowerCase();
}

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  street_staff: '街道工作人员',
};

/** A role cell: the template's label or a common other name for the same post. */
const ROLE_SYNONYMS: Record<string, StaffRole> = {
  网格员: 'grid_worker',
  专职网格员: 'grid_worker',
  兼职网格员: 'grid_worker',
  社区工作人员: 'community_staff',
  社区工作者: 'community_staff',
  社工: 'community_staff',
  街道工作人员: 'street_staff',
  街道干部: 'street_staff',
};

export function parseStaffRole(cell: string): StaffRole | null {
  return ROLE_SYNONYMS[cell.normalize('NFKC').replace(/\s+/g, '')] ?? null;
}

const KEY_GROUP_SYNONYMS: Record<string, KeyGroup> = {
  ...Object.fromEntries(Object.entries(KEY_GROUP_LABELS).map(([k, label]) => [label, k as KeyGroup])),
  独居: 'elderly_alone',
  空巢老人: 'elderly_alone',
  残疾: 'disabled',
  残障人士: 'disabled',
  低保: 'low_income',
  低保家庭: 'low_income',
};

export function parseKeyGroup(label: string): KeyGroup | null {
  return KEY_GROUP_SYNONYMS[label.normalize('NFKC').replace(/\s+/g, '')] ?? null;
}

/** A list cell (grids led, key groups): split on 、 , ， ; ； / and whitespace; empty parts dropped. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[、,，;；/\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

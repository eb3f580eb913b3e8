/**
 * Stable error codes shared by the functions and the app. The code is the contract;
 * the Chinese message is what a person sees, so it says what to do next where it can.
 */
import { BASIC_ERROR_MESSAGES } from './error-basics';

export const ERROR_MESSAGES = {
  'AUTH.UNAUTHENTICATED': '请先登录后再操作',
  'AUTH.FORBIDDEN': '您没有权限进行此操作',
  'AUTH.SESSION_INVALID': '登录已失效，请重新登录',
  'INPUT.INVALID': '填写的内容有误，请检查后再提交',
  'ACTION.UNKNOWN': '暂不支持该操作，请更新小程序后再试',
  'RESIDENT.NOT_BOUND': '您还没有绑定住址，请先绑定',
  'HOUSEHOLD.NOT_FOUND': '没有找到这个房屋，请重新选择',
  'BINDING.NOT_FOUND': '没有找到这位居民的绑定申请',
  'BINDING.NOT_PENDING': '这条绑定已经处理过了，请刷新后再看',
  'BINDING.SELF': '不能确认自己的住址绑定，请由其他工作人员确认',
  'BINDING.PENDING': '住址绑定待网格员确认，确认后才能进行此操作',
  'BUILDING.NOT_FOUND': '没有找到这栋楼，请重新选择',
  'COMMUNITY.NOT_FOUND': '没有找到这个社区，请重新选择',
  'GRID.NOT_FOUND': '没有找到这个网格',
  'GRID.QR_INVALID': '二维码无效或已更换，请向网格员索取新的二维码',
  'GRID.VERSION_CONFLICT': '该网格刚被其他人修改过，请刷新后再试',
  'GRID.WORKER_REQUIRED': '请选择网格员',
  'GRID.SAME_WORKER': '网格员和B角不能是同一个人',
  'WORKER.NOT_FOUND': '没有找到这位网格员',
  'WORKER.OTHER_COMMUNITY': '只能指派本社区的网格员',
  'CARD.NOT_WORKER': '只有网格员可以编辑联系卡',
  'FILE.NOT_FOUND': '图片不存在或已过期，请重新上传',
  'FILE.NOT_OWNED': '只能使用您本人上传的图片',
  'FILE.TYPE': '只支持 JPG 或 PNG 格式的图片',
  'FILE.TOO_LARGE': '图片太大了，请选择小于 5MB 的图片',
  'REQUEST.NOT_FOUND': '没有找到这条诉求',
  'REQUEST.ILLEGAL_TRANSITION': '这条诉求当前的状态不能进行此操作，请刷新后查看',
  'REQUEST.VERSION_CONFLICT': '这条诉求刚被其他人处理过，请刷新后查看',
  'REQUEST.RATE_LIMITED': '提交太频繁了，请稍后再提交',
  'REQUEST.CATEGORY_NOT_FOUND': '请选择有效的诉求类别',
  'REQUEST.DEPARTMENT_NOT_FOUND': '没有找到该部门，请重新选择',
  'REQUEST.CONFIRM_WINDOW_OPEN': '居民确认期还没有结束，暂不能由社区核查',
  'REQUEST.NOT_RESIDENT': '请先绑定住址，再提交诉求',
  'REQUEST.SAME_GRID': '改派的网格与当前网格相同',
  'REQUEST.REASON_REQUIRED': '请填写原因',
  'REQUEST.METOO_OWN': '这是您本人反映的诉求，不需要再同问',
  'REQUEST.METOO_TWICE': '您已经同问过这条诉求，办理进展会通知您',
  'REQUEST.METOO_CLOSED': '这条诉求已办结或已关闭，不能再同问；如问题仍在，请重新反映',
  'REQUEST.MERGE_SELF': '不能把诉求合并到它自己',
  'REQUEST.MERGE_TARGET': '只能合并到本社区仍在办理中的诉求，请重新选择',
  'REQUEST.NOT_FOLLOWER': '您没有同问这条诉求',
  'REQUEST.RATE_NOT_READY': '诉求办结后才能评价',
  'REQUEST.RATED_TWICE': '您已经评价过这条诉求',
  'NOTICE.NOT_FOUND': '没有找到这条通知，可能已被撤回',
  'NOTICE.VERSION_CONFLICT': '这条通知刚被其他人修改过，请刷新后再试',
  'NOTICE.WITHDRAWN': '这条通知已撤回，不能再修改',
  'NOTICE.SCOPE_EMPTY': '请选择发布范围',
  'NOTICE.SCOPE_OUTSIDE': '只能向您负责的范围发布通知',
  'NOTICE.BODY_EMPTY': '正文不能为空（已去除不支持的格式）',
  'NOTICE.BODY_TOO_LONG': '正文不能超过5000字',
  'NOTICE.TIME_INVALID': '过期时间应晚于发布时间，且发布时间不能早于现在',
  'NOTICE.HOUSEHOLD_OUTSIDE': '这户不在该通知的发布范围内',
  'NOTICE.NO_ACK_NEEDED': '这条通知不需要确认知晓',
  'CHECKIN.NOT_FOUND': '没有找到这次报平安',
  'CHECKIN.CLOSED': '这次报平安已结束，不能再回复',
  'CHECKIN.NOT_ASKED': '这次报平安不包括您家',
  'CHECKIN.HOUSEHOLD_OUTSIDE': '这户不在这次报平安的范围内',
  'CALENDAR.FILE_UNREADABLE': '日历文件无法读取：请使用 JSON 或 CSV（每行：日期,放假/上班）',
  'CALENDAR.YEAR_MISMATCH': '日历文件中的年份与要导入的年份不一致',
  'CALENDAR.NO_DATA': '日历文件中没有这一年的放假安排',
  'CALENDAR.DATE_INVALID': '日历中有无效的日期（格式应为 2027-01-01）',
  'CALENDAR.DATE_OUTSIDE_YEAR': '日历中有不属于这一年的日期',
  'CALENDAR.DATE_CONFLICT': '同一天不能既放假又上班',
  'CALENDAR.WORKDAY_NOT_WEEKEND': '调休上班日只能是周六或周日',
  'FILE.NOT_PDF': '附件只支持 PDF 文件',
  'FILE.NOT_IMAGE': '这里只能使用图片（JPG 或 PNG）',
  'UPLOAD.RATE_LIMITED': '上传太频繁了，请过一会儿再上传',
  'UPLOAD.QUOTA_EXCEEDED': '今天的上传已达上限，请明天再上传',
  'UPLOAD.BAD_FILE': '文件不是有效的PDF（可能已损坏或加密），请重新导出后再上传',
  'UPLOAD.NOT_ALLOWED': '绑定住址或接受工作人员邀请后才能上传图片和文件',
  'STREET.CODE_INVALID': '街道代码应为12位数字',
  'STREET.EXISTS': '已有相同街道代码的街道，不能重复创建',
  'STREET.NOT_FOUND': '没有找到这个街道',
  'IMPORT.NOT_CLEAN': '台账还有问题没有改正，请按检查报告修改后重新上传',
  'IMPORT.JOB_NOT_FOUND': '没有找到这次导入，请重新开始导入',
  'IMPORT.JOB_BUSY': '这次导入正在另一处进行，请稍后刷新查看进度',
  'IMPORT.FILE_NOT_FOUND': '台账文件不存在或已过期，请重新上传',
  'IMPORT.FILE_NOT_OWNED': '只能导入您本人上传的台账文件',
  'IMPORT.FILE_TYPE': '台账文件应为 Excel（.xlsx）格式，请用模板填写后上传',
  'PERSON.NOT_FOUND': '没有找到这位人员',
  'PERSON.NOT_STAFF': '这位人员没有登记工作岗位，不能邀请',
  'PERSON.OUTSIDE': '社区工作人员只能管理本社区的网格员',
  'PERSON.SELF': '不能停用您自己的权限',
  'PERSON.NO_PHONE': '这位人员没有登记手机号，请先补充手机号再邀请',
  'INVITATION.ALREADY_BOUND': '这位人员已激活，无需再邀请；如需换绑请先停用',
  'INVITATION.NOT_FOUND': '邀请码不正确，请核对后重新输入',
  'INVITATION.EXPIRED': '邀请码已过期，请联系管理员重新邀请',
  'INVITATION.USED': '邀请码已被使用，不能重复使用',
  'INVITATION.REVOKED': '这份邀请已被收回，请联系管理员',
  'INVITATION.BURNT': '输错次数太多，邀请码已失效，请联系管理员重新邀请',
  'INVITATION.MOBILE_MISMATCH': '手机号后四位不正确，请重新输入',
  'INVITATION.CALLER_HAS_POSTS': '当前微信已有工作身份，不能再接受邀请；请换用本人的微信',
  'IMPORT.FILE_TOO_LARGE': '文件太大了：台账文件不能超过50MB，请分成几个文件导入',
  'IMPORT.NOT_SPREADSHEET': '这不是表格文件：请上传 Excel（.xlsx）或 CSV 文件；旧版 .xls 请先另存为 .xlsx',
  'IMPORT.ZIP_BOMB': '文件内容异常（解压后过大），已拒绝读取；请用 Excel 重新另存后再上传',
  'IMPORT.ENCODING_UNKNOWN': 'CSV 文件的编码无法识别：请用 Excel 另存为“CSV UTF-8”或 .xlsx 后再上传',
  'IMPORT.TOO_MANY_ROWS': '一张表不能超过10万行，请分成几个文件导入',
  'IMPORT.NO_SHEETS': '文件中没有可识别的台账表（社区、网格、房屋、工作人员）',
  'IMPORT.COLUMN_MISSING': '表中缺少必填的列，请在列对应中选择',
  'IMPORT.REQUIRED': '必填的单元格为空',
  'IMPORT.COMMUNITY_CODE_INVALID': '社区代码应为12位数字，且前9位与本街道代码一致',
  'IMPORT.GRID_CODE_INVALID': '网格编码应为15位数字',
  'IMPORT.GRID_NOT_IN_COMMUNITY': '网格编码的前12位应为所属社区的代码',
  'IMPORT.GRID_ROW_WRONG': '这些行所属的网格在网格表中有误，请先改正网格表',
  'IMPORT.MOBILE_INVALID': '手机号应为11位数字，以1开头',
  'IMPORT.UNIT_INVALID': '单元应为正整数',
  'IMPORT.NUMBER_INVALID': '这里应填写整数',
  'IMPORT.ROLE_UNKNOWN': '角色只能是网格员、社区工作人员或街道工作人员',
  'IMPORT.KEY_GROUP_UNKNOWN': '重点人群只能是独居老人、残疾人、低保户',
  'IMPORT.GRIDS_NOT_WORKER': '只有网格员可以填写负责网格或B角网格',
  'IMPORT.DUPLICATE_ROOM': '同一网格、楼栋、单元中有重复的房号',
  'IMPORT.DUPLICATE_COMMUNITY': '文件中有重复的社区代码',
  'IMPORT.DUPLICATE_GRID': '文件中有重复的网格编码',
  'IMPORT.DUPLICATE_MOBILE': '文件中有重复的手机号',
  'IMPORT.FORMULA': '单元格是公式：请复制后“选择性粘贴为数值”再导入',
  'IMPORT.MERGED_CELLS': '表中有合并单元格：请取消合并并在每一行填上内容',
  'PARTNER.NOT_FOUND': '没有找到这个对接系统密钥',
  'PARTNER.REVOKED': '这个密钥已经停用了',
  'PARTNER.NOT_ADMIN': '只有街道管理员可以管理对接系统密钥',
  ...BASIC_ERROR_MESSAGES,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface FieldIssue {
  path: string;
  message: string;
}

/** A refusal the caller can act on: it crosses the function boundary as `{ ok: false, code, message }`. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues?: FieldIssue[];

  constructor(code: ErrorCode, message?: string, issues?: FieldIssue[]) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.issues = issues;
  }
}

export type Reply<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; issues?: FieldIssue[] };

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'DomainError');
}

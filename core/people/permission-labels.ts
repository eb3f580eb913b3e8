/**
 * What each permission is called, for people and documents that name a permission. Kept out of
 * permission.ts so the app, which imports the table to decide which entries show, does not carry the words
 * in its main package.
 */
import type { Permission } from './permission';

export const PERMISSION_LABELS: Record<Permission, string> = {
  'place.browse': '浏览社区楼栋',
  'household.bind': '绑定住址',
  'card.view': '查看网格服务联系卡',
  'card.edit': '编辑联系卡',
  'grid.list': '查看网格列表',
  'grid.assign': '指派网格员和B角',
  'grid.poster': '打印联系卡海报',
  'worker.list': '查看网格员名单',
  'request.submit': '提交诉求',
  'request.file': '巡查上报或代为上报',
  'request.view': '查看诉求',
  'request.follow': '跟进本人诉求（撤回、确认、评价、重办）',
  'request.handle': '受理、派遣和处置诉求',
  'request.verify': '核查、改派和审核诉求',
  'request.metoo': '同问诉求',
  'request.merge': '合并重复诉求',
  'request.list_street': '查看全部诉求',
  'file.upload': '上传图片和文件',
  'message.read': '查看站内消息',
  'notice.read': '查看通知公告',
  'notice.publish': '发布、修改和撤回通知',
  'notice.coverage': '查看通知到户情况',
  'notice.reach': '登记上门或电话告知',
  'message.subscribe': '订阅消息提醒',
  'register.import': '导入街道台账',
  'people.invite': '邀请工作人员',
  'people.revoke': '收回工作人员权限',
  'street.settings': '修改街道设置',
  'calendar.manage': '导入工作日历',
  'calendar.view': '查看工作日历状态',
  'audit.read': '查看操作日志',
  'invitation.redeem': '接受邀请',
  'binding.confirm': '确认居民绑定',
  'assessment.view': '查看考核评价',
  'assessment.mine': '查看本人考核情况',
  'assessment.scorecard': '查看网格服务公示',
  'assessment.export': '导出考核报表',
  'partner.manage': '管理对接系统密钥',
};

/** What each audited action is called on the 操作日志 page; an action without a label is shown as written. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'street.init': '创建街道',
  'people.invite': '邀请工作人员',
  'invitation.redeem': '接受邀请',
  'invitation.wrong_mobile': '邀请码验证失败',
  'people.revoke': '停用工作人员',
  'grid.assign': '指派网格员和B角',
  'grid.transfer': '移交网格',
  'register.import': '导入街道台账',
  'assessment.weights': '修改考核权重',
  'assessment.export': '导出报表',
  'partner.create': '创建对接系统密钥',
  'partner.revoke': '停用对接系统密钥',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

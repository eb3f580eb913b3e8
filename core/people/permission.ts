/**
 * Permissions are named verbs with the reach each role has for them. This table is the single
 * list: the functions check it on the server in every action, and the app uses the same `can()`
 * only to decide which buttons to show.
 */
import type { Actor, Role, RoleGrant, Scope } from './role';

/** How far a role's permission reaches from where the role sits. */
export type Reach = 'self' | 'grid' | 'community' | 'street';

interface PermissionRule {
  label: string;
  /** Any signed-in WeChat user, even one holding no role yet (e.g. to bind a household). */
  anyUser?: boolean;
  roles: Partial<Record<Role, Reach>>;
}

export const PERMISSIONS = {
  'place.browse': { label: '浏览社区楼栋', anyUser: true, roles: {} },
  'household.bind': { label: '绑定住址', anyUser: true, roles: {} },
  'card.view': {
    label: '查看网格服务联系卡',
    roles: { resident: 'grid', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' },
  },
  'card.edit': { label: '编辑联系卡', roles: { grid_worker: 'self' } },
  'grid.list': {
    label: '查看网格列表',
    roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' },
  },
  'grid.assign': { label: '指派网格员和B角', roles: { community_staff: 'community' } },
  'grid.poster': { label: '打印联系卡海报', roles: { community_staff: 'community', street_staff: 'street' } },
  'worker.list': { label: '查看网格员名单', roles: { community_staff: 'community', street_staff: 'street' } },
  'request.submit': { label: '提交诉求', roles: { resident: 'grid' } },
  'request.file': { label: '巡查上报或代为上报', roles: { grid_worker: 'grid' } },
  'request.view': {
    label: '查看诉求',
    roles: { resident: 'self', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' },
  },
  'request.follow': { label: '跟进本人诉求（撤回、确认、评价、重办）', roles: { resident: 'self' } },
  'request.handle': { label: '受理、派遣和处置诉求', roles: { grid_worker: 'grid', community_staff: 'community' } },
  'request.verify': { label: '核查、改派和审核诉求', roles: { community_staff: 'community' } },
  // 同问: a resident of the request's grid joins a request about the same problem (suggested while writing) and
  // rates it once resolved. 合并: a duplicate goes into another request of the community — staff only, as it
  // takes the duplicate out of the 考核 figures.
  'request.metoo': { label: '同问诉求', roles: { resident: 'grid' } },
  'request.merge': { label: '合并重复诉求', roles: { community_staff: 'community' } },
  'request.list_street': { label: '查看全部诉求', roles: { community_staff: 'community', street_staff: 'street' } },
  // Photos and files come in only for something a role does with them (a request's photos, a worker's fix,
  // a notice's PDF, a register); a signed-in user with no role yet has nothing to attach them to.
  'file.upload': {
    label: '上传图片和文件',
    roles: { resident: 'self', grid_worker: 'self', community_staff: 'self', street_staff: 'self', street_admin: 'self' },
  },
  'message.read': { label: '查看站内消息', anyUser: true, roles: {} },
  'notice.read': {
    label: '查看通知公告',
    roles: { resident: 'grid', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' },
  },
  'notice.publish': {
    label: '发布、修改和撤回通知',
    roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' },
  },
  'notice.coverage': {
    label: '查看通知到户情况',
    roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' },
  },
  'notice.reach': { label: '登记上门或电话告知', roles: { grid_worker: 'grid', community_staff: 'community' } },
  // Consent is the person's own: any signed-in user; the use case checks the moment against their roles.
  'message.subscribe': { label: '订阅消息提醒', anyUser: true, roles: {} },
  // Bringing a street in: its registers, its people, its settings and calendar. Every change is audited.
  'register.import': { label: '导入街道台账', roles: { street_admin: 'street' } },
  'people.invite': { label: '邀请工作人员', roles: { street_admin: 'street', community_staff: 'community' } },
  'people.revoke': { label: '收回工作人员权限', roles: { street_admin: 'street', community_staff: 'community' } },
  'street.settings': { label: '修改街道设置', roles: { street_admin: 'street' } },
  'calendar.manage': { label: '导入工作日历', roles: { street_admin: 'street' } },
  // Staff who watch deadlines are told when next year's holidays are missing (deadlines would count weekends only).
  'calendar.view': { label: '查看工作日历状态', roles: { community_staff: 'community', street_staff: 'street', street_admin: 'street' } },
  'audit.read': { label: '查看操作日志', roles: { street_staff: 'street', street_admin: 'street' } },
  'invitation.redeem': { label: '接受邀请', anyUser: true, roles: {} },
  'binding.confirm': { label: '确认居民绑定', roles: { grid_worker: 'grid', community_staff: 'community' } },
  // 考核评价: staff see the dashboards of their reach, a worker their own figures, residents their grid's public scorecard.
  'assessment.view': { label: '查看考核评价', roles: { community_staff: 'community', street_staff: 'street', street_admin: 'street' } },
  'assessment.mine': { label: '查看本人考核情况', roles: { grid_worker: 'self' } },
  'assessment.scorecard': {
    label: '查看网格服务公示',
    roles: { resident: 'grid', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' },
  },
  'assessment.export': { label: '导出考核报表', roles: { community_staff: 'community', street_staff: 'street' } },
  // Open311: the street admin gives partner systems (12345热线, 城市平台) api_keys and revokes them; every change audited.
  'partner.manage': { label: '管理对接系统密钥', roles: { street_admin: 'street' } },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_LABELS: Record<Permission, string> = Object.fromEntries(
  Object.entries(PERMISSIONS).map(([k, v]) => [k, v.label]),
) as Record<Permission, string>;

function reaches(grant: RoleGrant, reach: Reach, actor: Actor, scope: Scope): boolean {
  if (grant.streetId !== scope.streetId) return false;
  switch (reach) {
    case 'self':
      return scope.userId === actor.userId;
    case 'street':
      return true;
    case 'community':
      return 'communityId' in grant && scope.communityId === grant.communityId;
    case 'grid':
      if (!scope.gridId) return false;
      if (grant.role === 'resident') return grant.gridId === scope.gridId;
      if (grant.role === 'grid_worker') {
        return grant.gridIds.includes(scope.gridId) || grant.backupGridIds.includes(scope.gridId);
      }
      return false;
  }
}

/** May this actor exercise `permission` on something in `scope`? With no scope: on anything at all. */
export function can(actor: Actor, permission: Permission, scope?: Scope): boolean {
  const rule: PermissionRule = PERMISSIONS[permission];
  if (rule.anyUser) return true;
  return actor.grants.some((grant) => {
    const reach = rule.roles[grant.role];
    if (!reach) return false;
    return scope ? reaches(grant, reach, actor, scope) : true;
  });
}

/**
 * Permissions are named verbs with the reach each role has for them. This table is the single
 * list: the functions check it on the server in every action, and the app uses the same `can()`
 * only to decide which buttons to show. What each verb is called in Chinese lives in
 * permission-labels.ts, so the app's main package carries only the table.
 */
import type { Actor, Role, RoleGrant, Scope } from './role';

/** How far a role's permission reaches from where the role sits. */
export type Reach = 'self' | 'grid' | 'community' | 'street';

interface PermissionRule {
  /** Any signed-in WeChat user, even one holding no role yet (e.g. to bind a household). */
  anyUser?: boolean;
  roles: Partial<Record<Role, Reach>>;
}

export const PERMISSIONS = {
  'place.browse': { anyUser: true, roles: {} },
  'household.bind': { anyUser: true, roles: {} },
  'card.view': { roles: { resident: 'grid', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'card.edit': { roles: { grid_worker: 'self' } },
  'grid.list': { roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'grid.assign': { roles: { community_staff: 'community' } },
  'grid.poster': { roles: { community_staff: 'community', street_staff: 'street' } },
  'worker.list': { roles: { community_staff: 'community', street_staff: 'street' } },
  'request.submit': { roles: { resident: 'grid' } },
  'request.file': { roles: { grid_worker: 'grid' } },
  'request.view': { roles: { resident: 'self', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'request.follow': { roles: { resident: 'self' } },
  'request.handle': { roles: { grid_worker: 'grid', community_staff: 'community' } },
  'request.verify': { roles: { community_staff: 'community' } },
  // 同问: a resident of the request's grid joins a request about the same problem (suggested while writing) and
  // rates it once resolved. 合并: a duplicate goes into another request of the community — staff only, as it
  // takes the duplicate out of the 考核 figures.
  'request.metoo': { roles: { resident: 'grid' } },
  'request.merge': { roles: { community_staff: 'community' } },
  'request.list_street': { roles: { community_staff: 'community', street_staff: 'street' } },
  // Photos and files come in only for something a role does with them (a request's photos, a worker's fix,
  // a notice's PDF, a register); a signed-in user with no role yet has nothing to attach them to.
  'file.upload': { roles: { resident: 'self', grid_worker: 'self', community_staff: 'self', street_staff: 'self', street_admin: 'self' } },
  'message.read': { anyUser: true, roles: {} },
  'notice.read': { roles: { resident: 'grid', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'notice.publish': { roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'notice.coverage': { roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'notice.reach': { roles: { grid_worker: 'grid', community_staff: 'community' } },
  // 报平安: staff start and close a check-in for their reach; a resident answers for their own household; a grid worker
  // notes the answer of a household of their grid reached by phone or at the door, reads its not-yet list and reminds it.
  'checkin.start': { roles: { community_staff: 'community', street_staff: 'street' } },
  'checkin.close': { roles: { community_staff: 'community', street_staff: 'street' } },
  'checkin.answer': { roles: { resident: 'grid' } },
  'checkin.answerFor': { roles: { grid_worker: 'grid' } },
  'checkin.read': { roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'checkin.remind': { roles: { grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  // Consent is the person's own: any signed-in user; the use case checks the moment against their roles.
  'message.subscribe': { anyUser: true, roles: {} },
  // Bringing a street in: its registers, its people, its settings and calendar. Every change is audited.
  'register.import': { roles: { street_admin: 'street' } },
  'people.invite': { roles: { street_admin: 'street', community_staff: 'community' } },
  'people.revoke': { roles: { street_admin: 'street', community_staff: 'community' } },
  'street.settings': { roles: { street_admin: 'street' } },
  'calendar.manage': { roles: { street_admin: 'street' } },
  // Staff who watch deadlines are told when next year's holidays are missing (deadlines would count weekends only).
  'calendar.view': { roles: { community_staff: 'community', street_staff: 'street', street_admin: 'street' } },
  'audit.read': { roles: { street_staff: 'street', street_admin: 'street' } },
  'invitation.redeem': { anyUser: true, roles: {} },
  'binding.confirm': { roles: { grid_worker: 'grid', community_staff: 'community' } },
  // 考核评价: staff see the dashboards of their reach, a worker their own figures, residents their grid's public scorecard.
  'assessment.view': { roles: { community_staff: 'community', street_staff: 'street', street_admin: 'street' } },
  'assessment.mine': { roles: { grid_worker: 'self' } },
  'assessment.scorecard': { roles: { resident: 'grid', grid_worker: 'grid', community_staff: 'community', street_staff: 'street' } },
  'assessment.export': { roles: { community_staff: 'community', street_staff: 'street' } },
  // Open311: the street admin gives partner systems (12345热线, 城市平台) api_keys and revokes them; every change audited.
  'partner.manage': { roles: { street_admin: 'street' } },
  // 走访 / 巡查: a grid worker records visits in the grids they serve; a household's history is for its grid's
  // workers and the community's staff only (never residents, never other grids); coverage is for staff.
  'visit.record': { roles: { grid_worker: 'grid' } },
  'visit.read': { roles: { grid_worker: 'grid', community_staff: 'community' } },
  'visit.coverage': { roles: { community_staff: 'community', street_staff: 'street' } },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

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

const REACH_ORDER: Reach[] = ['street', 'community', 'grid', 'self'];

/**
 * How far the actor's grants reach for `permission`, widest first and each once. The app words an entry by it
 * (全街道 for a street reach, 本社区 for a community one) so the wording follows the same table as the check.
 */
export function reachesOf(actor: Actor, permission: Permission): Reach[] {
  const rule: PermissionRule = PERMISSIONS[permission];
  const held = new Set(actor.grants.map((grant) => rule.roles[grant.role]).filter((reach): reach is Reach => Boolean(reach)));
  return REACH_ORDER.filter((reach) => held.has(reach));
}

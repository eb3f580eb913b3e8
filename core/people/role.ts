export const ROLES = ['resident', 'grid_worker', 'community_staff', 'street_staff', 'street_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  street_staff: '街道工作人员',
  street_admin: '街道管理员',
};

/**
 * What a role may act on. A user holds zero or more grants: a grid worker can also be a resident
 * of some household; a new WeChat user holds none until they bind a household.
 */
export type RoleGrant =
  /**
   * `pending`: the binding awaits the grid worker's confirmation. Such a resident reaches the grid only
   * (householdId is null: no household data) and does not count for notice coverage.
   */
  | { role: 'resident'; streetId: string; communityId: string; gridId: string; householdId: string | null; pending?: boolean }
  | { role: 'grid_worker'; streetId: string; communityId: string; gridIds: string[]; backupGridIds: string[] }
  | { role: 'community_staff'; streetId: string; communityId: string }
  | { role: 'street_staff'; streetId: string }
  /** Imports the street's registers, invites and revokes people, changes settings. Held beside street_staff. */
  | { role: 'street_admin'; streetId: string };

export interface Actor {
  userId: string;
  name: string;
  grants: RoleGrant[];
}

/** Where an action lands: the narrowest known place and, for personal data, whose it is. */
export interface Scope {
  streetId: string;
  communityId?: string;
  gridId?: string;
  userId?: string;
}

export function grantOf<R extends Role>(actor: Actor, role: R): Extract<RoleGrant, { role: R }> | undefined {
  return actor.grants.find((g): g is Extract<RoleGrant, { role: R }> => g.role === role);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

/** Grids a worker answers for: the ones they lead and the ones they back up (B角). */
export function workerGridIds(actor: Actor): string[] {
  const g = grantOf(actor, 'grid_worker');
  return g ? [...g.gridIds, ...g.backupGridIds] : [];
}

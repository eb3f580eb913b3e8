/** A WeChat identity and what it is to the street. Identity (openid) comes only from the platform. */
export interface Residence {
  streetId: string;
  communityId: string;
  gridId: string;
  /** null when bound to the grid only (scanned a poster and has not picked a room yet). */
  householdId: string | null;
  via: 'address' | 'qr';
  boundAt: string;
  /**
   * 待确认 until the grid worker confirms the person lives there. A residence stored before this field
   * existed reads as confirmed (residenceStatus): those were bound when binding was instant.
   */
  status?: ResidenceStatus;
}

export type ResidenceStatus = 'pending' | 'confirmed';

export function residenceStatus(r: Pick<Residence, 'status'>): ResidenceStatus {
  return r.status === 'pending' ? 'pending' : 'confirmed';
}

export function isPendingResidence(r: Residence | null): boolean {
  return r !== null && residenceStatus(r) === 'pending';
}

export type StaffPost =
  | { role: 'grid_worker'; streetId: string; communityId: string }
  | { role: 'community_staff'; streetId: string; communityId: string }
  | { role: 'street_staff'; streetId: string }
  | { role: 'street_admin'; streetId: string };

/**
 * A person imported from the street's staff register has a user before they have a WeChat identity:
 * their openid is this prefix plus their id until they redeem an invitation. No platform openid starts
 * with it, so nobody can sign in as an unbound user.
 */
export const UNBOUND_OPENID_PREFIX = 'unbound:';

export function unboundOpenid(userId: string): string {
  return `${UNBOUND_OPENID_PREFIX}${userId}`;
}

export function isBound(user: Pick<User, 'openid'>): boolean {
  return !user.openid.startsWith(UNBOUND_OPENID_PREFIX);
}

export interface User {
  id: string;
  openid: string;
  name: string;
  /** The person's own phone: never shown to other residents. */
  phone: string | null;
  residence: Residence | null;
  posts: StaffPost[];
  createdAt: string;
}

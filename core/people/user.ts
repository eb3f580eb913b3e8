/** A WeChat identity and what it is to the street. Identity (openid) comes only from the platform. */
export interface Residence {
  streetId: string;
  communityId: string;
  gridId: string;
  /** null when bound to the grid only (scanned a poster and has not picked a room yet). */
  householdId: string | null;
  via: 'address' | 'qr';
  boundAt: string;
}

export type StaffPost =
  | { role: 'grid_worker'; streetId: string; communityId: string }
  | { role: 'community_staff'; streetId: string; communityId: string }
  | { role: 'street_staff'; streetId: string };

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

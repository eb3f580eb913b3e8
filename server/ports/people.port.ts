/**
 * Bringing people in: invitations (a one-time code that binds a WeChat identity to a person of the
 * register), the writes that change who a user is (openid, posts), creating a street, and the audit log
 * read by street. Both adapters implement these; `server/adapters/invitation-store.contract.ts` holds them
 * to the same behaviour.
 */
import type { YearCalendar } from '@core/calendar/working-days';
import type { Street } from '@core/places/place';
import type { StaffPost, User } from '@core/people/user';
import type { Category, Department, RequestSettings } from '@core/requests/request';
import type { Page } from './request.port';

/** open → redeemed (bound once) | burnt (too many wrong tries) | revoked (the person was revoked). */
export const INVITATION_STATUSES = ['open', 'redeemed', 'burnt', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface Invitation {
  /** The SHA-256 of the code (hex): the code itself is never stored, and redeeming reads by this id. */
  id: string;
  /** The invited person (a user of the register, unbound until redeemed). */
  userId: string;
  streetId: string;
  /** The invited person's community, for community staff's reach; null for street posts. */
  communityId: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  status: InvitationStatus;
  /** Wrong last-4-digit tries so far. */
  attempts: number;
  redeemedAt: string | null;
  version: number;
}

export interface InvitationRepository {
  /** Creates it; throws when the id is taken. */
  create(invitation: Invitation): Promise<void>;
  get(id: string): Promise<Invitation | null>;
  /** Writes `next` (version = expectedVersion + 1) if the stored version is still `expectedVersion`; false when it moved. */
  update(next: Invitation, expectedVersion: number): Promise<boolean>;
  /** A person's invitations still open, newest first (query: not inside transact). */
  listOpenForUser(userId: string): Promise<Invitation[]>;
}

/** What a new street starts with so it can take requests at once. */
export interface StreetSetup {
  street: Street;
  categories: Category[];
  departments: Department[];
  settings: RequestSettings;
  /** Written only for years not stored yet (calendars are shared by every street). */
  calendars: YearCalendar[];
}

export interface PeopleRepository {
  /** Creates a user; throws when the id or the openid is taken. */
  createUser(user: User): Promise<void>;
  /** Sets the user's openid if it is still `expected`; false when it moved. Openids stay unique. */
  setOpenid(userId: string, openid: string, expected: string): Promise<boolean>;
  /** Replaces the user's staff posts (the lists that find workers and staff follow). */
  setPosts(userId: string, posts: StaffPost[]): Promise<void>;
  /** The street with this 12-digit code, or null (query). */
  findStreetByCode(code: string): Promise<Street | null>;
  /** Writes the street, its request settings, categories, departments and missing calendar years (query: not inside transact). */
  createStreet(setup: StreetSetup): Promise<void>;
  /** A street's audit entries, newest first (at, then id); `cursor` from the previous page (query). */
  auditPage(streetId: string, cursor: string | null, limit: number): Promise<Page<AuditEntry>>;
}

/** Append-only: who changed a role, revealed personal data, exported. */
export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
  /** The street it happened in (what `people.auditPage` filters on); absent on entries written before it existed. */
  streetId?: string | null;
}

/**
 * Repository ports, shaped by what the use cases ask — not by either database. Two adapters implement
 * them: the embedded one (SQLite, the local runtime's default) and the CloudBase one (production).
 * One contract suite (`server/adapters/store.contract.ts`) holds both to the same behaviour.
 *
 * Rules every adapter keeps:
 * - reads return copies; mutating a returned object changes nothing stored;
 * - lists are ordered as documented and bounded (CloudBase returns at most 1000 per query: adapters page);
 * - `transact` runs its work atomically: all of its writes land or none do. Inside it, use only
 *   single-document reads and writes (CloudBase transactions cannot run queries).
 */
import type { UploadRepository } from './upload.port';
import type { ContactCard } from '@core/contact-card/contact-card';
import type { Building, Community, Grid, Household, Street } from '@core/places/place';
import type { Residence, User } from '@core/people/user';
import type { ExportRepository } from './export.port';
import type { CheckInRepository } from './checkin.port';
import type { FollowerRepository } from './follower.port';
import type { AssessmentRepository } from './assessment.port';
import type { JobLockRepository } from './job-lock.port';
import type { AuditEntry, InvitationRepository, PeopleRepository } from './people.port';

export type { AuditEntry } from './people.port';
import type { NoticeRepository } from './notice.port';
import type { RegisterRepository } from './register.port';
import type { OutboxRepository } from './outbox.port';
import type { PartnerKeyRepository } from './partner.port';
import type { InboxRepository, Page, RequestConfigRepository, RequestRepository } from './request.port';
import type { SubscriptionRepository } from './subscription.port';
import type { VisitRepository } from './visit.port';

/** Households (or their residents) in one street, narrowed by at most one list: communities, grids or buildings. */
export interface HouseholdFilter {
  streetId: string;
  communityIds?: string[];
  gridIds?: string[];
  buildingIds?: string[];
}

export interface PlaceRepository {
  getStreet(id: string): Promise<Street | null>;
  listStreets(): Promise<Street[]>;
  getCommunity(id: string): Promise<Community | null>;
  /** Ordered by code. */
  listCommunities(streetId?: string): Promise<Community[]>;
  getGrid(id: string): Promise<Grid | null>;
  /** In the order asked, each once, unknown ids left out (the grids a page of requests shows, in one read). */
  getGrids(ids: string[]): Promise<Grid[]>;
  getGridByQrToken(token: string): Promise<Grid | null>;
  /** Ordered by code. Filters combine with AND. */
  listGrids(filter: { streetId?: string; communityId?: string; workerId?: string }): Promise<Grid[]>;
  getBuilding(id: string): Promise<Building | null>;
  /** Ordered by seq. */
  listBuildings(filter: { communityId?: string; gridId?: string }): Promise<Building[]>;
  getHousehold(id: string): Promise<Household | null>;
  /** Ordered by room (numeric-aware). */
  listHouseholds(buildingId: string, unit: number): Promise<Household[]>;
  /**
   * Set a grid's primary and backup worker if the stored version is still `expectedVersion`;
   * returns the updated grid, or null when the version moved (someone else changed it first).
   */
  assignWorkers(
    gridId: string,
    assignment: { primaryWorkerId: string | null; backupWorkerId: string | null },
    expectedVersion: number,
    at: string,
  ): Promise<Grid | null>;
  /** Every household of a grid, by building seq, unit and room. */
  listGridHouseholds(gridId: string): Promise<Household[]>;
  /** Households per grid within the filter (grids without households absent), ordered by grid id. */
  householdCounts(filter: HouseholdFilter): Promise<{ gridId: string; communityId: string; households: number }[]>;
}

/** A caller as every function call resolves them: the user and the grids they work in. */
export interface Caller {
  user: User;
  /**
   * For a user holding a grid_worker post (else both empty): the grids naming them as primary worker,
   * and those naming them as backup worker only; each ordered by code. Read on every call, never kept past a
   * write (an adapter's cache must be invalidated by it): a reassigned worker loses a grid at once.
   */
  primaryGridIds: string[];
  backupGridIds: string[];
}

export interface GridResident {
  id: string;
  name: string;
  householdId: string | null;
}

export interface UserRepository {
  getById(id: string): Promise<User | null>;
  findByOpenid(openid: string): Promise<User | null>;
  /** The user with this openid and their grids (Caller), in one read where the database can join. */
  findCaller(openid: string): Promise<Caller | null>;
  /** Creates the user unless one with this openid exists; returns the stored one either way. */
  ensure(user: User): Promise<User>;
  setResidence(userId: string, residence: Residence | null): Promise<void>;
  /** Users holding a grid_worker post, ordered by name; filters combine with AND. */
  listWorkers(filter: { streetId?: string; communityId?: string }): Promise<User[]>;
  /** Users holding this staff post (a community's staff, or a street's), ordered by name then id. */
  listStaff(post: { role: 'community_staff'; communityId: string } | { role: 'street_staff'; streetId: string }): Promise<User[]>;
  getMany(ids: string[]): Promise<User[]>;
  /** Who is bound to a household of the grid or to the grid itself, ordered by id: just what a not-reached list names. */
  listGridResidents(gridId: string): Promise<GridResident[]>;
  /** Ids of users living within the filter, ascending; `cursor` is the last id of the previous page (limit cut to 1..1000). */
  residentIdsPage(filter: HouseholdFilter, cursor: string | null, limit: number): Promise<Page<string>>;
  /**
   * Users whose residence in this grid awaits the grid worker (status 'pending'), ordered by id. Pending
   * residences are found only here: listGridResidents and residentIdsPage never return them.
   */
  listPendingResidents(gridId: string): Promise<User[]>;
  /**
   * Single-document conditional write (usable inside transact): replaces the user's residence with `next`
   * (confirmed, or null when rejected) only while it is still pending in `expected.gridId` with the same
   * boundAt. False when it changed meanwhile (another worker settled it, the resident left or rebound).
   */
  settlePendingResidence(userId: string, expected: { gridId: string; boundAt: string }, next: Residence | null): Promise<boolean>;
}

export interface ContactCardRepository {
  get(workerId: string): Promise<ContactCard | null>;
  getMany(workerIds: string[]): Promise<ContactCard[]>;
  save(card: ContactCard): Promise<void>;
  /** File ids referenced by any card (housekeeping keeps these). */
  listPhotoFileIds(): Promise<string[]>;
}

/** Append-only: no update, no delete (the embedded table refuses both with triggers; CloudBase denies clients). */
export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listFor(targetType: string, targetId: string, limit: number): Promise<AuditEntry[]>;
}

export interface Repositories {
  places: PlaceRepository;
  users: UserRepository;
  cards: ContactCardRepository;
  audit: AuditRepository;
  requests: RequestRepository;
  inbox: InboxRepository;
  requestConfig: RequestConfigRepository;
  notices: NoticeRepository;
  invitations: InvitationRepository;
  people: PeopleRepository;
  registers: RegisterRepository;
  exports: ExportRepository;
  /** 考核 counters (kept by `requests.create` / `commit`), read by the assessment views and the recount. */
  assessment: AssessmentRepository;
  /** Open311 partner api_keys and their access log. */
  partnerKeys: PartnerKeyRepository;
}

/**
 * The delivery repositories (outbox, subscribe credits, job locks) are not offered inside `transact`:
 * each of their operations is atomic on its own, and the writes that queue outbox records with their
 * cause do so through their own repository (e.g. RequestRepository.commit).
 */
export interface Store extends Repositories {
  outbox: OutboxRepository;
  subscriptions: SubscriptionRepository;
  jobLocks: JobLockRepository;
  /** Upload records and the upload limits: each operation atomic on its own, never inside `transact`. */
  uploads: UploadRepository;
  /** 同问 followers: their writes are atomic on their own (they commit requests with them), so not inside transact. */
  followers: FollowerRepository;
  /** 报平安: each operation atomic on its own (an answer lands with its grid's counters), so not inside transact. */
  checkIns: CheckInRepository;
  /** 走访 / 巡查: each operation atomic on its own (idempotent record), so not inside transact. */
  visits: VisitRepository;
  transact<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

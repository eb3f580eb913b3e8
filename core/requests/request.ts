import type { ScoreWeights } from '../assessment/indicators';
import type { Role } from '../people/role';
import type { CategoryKind, Rating, RequestSource, RequestStatus } from './request.status';
import type { UploadLimits } from '../shared/rate-limit';

/** Who works on a request now: the grid worker who accepted it, the community, or a department via the community. */
export type Handler =
  | { kind: 'worker'; id: string; name: string }
  | { kind: 'community'; id: string; name: string }
  | { kind: 'department'; id: string; name: string };

export interface GeoPoint {
  latitude: number;
  longitude: number;
  name: string | null;
}

/** 诉求: what a resident or a worker reports, and where it stands in the six-step loop. */
export interface ServiceRequest {
  id: string;
  streetId: string;
  communityId: string;
  gridId: string;
  categoryId: string;
  categoryName: string;
  description: string;
  photoFileIds: string[];
  location: GeoPoint | null;
  address: string | null;
  /** Given only to the current handler, and only while the request is open. */
  callbackPhone: string | null;
  /** "Do not show my name to handlers other than my grid worker." */
  hideName: boolean;
  source: RequestSource;
  /** For proxy filings: the resident's consent as the worker noted it. */
  consentNote: string | null;
  /** The person who filed it (resident, or the worker for patrol/proxy filings). */
  submitterId: string;
  submitterName: string;
  /** The resident it is for (null for patrol findings). */
  residentId: string | null;
  residentName: string | null;
  status: RequestStatus;
  handler: Handler | null;
  /** Accept (受理) before this. */
  responseDueAt: string;
  /** Resolve before this; set on acceptance or dispatch, renewed on reopening. */
  resolutionDueAt: string | null;
  /**
   * 期限未按节假日校准: the current deadline was counted through a year with no holiday calendar, so
   * weekends only (core/calendar `calibrated`). Set in the same write as every deadline it describes.
   */
  dueUncalibrated: boolean;
  /**
   * 未核实住户: filed by a resident whose binding the grid worker had not confirmed yet. Set once at filing;
   * absent on requests filed before binding confirmation existed (read as false).
   */
  unverifiedResident?: boolean;
  reopenCount: number;
  rating: { value: Rating; comment: string; at: string } | null;
  /** Content check flagged the text: held for staff review, not shown to handlers. */
  flagged: boolean;
  /** Reason shown to the resident when the request was rejected as not in scope. */
  rejectReason: string | null;
  idempotencyKey: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  acceptedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Set when the request was resolved after its resolution deadline (for the on-time rate). */
  resolvedLate: boolean | null;
  /**
   * The worker who held the request when its resolution deadline passed, kept when it moves on to another
   * handler afterwards (core/assessment `nextDueHolderId`), cleared on reopening: the assessment counts a
   * late request against them, not against whoever took it over. Absent on older requests (read as null).
   */
  dueHolderId?: string | null;
  /** Working minutes from acceptance to resolution, set with resolvedAt (the assessment's average). Absent: unknown. */
  resolveWorkingMinutes?: number | null;
  /** The building of the household it was filed for (本月热点 by place); absent or null when none. */
  buildingId?: string | null;
  /**
   * 同问人数: residents who follow it (同问, or reporters of a duplicate merged into it), kept in the same write
   * as their follower records (server/ports/follower.port.ts). Absent on requests nobody followed (read as 0).
   */
  followerCount?: number;
  /** Status 'merged' (已合并): the request it was merged into. Absent otherwise. */
  mergedInto?: string | null;
}

/** One per transition: the timeline is read from these, never rebuilt from the request. */
export interface RequestEvent {
  id: string;
  requestId: string;
  seq: number;
  action: string;
  from: RequestStatus | null;
  to: RequestStatus;
  actor: { role: Role | 'system'; id: string; name: string };
  note: string;
  photoFileIds: string[];
  at: string;
}

/** A street's request category: who handles it by default and its deadlines. */
export interface Category {
  id: string;
  streetId: string;
  name: string;
  kind: CategoryKind;
  /** Working minutes to accept; default 1 working day. */
  responseMinutes: number;
  /** Working days to resolve, counted from acceptance; default 2. */
  resolutionDays: number;
  active: boolean;
  seq: number;
}

export interface Department {
  id: string;
  streetId: string;
  name: string;
  phone: string;
}

/** Per street, data not code. */
export interface RequestSettings {
  streetId: string;
  /** Days a resident has to confirm a resolved request before the community verifies it instead. */
  confirmWindowDays: number;
  /** Days after verification during which the resident may still rate; then it is archived. */
  ratingWindowDays: number;
  rateLimits: { windowMinutes: number; max: number }[];
  /** Words the local content check holds for review. */
  blockedWords: string[];
  /** Working minutes before a deadline when its handler is warned that it is near. */
  deadlineWarningMinutes: number;
  /**
   * Working minutes an overdue request waits, after its community staff were told, before the street's
   * staff are told too.
   */
  streetEscalationMinutes: number;
  /** 考核 composite-score weights the street set; absent: DEFAULT_SCORE_WEIGHTS (core/assessment/indicators). */
  scoreWeights?: ScoreWeights;
  /** What one person may upload (count per window, bytes per day); absent: DEFAULT_UPLOAD_LIMITS (core/shared/rate-limit). */
  uploadLimits?: UploadLimits;
  /** Years a 走访 record (its note and photos) is kept before the daily housekeeping deletes it; absent: DEFAULT_VISIT_RETENTION_YEARS (core/visits/visit). */
  visitRetentionYears?: number;
}

export const DEFAULT_REQUEST_SETTINGS: Omit<RequestSettings, 'streetId'> = {
  confirmWindowDays: 3,
  ratingWindowDays: 7,
  rateLimits: [
    { windowMinutes: 10, max: 5 },
    { windowMinutes: 24 * 60, max: 20 },
  ],
  blockedWords: [],
  deadlineWarningMinutes: 4 * 60,
  streetEscalationMinutes: 24 * 60,
};

export const DESCRIPTION_MAX = 500;
export const NOTE_MAX = 300;
export const PHOTOS_MAX = 9;

/**
 * The deadline that matters now: the response deadline until someone accepts (or while held for
 * review), the resolution deadline while the handler works on it, none once resolved or closed.
 */
export function currentDue(r: Pick<ServiceRequest, 'status' | 'responseDueAt' | 'resolutionDueAt'>): { at: string; kind: 'response' | 'resolution' } | null {
  const kind = dueKindOf(r.status);
  if (kind === 'response') return { at: r.responseDueAt, kind };
  if (kind === 'resolution' && r.resolutionDueAt) return { at: r.resolutionDueAt, kind };
  return null;
}

/** Which deadline runs in a status (see currentDue): the response one before acceptance, the resolution one after. */
export function dueKindOf(status: RequestStatus): 'response' | 'resolution' | null {
  switch (status) {
    case 'held':
    case 'submitted':
      return 'response';
    case 'accepted':
    case 'dispatched':
    case 'in_progress':
      return 'resolution';
    default:
      return null;
  }
}

export function isOverdue(r: Pick<ServiceRequest, 'status' | 'responseDueAt' | 'resolutionDueAt'>, now: Date): boolean {
  const due = currentDue(r);
  return due !== null && Date.parse(due.at) < now.getTime();
}

/** The characters of the description a list row shows. */
export const EXCERPT_LENGTH = 60;

/** The first EXCERPT_LENGTH characters (code points, so a character outside the BMP is never cut in half). */
export function requestExcerpt(description: string): string {
  return Array.from(description).slice(0, EXCERPT_LENGTH).join('');
}

/**
 * What a list row shows of a request. Stores keep these fields beside the request (the embedded store
 * as columns, rewritten on every write), so a list page never reads or parses whole requests.
 */
export interface RequestListItem {
  id: string;
  categoryName: string;
  excerpt: string;
  status: RequestStatus;
  source: RequestSource;
  gridId: string;
  createdAt: string;
  /** The current deadline (currentDue), null when none runs. */
  dueAt: string | null;
  /** dueAt was counted without a holiday calendar for some year it touches (weekends only). */
  dueUncalibrated: boolean;
  /** Filed by a resident whose binding was not confirmed yet (未核实住户). */
  unverifiedResident: boolean;
  reopenCount: number;
  photoCount: number;
  /** 同问人数 (ServiceRequest.followerCount), 0 when nobody follows it. */
  followerCount: number;
}

export function listItemOf(r: ServiceRequest): RequestListItem {
  return {
    id: r.id,
    categoryName: r.categoryName,
    excerpt: requestExcerpt(r.description),
    status: r.status,
    source: r.source,
    gridId: r.gridId,
    createdAt: r.createdAt,
    dueAt: currentDue(r)?.at ?? null,
    dueUncalibrated: currentDue(r) !== null && r.dueUncalibrated === true,
    unverifiedResident: r.unverifiedResident === true,
    reopenCount: r.reopenCount,
    photoCount: r.photoFileIds.length,
    followerCount: r.followerCount ?? 0,
  };
}

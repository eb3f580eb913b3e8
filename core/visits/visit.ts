/**
 * 走访 / 巡查: a grid worker's record of looking in on a household (入户走访) or walking a building (巡查).
 * A visit says when, who was met, a short note, optional photos, and what came of it: nothing, a request
 * filed on the spot (主动发现, linked by id), or a date to come back (回访). Location is only ever what the
 * worker tapped. The app may keep a visit offline and send it later: the client key it made before the
 * first try is what makes a retried send land once (idempotent on (workerId, clientKey)).
 */
import type { KeyGroup } from '../places/place';
import type { VisitRhythm } from './rhythm';

export const VISIT_KINDS = ['door', 'patrol'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_LABELS: Record<VisitKind, string> = { door: '入户走访', patrol: '巡查' };

export const VISIT_OUTCOMES = ['none', 'request', 'follow_up'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const VISIT_OUTCOME_LABELS: Record<VisitOutcome, string> = { none: '无需处理', request: '现场上报诉求', follow_up: '约定回访' };

export const VISIT_NOTE_MAX = 200;
export const VISIT_MET_MAX = 20;
export const VISIT_PHOTOS_MAX = 6;

export interface VisitLocation {
  latitude: number;
  longitude: number;
}

export interface Visit {
  id: string;
  /** Made by the app before the first send; unique per worker. */
  clientKey: string;
  kind: VisitKind;
  workerId: string;
  streetId: string;
  communityId: string;
  gridId: string;
  /** The household of a door visit; null for a patrol. */
  householdId: string | null;
  /** The building walked (a patrol), or the household's building. */
  buildingId: string;
  /** Beijing date of the visit ('YYYY-MM-DD'): what rhythms count. */
  date: string;
  /** When it happened, as the worker recorded it (may be before it was sent). */
  at: string;
  recordedAt: string;
  /** 见到谁: the person met (本人、家属…), '' when no one answered. */
  met: string;
  note: string;
  photoFileIds: string[];
  outcome: VisitOutcome;
  /** outcome 'request': the request filed on the spot (source 'patrol': 主动发现). */
  requestId: string | null;
  /** outcome 'follow_up': the date to come back by. */
  followUpOn: string | null;
  location: VisitLocation | null;
}

/** What the due list, last-visit column and coverage need of a visit (no note, no photos). */
export interface VisitMark {
  householdId: string | null;
  date: string;
  followUpOn: string | null;
}

/**
 * 走访节奏 per key group, until a street sets its own: 独居老人 每周一次, 残疾人 and 低保户 每月一次.
 * The one place the rhythm of a key group is decided.
 */
export const DEFAULT_KEY_GROUP_RHYTHMS: Record<KeyGroup, VisitRhythm> = {
  elderly_alone: { period: 'week', times: 1 },
  disabled: { period: 'month', times: 1 },
  low_income: { period: 'month', times: 1 },
};

/** Visit notes are kept this many years (a street setting: RequestSettings.visitRetentionYears), then purged. */
export const DEFAULT_VISIT_RETENTION_YEARS = 3;

/** The oldest date any rhythm looks back to on `today`: the start of the quarter before. Visits older than it are not read for the due list. */
export const RHYTHM_LOOKBACK_DAYS = 200;

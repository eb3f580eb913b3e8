/**
 * 报平安: in an emergency, staff ask every household of a scope one question and the grid workers work
 * through the households that have not answered. A check-in is written once when it starts (no row per
 * household: the scope says who is asked, like a notice's); each household's first answer is one row
 * plus one counter change for its grid, in the same write, so the progress page reads one counter per grid.
 */
import { scopeReaches, type NoticeScope, type Place } from '../notices/notice';

export const DEFAULT_CHECKIN_QUESTION = '请报平安：家中是否有人需要帮助？';
export const CHECKIN_QUESTION_MAX = 60;
export const CHECKIN_NOTE_MAX = 200;

export const CHECKIN_ANSWERS = ['safe', 'help'] as const;
export type CheckInAnswerKind = (typeof CHECKIN_ANSWERS)[number];
export const CHECKIN_ANSWER_LABELS: Record<CheckInAnswerKind, string> = { safe: '平安', help: '需要帮助' };

/** How an answer came in: from the household in the app, or noted by the grid worker who reached it. */
export const CHECKIN_VIAS = ['app', 'phone', 'door'] as const;
export type CheckInVia = (typeof CHECKIN_VIAS)[number];
export const CHECKIN_VIA_LABELS: Record<CheckInVia, string> = { app: '居民自报', phone: '电话联系', door: '上门确认' };

export interface CheckIn {
  id: string;
  streetId: string;
  scope: NoticeScope;
  question: string;
  /** The urgent notice published with it, if any. */
  noticeId: string | null;
  startedBy: { id: string; name: string };
  startedAt: string;
  closedAt: string | null;
  /** The per-grid figures as they stood when it was closed; null while open. */
  frozen: CheckInGridFigures[] | null;
  idempotencyKey: string;
}

/** One household's answer: the first one stands, a repeat returns it. */
export interface CheckInAnswer {
  checkInId: string;
  householdId: string;
  communityId: string;
  gridId: string;
  buildingId: string;
  answer: CheckInAnswerKind;
  note: string;
  via: CheckInVia;
  /** Who answered: the resident, or the worker who noted it. */
  byId: string;
  at: string;
  /** The urgent request a 需要帮助 answer opened. */
  requestId: string | null;
}

/** Per (check-in, grid): households asked, and the answers so far. */
export interface CheckInGridFigures {
  gridId: string;
  communityId: string;
  /** Households of the grid inside the scope. */
  households: number;
  answered: number;
  safe: number;
  help: number;
}

/** The counter change one first answer makes to its grid's figures. */
export function answerDelta(answer: CheckInAnswerKind): Pick<CheckInGridFigures, 'answered' | 'safe' | 'help'> {
  return { answered: 1, safe: answer === 'safe' ? 1 : 0, help: answer === 'help' ? 1 : 0 };
}

/** 未报: households asked that have not answered (never below zero, should a household leave the scope meanwhile). */
export function notYet(f: Pick<CheckInGridFigures, 'households' | 'answered'>): number {
  return Math.max(0, f.households - f.answered);
}

export function sumFigures(parts: readonly Omit<CheckInGridFigures, 'gridId' | 'communityId'>[]): Omit<CheckInGridFigures, 'gridId' | 'communityId'> {
  return parts.reduce(
    (a, b) => ({ households: a.households + b.households, answered: a.answered + b.answered, safe: a.safe + b.safe, help: a.help + b.help }),
    { households: 0, answered: 0, safe: 0, help: 0 },
  );
}

/** Is a household asked by this check-in? The same rule as a notice's reach. */
export function checkInAsks(checkIn: Pick<CheckIn, 'streetId' | 'scope'>, place: Place): boolean {
  return scopeReaches(checkIn.streetId, checkIn.scope, place);
}

export type CheckInAnswerRefusal = 'closed' | 'not_in_scope' | 'worker_via_app' | 'resident_via_worker';

/**
 * Whether this answer may be recorded: only while open, only for a household the check-in asks, a resident
 * answers from the app for their own household, a worker notes a phone call or a door visit.
 */
export function answerRefusal(
  checkIn: Pick<CheckIn, 'streetId' | 'scope' | 'closedAt'>,
  place: Place,
  by: 'resident' | 'grid_worker',
  via: CheckInVia,
): CheckInAnswerRefusal | null {
  if (checkIn.closedAt) return 'closed';
  if (!checkInAsks(checkIn, place)) return 'not_in_scope';
  if (by === 'resident' && via !== 'app') return 'resident_via_worker';
  if (by === 'grid_worker' && via === 'app') return 'worker_via_app';
  return null;
}

/** The description of the urgent request a 需要帮助 answer opens for the grid. */
export function helpRequestText(question: string, note: string): string {
  const said = note.trim();
  return said ? `报平安「${question}」回复需要帮助：${said}` : `报平安「${question}」回复需要帮助`;
}

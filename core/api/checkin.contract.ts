/**
 * The `checkin` function's contract (报平安): staff start one for a scope (optionally with an urgent notice), each
 * household answers once, grid workers work through the not-yet list, staff close it and its figures freeze.
 */
import type { CheckInAnswerKind, CheckInVia } from '../checkins/checkin';
import type { NoticeLevel } from '../notices/notice';

export interface StartCheckInInput {
  idempotencyKey: string;
  scope: { level: NoticeLevel; ids: string[] };
  question?: string;
  /** 同时发布紧急通知: published through the notice function's publish, to the same scope. */
  notice?: { title: string; body: string };
}

/** Answered / safe / needs help / not yet, over the households asked. */
export interface CheckInFigures {
  households: number;
  answered: number;
  safe: number;
  help: number;
  notYet: number;
}

export interface CheckInGridRow extends CheckInFigures {
  gridId: string;
  gridName: string;
}

export interface CheckInSummary {
  id: string;
  question: string;
  scopeText: string;
  startedAt: string;
  startedByName: string;
  closedAt: string | null;
  noticeId: string | null;
}

export interface CheckInProgress extends CheckInSummary {
  /** True once closed: the figures are the ones frozen at closing. */
  frozen: boolean;
  total: CheckInFigures;
  grids: CheckInGridRow[];
}

export interface CheckInListItem extends CheckInSummary {
  total: CheckInFigures;
}

export interface CheckInDoor {
  householdId: string;
  buildingName: string;
  unit: number;
  room: string;
  address: string;
  keyGroups: string[];
  /** Residents bound to the household: masked name and masked phone (138****1234), for the worker to call. */
  residents: { name: string; phone: string | null }[];
}

export interface CheckInAnsweredDoor {
  householdId: string;
  address: string;
  answer: CheckInAnswerKind;
  answerLabel: string;
  via: CheckInVia;
  viaLabel: string;
  note: string;
  at: string;
  requestId: string | null;
}

export interface CheckInGridDoors {
  checkInId: string;
  question: string;
  closed: boolean;
  gridId: string;
  gridName: string;
  figures: CheckInFigures;
  notYet: CheckInDoor[];
  answered: CheckInAnsweredDoor[];
}

/** A resident's view: an open check-in asking their household, and their household's answer if any. */
export interface CheckInCard {
  id: string;
  question: string;
  startedAt: string;
  closed: boolean;
  answer: { answer: CheckInAnswerKind; answerLabel: string; note: string; viaLabel: string; at: string; requestId: string | null } | null;
}

type Empty = Record<string, never>;

export interface CheckInContract {
  checkin: {
    start: { input: StartCheckInInput; output: { id: string; duplicate: boolean; noticeId: string | null } };
    list: { input: Empty; output: { items: CheckInListItem[] } };
    progress: { input: { id: string }; output: CheckInProgress };
    doors: { input: { id: string; gridId: string }; output: CheckInGridDoors };
    mine: { input: Empty; output: { items: CheckInCard[] } };
    answer: { input: { id: string; answer: CheckInAnswerKind; note?: string }; output: CheckInCard };
    answerFor: { input: { id: string; householdId: string; answer: CheckInAnswerKind; via: 'phone' | 'door'; note?: string }; output: CheckInGridDoors };
    remind: { input: { id: string; gridId: string }; output: { reminded: number } };
    close: { input: { id: string }; output: CheckInProgress };
  };
}

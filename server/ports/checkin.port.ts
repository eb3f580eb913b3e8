/**
 * 报平安 check-ins and their answers. Starting one writes ONE document (no row per household: the scope says
 * who is asked). A household's first answer writes its answer and its grid's counters in one atomic write; the
 * answer is unique per (check-in, household), so a retried or concurrent second answer counts nothing and
 * returns the stored one. Progress reads one counter row per grid, whatever the number of households.
 *
 * Every method is atomic on its own: all of its writes land or none do.
 */
import type { CheckIn, CheckInAnswer, CheckInGridFigures } from '@core/checkins/checkin';

/** The answers counted so far for one grid (the households asked come from the places, not from here). */
export type CheckInGridCounts = Omit<CheckInGridFigures, 'households'>;

export type CreateCheckInResult = { kind: 'created' | 'duplicate'; checkIn: CheckIn };
export type AnswerResult = { kind: 'created' | 'exists'; answer: CheckInAnswer };

export interface CheckInRepository {
  get(id: string): Promise<CheckIn | null>;
  /** Writes the check-in unless (startedBy.id, idempotencyKey) exists: then the earlier one comes back as a duplicate. */
  create(checkIn: CheckIn): Promise<CreateCheckInResult>;
  /** The street's check-ins, newest startedAt first, at most `limit` (cut to 1..50). */
  listForStreet(streetId: string, limit: number): Promise<CheckIn[]>;
  /**
   * Records a household's answer with its grid's counter change (answerDelta), in one write, unless the
   * household has answered this check-in: then 'exists' with the stored answer and nothing changes.
   * Refuses nothing itself: the caller checks the check-in is open (see `close`).
   */
  answer(answer: CheckInAnswer): Promise<AnswerResult>;
  /** Notes the request a 需要帮助 answer opened (only while the answer has none). */
  setRequestId(checkInId: string, householdId: string, requestId: string): Promise<void>;
  getAnswer(checkInId: string, householdId: string): Promise<CheckInAnswer | null>;
  /** Counters of every grid with an answer, ordered by grid id; grids without answers are absent. */
  gridCounts(checkInId: string): Promise<CheckInGridCounts[]>;
  /** The answers of one grid, ordered by household id. */
  answersInGrid(checkInId: string, gridId: string): Promise<CheckInAnswer[]>;
  /** Closes an open check-in with its figures frozen; null when it was closed already (nothing written). */
  close(id: string, closedAt: string, frozen: CheckInGridFigures[]): Promise<CheckIn | null>;
}

/**
 * 走访 / 巡查 records. Each operation is atomic on its own (not offered inside `transact`).
 * `server/adapters/visit-store.contract.ts` holds both adapters to this.
 */
import type { Visit, VisitMark } from '@core/visits/visit';

export type RecordVisitOutcome = { kind: 'created'; visit: Visit } | { kind: 'duplicate'; visit: Visit };

export interface VisitRepository {
  /**
   * Writes the visit unless one with the same (workerId, clientKey) exists; then answers that one and writes
   * nothing (a retried send from the app's offline queue). Two concurrent sends of one key write one visit.
   */
  record(visit: Visit): Promise<RecordVisitOutcome>;
  /** A household's visits, newest first (date, at, id descending), at most `limit` (cut to 1..200). */
  listForHousehold(householdId: string, limit: number): Promise<Visit[]>;
  /** The marks of a grid's visits dated on or after `since` (door and patrol), by date ascending. */
  marksForGrid(gridId: string, since: string): Promise<VisitMark[]>;
  /** The marks of visits in these grids dated within [from, to], by date ascending. */
  marksForGrids(gridIds: string[], from: string, to: string): Promise<VisitMark[]>;
  /** Up to `limit` (cut to 1..500) visits of a street dated before `before`, oldest first: what the retention purge removes. */
  listBefore(streetId: string, before: string, limit: number): Promise<{ id: string; photoFileIds: string[] }[]>;
  /** Deletes these visits; answers how many went (one already gone is not counted: safe to run twice). */
  remove(ids: string[]): Promise<number>;
}

/**
 * The embedded side of the visit port: table `visits` (the record as JSON beside the columns queries read).
 * The unique index on (worker_id, client_key) makes a retried send write nothing: INSERT OR IGNORE, then
 * the stored one is read back.
 */
import type { Visit, VisitMark } from '@core/visits/visit';
import type { RecordVisitOutcome } from '../../ports/visit.port';
import type { SqlAccess } from './sql-access';

interface DataRow {
  data: string;
}
interface MarkRow {
  household_id: string | null;
  date: string;
  follow_up_on: string | null;
}

const HISTORY_MAX = 200;
const PURGE_MAX = 500;

const toMark = (r: MarkRow): VisitMark => ({ householdId: r.household_id, date: r.date, followUpOn: r.follow_up_on });

/** The statements whose plans embedded-visits.test.ts checks. */
export const VISIT_SQL = {
  byKey: 'SELECT data FROM visits WHERE worker_id = ? AND client_key = ?',
  history: 'SELECT data FROM visits WHERE household_id = ? ORDER BY date DESC, at DESC, id DESC LIMIT ?',
  gridMarks: 'SELECT household_id, date, follow_up_on FROM visits WHERE grid_id = ? AND date >= ? ORDER BY date',
  before: 'SELECT id, data FROM visits WHERE street_id = ? AND date < ? ORDER BY date LIMIT ?',
} as const;

export class SqliteVisits {
  constructor(private readonly sql: SqlAccess) {}

  record(v: Visit): RecordVisitOutcome {
    const res = this.sql.run(
      `INSERT OR IGNORE INTO visits (id, worker_id, client_key, street_id, grid_id, household_id, date, at, follow_up_on, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [v.id, v.workerId, v.clientKey, v.streetId, v.gridId, v.householdId, v.date, v.at, v.followUpOn, JSON.stringify(v)],
    );
    if (res.changes === 1) return { kind: 'created', visit: structuredClone(v) };
    const row = this.sql.one<DataRow>(VISIT_SQL.byKey, [v.workerId, v.clientKey]);
    if (!row) throw new Error(`visit ${v.id} was neither written nor found by its client key`);
    return { kind: 'duplicate', visit: JSON.parse(row.data) as Visit };
  }

  listForHousehold(householdId: string, limit: number): Visit[] {
    const n = Math.max(1, Math.min(HISTORY_MAX, Math.floor(limit)));
    return this.sql.all<DataRow>(VISIT_SQL.history, [householdId, n]).map((r) => JSON.parse(r.data) as Visit);
  }

  marksForGrid(gridId: string, since: string): VisitMark[] {
    return this.sql.all<MarkRow>(VISIT_SQL.gridMarks, [gridId, since]).map(toMark);
  }

  marksForGrids(gridIds: string[], from: string, to: string): VisitMark[] {
    const out: VisitMark[] = [];
    for (const gridId of [...new Set(gridIds)]) {
      out.push(
        ...this.sql
          .all<MarkRow>('SELECT household_id, date, follow_up_on FROM visits WHERE grid_id = ? AND date >= ? AND date <= ? ORDER BY date', [gridId, from, to])
          .map(toMark),
      );
    }
    return out.sort((a, b) => a.date.localeCompare(b.date));
  }

  listBefore(streetId: string, before: string, limit: number): { id: string; photoFileIds: string[] }[] {
    const n = Math.max(1, Math.min(PURGE_MAX, Math.floor(limit)));
    return this.sql
      .all<{ id: string; data: string }>(VISIT_SQL.before, [streetId, before, n])
      .map((r) => ({ id: r.id, photoFileIds: (JSON.parse(r.data) as Visit).photoFileIds }));
  }

  remove(ids: string[]): number {
    let removed = 0;
    for (const id of new Set(ids)) removed += this.sql.run('DELETE FROM visits WHERE id = ?', [id]).changes;
    return removed;
  }
}

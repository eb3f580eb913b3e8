/**
 * 报平安 in SQLite. A check-in is one row (its JSON in `data`); an answer is one row keyed (checkin_id,
 * household_id) — INSERT OR IGNORE, so a second answer changes nothing — and its grid's counters move in the
 * same IMMEDIATE transaction only when the insert took. Progress reads `checkin_grid_counts` by primary key.
 */
import { answerDelta, type CheckIn, type CheckInAnswer, type CheckInGridFigures } from '@core/checkins/checkin';
import type { AnswerResult, CheckInGridCounts, CreateCheckInResult } from '../../ports/checkin.port';
import type { SqlAccess } from './sql-access';

interface AnswerRow {
  checkin_id: string; household_id: string; community_id: string; grid_id: string; building_id: string;
  answer: string; note: string; via: string; by_id: string; at: string; request_id: string | null;
}
interface CountRow { grid_id: string; community_id: string; answered: number; safe: number; help: number }

const toAnswer = (r: AnswerRow): CheckInAnswer => ({
  checkInId: r.checkin_id, householdId: r.household_id, communityId: r.community_id, gridId: r.grid_id, buildingId: r.building_id,
  answer: r.answer as CheckInAnswer['answer'], note: r.note, via: r.via as CheckInAnswer['via'], byId: r.by_id, at: r.at, requestId: r.request_id,
});

export class SqliteCheckIns {
  constructor(private readonly sql: SqlAccess) {}

  get(id: string): CheckIn | null {
    const r = this.sql.one<{ data: string }>('SELECT data FROM checkins WHERE id = ?', [id]);
    return r ? (JSON.parse(r.data) as CheckIn) : null;
  }

  create(c: CheckIn): CreateCheckInResult {
    return this.sql.db.transaction((): CreateCheckInResult => {
      const earlier = this.sql.one<{ data: string }>('SELECT data FROM checkins WHERE starter_id = ? AND idempotency_key = ?', [c.startedBy.id, c.idempotencyKey]);
      if (earlier) return { kind: 'duplicate', checkIn: JSON.parse(earlier.data) as CheckIn };
      this.sql.run('INSERT INTO checkins (id, street_id, started_at, starter_id, idempotency_key, data) VALUES (?, ?, ?, ?, ?, ?)', [
        c.id, c.streetId, c.startedAt, c.startedBy.id, c.idempotencyKey, JSON.stringify(c),
      ]);
      return { kind: 'created', checkIn: c };
    }).immediate();
  }

  listForStreet(streetId: string, limit: number): CheckIn[] {
    const n = Math.max(1, Math.min(50, Math.floor(limit)));
    return this.sql
      .all<{ data: string }>('SELECT data FROM checkins WHERE street_id = ? ORDER BY started_at DESC, id DESC LIMIT ?', [streetId, n])
      .map((r) => JSON.parse(r.data) as CheckIn);
  }

  answer(a: CheckInAnswer): AnswerResult {
    return this.sql.db.transaction((): AnswerResult => {
      const took = this.sql.run(
        `INSERT OR IGNORE INTO checkin_answers (checkin_id, household_id, community_id, grid_id, building_id, answer, note, via, by_id, at, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [a.checkInId, a.householdId, a.communityId, a.gridId, a.buildingId, a.answer, a.note, a.via, a.byId, a.at, a.requestId],
      ).changes;
      if (took === 0) return { kind: 'exists', answer: this.getAnswer(a.checkInId, a.householdId)! };
      const d = answerDelta(a.answer);
      this.sql.run(
        `INSERT INTO checkin_grid_counts (checkin_id, grid_id, community_id, answered, safe, help) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (checkin_id, grid_id) DO UPDATE SET answered = answered + excluded.answered, safe = safe + excluded.safe, help = help + excluded.help`,
        [a.checkInId, a.gridId, a.communityId, d.answered, d.safe, d.help],
      );
      return { kind: 'created', answer: { ...a } };
    }).immediate();
  }

  setRequestId(checkInId: string, householdId: string, requestId: string): void {
    this.sql.run('UPDATE checkin_answers SET request_id = ? WHERE checkin_id = ? AND household_id = ? AND request_id IS NULL', [requestId, checkInId, householdId]);
  }

  getAnswer(checkInId: string, householdId: string): CheckInAnswer | null {
    const r = this.sql.one<AnswerRow>('SELECT * FROM checkin_answers WHERE checkin_id = ? AND household_id = ?', [checkInId, householdId]);
    return r ? toAnswer(r) : null;
  }

  gridCounts(checkInId: string): CheckInGridCounts[] {
    return this.sql
      .all<CountRow>('SELECT grid_id, community_id, answered, safe, help FROM checkin_grid_counts WHERE checkin_id = ? ORDER BY grid_id', [checkInId])
      .map((r) => ({ gridId: r.grid_id, communityId: r.community_id, answered: r.answered, safe: r.safe, help: r.help }));
  }

  answersInGrid(checkInId: string, gridId: string): CheckInAnswer[] {
    return this.sql
      .all<AnswerRow>('SELECT * FROM checkin_answers INDEXED BY checkin_answers_by_grid WHERE checkin_id = ? AND grid_id = ? ORDER BY household_id', [checkInId, gridId])
      .map(toAnswer);
  }

  close(id: string, closedAt: string, frozen: CheckInGridFigures[]): CheckIn | null {
    return this.sql.db.transaction((): CheckIn | null => {
      const c = this.get(id);
      if (!c || c.closedAt) return null;
      const next: CheckIn = { ...c, closedAt, frozen: frozen.map((f) => ({ ...f })) };
      this.sql.run('UPDATE checkins SET data = ? WHERE id = ?', [JSON.stringify(next), id]);
      return next;
    }).immediate();
  }
}

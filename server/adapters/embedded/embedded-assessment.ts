/**
 * 考核评价 counters in SQLite (table assessment_counters, see its migration). Request writes add their
 * `counterDelta` here inside their own transaction (SqliteRequests.create / commit / importRequestBatches);
 * the views read by (street, scope kind, scopes?, periods) on one of the two indexes; the recount pages a
 * street's requests by id and compares against every stored counter.
 */
import { COUNTER_METRICS, counterId, emptyCounters, type Contribution, type CounterKind, type CounterMetric, type Counters } from '@core/assessment/counters';
import type { ServiceRequest } from '@core/requests/request';
import type { CounterQuery, CounterRow } from '../../ports/assessment.port';
import type { Page } from '../../ports/request.port';
import type { PlannedStatement, SqlAccess } from './sql-access';

/** The column of each metric (snake_case of its name). */
export const METRIC_COLUMNS: Record<CounterMetric, string> = Object.fromEntries(
  COUNTER_METRICS.map((m) => [m, m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]),
) as Record<CounterMetric, string>;
const COLUMNS = COUNTER_METRICS.map((m) => METRIC_COLUMNS[m]);

/** Adds a delta: a counter first written is inserted with it, an existing one gets it added column by column. */
const ADD_COUNTER = `INSERT INTO assessment_counters (id, street_id, scope_kind, scope_id, period, ${COLUMNS.join(', ')})
  VALUES (@id, @street_id, @scope_kind, @scope_id, @period, ${COLUMNS.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** Sets a counter to exactly these values (the recount's repair). */
const SET_COUNTER = `INSERT INTO assessment_counters (id, street_id, scope_kind, scope_id, period, ${COLUMNS.join(', ')})
  VALUES (@id, @street_id, @scope_kind, @scope_id, @period, ${COLUMNS.map((c) => `@${c}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`;

const SELECT_ROW = `scope_kind, scope_id, period, ${COLUMNS.join(', ')}`;

type Row = { scope_kind: string; scope_id: string; period: string } & Record<string, number>;

function toRow(r: Row): CounterRow {
  const counters = emptyCounters();
  for (const m of COUNTER_METRICS) counters[m] = r[METRIC_COLUMNS[m]];
  return { scopeKind: r.scope_kind as CounterKind, scopeId: r.scope_id, period: r.period, counters };
}

/** A row read as an array (scope_kind, scope_id, period, then the metrics in COUNTER_METRICS order): no object per row. */
function fromArray(r: unknown[]): CounterRow {
  const counters = {} as Counters;
  for (let i = 0; i < COUNTER_METRICS.length; i++) counters[COUNTER_METRICS[i]] = r[3 + i] as number;
  return { scopeKind: r[0] as CounterKind, scopeId: r[1] as string, period: r[2] as string, counters };
}

function counterParams(streetId: string, scopeKind: string, scopeId: string, period: string, metrics: Partial<Counters>): Record<string, unknown> {
  const p: Record<string, unknown> = {
    id: counterId({ streetId, scope: { kind: scopeKind as CounterKind, id: scopeId }, period }),
    street_id: streetId, scope_kind: scopeKind, scope_id: scopeId, period,
  };
  for (const m of COUNTER_METRICS) p[METRIC_COLUMNS[m]] = metrics[m] ?? 0;
  return p;
}

/**
 * The statement of a counter query (exported for the query-plan test): with scopeIds, a seek per
 * (scope, period) on by_scope, already in the answer's order; without, a seek per period on by_period
 * (every scope of the kind in those periods), sorted after — a few hundred rows at most (scopes × periods).
 */
export function planCounterQuery(q: CounterQuery): PlannedStatement | null {
  if (q.periods.length === 0 || (q.scopeIds !== undefined && q.scopeIds.length === 0)) return null;
  const params: Record<string, unknown> = { streetId: q.streetId, scopeKind: q.scopeKind, periods: JSON.stringify([...new Set(q.periods)]) };
  if (q.scopeIds !== undefined) {
    params.scopeIds = JSON.stringify([...new Set(q.scopeIds)]);
    return {
      sql: `SELECT ${SELECT_ROW} FROM assessment_counters INDEXED BY assessment_counters_by_scope
        WHERE street_id = @streetId AND scope_kind = @scopeKind AND scope_id IN (SELECT value FROM json_each(@scopeIds))
        AND period IN (SELECT value FROM json_each(@periods)) ORDER BY scope_id, period`,
      params,
    };
  }
  return {
    sql: `SELECT ${SELECT_ROW} FROM assessment_counters INDEXED BY assessment_counters_by_period
      WHERE street_id = @streetId AND scope_kind = @scopeKind AND period IN (SELECT value FROM json_each(@periods))
      ORDER BY scope_id, period`,
    params,
  };
}

export class SqliteAssessment {
  constructor(private readonly sql: SqlAccess) {}

  /** Adds each contribution to its counter; call inside the transaction of the request write it belongs to. */
  apply(delta: Contribution[]): void {
    for (const c of delta) this.sql.run(ADD_COUNTER, counterParams(c.key.streetId, c.key.scope.kind, c.key.scope.id, c.key.period, c.metrics));
  }

  counters(q: CounterQuery): CounterRow[] {
    const s = planCounterQuery(q);
    return s ? this.sql.all<Row>(s.sql, s.params).map(toRow) : [];
  }

  requestsPage(streetId: string, cursor: string | null, limit: number): Page<ServiceRequest> {
    const n = Math.max(1, Math.min(1000, Math.floor(limit) || 1));
    const rows = this.sql.all<{ id: string; data: string }>(
      'SELECT id, data FROM requests INDEXED BY requests_by_street_id WHERE street_id = ? AND id > ? ORDER BY id LIMIT ?',
      [streetId, cursor ?? '', n + 1],
    );
    const items = rows.slice(0, n).map((r) => {
      const req = JSON.parse(r.data) as ServiceRequest;
      return { ...req, dueUncalibrated: req.dueUncalibrated === true };
    });
    return { items, next: rows.length > n ? items[items.length - 1].id : null };
  }

  /**
   * A range of the primary key: every counterId of a street starts with `${streetId}|` (street ids hold no
   * '|'), so the street's rows are read in key order, one sequential pass — no lookup per row.
   */
  allCounters(streetId: string): CounterRow[] {
    return this.sql
      .rows(`SELECT ${SELECT_ROW} FROM assessment_counters WHERE id >= ? AND id < ? AND street_id = ? ORDER BY id`, [`${streetId}|`, `${streetId}}`, streetId])
      .map(fromArray);
  }

  overwrite(streetId: string, rows: CounterRow[]): void {
    this.sql.db.transaction(() => {
      for (const r of rows) this.sql.run(SET_COUNTER, counterParams(streetId, r.scopeKind, r.scopeId, r.period, r.counters));
    }).immediate();
  }
}

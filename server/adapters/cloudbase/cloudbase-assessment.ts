/**
 * 考核评价 counters in CloudBase: collection `assessment_counters`, one document per counter, `_id` = core
 * counterId, fields streetId, scopeKind, scopeId, period and one number per metric (COUNTER_METRICS names).
 * Request writes keep them in their own `runTransaction` (applyCounterDelta: a single-document get and
 * put of each counter the write changes, so two concurrent writes touching one counter conflict and one
 * re-runs instead of losing an addition). Reads are queries on (streetId, scopeKind, scopeId|period).
 */
import { counterId, emptyCounters, type CounterKind } from '@core/assessment/counters';
import type { ServiceRequest } from '@core/requests/request';
import type { AssessmentRepository, CounterQuery, CounterRow } from '../../ports/assessment.port';
import { PAGE_SIZE, fetchAll, queryGuard, type DocAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbDocument } from './cloudbase-db';
import { toRequest } from './cloudbase-requests';
import { counterFields, countersOf } from './cloudbase-counters';

/** Scope ids per `_.in` of a counter query. */
const IN_CHUNK = 100;

const toRow = (d: DbDocument): CounterRow => ({
  scopeKind: d.scopeKind as CounterKind,
  scopeId: String(d.scopeId),
  period: String(d.period),
  counters: countersOf(d),
});

const byScopeThenPeriod = (a: CounterRow, b: CounterRow): number =>
  a.scopeId !== b.scopeId ? (a.scopeId < b.scopeId ? -1 : 1) : a.period < b.period ? -1 : a.period > b.period ? 1 : 0;

export function assessmentRepository(db: CloudbaseDb, access: DocAccess, inTransaction: boolean): AssessmentRepository {
  const _ = db.command;
  const query = queryGuard(inTransaction);

  /** Keyset pages of a street's documents by _id (index streetId_id), `limit` per page. */
  async function pageById(collection: 'requests' | 'assessment_counters', streetId: string, cursor: string | null, limit: number): Promise<DbDocument[]> {
    const where = cursor ? { streetId, _id: _.gt(cursor) } : { streetId };
    return checked(await db.collection(collection).where(where).orderBy('_id', 'asc').limit(limit).get()).data;
  }

  return {
    counters: query('assessment.counters', async (q: CounterQuery) => {
      const periods = [...new Set(q.periods)];
      if (periods.length === 0 || (q.scopeIds !== undefined && q.scopeIds.length === 0)) return [];
      const rows: CounterRow[] = [];
      if (q.scopeIds === undefined) {
        // Index streetId_scopeKind_period_scopeId: every scope of the kind in these periods.
        const docs = await fetchAll(
          db.collection('assessment_counters').where({ streetId: q.streetId, scopeKind: q.scopeKind, period: _.in(periods) }).orderBy('period', 'asc').orderBy('scopeId', 'asc'),
        );
        rows.push(...docs.map(toRow));
      } else {
        // Index streetId_scopeKind_scopeId_period.
        const ids = [...new Set(q.scopeIds)];
        for (let i = 0; i < ids.length; i += IN_CHUNK) {
          const docs = await fetchAll(
            db
              .collection('assessment_counters')
              .where({ streetId: q.streetId, scopeKind: q.scopeKind, scopeId: _.in(ids.slice(i, i + IN_CHUNK)), period: _.in(periods) })
              .orderBy('scopeId', 'asc')
              .orderBy('period', 'asc'),
          );
          rows.push(...docs.map(toRow));
        }
      }
      return rows.sort(byScopeThenPeriod);
    }),
    requestsPage: query('assessment.requestsPage', async (streetId: string, cursor: string | null, limit: number) => {
      const n = Math.max(1, Math.min(PAGE_SIZE, Math.floor(limit) || 1));
      // One more than the page would exceed CloudBase's 1000: ask n, and a full page means "maybe more".
      const docs = await pageById('requests', streetId, cursor, n);
      const items: ServiceRequest[] = docs.map(toRequest);
      return { items, next: docs.length === n ? items[items.length - 1].id : null };
    }),
    allCounters: query('assessment.allCounters', async (streetId: string) => {
      const out: DbDocument[] = [];
      for (let cursor: string | null = null; ; ) {
        const page = await pageById('assessment_counters', streetId, cursor, PAGE_SIZE);
        out.push(...page);
        if (page.length < PAGE_SIZE) break;
        cursor = page[page.length - 1]._id;
      }
      return out.map(toRow).sort((a, b) => (a.scopeKind !== b.scopeKind ? (a.scopeKind < b.scopeKind ? -1 : 1) : byScopeThenPeriod(a, b)));
    }),
    overwrite: query('assessment.overwrite', async (streetId: string, rows: CounterRow[]) => {
      for (const r of rows) {
        const id = counterId({ streetId, scope: { kind: r.scopeKind, id: r.scopeId }, period: r.period });
        await access.put('assessment_counters', id, counterFields(streetId, r.scopeKind, r.scopeId, r.period, { ...emptyCounters(), ...r.counters }));
      }
    }),
  };
}

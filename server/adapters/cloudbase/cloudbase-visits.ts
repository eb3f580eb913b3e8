/**
 * The visit port in CloudBase: collection `visits`. The document `_id` is the hash of (workerId, clientKey),
 * so a retried send finds its earlier visit by id inside a transaction and writes nothing; the visit's own id
 * is a field. Indexes (collections.ts): householdId_date_at for a history, gridId_date for the due list and
 * coverage, streetId_date for the retention purge.
 */
import { createHash } from 'node:crypto';
import type { Visit, VisitMark } from '@core/visits/visit';
import type { VisitRepository } from '../../ports/visit.port';
import { transactionAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbDocument } from './cloudbase-db';

const PAGE = 1000;
const HISTORY_MAX = 200;
const PURGE_MAX = 500;
const RETRIES = 10;

export function visitDocId(workerId: string, clientKey: string): string {
  return `v_${createHash('sha256').update(`${workerId}\n${clientKey}`).digest('hex').slice(0, 40)}`;
}

function toVisit(d: DbDocument): Visit {
  const { _id: _ignored, visitId, ...rest } = d as DbDocument & Record<string, unknown>;
  return { ...(structuredClone(rest) as unknown as Omit<Visit, 'id'>), id: String(visitId) };
}

const toMark = (d: DbDocument): VisitMark => ({
  householdId: typeof d.householdId === 'string' ? d.householdId : null,
  date: String(d.date),
  followUpOn: typeof d.followUpOn === 'string' ? d.followUpOn : null,
});

export function visitRepository(db: CloudbaseDb): VisitRepository {
  const _ = db.command;
  async function marks(where: Parameters<ReturnType<CloudbaseDb['collection']>['where']>[0]): Promise<VisitMark[]> {
    const out: VisitMark[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const docs = checked(await db.collection('visits').where(where).orderBy('date', 'asc').orderBy('_id', 'asc').skip(skip).limit(PAGE).get()).data;
      out.push(...docs.map(toMark));
      if (docs.length < PAGE) return out;
    }
  }
  return {
    record: (visit) =>
      db.runTransaction(async (t) => {
        const access = transactionAccess(t);
        const docId = visitDocId(visit.workerId, visit.clientKey);
        const earlier = await access.get('visits', docId);
        if (earlier) return { kind: 'duplicate' as const, visit: toVisit(earlier) };
        const { id, ...fields } = visit;
        await access.create('visits', docId, { ...structuredClone(fields), visitId: id });
        return { kind: 'created' as const, visit: structuredClone(visit) };
      }, RETRIES),
    async listForHousehold(householdId, limit) {
      const n = Math.max(1, Math.min(HISTORY_MAX, Math.floor(limit)));
      const docs = checked(
        await db.collection('visits').where({ householdId }).orderBy('date', 'desc').orderBy('at', 'desc').orderBy('visitId', 'desc').limit(n).get(),
      ).data;
      return docs.map(toVisit);
    },
    marksForGrid: (gridId, since) => marks({ gridId, date: _.gte(since) }),
    async marksForGrids(gridIds, from, to) {
      const out: VisitMark[] = [];
      for (const gridId of [...new Set(gridIds)]) out.push(...(await marks(_.and([{ gridId }, { date: _.gte(from) }, { date: _.lte(to) }]))));
      return out.sort((a, b) => a.date.localeCompare(b.date));
    },
    async listBefore(streetId, before, limit) {
      const n = Math.max(1, Math.min(PURGE_MAX, Math.floor(limit)));
      const docs = checked(await db.collection('visits').where({ streetId, date: _.lt(before) }).orderBy('date', 'asc').orderBy('_id', 'asc').limit(n).get()).data;
      return docs.map((d) => ({ id: String(d.visitId), photoFileIds: Array.isArray(d.photoFileIds) ? (d.photoFileIds as string[]).map(String) : [] }));
    },
    async remove(ids) {
      let removed = 0;
      for (const id of new Set(ids)) removed += checked(await db.collection('visits').where({ visitId: id }).remove()).deleted ?? 0;
      return removed;
    },
  };
}

/**
 * 报平安 in CloudBase. A check-in is one document; its idempotency key is a document `${starterId}:${key}`
 * naming it. An answer is one document `_id` = `${checkInId}:${householdId}`, written in ONE `runTransaction`
 * with one of its grid's counter documents (read, then created or incremented): the answer id is read first, so
 * a retried or concurrent second answer — the transaction that loses is retried and then finds it — counts nothing.
 *
 * A grid's counters are COUNTER_SHARDS documents `${checkInId}:${gridId}:${shard}`, the shard chosen by the
 * household: answers coming in at once from one grid then mostly touch different documents, where a single
 * counter would make every one of them but the first conflict. The progress sums the shards of each grid.
 * Conflicts are retried with a short random wait (CloudBase retries at once, which under a burst only conflicts again).
 */
import { answerDelta, type CheckIn, type CheckInAnswer, type CheckInGridFigures } from '@core/checkins/checkin';
import type { AnswerResult, CheckInGridCounts, CheckInRepository, CreateCheckInResult } from '../../ports/checkin.port';
import { fetchAll, transactionAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbDocument } from './cloudbase-db';

const WRITE_RETRIES = 5;
export const COUNTER_SHARDS = 10;
const CONFLICT_TRIES = 40;

/** A stable shard in 0..COUNTER_SHARDS-1 for a household. */
function shardOf(householdId: string): number {
  let h = 0;
  for (let i = 0; i < householdId.length; i++) h = (h * 31 + householdId.charCodeAt(i)) >>> 0;
  return h % COUNTER_SHARDS;
}

/** Runs a transaction, waiting 2–25 ms at random between tries while it conflicts. */
async function withConflictRetries<T>(db: CloudbaseDb, work: Parameters<CloudbaseDb['runTransaction']>[0]): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction(work, 1)) as T;
    } catch (e) {
      if ((e as { code?: unknown })?.code !== 'DATABASE_TRANSACTION_CONFLICT' || attempt >= CONFLICT_TRIES) throw e;
      await new Promise((r) => setTimeout(r, 2 + Math.floor(Math.random() * 24)));
    }
  }
}

export const checkInAnswerDocId = (checkInId: string, householdId: string): string => `${checkInId}:${householdId}`;
export const checkInCountsDocId = (checkInId: string, gridId: string, shard: number): string => `${checkInId}:${gridId}:${shard}`;
const keyDocId = (starterId: string, key: string): string => `${starterId}:${key}`;

const toCheckIn = (d: DbDocument): CheckIn => {
  const { _id, ...rest } = d;
  return structuredClone({ ...(rest as unknown as Omit<CheckIn, 'id'>), id: String(_id) });
};
const checkInFields = (c: CheckIn): Record<string, unknown> => {
  const { id: _id, ...rest } = structuredClone(c);
  return rest;
};
const toAnswer = (d: DbDocument): CheckInAnswer => ({
  checkInId: String(d.checkInId), householdId: String(d.householdId), communityId: String(d.communityId), gridId: String(d.gridId),
  buildingId: String(d.buildingId), answer: d.answer as CheckInAnswer['answer'], note: String(d.note ?? ''), via: d.via as CheckInAnswer['via'],
  byId: String(d.byId), at: String(d.at), requestId: (d.requestId as string | null | undefined) ?? null,
});
const answerFields = (a: CheckInAnswer): Record<string, unknown> => ({ ...a });
const toCounts = (d: DbDocument): CheckInGridCounts => ({
  gridId: String(d.gridId), communityId: String(d.communityId), answered: Number(d.answered), safe: Number(d.safe), help: Number(d.help),
});

export function checkInRepository(db: CloudbaseDb): CheckInRepository {
  const _ = db.command;
  const get = async (id: string): Promise<CheckIn | null> => {
    const d = checked(await db.collection('checkins').doc(id).get()).data[0];
    return d ? toCheckIn(d) : null;
  };
  return {
    get,
    async create(c): Promise<CreateCheckInResult> {
      return db.runTransaction(async (t) => {
        const a = transactionAccess(t);
        const keyId = keyDocId(c.startedBy.id, c.idempotencyKey);
        const key = await a.get('checkin_idempotency', keyId);
        if (key) {
          const earlier = await a.get('checkins', String(key.checkInId));
          if (!earlier) throw new Error(`check-in key ${keyId} names a missing check-in`);
          return { kind: 'duplicate', checkIn: toCheckIn(earlier) } as CreateCheckInResult;
        }
        await a.put('checkin_idempotency', keyId, { checkInId: c.id, createdAt: c.startedAt });
        await a.create('checkins', c.id, checkInFields(c));
        return { kind: 'created', checkIn: structuredClone(c) } as CreateCheckInResult;
      }, WRITE_RETRIES);
    },
    async listForStreet(streetId, limit) {
      const n = Math.max(1, Math.min(50, Math.floor(limit)));
      const docs = checked(await db.collection('checkins').where({ streetId }).orderBy('startedAt', 'desc').orderBy('_id', 'desc').limit(n).get()).data;
      return docs.map(toCheckIn);
    },
    async answer(answer): Promise<AnswerResult> {
      return withConflictRetries<AnswerResult>(db, async (t) => {
        const a = transactionAccess(t);
        const id = checkInAnswerDocId(answer.checkInId, answer.householdId);
        const stored = await a.get('checkin_answers', id);
        if (stored) return { kind: 'exists', answer: toAnswer(stored) } as AnswerResult;
        await a.put('checkin_answers', id, answerFields(answer));
        const d = answerDelta(answer.answer);
        const shard = shardOf(answer.householdId);
        const countsId = checkInCountsDocId(answer.checkInId, answer.gridId, shard);
        if (await a.get('checkin_grid_counts', countsId)) {
          await a.update('checkin_grid_counts', countsId, { answered: _.inc(d.answered), safe: _.inc(d.safe), help: _.inc(d.help) });
        } else {
          await a.put('checkin_grid_counts', countsId, { checkInId: answer.checkInId, gridId: answer.gridId, shard, communityId: answer.communityId, ...d });
        }
        return { kind: 'created', answer: { ...answer } } as AnswerResult;
      });
    },
    async setRequestId(checkInId, householdId, requestId) {
      checked(await db.collection('checkin_answers').where({ _id: checkInAnswerDocId(checkInId, householdId), requestId: null }).update({ requestId }));
    },
    async getAnswer(checkInId, householdId) {
      const d = checked(await db.collection('checkin_answers').doc(checkInAnswerDocId(checkInId, householdId)).get()).data[0];
      return d ? toAnswer(d) : null;
    },
    async gridCounts(checkInId) {
      const shards = (await fetchAll(db.collection('checkin_grid_counts').where({ checkInId }).orderBy('gridId', 'asc').orderBy('_id', 'asc'))).map(toCounts);
      const byGrid = new Map<string, CheckInGridCounts>();
      for (const s of shards) {
        const sum = byGrid.get(s.gridId);
        if (sum) {
          sum.answered += s.answered;
          sum.safe += s.safe;
          sum.help += s.help;
        } else byGrid.set(s.gridId, { ...s });
      }
      return [...byGrid.values()];
    },
    async answersInGrid(checkInId, gridId) {
      return (await fetchAll(db.collection('checkin_answers').where({ checkInId, gridId }).orderBy('householdId', 'asc'))).map(toAnswer);
    },
    async close(id, closedAt, frozen: CheckInGridFigures[]) {
      return db.runTransaction(async (t) => {
        const a = transactionAccess(t);
        const d = await a.get('checkins', id);
        if (!d) return null;
        const c = toCheckIn(d);
        if (c.closedAt) return null;
        const next: CheckIn = { ...c, closedAt, frozen: frozen.map((f) => ({ ...f })) };
        await a.put('checkins', id, checkInFields(next));
        return next;
      }, WRITE_RETRIES);
    },
  };
}

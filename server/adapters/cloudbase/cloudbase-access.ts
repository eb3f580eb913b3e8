/**
 * What the CloudBase repositories share: single-document access that works the same outside and inside a
 * transaction, and paging through a query 1000 documents at a time.
 */
import { checked, CloudbaseError, type CloudbaseDb, type DbDocument, type DbQuery, type DbTransaction } from './cloudbase-db';
import type { CollectionName } from './collections';
import { TransactionQueryError } from '../store-import';

/** The most documents one query may return to a cloud function. */
export const PAGE_SIZE = 1000;

/** Every document a query matches (up to `max`), 1000 per request. The query must end in a total order. */
export async function fetchAll(query: DbQuery, max = Number.POSITIVE_INFINITY): Promise<DbDocument[]> {
  const out: DbDocument[] = [];
  for (let skip = 0; out.length < max; skip += PAGE_SIZE) {
    const want = Math.min(PAGE_SIZE, max - out.length);
    const page = checked(await query.skip(skip).limit(want).get()).data;
    out.push(...page);
    if (page.length < want) break;
  }
  return out;
}

export interface DocAccess {
  get(name: CollectionName, id: string): Promise<DbDocument | null>;
  /** Creates the document; fails with DATABASE_DUPLICATE_WRITE if the id is taken. */
  create(name: CollectionName, id: string, fields: Record<string, unknown>): Promise<void>;
  /** Replaces or creates the document. */
  put(name: CollectionName, id: string, fields: Record<string, unknown>): Promise<void>;
  /** Merges `data` into the document; returns how many documents changed (0 when missing). */
  update(name: CollectionName, id: string, data: Record<string, unknown>): Promise<number>;
}

export function directAccess(db: CloudbaseDb): DocAccess {
  return {
    async get(name, id) {
      const res = checked(await db.collection(name).doc(id).get());
      return res.data[0] ?? null;
    },
    async create(name, id, fields) {
      checked(await db.collection(name).add({ _id: id, ...fields }));
    },
    async put(name, id, fields) {
      checked(await db.collection(name).doc(id).set(fields));
    },
    async update(name, id, data) {
      return checked(await db.collection(name).doc(id).update(data)).updated ?? 0;
    },
  };
}

export function transactionAccess(t: DbTransaction): DocAccess {
  return {
    async get(name, id) {
      return checked(await t.collection(name).doc(id).get()).data ?? null;
    },
    async create(name, id, fields) {
      const existing = checked(await t.collection(name).doc(id).get()).data;
      if (existing) throw new CloudbaseError('DATABASE_DUPLICATE_WRITE', `${name} ${id} exists`);
      checked(await t.collection(name).doc(id).set(fields));
    },
    async put(name, id, fields) {
      checked(await t.collection(name).doc(id).set(fields));
    },
    async update(name, id, data) {
      return checked(await t.collection(name).doc(id).update(data)).updated ?? 0;
    },
  };
}

/**
 * Wraps a repository's query methods: inside a transaction they refuse (TransactionQueryError), as
 * CloudBase transactions cannot run queries; outside one they run as written.
 */
export function queryGuard(inTransaction: boolean) {
  return <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>): ((...args: A) => Promise<R>) =>
    inTransaction
      ? async (..._args: A): Promise<R> => {
          throw new TransactionQueryError(method);
        }
      : fn;
}

/**
 * Exactly the part of the @cloudbase/node-sdk database (`app.database()`, @cloudbase/database 1.4.x)
 * that the CloudBase store uses, so the store can be type-checked and run against a test double without
 * loading the SDK. Facts from the SDK's source that shape the store:
 * - `get()` without `limit()` returns 100 documents; `limit(n)` is cut to 1000 without an error → page.
 * - `doc(id).get()` answers `{ data: [doc] }` (an array); inside a transaction it answers `{ data: doc | null }`.
 * - documents carry their id as `_id`; `set`/`update` must not contain `_id`.
 * - `update()` merges nested plain objects field by field (they are flattened to dot paths): to replace an
 *   object value write `command.set(value)`.
 * - a failed call may come back as a result carrying `code` and `message` instead of throwing.
 * - transactions (`runTransaction(fn, retries = 3)`) allow single-document operations only, and re-run
 *   `fn` on DATABASE_TRANSACTION_CONFLICT.
 * - `aggregate()` (collections only, never in a transaction) sends its stages as written; called from a
 *   cloud function, the service answers 20 results unless a `limit` stage says otherwise: end every pipeline
 *   with `limit` and page with `skip` after a `sort`.
 */

/** A stored document as the SDK returns it. */
export type DbDocument = { _id: string } & Record<string, unknown>;

/** A command value (`db.command.in([...])`, `db.command.inc(1)`): opaque, only the SDK reads it. */
export type DbCommandValue = object;

/** A where-condition: field → value or command; dotted field paths reach into objects. */
export type DbCondition = Record<string, unknown>;

export interface DbResult {
  /** Set when the call failed and the SDK returned the error instead of throwing it. */
  code?: string;
  message?: string;
  requestId?: string;
}

export interface DbQueryResult extends DbResult {
  data: DbDocument[];
}

export interface DbCountResult extends DbResult {
  total: number;
}

export interface DbWriteResult extends DbResult {
  updated?: number;
  deleted?: number;
}

export interface DbAddResult extends DbResult {
  id?: string;
  ids?: string[];
}

export interface DbQuery {
  where(condition: DbCondition | DbCommandValue): DbQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): DbQuery;
  skip(offset: number): DbQuery;
  limit(limit: number): DbQuery;
  /** Projection: `{ field: true }` returns only those fields (and `_id`); `{ field: false }` leaves them out. */
  field(projection: Record<string, boolean>): DbQuery;
  get(): Promise<DbQueryResult>;
  count(): Promise<DbCountResult>;
  /** Updates every matching document; `updated` is how many. */
  update(data: Record<string, unknown>): Promise<DbWriteResult>;
  remove(): Promise<DbWriteResult>;
}

export interface DbDocumentRef {
  get(): Promise<{ data: DbDocument[] } & DbResult>;
  /** Replaces the document, creating it if missing. */
  set(data: Record<string, unknown>): Promise<DbWriteResult>;
  update(data: Record<string, unknown>): Promise<DbWriteResult>;
  remove(): Promise<DbWriteResult>;
}

/**
 * An aggregation pipeline (`collection.aggregate()`): stages run in the order added. Accumulators and
 * expressions are written as the database reads them (`{ $sum: 1 }`, `'$gridId'`), which is exactly what the
 * SDK's `db.command.aggregate.sum(1)` serializes to.
 */
export interface DbAggregate {
  match(condition: DbCondition | DbCommandValue): DbAggregate;
  /** `_id` is the group key (`'$field'`); every other field an accumulator (`{ $sum: 1 }`, `{ $first: '$field' }`). */
  group(spec: { _id: unknown } & Record<string, unknown>): DbAggregate;
  sort(spec: Record<string, 1 | -1>): DbAggregate;
  skip(offset: number): DbAggregate;
  limit(limit: number): DbAggregate;
  end(): Promise<{ data: Record<string, unknown>[] } & DbResult>;
}

export interface DbCollection extends DbQuery {
  doc(id: string): DbDocumentRef;
  aggregate(): DbAggregate;
  /** One document or an array of them; an `_id` in the data is kept as the id. */
  add(data: Record<string, unknown> | Record<string, unknown>[]): Promise<DbAddResult>;
}

export interface DbCommand {
  eq(value: unknown): DbCommandValue;
  neq(value: unknown): DbCommandValue;
  in(values: unknown[]): DbCommandValue;
  /** Range commands compare values of the same type only (a null or missing field never matches). */
  gt(value: unknown): DbCommandValue;
  gte(value: unknown): DbCommandValue;
  lt(value: unknown): DbCommandValue;
  lte(value: unknown): DbCommandValue;
  and(...conditions: (DbCondition | DbCommandValue)[]): DbCommandValue;
  or(...conditions: (DbCondition | DbCommandValue)[]): DbCommandValue;
  set(value: unknown): DbCommandValue;
  inc(by: number): DbCommandValue;
  remove(): DbCommandValue;
}

export interface DbTransactionDocumentRef {
  get(): Promise<{ data: DbDocument | null } & DbResult>;
  set(data: Record<string, unknown>): Promise<DbWriteResult>;
  update(data: Record<string, unknown>): Promise<DbWriteResult>;
  delete(): Promise<DbWriteResult>;
}

export interface DbTransaction {
  collection(name: string): { doc(id: string): DbTransactionDocumentRef };
}

export interface CloudbaseDb {
  collection(name: string): DbCollection;
  command: DbCommand;
  runTransaction<T>(work: (transaction: DbTransaction) => Promise<T>, retries?: number): Promise<T>;
}

/** A CloudBase call that failed, with the platform's error code (e.g. DATABASE_DUPLICATE_WRITE). */
export class CloudbaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'CloudbaseError';
  }
}

/** Throws the error a result carries instead of data. */
export function checked<R extends DbResult>(result: R): R {
  if (result && typeof result.code === 'string' && result.code !== '') {
    throw new CloudbaseError(result.code, result.message ?? '');
  }
  return result;
}

/** The platform's code of a thrown error, whichever shape it came in. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') return (e as { code: string }).code;
  return undefined;
}

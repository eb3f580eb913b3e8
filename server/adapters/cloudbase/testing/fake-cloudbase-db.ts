/**
 * TEST CODE ONLY: an in-memory stand-in for the @cloudbase/node-sdk database surface the CloudBase store
 * uses (see cloudbase-db.ts), faithful to the SDK and the service where they bite:
 * - `get()` returns 100 documents without `limit()`; `limit(n)` is cut to 1000 silently; skip/limit must be integers;
 * - `doc(id).get()` answers `{ data: [doc] }` (an array); inside a transaction `{ data: doc | null }`;
 * - documents carry `_id`; writing `_id` in set/update throws; `set` with a command throws;
 * - `update()` flattens nested plain objects into dot paths (a merge), `command.set()` replaces;
 * - equality on an array field matches when the array contains the value; `{f: null}` matches missing fields;
 * - unique indexes from COLLECTIONS are enforced (DATABASE_DUPLICATE_WRITE), as is a taken `_id`;
 * - transactions allow single-document operations only, see their own writes, are invisible to others
 *   until commit, roll back on throw and abort on a concurrent change (DATABASE_TRANSACTION_CONFLICT),
 *   re-running the work like `runTransaction(fn, 3)` does;
 * - `field()` projects (inclusion or exclusion; `_id` comes back unless excluded);
 * - `aggregate()` runs match / group (`$sum`, `$first`, `$max`, `$min`) / sort / skip / limit stages, answers 20
 *   results without a `limit` stage, emits groups in no particular order (here: last seen first) and
 *   is refused inside a transaction;
 * - every answer is a deep copy.
 * Every `get()` and aggregation is recorded in `queries`, so tests can check that lists always ask an explicit limit.
 */
import type {
  CloudbaseDb,
  DbAddResult,
  DbAggregate,
  DbCollection,
  DbCommand,
  DbCondition,
  DbDocument,
  DbDocumentRef,
  DbQuery,
  DbTransaction,
  DbTransactionDocumentRef,
  DbWriteResult,
} from '../cloudbase-db';
import { COLLECTIONS, type CollectionSpec } from '../collections';

type Doc = Record<string, unknown>;
type QueryOp = 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte';
type LogicOp = 'and' | 'or';
type UpdateOp = 'set' | 'inc' | 'remove';

class FakeCommand {
  constructor(
    readonly kind: 'query' | 'logic' | 'update',
    readonly op: QueryOp | LogicOp | UpdateOp,
    readonly operands: unknown[],
  ) {}
}

function sdkError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
/** What an aggregation answers without a `limit` stage (in a cloud function, as observed on the service). */
const AGGREGATE_DEFAULT_LIMIT = 20;

function isPlainObject(v: unknown): v is Doc {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof FakeCommand) return false;
  return Object.prototype.toString.call(v) === '[object Object]';
}

/** A deep copy of stored data (JSON-like values), as a round trip through the network gives. */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

/** Conditions are read when `where()` is called, as the SDK serializes them then. */
function cloneCondition(v: unknown): unknown {
  if (v instanceof FakeCommand) return new FakeCommand(v.kind, v.op, v.operands.map(cloneCondition));
  if (Array.isArray(v)) return v.map(cloneCondition);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneCondition(x)]));
  return v;
}

function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur[part])) cur[part] = {};
    cur = cur[part] as Doc;
  }
  cur[parts[parts.length - 1]] = value;
}

function removePath(doc: Doc, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur)) return;
    cur = cur[part];
  }
  if (isPlainObject(cur)) delete cur[parts[parts.length - 1]];
}

function sameValue(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Equality as the database does it: a missing field equals null; an array field matches any element. */
function fieldEquals(value: unknown, expected: unknown): boolean {
  if (sameValue(value, expected)) return true;
  return Array.isArray(value) && value.some((v) => sameValue(v, expected));
}

function matchesField(value: unknown, expected: unknown): boolean {
  if (expected instanceof FakeCommand) {
    if (expected.kind !== 'query') throw new Error(`fake db: ${expected.op} is not a query command`);
    switch (expected.op) {
      case 'eq':
        return fieldEquals(value, expected.operands[0]);
      case 'neq':
        return !fieldEquals(value, expected.operands[0]);
      case 'in':
        return expected.operands.some((o) => fieldEquals(value, o));
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        // Type bracketing, as the database does: only values of the bound's type compare.
        const bound = expected.operands[0];
        const c = rangeCompare(value, bound);
        if (c === null) return false;
        return expected.op === 'gt' ? c > 0 : expected.op === 'gte' ? c >= 0 : expected.op === 'lt' ? c < 0 : c <= 0;
      }
      default:
        throw new Error(`fake db: unsupported query command ${expected.op}`);
    }
  }
  return fieldEquals(value, expected);
}

function rangeCompare(value: unknown, bound: unknown): number | null {
  if (typeof value === 'number' && typeof bound === 'number') return value - bound;
  if (typeof value === 'string' && typeof bound === 'string') return value < bound ? -1 : value > bound ? 1 : 0;
  return null;
}

function matches(doc: Doc, condition: unknown, prefix = ''): boolean {
  if (condition instanceof FakeCommand) {
    if (condition.kind !== 'logic') throw new Error(`fake db: ${condition.op} cannot stand as a whole condition`);
    return condition.op === 'and'
      ? condition.operands.every((c) => matches(doc, c, prefix))
      : condition.operands.some((c) => matches(doc, c, prefix));
  }
  if (!isPlainObject(condition)) throw new Error('fake db: a condition must be an object');
  return Object.entries(condition).every(([key, expected]) => {
    if (expected === undefined) return true;
    const path = prefix + key;
    // The SDK flattens nested plain objects of a query into dot paths.
    if (isPlainObject(expected)) return matches(doc, expected, `${path}.`);
    return matchesField(getPath(doc, path), expected);
  });
}

function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 4;
  return 3;
}

function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return (a as number) - (b as number);
  if (ra === 2) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

function hasCommand(v: unknown): boolean {
  if (v instanceof FakeCommand) return true;
  if (isPlainObject(v)) return Object.values(v).some(hasCommand);
  return false;
}

/** A projection as the database applies it: inclusion (plus `_id` unless excluded) or exclusion, never both. */
function project(doc: DbDocument, projection: Record<string, boolean>): DbDocument {
  const entries = Object.entries(projection);
  const included = entries.filter(([k, v]) => v && k !== '_id').map(([k]) => k);
  const excluded = entries.filter(([k, v]) => !v && k !== '_id').map(([k]) => k);
  if (included.length && excluded.length) throw sdkError('DATABASE_REQUEST_FAILED', 'projection cannot both include and exclude fields');
  const keepId = projection._id !== false;
  if (included.length || (projection._id === true && !excluded.length)) {
    const out: Doc = {};
    for (const path of included) {
      const v = getPath(doc, path);
      if (v !== undefined) setPath(out, path, clone(v));
    }
    if (keepId) out._id = doc._id;
    return out as DbDocument;
  }
  const out = clone(doc) as Doc;
  for (const path of excluded) removePath(out, path);
  if (!keepId) delete out._id;
  return out as DbDocument;
}

/** Applies an update the way the SDK encodes it: nested plain objects merge field by field. */
function applyUpdate(doc: Doc, data: Doc, prefix = ''): void {
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const path = prefix + key;
    if (value instanceof FakeCommand) {
      if (value.kind !== 'update') throw new Error(`fake db: ${value.op} is not an update command`);
      if (value.op === 'set') setPath(doc, path, clone(value.operands[0]));
      else if (value.op === 'remove') removePath(doc, path);
      else {
        const current = getPath(doc, path);
        setPath(doc, path, (typeof current === 'number' ? current : 0) + (value.operands[0] as number));
      }
    } else if (isPlainObject(value)) {
      applyUpdate(doc, value, `${path}.`);
    } else {
      setPath(doc, path, clone(value));
    }
  }
}

function checkWritable(data: unknown, what: string): asserts data is Doc {
  if (!isPlainObject(data)) throw sdkError('INVALID_PARAM', '参数必需是非空对象');
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw sdkError('INVALID_PARAM', `不能更新_id的值 (${what})`);
}

interface Stored {
  doc: DbDocument;
  rev: number;
}

export interface RecordedQuery {
  collection: string;
  limit: number | undefined;
  skip: number | undefined;
  returned: number;
  /** The condition's shape (`where` / the `match` stage): each alternative of an `or`, its fields by kind. */
  filter: QueryShape[];
  /** The sort, field by field. */
  sort: string[];
}

/** One alternative of a condition: fields compared for equality (value, eq, in) and by range (gt… , neq). */
export interface QueryShape {
  equal: string[];
  range: string[];
}

/** The alternatives of a condition (an `or` splits it, an `and` joins), each with its fields by kind. */
export function queryShapes(condition: unknown, prefix = ''): QueryShape[] {
  if (condition === null || condition === undefined) return [{ equal: [], range: [] }];
  if (condition instanceof FakeCommand && condition.kind === 'logic') {
    const parts = condition.operands.map((c) => queryShapes(c, prefix));
    if (condition.op === 'or') return parts.flat();
    return parts.reduce<QueryShape[]>((acc, alts) => acc.flatMap((a) => alts.map((b) => ({ equal: [...a.equal, ...b.equal], range: [...a.range, ...b.range] }))), [{ equal: [], range: [] }]);
  }
  if (!isPlainObject(condition)) return [{ equal: [], range: [] }];
  let shapes: QueryShape[] = [{ equal: [], range: [] }];
  for (const [key, expected] of Object.entries(condition)) {
    if (expected === undefined) continue;
    const path = prefix + key;
    const add = (more: QueryShape[]) => (shapes = shapes.flatMap((a) => more.map((b) => ({ equal: [...a.equal, ...b.equal], range: [...a.range, ...b.range] }))));
    if (isPlainObject(expected)) add(queryShapes(expected, `${path}.`));
    else if (expected instanceof FakeCommand && expected.kind === 'logic') add(queryShapes({ [path]: undefined }).map(() => ({ equal: [], range: [path] })));
    else if (expected instanceof FakeCommand && !['eq', 'in'].includes(expected.op)) add([{ equal: [], range: [path] }]);
    else add([{ equal: [path], range: [] }]);
  }
  return shapes;
}

export class FakeCloudbaseDb implements CloudbaseDb {
  private readonly data = new Map<string, Map<string, Stored>>();
  private rev = 0;
  private nextId = 0;
  private requestSeq = 0;
  readonly queries: RecordedQuery[] = [];
  /** Transactions that committed, and that were rolled back (thrown, aborted or conflicted). */
  readonly transactions = { committed: 0, rolledBack: 0 };
  /**
   * Called before every single-document operation inside a transaction, as `<op> <collection>/<id>`;
   * tests inject faults by throwing from it (the operation then fails as a service error would).
   */
  beforeTransactionOperation: ((operation: string) => void) | null = null;
  /**
   * When set, every transaction's work runs once, is thrown away as if it had hit DATABASE_TRANSACTION_CONFLICT
   * at commit, and runs again (the service re-runs `fn` on a conflict): work that is not safe to re-run — it
   * changes something outside the transaction, or reads state its first run left behind — shows up.
   */
  retryEveryTransactionOnce = false;

  constructor(private readonly specs: CollectionSpec[] = COLLECTIONS) {}

  readonly command: DbCommand = {
    eq: (v) => new FakeCommand('query', 'eq', [v]),
    neq: (v) => new FakeCommand('query', 'neq', [v]),
    in: (values) => {
      if (!Array.isArray(values)) throw new Error('fake db: in() takes an array');
      return new FakeCommand('query', 'in', [...values]);
    },
    gt: (v) => new FakeCommand('query', 'gt', [v]),
    gte: (v) => new FakeCommand('query', 'gte', [v]),
    lt: (v) => new FakeCommand('query', 'lt', [v]),
    lte: (v) => new FakeCommand('query', 'lte', [v]),
    and: (...conditions) => new FakeCommand('logic', 'and', Array.isArray(conditions[0]) ? (conditions[0] as unknown[]) : conditions),
    or: (...conditions) => new FakeCommand('logic', 'or', Array.isArray(conditions[0]) ? (conditions[0] as unknown[]) : conditions),
    set: (v) => new FakeCommand('update', 'set', [v]),
    inc: (by) => new FakeCommand('update', 'inc', [by]),
    remove: () => new FakeCommand('update', 'remove', []),
  };

  collection(name: string): DbCollection {
    if (!name) throw new Error('Collection name is required');
    return new FakeCollection(this, name, { condition: null, order: [], skip: undefined, limit: undefined });
  }

  async runTransaction<T>(work: (transaction: DbTransaction) => Promise<T>, retries = 3): Promise<T> {
    for (let left = retries; ; left--) {
      const tx = new FakeTransaction(this, this.rev);
      try {
        const result = await work(tx);
        if (tx.aborted) throw tx.abortReason;
        if (this.retryEveryTransactionOnce && left === retries && left > 0) throw sdkError('DATABASE_TRANSACTION_CONFLICT', 'injected: every transaction re-runs once');
        this.commit(tx);
        this.transactions.committed++;
        return result;
      } catch (e) {
        tx.end();
        this.transactions.rolledBack++;
        if ((e as { code?: unknown })?.code === 'DATABASE_TRANSACTION_CONFLICT' && left > 0) continue;
        throw e;
      }
    }
  }

  // ---- internals shared by queries, documents and transactions ----

  requestId(): string {
    return `fake-request-${++this.requestSeq}`;
  }

  table(name: string): Map<string, Stored> {
    let t = this.data.get(name);
    if (!t) {
      t = new Map();
      this.data.set(name, t);
    }
    return t;
  }

  stored(name: string, id: string): Stored | undefined {
    return this.table(name).get(id);
  }

  newId(): string {
    return `fake${(++this.nextId).toString(16).padStart(28, '0')}`;
  }

  /** Throws DATABASE_DUPLICATE_WRITE if `doc` would break a unique index of `name` (other than itself). */
  checkUnique(name: string, doc: DbDocument, pending: Map<string, DbDocument | null> = new Map()): void {
    const spec = this.specs.find((s) => s.name === name);
    for (const index of spec?.indexes ?? []) {
      if (!index.unique) continue;
      const key = JSON.stringify(index.keys.map((k) => getPath(doc, k.field) ?? null));
      const others = new Map<string, DbDocument>();
      for (const [id, s] of this.table(name)) others.set(id, s.doc);
      for (const [id, d] of pending) {
        if (d === null) others.delete(id);
        else others.set(id, d);
      }
      for (const [id, other] of others) {
        if (id === doc._id) continue;
        if (JSON.stringify(index.keys.map((k) => getPath(other, k.field) ?? null)) === key) {
          throw sdkError('DATABASE_DUPLICATE_WRITE', `duplicate key in ${name}.${index.name}`);
        }
      }
    }
  }

  write(name: string, doc: DbDocument): void {
    this.checkUnique(name, doc);
    this.table(name).set(doc._id, { doc, rev: ++this.rev });
  }

  erase(name: string, id: string): boolean {
    const had = this.table(name).delete(id);
    if (had) this.rev++;
    return had;
  }

  /** Matching documents in query order (before skip/limit). */
  select(name: string, condition: unknown, order: [string, 'asc' | 'desc'][]): DbDocument[] {
    const docs = [...this.table(name).values()].map((s) => s.doc).filter((d) => condition === null || matches(d, condition));
    if (order.length) {
      docs.sort((a, b) => {
        for (const [field, dir] of order) {
          const c = compareValues(getPath(a, field), getPath(b, field));
          if (c !== 0) return dir === 'asc' ? c : -c;
        }
        return 0;
      });
    }
    return docs;
  }

  private commit(tx: FakeTransaction): void {
    for (const [name, docs] of tx.writes) {
      for (const id of docs.keys()) {
        const current = this.stored(name, id);
        if (current && current.rev > tx.startRev) throw sdkError('DATABASE_TRANSACTION_CONFLICT', `${name} ${id} changed during the transaction`);
      }
      for (const doc of docs.values()) if (doc) this.checkUnique(name, doc, docs);
    }
    for (const [name, docs] of tx.writes) {
      for (const [id, doc] of docs) {
        if (doc) this.table(name).set(id, { doc, rev: ++this.rev });
        else this.erase(name, id);
      }
    }
    tx.end();
  }
}

interface QueryState {
  condition: unknown;
  order: [string, 'asc' | 'desc'][];
  skip: number | undefined;
  limit: number | undefined;
  projection?: Record<string, boolean>;
}

class FakeCollection implements DbCollection {
  constructor(
    private readonly db: FakeCloudbaseDb,
    private readonly name: string,
    private readonly state: QueryState,
  ) {}

  private with(change: Partial<QueryState>): FakeCollection {
    return new FakeCollection(this.db, this.name, { ...this.state, ...change });
  }

  where(condition: DbCondition | object): DbQuery {
    if (Object.prototype.toString.call(condition).slice(8, -1) !== 'Object') throw new Error('QueryParamTypeError');
    if (!(condition instanceof FakeCommand)) {
      const keys = Object.keys(condition);
      if (keys.length && !keys.some((k) => (condition as Doc)[k] !== undefined)) throw new Error('QueryParamValueError');
    }
    return this.with({ condition: cloneCondition(condition) });
  }

  orderBy(field: string, direction: 'asc' | 'desc'): DbQuery {
    if (direction !== 'asc' && direction !== 'desc') throw new Error(`"${String(direction)}" is not a valid order direction`);
    // The SDK keeps orders in an object keyed by field: ordering by a field again keeps its first place.
    const order = this.state.order.filter(([f]) => f !== field);
    const at = this.state.order.findIndex(([f]) => f === field);
    if (at >= 0) order.splice(at, 0, [field, direction]);
    else order.push([field, direction]);
    return this.with({ order });
  }

  skip(offset: number): DbQuery {
    if (!Number.isInteger(offset)) throw new Error('offset must be an integer');
    return this.with({ skip: offset });
  }

  limit(limit: number): DbQuery {
    if (!Number.isInteger(limit)) throw new Error('limit must be an integer');
    return this.with({ limit });
  }

  field(projection: Record<string, boolean>): DbQuery {
    if (!isPlainObject(projection)) throw new Error('fake db: field() takes an object');
    return this.with({ projection: { ...projection } });
  }

  async get() {
    const all = this.db.select(this.name, this.state.condition, this.state.order);
    const limit = this.state.limit ? Math.min(this.state.limit, MAX_LIMIT) : DEFAULT_LIMIT;
    const offset = this.state.skip ?? 0;
    const page = all.slice(offset, offset + limit);
    this.db.queries.push({
      collection: this.name,
      limit: this.state.limit,
      skip: this.state.skip,
      returned: page.length,
      filter: queryShapes(this.state.condition),
      sort: this.state.order.map(([f]) => f),
    });
    const { projection } = this.state;
    return { data: clone(projection ? page.map((d) => project(d, projection)) : page), requestId: this.db.requestId() };
  }

  aggregate(): DbAggregate {
    return new FakeAggregate(this.db, this.name, []);
  }

  async count() {
    return { total: this.db.select(this.name, this.state.condition, []).length, requestId: this.db.requestId() };
  }

  async update(data: Record<string, unknown>): Promise<DbWriteResult> {
    checkWritable(data, 'update');
    const targets = this.db.select(this.name, this.state.condition, []);
    const next = targets.map((d) => {
      const copy = clone(d);
      applyUpdate(copy, data);
      return copy;
    });
    const pending = new Map<string, DbDocument | null>(next.map((d) => [d._id, d]));
    for (const d of next) this.db.checkUnique(this.name, d, pending);
    for (const d of next) this.db.write(this.name, d);
    return { updated: next.length, requestId: this.db.requestId() };
  }

  async remove(): Promise<DbWriteResult> {
    const targets = this.db.select(this.name, this.state.condition, []);
    for (const d of targets) this.db.erase(this.name, d._id);
    return { deleted: targets.length, requestId: this.db.requestId() };
  }

  doc(id: string): DbDocumentRef {
    if (typeof id !== 'string' && typeof id !== 'number') throw new Error('docId必须为字符串或数字');
    const { db, name } = this;
    return {
      async get() {
        const s = db.stored(name, id);
        return { data: s ? [clone(s.doc)] : [], requestId: db.requestId() };
      },
      async set(data) {
        checkWritable(data, 'set');
        if (hasCommand(data)) throw sdkError('DATABASE_REQUEST_FAILED', 'update operator complicit');
        const existed = db.stored(name, id) !== undefined;
        db.write(name, { ...clone(data), _id: id });
        return { updated: existed ? 1 : 0, requestId: db.requestId() };
      },
      async update(data) {
        checkWritable(data, 'update');
        const s = db.stored(name, id);
        if (!s) return { updated: 0, requestId: db.requestId() };
        const copy = clone(s.doc);
        applyUpdate(copy, data);
        db.write(name, copy);
        return { updated: 1, requestId: db.requestId() };
      },
      async remove() {
        return { deleted: db.erase(name, id) ? 1 : 0, requestId: db.requestId() };
      },
    };
  }

  async add(data: Record<string, unknown> | Record<string, unknown>[]): Promise<DbAddResult> {
    const items = Array.isArray(data) ? data : [data];
    const docs = items.map((item) => {
      if (!isPlainObject(item)) throw sdkError('INVALID_PARAM', 'add() takes objects');
      const id = typeof item._id === 'string' ? item._id : this.db.newId();
      return { ...clone(item), _id: id } as DbDocument;
    });
    // All or nothing: check every document against the stored ones and each other first.
    const pending = new Map<string, DbDocument | null>();
    for (const d of docs) {
      if (this.db.stored(this.name, d._id) || pending.has(d._id)) throw sdkError('DATABASE_DUPLICATE_WRITE', `_id ${d._id} exists in ${this.name}`);
      this.db.checkUnique(this.name, d, pending);
      pending.set(d._id, d);
    }
    for (const d of docs) this.db.write(this.name, d);
    return Array.isArray(data) ? { ids: docs.map((d) => d._id), requestId: this.db.requestId() } : { id: docs[0]._id, requestId: this.db.requestId() };
  }
}

type Stage =
  | { kind: 'match'; condition: unknown }
  | { kind: 'group'; spec: Doc }
  | { kind: 'sort'; spec: Record<string, 1 | -1> }
  | { kind: 'skip'; n: number }
  | { kind: 'limit'; n: number };

/** `'$field'` reads the field; anything else is a constant. */
function evaluate(doc: Doc, expression: unknown): unknown {
  if (typeof expression === 'string' && expression.startsWith('$')) return getPath(doc, expression.slice(1));
  if (isPlainObject(expression) || Array.isArray(expression)) throw new Error('fake db: only field paths and constants are supported as expressions');
  return expression;
}

function accumulate(docs: Doc[], accumulator: unknown): unknown {
  if (!isPlainObject(accumulator) || Object.keys(accumulator).length !== 1) throw sdkError('DATABASE_REQUEST_FAILED', 'a group field must be one accumulator');
  const [op, expression] = Object.entries(accumulator)[0];
  const values = docs.map((d) => evaluate(d, expression));
  switch (op) {
    case '$sum':
      return values.reduce((a: number, v) => a + (typeof v === 'number' ? v : 0), 0);
    case '$first':
      return values[0] ?? null;
    case '$max':
    case '$min': {
      const present = values.filter((v) => v !== undefined && v !== null);
      if (!present.length) return null;
      return present.reduce((a, b) => ((compareValues(a, b) >= 0) === (op === '$max') ? a : b));
    }
    default:
      throw new Error(`fake db: unsupported accumulator ${op}`);
  }
}

class FakeAggregate implements DbAggregate {
  constructor(
    private readonly db: FakeCloudbaseDb,
    private readonly name: string,
    private readonly stages: Stage[],
  ) {}

  private then(stage: Stage): FakeAggregate {
    return new FakeAggregate(this.db, this.name, [...this.stages, stage]);
  }

  match(condition: DbCondition | object): DbAggregate {
    if (Object.prototype.toString.call(condition).slice(8, -1) !== 'Object') throw new Error('QueryParamTypeError');
    return this.then({ kind: 'match', condition: cloneCondition(condition) });
  }

  group(spec: { _id: unknown } & Record<string, unknown>): DbAggregate {
    if (!isPlainObject(spec) || !Object.prototype.hasOwnProperty.call(spec, '_id')) {
      throw sdkError('DATABASE_REQUEST_FAILED', 'a group specification must include an _id');
    }
    return this.then({ kind: 'group', spec: clone(spec) });
  }

  sort(spec: Record<string, 1 | -1>): DbAggregate {
    if (!isPlainObject(spec) || !Object.values(spec).every((d) => d === 1 || d === -1)) throw sdkError('DATABASE_REQUEST_FAILED', '$sort key ordering must be 1 or -1');
    return this.then({ kind: 'sort', spec: { ...spec } });
  }

  skip(offset: number): DbAggregate {
    if (!Number.isInteger(offset) || offset < 0) throw sdkError('DATABASE_REQUEST_FAILED', '$skip must be a non-negative integer');
    return this.then({ kind: 'skip', n: offset });
  }

  limit(limit: number): DbAggregate {
    if (!Number.isInteger(limit) || limit <= 0) throw sdkError('DATABASE_REQUEST_FAILED', '$limit must be a positive integer');
    return this.then({ kind: 'limit', n: limit });
  }

  async end() {
    let docs: Doc[] = [...this.db.table(this.name).values()].map((s) => s.doc);
    for (const stage of this.stages) {
      switch (stage.kind) {
        case 'match':
          docs = docs.filter((d) => matches(d, stage.condition));
          break;
        case 'group': {
          const groups = new Map<string, { key: unknown; docs: Doc[] }>();
          for (const d of docs) {
            const key = evaluate(d, stage.spec._id) ?? null;
            const k = JSON.stringify(key);
            const g = groups.get(k) ?? { key, docs: [] };
            g.docs.push(d);
            groups.set(k, g);
          }
          // The database gives no order to groups: the last seen come first here, so only a sort stage orders them.
          docs = [...groups.values()].reverse().map((g) => {
            const out: Doc = { _id: g.key };
            for (const [field, accumulator] of Object.entries(stage.spec)) if (field !== '_id') out[field] = accumulate(g.docs, accumulator);
            return out;
          });
          break;
        }
        case 'sort': {
          const order = Object.entries(stage.spec);
          docs = [...docs].sort((a, b) => {
            for (const [field, dir] of order) {
              const c = compareValues(getPath(a, field), getPath(b, field));
              if (c !== 0) return dir === 1 ? c : -c;
            }
            return 0;
          });
          break;
        }
        case 'skip':
          docs = docs.slice(stage.n);
          break;
        case 'limit':
          docs = docs.slice(0, stage.n);
          break;
      }
    }
    const limits = this.stages.filter((s): s is Extract<Stage, { kind: 'limit' }> => s.kind === 'limit');
    const skips = this.stages.filter((s): s is Extract<Stage, { kind: 'skip' }> => s.kind === 'skip');
    if (!limits.length) docs = docs.slice(0, AGGREGATE_DEFAULT_LIMIT);
    const match = this.stages.find((s): s is Extract<Stage, { kind: 'match' }> => s.kind === 'match');
    const sort = this.stages.find((s): s is Extract<Stage, { kind: 'sort' }> => s.kind === 'sort');
    this.db.queries.push({
      collection: this.name,
      limit: limits.length ? limits[limits.length - 1].n : undefined,
      skip: skips.length ? skips[skips.length - 1].n : undefined,
      returned: docs.length,
      // The match runs on the collection (its index); a sort after a group orders the groups, not documents.
      filter: queryShapes(match?.condition ?? null),
      sort: sort && !this.stages.slice(0, this.stages.indexOf(sort)).some((s) => s.kind === 'group') ? Object.keys(sort.spec) : [],
    });
    return { data: clone(docs), requestId: this.db.requestId() };
  }
}

class FakeTransaction implements DbTransaction {
  /** This transaction's own writes: a document, or null for deleted. */
  readonly writes = new Map<string, Map<string, DbDocument | null>>();
  aborted = false;
  abortReason: unknown;
  private ended = false;

  constructor(
    private readonly db: FakeCloudbaseDb,
    readonly startRev: number,
  ) {}

  end(): void {
    this.ended = true;
  }

  async rollback(reason?: unknown): Promise<void> {
    this.aborted = true;
    this.abortReason = reason;
  }

  private pending(name: string): Map<string, DbDocument | null> {
    let m = this.writes.get(name);
    if (!m) {
      m = new Map();
      this.writes.set(name, m);
    }
    return m;
  }

  /** What this transaction sees: its own write, else the committed document, which must predate it. */
  private read(name: string, id: string): DbDocument | null {
    if (this.ended) throw new Error('fake db: the transaction has ended');
    const own = this.writes.get(name);
    if (own?.has(id)) return own.get(id) ?? null;
    const s = this.db.stored(name, id);
    if (s && s.rev > this.startRev) throw sdkError('DATABASE_TRANSACTION_CONFLICT', `${name} ${id} changed during the transaction`);
    return s ? s.doc : null;
  }

  collection(name: string) {
    const queryRefused = (): never => {
      throw sdkError('DATABASE_REQUEST_FAILED', 'transactions allow single-document operations only');
    };
    return {
      where: queryRefused,
      get: queryRefused,
      update: queryRefused,
      remove: queryRefused,
      add: queryRefused,
      aggregate: queryRefused,
      doc: (id: string): DbTransactionDocumentRef => ({
        get: async () => {
          this.db.beforeTransactionOperation?.(`get ${name}/${id}`);
          const d = this.read(name, id);
          return { data: d ? clone(d) : null, requestId: this.db.requestId() };
        },
        set: async (data) => {
          this.db.beforeTransactionOperation?.(`set ${name}/${id}`);
          checkWritable(data, 'set');
          if (hasCommand(data)) throw sdkError('DATABASE_REQUEST_FAILED', 'update operator complicit');
          const existed = this.read(name, id) !== null;
          this.pending(name).set(id, { ...clone(data), _id: id });
          return { updated: existed ? 1 : 0, requestId: this.db.requestId() };
        },
        update: async (data) => {
          this.db.beforeTransactionOperation?.(`update ${name}/${id}`);
          checkWritable(data, 'update');
          const current = this.read(name, id);
          if (!current) return { updated: 0, requestId: this.db.requestId() };
          const copy = clone(current);
          applyUpdate(copy, data);
          this.pending(name).set(id, copy);
          return { updated: 1, requestId: this.db.requestId() };
        },
        delete: async () => {
          this.db.beforeTransactionOperation?.(`delete ${name}/${id}`);
          const existed = this.read(name, id) !== null;
          this.pending(name).set(id, null);
          return { deleted: existed ? 1 : 0, requestId: this.db.requestId() };
        },
      }),
    };
  }
}

/**
 * A per-connection cache of the reads every function call repeats — the caller (users.findCaller), places by id,
 * users by id, contact cards, notice heads and a place's first feed refs (embedded-notices.ts) — valid exactly while
 * the database's `read_versions.v` is unchanged.
 *
 * Correctness rests on the version, not on anyone remembering to invalidate: triggers (migration "read cache
 * version") add one to it in the same statement as every INSERT, UPDATE or DELETE on a cached table, whichever
 * connection or process writes (the gateway's other workers, the coordinator's timers, the `wgt` CLI, an sqlite3
 * shell). Cached reads first read the version (one row; once per event-loop turn, see validate); if it moved,
 * everything cached is dropped before the read. So a call that starts after a write committed sees the write, as
 * without the cache.
 *
 * Order matters: the version is read before the data. If another process commits between the two, the newer data
 * is kept under the older version, which the next read finds moved and drops; older data never outlives its version.
 * Inside a transaction nothing is cached (the transaction's repositories do not use this), and the store's gate keeps
 * other reads out until it commits or rolls back, so no read sees a version bumped by an uncommitted write.
 *
 * Every read returns a copy (copyData): a caller may change what it got, as with the uncached store, without
 * changing what the next caller reads.
 */
import type { ContactCard } from '@core/contact-card/contact-card';
import type { User } from '@core/people/user';
import type { Building, Community, Grid, Household, Street } from '@core/places/place';
import type { Caller, Repositories } from '../../ports/store.port';

/** The tables whose rows the cache holds; each has the three version triggers (checked by read-cache.test.ts). */
export const CACHED_TABLES = ['streets', 'communities', 'grids', 'buildings', 'households', 'users', 'cards', 'notices', 'notice_keys'] as const;

/** The current version, one row. */
export const READ_VERSION_SQL = 'SELECT v FROM read_versions WHERE id = 1';

/** Within one turn of the event loop, a version read is trusted this long (ms). */
export const VERSION_TRUSTED_MS = 1;

/** Beyond this many entries the cache starts again empty (a street has about 15,000 households and as many people). */
export const READ_CACHE_MAX_ENTRIES = 50_000;

/**
 * A copy of plain data (what the store's rows map to: objects, arrays, strings, numbers, booleans, null). The port
 * promises callers their own objects (store.contract.ts "returns copies"), so every read hands out a fresh copy and
 * the cached value is never seen outside. Much cheaper than structuredClone for these small objects.
 */
export function copyData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const arr = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) arr[i] = copyData(value[i]);
    return arr as T;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = copyData((value as Record<string, unknown>)[keys[i]]);
  return out as T;
}

export class ReadCache {
  private version: number | null = null;
  private ownChangesSeen = -1;
  private checkedThisTurn = false;
  private checkedAt = 0;
  private readonly endTurn = () => {
    this.checkedThisTurn = false;
  };
  private readonly entries = new Map<string, unknown>();
  /** Reads answered from the cache and reads that went to SQL, since the store was opened (diagnostics and tests). */
  hits = 0;
  misses = 0;
  /** How many times the database version was read (diagnostics and tests). */
  versionReads = 0;

  /**
   * `currentVersion` reads read_versions.v; `ownChanges` counts the write statements this connection ran (the store's
   * SQL core counts every statement SQLite does not report as read-only), known without a statement.
   */
  constructor(
    private readonly currentVersion: () => number,
    private readonly ownChanges: () => number,
    private readonly maxEntries = READ_CACHE_MAX_ENTRIES,
  ) {}

  /**
   * Drops everything if the database changed since the version was last read. Called first by every cached read.
   *
   * Reading the version is a statement on the database (it takes the WAL read lock, a few microseconds under load),
   * so it is read once per turn of the event loop — until the current callback and the promise jobs it started have
   * run (process.nextTick resets it) — not before each of a call's ten reads. A call that starts after a write
   * committed, in any process, starts in a later callback (its request arrives after the write's reply) and reads the
   * version again. A write through this connection within the turn shows in `ownChanges`, checked on every read, so
   * a use case that writes and then reads in one turn reads what it wrote. A long turn (a batch job awaiting only
   * the store) reads the version again after VERSION_TRUSTED_MS.
   */
  private validate(): void {
    const own = this.ownChanges();
    if (this.checkedThisTurn && own === this.ownChangesSeen && performance.now() - this.checkedAt < VERSION_TRUSTED_MS) return;
    this.versionReads++;
    this.checkedAt = performance.now();
    const v = this.currentVersion();
    if (v !== this.version) {
      this.entries.clear();
      this.version = v;
    }
    this.ownChangesSeen = own;
    if (!this.checkedThisTurn) {
      this.checkedThisTurn = true;
      process.nextTick(this.endTurn);
    }
  }

  /** Keeps a value read just now (after one() found the kept one no longer fits), in place of what was kept. */
  set<T>(key: string, value: T, copy: (t: T) => T = copyData): void {
    this.validate();
    this.put(key, copy(value));
  }

  /** Forgets everything (after a rollback). */
  clear(): void {
    this.entries.clear();
    this.version = null;
  }

  private put(key: string, value: unknown): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, value);
  }

  /**
   * One value by key (null results are kept too: a missing row stays missing until a write). `copy` makes the
   * caller's copy (default copyData; a shape-specific copy is cheaper for values read on every call).
   */
  one<T>(key: string, load: () => T, copy: (t: T) => T = copyData): T {
    this.validate();
    if (this.entries.has(key)) {
      this.hits++;
      return copy(this.entries.get(key) as T);
    }
    this.misses++;
    const value = load();
    this.put(key, copy(value));
    return value;
  }

  /**
   * Several values by id, each kept under `${prefix}${id}`: what is not cached is loaded in one call, and ids
   * the load does not return are kept as missing. The result is in the order of `ids` (each id once, as
   * inAskedOrder gives it), missing ones left out.
   */
  many<T>(prefix: string, ids: readonly string[], idOf: (t: T) => string, load: (ids: string[]) => T[], copy: (t: T) => T = copyData): T[] {
    this.validate();
    const wanted = [...new Set(ids)];
    const found = new Map<string, T | null>();
    const absent: string[] = [];
    for (const id of wanted) {
      if (this.entries.has(prefix + id)) {
        const t = this.entries.get(prefix + id) as T | null;
        found.set(id, t === null ? null : copy(t));
      }
      else absent.push(id);
    }
    if (absent.length) {
      this.misses++;
      const loaded = new Map(load(absent).map((t) => [idOf(t), t]));
      for (const id of absent) {
        const t = loaded.get(id) ?? null;
        this.put(prefix + id, t === null ? null : copy(t));
        found.set(id, t);
      }
    } else {
      this.hits++;
    }
    const out: T[] = [];
    for (const id of wanted) {
      const t = found.get(id);
      if (t) out.push(t);
    }
    return out;
  }
}

/** The synchronous reads the cache stands in front of (SqliteCore's). */
export interface CachedReads {
  getStreet(id: string): Street | null;
  getCommunity(id: string): Community | null;
  getGrid(id: string): Grid | null;
  getBuilding(id: string): Building | null;
  getHousehold(id: string): Household | null;
  getUser(id: string): User | null;
  findCaller(openid: string): Caller | null;
  getUsers(ids: string[]): User[];
  getCard(workerId: string): ContactCard | null;
  getCards(workerIds: string[]): ContactCard[];
}

/**
 * The store's repositories (outside transactions) with these reads answered from the cache. `pass` is the store's
 * gate: a cached read waits for an open transaction like any other read.
 */
export function withReadCache(base: Repositories, core: CachedReads, cache: ReadCache, pass: <T>(fn: () => T) => Promise<T>): Repositories {
  return {
    ...base,
    places: {
      ...base.places,
      getStreet: (id) => pass(() => cache.one(`street:${id}`, () => core.getStreet(id))),
      getCommunity: (id) => pass(() => cache.one(`community:${id}`, () => core.getCommunity(id))),
      getGrid: (id) => pass(() => cache.one(`grid:${id}`, () => core.getGrid(id))),
      getBuilding: (id) => pass(() => cache.one(`building:${id}`, () => core.getBuilding(id))),
      getHousehold: (id) => pass(() => cache.one(`household:${id}`, () => core.getHousehold(id))),
    },
    users: {
      ...base.users,
      getById: (id) => pass(() => cache.one(`user:${id}`, () => core.getUser(id))),
      findCaller: (openid) => pass(() => cache.one(`caller:${openid}`, () => core.findCaller(openid))),
      getMany: (ids) => pass(() => cache.many('user:', ids, (u: User) => u.id, (missing) => core.getUsers(missing))),
    },
    cards: {
      ...base.cards,
      get: (workerId) => pass(() => cache.one(`card:${workerId}`, () => core.getCard(workerId))),
      getMany: (workerIds) => pass(() => cache.many('card:', workerIds, (c: ContactCard) => c.workerId, (missing) => core.getCards(missing))),
    },
  };
}

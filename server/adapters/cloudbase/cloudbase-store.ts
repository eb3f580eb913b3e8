/**
 * The production Store: CloudBase's document database through @cloudbase/node-sdk. Every entity is one
 * document whose `_id` is the entity's id (a card's is its worker's id). Two stored fields exist for the
 * queries only and never reach callers: `households.roomKey` (numeric-aware room order) and
 * `users.workerKeys` (what `listWorkers` filters on, one key per filter combination).
 *
 * Every list pages through results 1000 at a time, ordered by its documented sort and then `_id`, so pages
 * neither skip nor repeat documents. Inside `transact`, only single-document calls are allowed.
 */
import type { ContactCard } from '@core/contact-card/contact-card';
import type { Building, Community, Grid, Household, Street } from '@core/places/place';
import type { Residence, User } from '@core/people/user';
import type { AuditEntry, Caller, Repositories, Store } from '../../ports/store.port';
import { inAskedOrder, roomSortKey, TransactionQueryError, type StoreImport } from '../store-import';
import { directAccess, fetchAll, transactionAccess, type DocAccess } from './cloudbase-access';
import { checked, errorCode, type CloudbaseDb, type DbCommandValue, type DbCondition, type DbDocument, type DbQuery } from './cloudbase-db';
import { configDocuments, requestRepositories } from './cloudbase-requests';
import type { CollectionName } from './collections';

/** Ids per `_.in` query in getMany. */
const IN_CHUNK = 500;
/** Documents per `add` call when importing. */
const ADD_CHUNK = 100;

// ---- documents ↔ entities -------------------------------------------------------------------------

const FIELDS = {
  streets: ['code', 'name', 'district'],
  communities: ['streetId', 'code', 'name', 'hotline', 'address'],
  grids: ['streetId', 'communityId', 'code', 'name', 'boundary', 'households', 'primaryWorkerId', 'backupWorkerId', 'qrToken', 'version', 'updatedAt'],
  buildings: ['streetId', 'communityId', 'gridId', 'name', 'units', 'seq'],
  households: ['streetId', 'communityId', 'gridId', 'buildingId', 'unit', 'room'],
  users: ['openid', 'name', 'phone', 'residence', 'posts', 'createdAt'],
  cards: ['displayName', 'workPhone', 'photoFileId', 'dutyHours', 'intro', 'updatedAt'],
  audit: ['at', 'actorId', 'action', 'targetType', 'targetId', 'detail'],
} as const satisfies Partial<Record<CollectionName, readonly string[]>>;

/** The collections of places, people, cards and audit (the request collections have their own module, cloudbase-requests.ts). */
type PlaceCollection = keyof typeof FIELDS;

/** The entity a document holds: only the entity's own fields, under its own id name. */
function fromDoc<T>(name: PlaceCollection, doc: DbDocument): T {
  const out: Record<string, unknown> = { [name === 'cards' ? 'workerId' : 'id']: doc._id };
  for (const field of FIELDS[name]) out[field] = doc[field] === undefined ? null : doc[field];
  return out as T;
}

/** The document's fields (without `_id`) for an entity, query-only fields included. */
function fieldsOf(name: PlaceCollection, entity: object): Record<string, unknown> {
  const e = entity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of FIELDS[name]) out[field] = e[field] === undefined ? null : e[field];
  if (name === 'households') out.roomKey = roomSortKey(String(e.room));
  if (name === 'users') out.workerKeys = workerKeys((entity as User).posts);
  return out;
}

function idOf(name: PlaceCollection, entity: object): string {
  const e = entity as { id?: string; workerId?: string };
  const id = name === 'cards' ? e.workerId : e.id;
  if (!id) throw new Error(`a ${name} document needs an id`);
  return id;
}

/** Keys a user is listed under by `listWorkers`: each grid-worker post answers to every filter combination it matches. */
export function workerKeys(posts: User['posts']): string[] {
  const keys = new Set<string>();
  for (const p of posts) {
    if (p.role !== 'grid_worker') continue;
    keys.add('*');
    keys.add(`s:${p.streetId}`);
    keys.add(`c:${p.communityId}`);
    keys.add(`s:${p.streetId}|c:${p.communityId}`);
  }
  return [...keys];
}

function workerKeyFor(filter: { streetId?: string; communityId?: string }): string {
  if (filter.streetId !== undefined && filter.communityId !== undefined) return `s:${filter.streetId}|c:${filter.communityId}`;
  if (filter.streetId !== undefined) return `s:${filter.streetId}`;
  if (filter.communityId !== undefined) return `c:${filter.communityId}`;
  return '*';
}

/** A condition from the filters that are set, or null for none (the SDK rejects a condition whose values are all undefined). */
function conditionOf(filter: Record<string, string | number | undefined>): DbCondition | null {
  const out: DbCondition = {};
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ---- the store ---------------------------------------------------------------------------------------

export function createCloudbaseStore(db: CloudbaseDb): Store {
  const _ = db.command;
  const direct = directAccess(db);

  async function list<T>(name: PlaceCollection, condition: DbCondition | DbCommandValue | null, sort: [string, 'asc' | 'desc'][], max?: number): Promise<T[]> {
    let q: DbQuery = db.collection(name);
    if (condition !== null) q = q.where(condition);
    for (const [field, dir] of sort) q = q.orderBy(field, dir);
    const last = sort.length ? sort[sort.length - 1][1] : 'asc';
    q = q.orderBy('_id', last);
    return (await fetchAll(q, max)).map((d) => fromDoc<T>(name, d));
  }

  async function getMany<T>(name: PlaceCollection, ids: string[], idOfEntity: (e: T) => string): Promise<T[]> {
    const unique = [...new Set(ids)];
    const found: T[] = [];
    for (const part of chunks(unique, IN_CHUNK)) {
      found.push(...(await list<T>(name, { _id: _.in(part) }, [])));
    }
    return inAskedOrder(ids, found, idOfEntity);
  }

  async function findByOpenid(openid: string): Promise<User | null> {
    const res = checked(await db.collection('users').where({ openid }).limit(1).get());
    return res.data[0] ? fromDoc<User>('users', res.data[0]) : null;
  }

  function repositories(access: DocAccess, inTransaction: boolean): Repositories {
    const query = <A extends unknown[], R>(method: string, fn: (...args: A) => Promise<R>) =>
      inTransaction
        ? async (..._args: A): Promise<R> => {
            throw new TransactionQueryError(method);
          }
        : fn;
    const get = async <T>(name: PlaceCollection, id: string): Promise<T | null> => {
      const doc = await access.get(name, id);
      return doc ? fromDoc<T>(name, doc) : null;
    };
    const getEach = async <T>(name: PlaceCollection, ids: string[], idOfEntity: (e: T) => string): Promise<T[]> => {
      if (!inTransaction) return getMany<T>(name, ids, idOfEntity);
      const found: T[] = [];
      for (const id of new Set(ids)) {
        const item = await get<T>(name, id);
        if (item) found.push(item);
      }
      return found;
    };

    return {
      places: {
        getStreet: (id) => get<Street>('streets', id),
        listStreets: query('places.listStreets', () => list<Street>('streets', null, [['code', 'asc']])),
        getCommunity: (id) => get<Community>('communities', id),
        listCommunities: query('places.listCommunities', (streetId?: string) =>
          list<Community>('communities', conditionOf({ streetId }), [['code', 'asc']]),
        ),
        getGrid: (id) => get<Grid>('grids', id),
        getGrids: (ids) => getEach<Grid>('grids', ids, (g) => g.id),
        getGridByQrToken: query('places.getGridByQrToken', async (token: string) => {
          const res = checked(await db.collection('grids').where({ qrToken: token }).limit(1).get());
          return res.data[0] ? fromDoc<Grid>('grids', res.data[0]) : null;
        }),
        listGrids: query('places.listGrids', (filter: { streetId?: string; communityId?: string; workerId?: string }) => {
          const base = conditionOf({ streetId: filter.streetId, communityId: filter.communityId });
          const condition =
            filter.workerId === undefined
              ? base
              : _.or({ ...(base ?? {}), primaryWorkerId: filter.workerId }, { ...(base ?? {}), backupWorkerId: filter.workerId });
          return list<Grid>('grids', condition, [['code', 'asc']]);
        }),
        getBuilding: (id) => get<Building>('buildings', id),
        listBuildings: query('places.listBuildings', (filter: { communityId?: string; gridId?: string }) =>
          list<Building>('buildings', conditionOf({ communityId: filter.communityId, gridId: filter.gridId }), [['seq', 'asc']]),
        ),
        getHousehold: (id) => get<Household>('households', id),
        listHouseholds: query('places.listHouseholds', (buildingId: string, unit: number) =>
          list<Household>('households', { buildingId, unit }, [['roomKey', 'asc']]),
        ),
        async assignWorkers(gridId, assignment, expectedVersion, at) {
          const current = await get<Grid>('grids', gridId);
          if (!current || current.version !== expectedVersion) return null;
          const change = { primaryWorkerId: assignment.primaryWorkerId, backupWorkerId: assignment.backupWorkerId, updatedAt: at };
          if (inTransaction) {
            // The transaction itself guards the version: a concurrent change aborts it.
            await access.update('grids', gridId, { ...change, version: expectedVersion + 1 });
          } else {
            const res = checked(
              await db.collection('grids').where({ _id: gridId, version: expectedVersion }).update({ ...change, version: _.inc(1) }),
            );
            if (res.updated !== 1) return null;
          }
          return { ...current, ...change, version: expectedVersion + 1 };
        },
      },
      users: {
        getById: (id) => get<User>('users', id),
        findByOpenid: query('users.findByOpenid', findByOpenid),
        // No joins in a document database: the grids are a second query, made only for a grid worker.
        findCaller: query('users.findCaller', async (openid: string): Promise<Caller | null> => {
          const user = await findByOpenid(openid);
          if (!user) return null;
          if (!user.posts.some((p) => p.role === 'grid_worker')) return { user, primaryGridIds: [], backupGridIds: [] };
          const grids = await list<Grid>('grids', _.or({ primaryWorkerId: user.id }, { backupWorkerId: user.id }), [['code', 'asc']]);
          return {
            user,
            primaryGridIds: grids.filter((g) => g.primaryWorkerId === user.id).map((g) => g.id),
            backupGridIds: grids.filter((g) => g.primaryWorkerId !== user.id).map((g) => g.id),
          };
        }),
        ensure: query('users.ensure', async (user: User) => {
          const existing = await findByOpenid(user.openid);
          if (existing) return existing;
          try {
            await access.create('users', user.id, fieldsOf('users', user));
          } catch (e) {
            // Someone registered the same openid between our read and write: the unique index refused ours.
            if (errorCode(e) !== 'DATABASE_DUPLICATE_WRITE') throw e;
          }
          const stored = await findByOpenid(user.openid);
          if (!stored) throw new Error(`user ${user.openid} was neither found nor created`);
          return stored;
        }),
        async setResidence(userId, residence: Residence | null) {
          // `_.set`: a plain object would be merged field by field into the old residence.
          await access.update('users', userId, { residence: residence === null ? null : _.set(residence) });
        },
        listWorkers: query('users.listWorkers', (filter: { streetId?: string; communityId?: string }) =>
          list<User>('users', { workerKeys: workerKeyFor(filter) }, [['name', 'asc']]),
        ),
        getMany: (ids) => getEach<User>('users', ids, (u) => u.id),
      },
      cards: {
        get: (workerId) => get<ContactCard>('cards', workerId),
        getMany: (workerIds) => getEach<ContactCard>('cards', workerIds, (c) => c.workerId),
        async save(card) {
          await access.put('cards', card.workerId, fieldsOf('cards', card));
        },
        listPhotoFileIds: query('cards.listPhotoFileIds', async () => {
          const cards = await list<ContactCard>('cards', { photoFileId: _.neq(null) }, [['photoFileId', 'asc']]);
          return [...new Set(cards.map((c) => c.photoFileId).filter((f): f is string => typeof f === 'string'))];
        }),
      },
      audit: {
        async append(entry) {
          await access.create('audit', entry.id, fieldsOf('audit', entry));
        },
        listFor: query('audit.listFor', (targetType: string, targetId: string, limit: number) =>
          list<AuditEntry>('audit', { targetType, targetId }, [['at', 'desc']], Math.max(0, Math.floor(limit))),
        ),
      },
      ...requestRepositories(db, access, inTransaction),
    };
  }

  return {
    ...repositories(direct, false),
    transact(work) {
      return db.runTransaction(async (t) => {
        let open = true;
        try {
          return await work(guardEnded(repositories(transactionAccess(t), true), () => open));
        } finally {
          open = false;
        }
      });
    },
    async close() {
      // The SDK holds no connection to close.
    },
  };
}

/** Refuses calls on a transaction's repositories once the transaction is over. */
function guardEnded(repos: Repositories, isOpen: () => boolean): Repositories {
  const wrap = <R extends object>(group: string, r: R): R => {
    const out: Record<string, unknown> = {};
    for (const [name, fn] of Object.entries(r)) {
      out[name] = (...args: unknown[]) => {
        if (!isOpen()) return Promise.reject(new Error(`store.${group}.${name} called on a transaction that has ended`));
        return (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      };
    }
    return out as R;
  };
  return {
    places: wrap('places', repos.places),
    users: wrap('users', repos.users),
    cards: wrap('cards', repos.cards),
    audit: wrap('audit', repos.audit),
    requests: wrap('requests', repos.requests),
    inbox: wrap('inbox', repos.inbox),
    requestConfig: wrap('requestConfig', repos.requestConfig),
  };
}

/**
 * Writes a whole street (places, people, cards, request config) into CloudBase (seeding an environment,
 * and the contract tests' fixtures):
 * `add` in batches of 100, streets first so a partial failure leaves a consistent prefix. Fails on the
 * first duplicate id; it does not overwrite.
 */
export async function importIntoCloudbase(db: CloudbaseDb, data: StoreImport): Promise<void> {
  const order: [PlaceCollection, object[]][] = [
    ['streets', data.streets],
    ['communities', data.communities],
    ['users', data.users],
    ['grids', data.grids],
    ['buildings', data.buildings],
    ['households', data.households],
    ['cards', data.cards],
  ];
  const documents: [CollectionName, Record<string, unknown>[]][] = [
    ...order.map(([name, entities]): [CollectionName, Record<string, unknown>[]] => [name, entities.map((e) => ({ _id: idOf(name, e), ...fieldsOf(name, e) }))]),
    ...configDocuments(data),
  ];
  for (const [name, docs] of documents) {
    for (const part of chunks(docs, ADD_CHUNK)) checked(await db.collection(name).add(part));
  }
}

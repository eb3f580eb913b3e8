/**
 * The production Store: CloudBase's document database through @cloudbase/node-sdk. Every entity is one
 * document whose `_id` is the entity's id (a card's is its worker's id). Three stored fields exist for the
 * queries only and never reach callers: `households.roomKey` (numeric-aware room order), `users.workerKeys`
 * (what `listWorkers` filters on, one key per filter combination) and `users.residenceKeys` (the street,
 * community, grid, building and household a resident lives in, what the audience of a notice is found by;
 * the building is read from the household when the residence is written).
 *
 * Every list pages through results 1000 at a time, ordered by its documented sort and then `_id`, so pages
 * neither skip nor repeat documents. Inside `transact`, only single-document calls are allowed.
 */
import type { ContactCard } from '@core/contact-card/contact-card';
import type { Building, Community, Grid, Household, Street } from '@core/places/place';
import { isPendingResidence, type Residence, type User } from '@core/people/user';
import type { AuditEntry, Caller, HouseholdFilter, Repositories, Store } from '../../ports/store.port';
import type { Page } from '../../ports/request.port';
import { inAskedOrder, roomSortKey, TransactionQueryError, type StoreImport } from '../store-import';
import { directAccess, fetchAll, PAGE_SIZE, transactionAccess, type DocAccess } from './cloudbase-access';
import { checked, errorCode, type CloudbaseDb, type DbCommandValue, type DbCondition, type DbDocument, type DbQuery } from './cloudbase-db';
import { noticeRepository } from './cloudbase-notices';
import { deliveryRepositories } from './cloudbase-delivery';
import { configDocuments, requestRepositories } from './cloudbase-requests';
import { checkInRepository } from './cloudbase-checkins';
import { followerRepository } from './cloudbase-followers';
import { assessmentRepository } from './cloudbase-assessment';
import type { CollectionName } from './collections';
import { FIELDS, type PlaceCollection } from './cloudbase-place-fields';
import type { Invitation, StreetSetup } from '../../ports/people.port';
import type { StaffPost } from '@core/people/user';
import { exportRepository } from './cloudbase-exports';
import { partnerKeyRepository } from './cloudbase-partners';
import { uploadRepository } from './cloudbase-uploads';
import { visitRepository } from './cloudbase-visits';
import { registerRepository } from './cloudbase-registers';

/** Ids per `_.in` query in getMany. */
const IN_CHUNK = 500;
/** Documents per `add` call when importing. */
const ADD_CHUNK = 100;

// ---- documents ↔ entities -------------------------------------------------------------------------

/** The entity a document holds: only the entity's own fields, under its own id name. */
function fromDoc<T>(name: PlaceCollection, doc: DbDocument): T {
  const out: Record<string, unknown> = { [name === 'cards' ? 'workerId' : 'id']: doc._id };
  for (const field of FIELDS[name]) out[field] = doc[field] === undefined ? null : doc[field];
  // Audit entries written before streets were recorded have none: the field is left out, not null.
  if (name === 'audit' && out.streetId === null) delete out.streetId;
  // Households stored before key groups existed have none.
  if (name === 'households' && !Array.isArray(out.keyGroups)) out.keyGroups = [];
  // 待核实 is present only when set (most households never carry it).
  if (name === 'households' && out.toVerify !== true) delete out.toVerify;
  return out as T;
}

/**
 * The document's fields (without `_id`) for an entity, query-only fields included. A user's residence keys
 * need the building of its household: `buildingOf` answers it.
 */
function fieldsOf(name: PlaceCollection, entity: object, buildingOf: (householdId: string) => string | null = () => null): Record<string, unknown> {
  const e = entity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of FIELDS[name]) out[field] = e[field] === undefined ? null : e[field];
  if (name === 'households') {
    out.roomKey = roomSortKey(String(e.room));
    if (!Array.isArray(out.keyGroups)) out.keyGroups = [];
    out.toVerify = e.toVerify === true;
  }
  if (name === 'users') {
    const residence = (entity as User).residence;
    out.workerKeys = workerKeys((entity as User).posts);
    out.residenceKeys = residenceKeys(residence, residence?.householdId ? buildingOf(residence.householdId) : null);
    out.staffKeys = staffKeys((entity as User).posts);
  }
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

/** Keys a resident is found under: their street, community, grid and (when bound to a room) building and household. */
export function residenceKeys(residence: Residence | null, buildingId: string | null): string[] {
  if (!residence) return [];
  // A binding awaiting the grid worker is found only on the 待确认 list: no coverage, no audience.
  if (isPendingResidence(residence)) return [`p:${residence.gridId}`];
  const keys = [`s:${residence.streetId}`, `c:${residence.communityId}`, `g:${residence.gridId}`];
  if (residence.householdId) keys.push(`h:${residence.householdId}`);
  if (residence.householdId && buildingId) keys.push(`b:${buildingId}`);
  return keys;
}

/** The residence keys a household filter matches (at most one list applies: buildings, grids, communities, else the street). */
function residenceKeysFor(filter: HouseholdFilter): string[] {
  if (filter.buildingIds) return filter.buildingIds.map((id) => `b:${id}`);
  if (filter.gridIds) return filter.gridIds.map((id) => `g:${id}`);
  if (filter.communityIds) return filter.communityIds.map((id) => `c:${id}`);
  return [`s:${filter.streetId}`];
}

/** The household field and values a household filter matches, as residenceKeysFor narrows residents. */
function householdMatch(filter: HouseholdFilter): { field: string; ids: string[] } {
  if (filter.buildingIds) return { field: 'buildingId', ids: filter.buildingIds };
  if (filter.gridIds) return { field: 'gridId', ids: filter.gridIds };
  if (filter.communityIds) return { field: 'communityId', ids: filter.communityIds };
  return { field: 'streetId', ids: [filter.streetId] };
}

/** Keys a user is listed under by `listStaff`: one per staff post, `community_staff|<communityId>` or `street_staff|<streetId>`. */
export function staffKeys(posts: User['posts']): string[] {
  const keys = new Set<string>();
  for (const p of posts) {
    if (p.role === 'community_staff') keys.add(`community_staff|${p.communityId}`);
    if (p.role === 'street_staff') keys.add(`street_staff|${p.streetId}`);
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

  /**
   * Every household of a grid, by building seq, unit and room. Households carry no building seq: they are
   * paged by _id and ordered here by the grid's buildings.
   */
  async function listGridHouseholds(gridId: string): Promise<Household[]> {
    const [households, buildings] = await Promise.all([
      list<Household>('households', { gridId }, []),
      list<Building>('buildings', { gridId }, [['seq', 'asc']]),
    ]);
    const seq = new Map(buildings.map((b) => [b.id, b.seq]));
    const sortKey = (h: Household) => [seq.get(h.buildingId) ?? Number.POSITIVE_INFINITY, h.unit, roomSortKey(h.room), h.id] as const;
    return households
      .map((h) => ({ h, k: sortKey(h) }))
      .sort((a, b) => {
        for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i] < b.k[i] ? -1 : 1;
        return 0;
      })
      .map((x) => x.h);
  }

  /** Households per grid: one aggregation (match the filter, group by grid), paged 1000 groups at a time. */
  async function householdCounts(filter: HouseholdFilter): Promise<{ gridId: string; communityId: string; households: number }[]> {
    const { field, ids } = householdMatch(filter);
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const out: { gridId: string; communityId: string; households: number }[] = [];
    for (let skip = 0; ; skip += PAGE_SIZE) {
      let pipeline = db
        .collection('households')
        .aggregate()
        .match({ [field]: unique.length === 1 ? unique[0] : _.in(unique) })
        .group({ _id: '$gridId', communityId: { $first: '$communityId' }, households: { $sum: 1 } })
        .sort({ _id: 1 });
      if (skip > 0) pipeline = pipeline.skip(skip);
      const page = checked(await pipeline.limit(PAGE_SIZE).end()).data;
      for (const g of page) out.push({ gridId: String(g._id), communityId: String(g.communityId), households: Number(g.households) });
      if (page.length < PAGE_SIZE) return out;
    }
  }

  /** Ids of residents within the filter after `cursor`, ascending by id. */
  async function residentIdsPage(filter: HouseholdFilter, cursor: string | null, limit: number): Promise<Page<string>> {
    const n = Math.max(1, Math.min(PAGE_SIZE, Math.floor(Number.isFinite(limit) ? limit : PAGE_SIZE)));
    const keys = [...new Set(residenceKeysFor(filter))];
    if (keys.length === 0) return { items: [], next: null };
    const after = (id: string | null) => {
      const conditions: (DbCondition | DbCommandValue)[] = [{ residenceKeys: keys.length === 1 ? keys[0] : _.in(keys) }];
      if (id !== null) conditions.push({ _id: _.gt(id) });
      return db.collection('users').where(_.and(conditions)).orderBy('_id', 'asc').field({ _id: true });
    };
    // One more than the page tells whether another follows; a full 1000 (the most a query returns) asks once more.
    const want = Math.min(n + 1, PAGE_SIZE);
    const docs = checked(await after(cursor).limit(want).get()).data;
    const items = docs.slice(0, n).map((d) => d._id);
    const last = items[items.length - 1];
    let more = docs.length > n;
    if (!more && want === n && docs.length === n && last !== undefined) {
      more = checked(await after(last).limit(1).get()).data.length > 0;
    }
    return { items, next: more && last !== undefined ? last : null };
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
    /** The building of a household, for a resident's keys (null when the household is unknown). */
    const buildingOf = async (householdId: string | null | undefined): Promise<string | null> => {
      if (!householdId) return null;
      const h = await access.get('households', householdId);
      return h && typeof h.buildingId === 'string' ? h.buildingId : null;
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
        listGridHouseholds: query('places.listGridHouseholds', listGridHouseholds),
        householdCounts: query('places.householdCounts', householdCounts),
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
          const building = await buildingOf(user.residence?.householdId);
          try {
            await access.create('users', user.id, fieldsOf('users', user, () => building));
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
          const keys = residenceKeys(residence, await buildingOf(residence?.householdId));
          await access.update('users', userId, { residence: residence === null ? null : _.set(residence), residenceKeys: _.set(keys) });
        },
        listWorkers: query('users.listWorkers', (filter: { streetId?: string; communityId?: string }) =>
          list<User>('users', { workerKeys: workerKeyFor(filter) }, [['name', 'asc']]),
        ),
        listStaff: query('users.listStaff', (post: { role: 'community_staff'; communityId: string } | { role: 'street_staff'; streetId: string }) =>
          list<User>('users', { staffKeys: post.role === 'community_staff' ? `community_staff|${post.communityId}` : `street_staff|${post.streetId}` }, [['name', 'asc']]),
        ),
        getMany: (ids) => getEach<User>('users', ids, (u) => u.id),
        listGridResidents: query('users.listGridResidents', async (gridId: string) =>
          (await list<User>('users', { residenceKeys: `g:${gridId}` }, [])).map((u) => ({ id: u.id, name: u.name, householdId: u.residence?.householdId ?? null })),
        ),
        residentIdsPage: query('users.residentIdsPage', residentIdsPage),
        listPendingResidents: query('users.listPendingResidents', (gridId: string) =>
          list<User>('users', { residenceKeys: `p:${gridId}` }, []),
        ),
        async settlePendingResidence(userId, expected, next: Residence | null) {
          // Read and write the one document: inside transact this is atomic, so of two workers settling the same
          // binding at once only the first finds it still pending.
          const current = await get<User>('users', userId);
          const r = current?.residence ?? null;
          if (!r || !isPendingResidence(r) || r.gridId !== expected.gridId || r.boundAt !== expected.boundAt) return false;
          const keys = residenceKeys(next, await buildingOf(next?.householdId));
          await access.update('users', userId, { residence: next === null ? null : _.set(next), residenceKeys: _.set(keys) });
          return true;
        },
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
      notices: noticeRepository(db, access, inTransaction),
      exports: exportRepository(db, access, inTransaction),
      partnerKeys: partnerKeyRepository(db, access, inTransaction),
      assessment: assessmentRepository(db, access, inTransaction),
      registers: registerRepository(db, access, inTransaction, {
        list: (name, condition) => list(name, condition, []),
        doc: (name, entity) => fieldsOf(name, entity),
        entity: (name, d) => fromDoc(name, d),
        userKeys: (posts) => ({ workerKeys: workerKeys(posts), staffKeys: staffKeys(posts) }),
      }),
      invitations: {
        async create(invitation) {
          await access.create('invitations', invitation.id, fieldsOf('invitations', invitation));
        },
        get: (id) => get<Invitation>('invitations', id),
        async update(next, expectedVersion) {
          const fields = { status: next.status, attempts: next.attempts, redeemedAt: next.redeemedAt, expiresAt: next.expiresAt };
          if (inTransaction) {
            // The transaction guards the version: a concurrent change aborts it.
            const current = await get<Invitation>('invitations', next.id);
            if (!current || current.version !== expectedVersion) return false;
            return (await access.update('invitations', next.id, { ...fields, version: expectedVersion + 1 })) === 1;
          }
          // Conditional update: two redeems of one code at once, only one finds the version it read.
          const res = checked(
            await db.collection('invitations').where({ _id: next.id, version: expectedVersion }).update({ ...fields, version: _.inc(1) }),
          );
          return res.updated === 1;
        },
        listOpenForUser: query('invitations.listOpenForUser', (userId: string) =>
          list<Invitation>('invitations', { userId, status: 'open' }, [['createdAt', 'desc']]),
        ),
      },
      people: {
        async createUser(user) {
          await access.create('users', user.id, fieldsOf('users', user, () => null));
        },
        async setOpenid(userId, openid, expected) {
          const current = await get<User>('users', userId);
          if (!current || current.openid !== expected) return false;
          if (inTransaction) return (await access.update('users', userId, { openid })) === 1;
          return checked(await db.collection('users').where({ _id: userId, openid: expected }).update({ openid })).updated === 1;
        },
        async setPosts(userId, posts: StaffPost[]) {
          await access.update('users', userId, { posts: _.set(posts), workerKeys: _.set(workerKeys(posts)), staffKeys: _.set(staffKeys(posts)) });
        },
        findStreetByCode: query('people.findStreetByCode', async (code: string) => (await list<Street>('streets', { code }, [], 1))[0] ?? null),
        createStreet: query('people.createStreet', async (setup: StreetSetup) => {
          const known = new Set((await fetchAll(db.collection('calendars').orderBy('_id', 'asc'))).map((d) => d._id));
          const config = configDocuments({
            categories: setup.categories,
            departments: setup.departments,
            requestSettings: [setup.settings],
            calendars: setup.calendars.filter((y) => !known.has(String(y.year))),
          });
          // The street last: a street document exists only once it can take requests (a failed run leaves no street).
          for (const [name, docs] of config) {
            for (const part of chunks(docs, ADD_CHUNK)) if (part.length) checked(await db.collection(name).add(part));
          }
          await access.create('streets', setup.street.id, fieldsOf('streets', setup.street));
        }),
        auditPage: query('people.auditPage', async (streetId: string, cursor: string | null, limit: number) => {
          const n = Math.max(1, Math.min(100, Math.floor(limit)));
          const i = cursor ? cursor.lastIndexOf('|') : -1;
          const condition =
            cursor && i > 0
              ? _.and([{ streetId }, _.or({ at: _.lt(cursor.slice(0, i)) }, { at: cursor.slice(0, i), _id: _.lt(cursor.slice(i + 1)) })])
              : { streetId };
          const docs = checked(await db.collection('audit').where(condition).orderBy('at', 'desc').orderBy('_id', 'desc').limit(n + 1).get()).data;
          const items = docs.slice(0, n).map((d) => fromDoc<AuditEntry>('audit', d));
          const last = items[items.length - 1];
          return { items, next: docs.length > n && last ? `${last.at}|${last.id}` : null };
        }),
      },
    };
  }

  return {
    ...repositories(direct, false),
    ...deliveryRepositories(db),
    uploads: uploadRepository(db),
    followers: followerRepository(db),
    checkIns: checkInRepository(db),
    visits: visitRepository(db),
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
    notices: wrap('notices', repos.notices),
    invitations: wrap('invitations', repos.invitations),
    people: wrap('people', repos.people),
    registers: wrap('registers', repos.registers),
    exports: wrap('exports', repos.exports),
    assessment: wrap('assessment', repos.assessment),
    partnerKeys: wrap('partnerKeys', repos.partnerKeys),
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
  const buildings = new Map(data.households.map((h) => [h.id, h.buildingId]));
  const buildingOf = (householdId: string) => buildings.get(householdId) ?? null;
  const documents: [CollectionName, Record<string, unknown>[]][] = [
    ...order.map(([name, entities]): [CollectionName, Record<string, unknown>[]] => [
      name,
      entities.map((e) => ({ _id: idOf(name, e), ...fieldsOf(name, e, buildingOf) })),
    ]),
    ...configDocuments(data),
  ];
  for (const [name, docs] of documents) {
    for (const part of chunks(docs, ADD_CHUNK)) checked(await db.collection(name).add(part));
  }
}

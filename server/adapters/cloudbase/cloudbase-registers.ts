/**
 * The register port in CloudBase. The snapshot is a handful of paged queries (1000 per page, `_.in` lists
 * of at most 500); residents and their requests are found through users' residence keys and one
 * aggregation of requests per 500 residents, so a street's million requests are never read. Each op is
 * one document write (get, then create or update), so a batch can run inside one `runTransaction`.
 */
import { createHash } from 'node:crypto';
import type { RegisterKind } from '@core/api/register.contract';
import type { Building, Community, Grid, Household, Street } from '@core/places/place';
import type { StaffPost, User } from '@core/people/user';
import { newRegisterUser, type RegisterSnapshot, type SnapshotHousehold } from '@core/registers/plan';
import { mappingKey, type ImportJob, type RegisterRepository, type RememberedMapping } from '../../ports/register.port';
import { TransactionQueryError } from '../store-import';
import type { DocAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbCommandValue, type DbCondition, type DbDocument } from './cloudbase-db';
import type { PlaceCollection } from './cloudbase-place-fields';

const IN_CHUNK = 500;

export interface RegisterDocHelpers {
  list<T>(name: PlaceCollection, condition: DbCondition | DbCommandValue): Promise<T[]>;
  doc(name: PlaceCollection, entity: object): Record<string, unknown>;
  entity<T>(name: PlaceCollection, doc: DbDocument): T;
  userKeys(posts: StaffPost[]): { workerKeys: string[]; staffKeys: string[] };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const mappingDocId = (streetId: string, kind: RegisterKind, headers: string[]) =>
  createHash('sha256').update(mappingKey(streetId, kind, headers)).digest('hex');

export function registerRepository(db: CloudbaseDb, access: DocAccess, inTransaction: boolean, h: RegisterDocHelpers): RegisterRepository {
  const _ = db.command;

  async function snapshot(streetId: string, mobiles: string[]): Promise<RegisterSnapshot | null> {
    if (inTransaction) throw new TransactionQueryError('registers.snapshot');
    const streetDoc = await access.get('streets', streetId);
    if (!streetDoc) return null;
    const street = h.entity<Street>('streets', streetDoc);
    const [communities, grids, buildings, stored, residents] = await Promise.all([
      h.list<Community>('communities', { streetId }),
      h.list<Grid>('grids', { streetId }),
      h.list<Building>('buildings', { streetId }),
      h.list<Household>('households', { streetId }),
      h.list<User>('users', { residenceKeys: `s:${streetId}` }),
    ]);
    const residentsOf = new Map<string, string[]>();
    for (const u of residents) {
      const id = u.residence?.householdId;
      if (id) residentsOf.set(id, [...(residentsOf.get(id) ?? []), u.id]);
    }
    // Residents who filed requests: one aggregation per 500 residents, one group per resident.
    const filed = new Set<string>();
    const bound = residents.filter((u) => u.residence?.householdId).map((u) => u.id);
    for (const part of chunks(bound, IN_CHUNK)) {
      const groups = checked(
        await db.collection('requests').aggregate().match({ residentId: _.in(part) }).group({ _id: '$residentId' }).limit(IN_CHUNK).end(),
      ).data;
      for (const g of groups) filed.add(String(g._id));
    }
    const households: SnapshotHousehold[] = stored.map((x) => {
      const ids = residentsOf.get(x.id) ?? [];
      return { ...x, hasResidents: ids.length > 0, hasRequests: ids.some((id) => filed.has(id)) };
    });
    const keys = [`street_staff|${streetId}`, ...communities.map((c) => `community_staff|${c.id}`)];
    const found = new Map<string, User>();
    const add = (list: User[]) => list.forEach((u) => found.set(u.id, u));
    add(await h.list<User>('users', { workerKeys: `s:${streetId}` }));
    for (const part of chunks(keys, IN_CHUNK)) add(await h.list<User>('users', { staffKeys: _.in(part) }));
    for (const part of chunks([...new Set(mobiles)], IN_CHUNK)) add(await h.list<User>('users', { phone: _.in(part) }));
    const users = [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { streetId, streetCode: street.code, communities, grids, buildings, households, users };
  }

  return {
    snapshot,
    async applyOps(ops, at) {
      for (const op of ops) {
        switch (op.kind) {
          case 'community':
            await access.put('communities', op.community.id, h.doc('communities', op.community));
            break;
          case 'grid': {
            const g = op.grid;
            const current = await access.get('grids', g.id);
            if (current) {
              await access.update('grids', g.id, {
                communityId: g.communityId, code: g.code, name: g.name, boundary: _.set(g.boundary), version: Number(current.version) + 1, updatedAt: at,
              });
            } else {
              if (!op.qrToken) throw new Error(`a new grid ${g.id} needs a QR token`);
              const grid: Grid = { ...g, households: 0, primaryWorkerId: null, backupWorkerId: null, qrToken: op.qrToken, version: 1, updatedAt: at };
              await access.create('grids', g.id, h.doc('grids', grid));
            }
            break;
          }
          case 'user': {
            const u = op.user;
            if (await access.get('users', u.id)) {
              const keys = h.userKeys(u.posts);
              await access.update('users', u.id, { name: u.name, phone: u.phone, posts: _.set(u.posts), workerKeys: _.set(keys.workerKeys), staffKeys: _.set(keys.staffKeys) });
            } else {
              await access.create('users', u.id, h.doc('users', newRegisterUser(u, at)));
            }
            break;
          }
          case 'building':
            await access.put('buildings', op.building.id, h.doc('buildings', op.building));
            break;
          case 'household':
            await access.put('households', op.household.id, h.doc('households', { ...op.household, toVerify: false }));
            break;
          case 'householdToVerify':
            await access.update('households', op.householdId, { toVerify: true });
            break;
          case 'gridCounters': {
            const current = await access.get('grids', op.gridId);
            if (!current) throw new Error(`grid ${op.gridId} is missing`);
            await access.update('grids', op.gridId, {
              households: op.households, primaryWorkerId: op.primaryWorkerId, backupWorkerId: op.backupWorkerId,
              version: Number(current.version) + 1, updatedAt: at,
            });
            break;
          }
        }
      }
    },
    async createJob(job) {
      await access.create('import_jobs', job.id, { streetId: job.streetId, data: JSON.stringify(job), version: job.version });
    },
    async getJob(id) {
      const d = await access.get('import_jobs', id);
      return d ? { ...(JSON.parse(String(d.data)) as ImportJob), version: Number(d.version) } : null;
    },
    async updateJob(next, expectedVersion) {
      const fields = { data: JSON.stringify({ ...next, version: expectedVersion + 1 }), version: expectedVersion + 1 };
      if (inTransaction) {
        // The transaction guards the version: a concurrent change aborts it.
        const current = await access.get('import_jobs', next.id);
        if (!current || Number(current.version) !== expectedVersion) return false;
        return (await access.update('import_jobs', next.id, fields)) === 1;
      }
      return checked(await db.collection('import_jobs').where({ _id: next.id, version: expectedVersion }).update(fields)).updated === 1;
    },
    async getMapping(streetId, kind, headers) {
      const d = await access.get('register_mappings', mappingDocId(streetId, kind, headers));
      return d ? (JSON.parse(String(d.data)) as RememberedMapping) : null;
    },
    async saveMapping(m) {
      await access.put('register_mappings', mappingDocId(m.streetId, m.kind, m.headers), { streetId: m.streetId, data: JSON.stringify(m) });
    },
  };
}

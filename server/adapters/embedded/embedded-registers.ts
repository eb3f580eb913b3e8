/**
 * The embedded side of the register port: the import snapshot (a few set reads), the plan's writes (one
 * statement per document, inside the caller's transaction), import jobs and remembered mappings.
 */
import type { Building, Community, Grid, Household } from '@core/places/place';
import type { User } from '@core/people/user';
import type { RegisterKind } from '@core/api/register.contract';
import { newRegisterUser, type RegisterSnapshot, type SnapshotHousehold } from '@core/registers/plan';
import { mappingKey, type ImportJob, type RememberedMapping, type StoreRegisterOp } from '../../ports/register.port';
import { roomSortKey } from '../store-import';
import type { SqlitePeople } from './embedded-people';
import type { SqlAccess } from './sql-access';

interface Reads {
  getStreet(id: string): { code: string } | null;
  listCommunities(streetId: string): Community[];
  listGrids(filter: { streetId: string }): Grid[];
  getUser(id: string): User | null;
}

interface HouseholdSnapRow {
  id: string; street_id: string; community_id: string; grid_id: string; building_id: string; unit: number; room: string; key_groups: string;
  to_verify: number; has_residents: number; has_requests: number;
}
interface UserRow { id: string; openid: string; name: string; phone: string | null; residence: string | null; posts: string; created_at: string }

export class SqliteRegisters {
  constructor(
    private readonly sql: SqlAccess,
    private readonly reads: Reads,
    private readonly people: SqlitePeople,
  ) {}

  snapshot(streetId: string, mobiles: string[]): RegisterSnapshot | null {
    const street = this.reads.getStreet(streetId);
    if (!street) return null;
    const buildings = this.sql
      .all<{ id: string; street_id: string; community_id: string; grid_id: string; name: string; units: number; seq: number }>(
        'SELECT * FROM buildings WHERE street_id = ? ORDER BY id',
        [streetId],
      )
      .map((r): Building => ({ id: r.id, streetId: r.street_id, communityId: r.community_id, gridId: r.grid_id, name: r.name, units: r.units, seq: r.seq }));
    const households = this.sql
      .all<HouseholdSnapRow>(
        `SELECT h.*,
           EXISTS (SELECT 1 FROM users u WHERE u.residence_household_id = h.id) AS has_residents,
           EXISTS (SELECT 1 FROM users u JOIN requests r ON r.resident_id = u.id WHERE u.residence_household_id = h.id) AS has_requests
         FROM households h WHERE h.street_id = ? ORDER BY h.id`,
        [streetId],
      )
      .map((r): SnapshotHousehold => ({
        id: r.id, streetId: r.street_id, communityId: r.community_id, gridId: r.grid_id, buildingId: r.building_id, unit: r.unit, room: r.room,
        keyGroups: JSON.parse(r.key_groups) as Household['keyGroups'], ...(r.to_verify ? { toVerify: true } : {}),
        hasResidents: r.has_residents === 1, hasRequests: r.has_requests === 1,
      }));
    const users = this.sql
      .all<UserRow>(
        `SELECT * FROM users WHERE id IN (SELECT user_id FROM user_posts WHERE street_id = ?)
           OR phone IN (SELECT value FROM json_each(?)) ORDER BY id`,
        [streetId, JSON.stringify(mobiles)],
      )
      .map((r): User => ({
        id: r.id, openid: r.openid, name: r.name, phone: r.phone, residence: r.residence === null ? null : (JSON.parse(r.residence) as User['residence']),
        posts: JSON.parse(r.posts) as User['posts'], createdAt: r.created_at,
      }));
    return {
      streetId, streetCode: street.code, communities: this.reads.listCommunities(streetId), grids: this.reads.listGrids({ streetId }),
      buildings, households, users,
    };
  }

  applyOps(ops: StoreRegisterOp[], at: string): void {
    for (const op of ops) {
      switch (op.kind) {
        case 'community': {
          const c = op.community;
          this.sql.run(
            `INSERT INTO communities (id, street_id, code, name, hotline, address) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, hotline = excluded.hotline, address = excluded.address`,
            [c.id, c.streetId, c.code, c.name, c.hotline, c.address],
          );
          break;
        }
        case 'grid': {
          const g = op.grid;
          const changed = this.sql.run(
            'UPDATE grids SET community_id = ?, code = ?, name = ?, boundary = ?, version = version + 1, updated_at = ? WHERE id = ?',
            [g.communityId, g.code, g.name, JSON.stringify(g.boundary), at, g.id],
          ).changes;
          if (changed === 0) {
            if (!op.qrToken) throw new Error(`a new grid ${g.id} needs a QR token`);
            this.sql.run(
              `INSERT INTO grids (id, street_id, community_id, code, name, boundary, households, primary_worker_id, backup_worker_id, qr_token, version, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, 1, ?)`,
              [g.id, g.streetId, g.communityId, g.code, g.name, JSON.stringify(g.boundary), op.qrToken, at],
            );
          }
          break;
        }
        case 'user': {
          const u = op.user;
          if (this.reads.getUser(u.id)) {
            this.sql.run('UPDATE users SET name = ?, phone = ? WHERE id = ?', [u.name, u.phone, u.id]);
            this.people.setPosts(u.id, u.posts);
          } else {
            this.people.createUser(newRegisterUser(u, at));
          }
          break;
        }
        case 'building': {
          const b = op.building;
          this.sql.run(
            `INSERT INTO buildings (id, street_id, community_id, grid_id, name, units, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET grid_id = excluded.grid_id, units = excluded.units`,
            [b.id, b.streetId, b.communityId, b.gridId, b.name, b.units, b.seq],
          );
          break;
        }
        case 'household': {
          const h = op.household;
          this.sql.run(
            `INSERT INTO households (id, street_id, community_id, grid_id, building_id, unit, room, room_key, key_groups, to_verify)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
             ON CONFLICT (id) DO UPDATE SET community_id = excluded.community_id, grid_id = excluded.grid_id, building_id = excluded.building_id,
               key_groups = excluded.key_groups, to_verify = 0`,
            [h.id, h.streetId, h.communityId, h.gridId, h.buildingId, h.unit, h.room, roomSortKey(h.room), JSON.stringify(h.keyGroups)],
          );
          break;
        }
        case 'householdToVerify':
          this.sql.run('UPDATE households SET to_verify = 1 WHERE id = ?', [op.householdId]);
          break;
        case 'gridCounters':
          this.sql.run(
            'UPDATE grids SET households = ?, primary_worker_id = ?, backup_worker_id = ?, version = version + 1, updated_at = ? WHERE id = ?',
            [op.households, op.primaryWorkerId, op.backupWorkerId, at, op.gridId],
          );
          break;
      }
    }
  }

  createJob(job: ImportJob): void {
    this.sql.run('INSERT INTO import_jobs (id, street_id, data, version) VALUES (?, ?, ?, ?)', [job.id, job.streetId, JSON.stringify(job), job.version]);
  }

  getJob(id: string): ImportJob | null {
    const r = this.sql.one<{ data: string; version: number }>('SELECT data, version FROM import_jobs WHERE id = ?', [id]);
    return r ? { ...(JSON.parse(r.data) as ImportJob), version: r.version } : null;
  }

  updateJob(next: ImportJob, expectedVersion: number): boolean {
    const stored = { ...next, version: expectedVersion + 1 };
    return this.sql.run('UPDATE import_jobs SET data = ?, version = ? WHERE id = ? AND version = ?', [
      JSON.stringify(stored), expectedVersion + 1, next.id, expectedVersion,
    ]).changes === 1;
  }

  getMapping(streetId: string, kind: RegisterKind, headers: string[]): RememberedMapping | null {
    const r = this.sql.one<{ data: string }>('SELECT data FROM register_mappings WHERE key = ?', [mappingKey(streetId, kind, headers)]);
    return r ? (JSON.parse(r.data) as RememberedMapping) : null;
  }

  saveMapping(m: RememberedMapping): void {
    this.sql.run('INSERT INTO register_mappings (key, street_id, data) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data', [
      mappingKey(m.streetId, m.kind, m.headers), m.streetId, JSON.stringify(m),
    ]);
  }
}

/**
 * Plans an import: compares a parsed register with what the street already stores and returns what to
 * write (ops), what is wrong (problems), and how many rows each kind adds, changes, keeps and loses.
 * Pure: the same file against the same store gives the same plan, and a file already imported gives no ops.
 *
 * Matching is by natural key, never by id: a community by code, a grid by code, a building by its
 * community and name, a household by its building, unit and room, a person by mobile. A thing the store
 * does not hold yet gets an id derived from the street and its key (stableId), so planning a resumed
 * import again finds what an earlier batch wrote and never writes a row twice.
 *
 * Rules for what the file leaves out. They hold only for a kind the file holds rows of (a file without a
 * sheet changes nothing of that kind), and only within the communities that kind's rows cover: a file of
 * one community's households, grids or staff says nothing about the street's other communities, so their
 * rows are neither counted as removed nor marked, and their grids keep their workers.
 * - communities, grids and buildings are kept as they are (requests, notices and cards point at them)
 *   and counted as removed;
 * - households are kept, marked 待核实 and counted as removed: a household is never deleted by an import,
 *   because residents may be bound to it and requests may name it. Those with bound residents or
 *   requests are listed in `toVerify` by address, so someone checks them first;
 * - staff keep their user and posts and are counted as removed: revoking a person is people.revoke's work
 *   (it closes their invitations and writes the audit), not a side effect of a spreadsheet.
 */
import type { KindCounts, RegisterKind, RegisterProblem } from '../api/register.contract';
import type { Boundary, Building, Community, Grid, Household, KeyGroup } from '../places/place';
import { householdAddress } from '../places/place';
import type { StaffPost, User } from '../people/user';
import { unboundOpenid } from '../people/user';
import type { ParsedRegister, RowOrigin, StaffRole, StaffRow } from './register-data';

/** A stored household as the planner sees it: whether anyone depends on it. */
export interface SnapshotHousehold extends Household {
  hasResidents: boolean;
  hasRequests: boolean;
}

/** What the street stores, read once before planning. */
export interface RegisterSnapshot {
  streetId: string;
  /** The street's 12-digit code (its first 9 digits start every community code). */
  streetCode: string;
  communities: Community[];
  grids: Grid[];
  buildings: Building[];
  households: SnapshotHousehold[];
  /** Users of the street holding a post, and users anywhere holding one of the file's mobiles. */
  users: User[];
}

/** A grid's own fields as the register sets them (workers and the counter come in the final ops). */
export interface GridFields {
  id: string;
  streetId: string;
  communityId: string;
  code: string;
  name: string;
  boundary: Boundary;
}

/** One single-document write. */
export type RegisterOp =
  | { kind: 'community'; community: Community }
  | { kind: 'grid'; grid: GridFields }
  | { kind: 'user'; user: { id: string; name: string; phone: string; posts: StaffPost[] } }
  | { kind: 'building'; building: Building }
  | { kind: 'household'; household: Household }
  | { kind: 'householdToVerify'; householdId: string }
  | { kind: 'gridCounters'; gridId: string; households: number; primaryWorkerId: string | null; backupWorkerId: string | null };

export interface RegisterPlan {
  counts: Record<RegisterKind, KindCounts>;
  problems: RegisterProblem[];
  /** Addresses of households left out of the file that keep residents or requests. */
  toVerify: string[];
  /** Writes before the final ones, in dependency order: communities, grids, users, buildings, households, 待核实 marks. */
  ops: RegisterOp[];
  /** Written last, in the batch that ends the job: each grid's workers and household counter. */
  finalOps: RegisterOp[];
}

// ---- ids ------------------------------------------------------------------------------------------

/** 32-bit FNV-1a with a seed; two seeds give 64 bits, enough for a street's keys not to collide. */
function fnv(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/** The id of a thing first brought in by a register: the same street and key always give the same id. */
export function stableId(prefix: string, streetId: string, ...key: (string | number)[]): string {
  const text = [streetId, ...key].join('\u0001');
  return `${prefix}_${fnv(text, 0x811c9dc5)}${fnv(text, 0x050c5d1f)}`;
}

// ---- helpers --------------------------------------------------------------------------------------

const KIND_SHEET_COLUMNS = { grid: '网格编码', community: '社区编码', room: '房号', mobile: '手机号' } as const;

function problem(origin: RowOrigin, column: string | null, code: string, message: string): RegisterProblem {
  return { sheet: origin.sheet, row: origin.row, column, code, message };
}

function emptyCounts(): KindCounts {
  return { added: 0, changed: 0, unchanged: 0, removed: 0 };
}

const sortedGroups = (groups: KeyGroup[]): KeyGroup[] => [...new Set(groups)].sort();

/** Sort key of a building within its community: the first number of its name (3号楼 → 3), else 0. */
export function buildingSeq(name: string): number {
  const m = /\d+/.exec(name);
  return m ? Number(m[0]) : 0;
}

function sameBoundary(a: Boundary, b: Boundary): boolean {
  return a.east === b.east && a.south === b.south && a.west === b.west && a.north === b.north;
}

/** Posts the register manages: a staff sheet sets these for its street and leaves every other post alone. */
const REGISTER_ROLES: ReadonlySet<StaffPost['role']> = new Set<StaffPost['role']>(['grid_worker', 'community_staff', 'street_staff']);

function postOf(role: StaffRole, streetId: string, communityId: string | null): StaffPost {
  if (role === 'street_staff') return { role, streetId };
  return { role, streetId, communityId: communityId ?? '' };
}

const postKey = (p: StaffPost): string => `${p.role}|${p.streetId}|${'communityId' in p ? p.communityId : ''}`;

/** A user of another street: holds a post elsewhere or lives elsewhere. */
function belongsElsewhere(user: User, streetId: string): boolean {
  return user.posts.some((p) => p.streetId !== streetId) || (user.residence !== null && user.residence.streetId !== streetId);
}

/**
 * Plans the import of `parsed` into the street of `snapshot`. Problems of the reader come first, then the
 * planner's; with any problem the plan still counts, so the report shows everything at once.
 */
export function planRegister(parsed: ParsedRegister, snapshot: RegisterSnapshot): RegisterPlan {
  const streetId = snapshot.streetId;
  const problems: RegisterProblem[] = [...parsed.problems];
  const counts: Record<RegisterKind, KindCounts> = {
    communities: emptyCounts(), grids: emptyCounts(), households: emptyCounts(), staff: emptyCounts(),
  };
  const ops: RegisterOp[] = [];
  const toVerify: string[] = [];

  // ---- communities ----
  const storedCommunityByCode = new Map(snapshot.communities.map((c) => [c.code, c]));
  /** Every community after the import, by code. */
  const communityByCode = new Map(storedCommunityByCode);
  const communityById = new Map(snapshot.communities.map((c) => [c.id, c]));
  const seenCommunity = new Set<string>();
  const streetPrefix = snapshot.streetCode.slice(0, 9);
  for (const row of parsed.communities) {
    if (seenCommunity.has(row.code)) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.community, 'IMPORT.DUPLICATE_COMMUNITY', `社区编码 ${row.code} 在表中出现了不止一次`));
      continue;
    }
    seenCommunity.add(row.code);
    if (!row.code.startsWith(streetPrefix)) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.community, 'IMPORT.COMMUNITY_NOT_IN_STREET', `社区编码 ${row.code} 不属于本街道（应以 ${streetPrefix} 开头）`));
    }
    const stored = storedCommunityByCode.get(row.code);
    const next: Community = {
      id: stored?.id ?? stableId('cm', streetId, row.code), streetId, code: row.code, name: row.name, hotline: row.hotline, address: row.address,
    };
    communityByCode.set(row.code, next);
    communityById.set(next.id, next);
    if (!stored) counts.communities.added++;
    else if (stored.name !== next.name || stored.hotline !== next.hotline || stored.address !== next.address) counts.communities.changed++;
    else {
      counts.communities.unchanged++;
      continue;
    }
    ops.push({ kind: 'community', community: next });
  }
  if (parsed.communities.length) counts.communities.removed = snapshot.communities.filter((c) => !seenCommunity.has(c.code)).length;

  // ---- grids ----
  const storedGridByCode = new Map(snapshot.grids.map((g) => [g.code, g]));
  /** Every grid after the import (its own fields), by code. */
  const gridByCode = new Map<string, GridFields>(snapshot.grids.map((g) => [g.code, g]));
  const seenGrid = new Set<string>();
  /** Grids whose own row is wrong: rows that name them are held back and reported once per sheet, not one by one. */
  const badGrids = new Set<string>(parsed.rejectedGridCodes ?? []);
  const heldBack = new Map<string, { gridCode: string; origin: RowOrigin; rows: number }>();
  const holdBack = (gridCode: string, origin: RowOrigin) => {
    const key = `${origin.sheet}|${gridCode}`;
    const entry = heldBack.get(key);
    if (entry) entry.rows++;
    else heldBack.set(key, { gridCode, origin, rows: 1 });
  };
  for (const row of parsed.grids) {
    if (seenGrid.has(row.code)) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.grid, 'IMPORT.DUPLICATE_GRID', `网格编码 ${row.code} 在表中出现了不止一次`));
      continue;
    }
    seenGrid.add(row.code);
    const community = communityByCode.get(row.communityCode);
    if (!community) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.community, 'IMPORT.UNKNOWN_COMMUNITY', `社区编码 ${row.communityCode} 既不在社区表中，也不是本街道已有的社区`));
      continue;
    }
    if (!row.code.startsWith(row.communityCode)) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.grid, 'IMPORT.GRID_NOT_IN_COMMUNITY', `网格编码 ${row.code} 应以所属社区编码 ${row.communityCode} 开头`));
      badGrids.add(row.code);
    }
    // A 四至 cell that names no side is kept whole on the east side, so nothing written is lost.
    const named = row.boundary.east || row.boundary.south || row.boundary.west || row.boundary.north;
    const boundary: Boundary = named || !row.description ? { ...row.boundary } : { east: row.description, south: '', west: '', north: '' };
    const stored = storedGridByCode.get(row.code);
    const next: GridFields = { id: stored?.id ?? stableId('gd', streetId, row.code), streetId, communityId: community.id, code: row.code, name: row.name, boundary };
    gridByCode.set(row.code, next);
    if (!stored) {
      counts.grids.added++;
      ops.push({ kind: 'grid', grid: next });
    } else if (stored.name !== next.name || stored.communityId !== next.communityId || !sameBoundary(stored.boundary, next.boundary)) {
      ops.push({ kind: 'grid', grid: next });
    }
  }
  /** Communities the grid sheet covers: only their grids can be missing from it. */
  const gridScope = new Set<string>();
  for (const row of parsed.grids) {
    const community = communityByCode.get(row.communityCode);
    if (community) gridScope.add(community.id);
  }
  counts.grids.removed = snapshot.grids.filter((g) => gridScope.has(g.communityId) && !seenGrid.has(g.code)).length;

  // ---- staff ----
  const storedUserByPhone = new Map<string, User>();
  for (const u of snapshot.users) if (u.phone) storedUserByPhone.set(u.phone, u);
  const primaryOf = new Map<string, { userId: string; origin: RowOrigin }>();
  const backupOf = new Map<string, { userId: string; origin: RowOrigin }>();
  const seenMobile = new Set<string>();
  /** What the staff sheet covers: its rows' communities, and the street level when it lists street staff. */
  const staffScope = new Set<string>();
  const STREET_LEVEL = '';
  const userOps: RegisterOp[] = [];
  const assign = (
    table: Map<string, { userId: string; origin: RowOrigin }>, codes: string[], row: StaffRow, userId: string, communityId: string | null, what: string,
  ): boolean => {
    let ok = true;
    for (const code of codes) {
      if (badGrids.has(code)) {
        holdBack(code, row.origin);
        ok = false;
        continue;
      }
      const grid = gridByCode.get(code);
      if (!grid) {
        problems.push(problem(row.origin, KIND_SHEET_COLUMNS.grid, 'IMPORT.UNKNOWN_GRID', `网格编码 ${code} 既不在网格表中，也不是本街道已有的网格`));
        ok = false;
        continue;
      }
      if (communityId && grid.communityId !== communityId) {
        problems.push(problem(row.origin, KIND_SHEET_COLUMNS.grid, 'IMPORT.GRID_NOT_IN_COMMUNITY', `网格 ${code} 不属于该人员所在的社区`));
        ok = false;
        continue;
      }
      const other = table.get(code);
      if (other && other.userId !== userId) {
        problems.push(problem(row.origin, KIND_SHEET_COLUMNS.grid, what === '网格员' ? 'IMPORT.GRID_TWO_LEADERS' : 'IMPORT.GRID_TWO_BACKUPS', `网格 ${code} 在表中有两位${what}（另见第 ${other.origin.row} 行）`));
        ok = false;
        continue;
      }
      table.set(code, { userId, origin: row.origin });
    }
    return ok;
  };
  for (const row of parsed.staff) {
    if (seenMobile.has(row.mobile)) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.mobile, 'IMPORT.DUPLICATE_MOBILE', `手机号 ${row.mobile} 在表中出现了不止一次`));
      continue;
    }
    seenMobile.add(row.mobile);
    const stored = storedUserByPhone.get(row.mobile);
    if (stored && belongsElsewhere(stored, streetId)) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.mobile, 'IMPORT.MOBILE_OTHER_STREET', `手机号 ${row.mobile} 已是其他街道的人员，不能导入本街道`));
      continue;
    }
    let communityId: string | null = null;
    if (row.role !== 'street_staff') {
      const community = row.communityCode ? communityByCode.get(row.communityCode) : undefined;
      if (!community) {
        problems.push(problem(row.origin, KIND_SHEET_COLUMNS.community, 'IMPORT.UNKNOWN_COMMUNITY', `社区编码 ${row.communityCode ?? ''} 既不在社区表中，也不是本街道已有的社区`));
        continue;
      }
      communityId = community.id;
    }
    staffScope.add(communityId ?? STREET_LEVEL);
    const userId = stored?.id ?? stableId('us', streetId, row.mobile);
    if (row.role === 'grid_worker') {
      const a = assign(primaryOf, row.primaryGridCodes, row, userId, communityId, '网格员');
      const b = assign(backupOf, row.backupGridCodes, row, userId, communityId, 'B角');
      if (!a || !b) continue;
    }
    const kept = (stored?.posts ?? []).filter((p) => !(p.streetId === streetId && REGISTER_ROLES.has(p.role)));
    const posts = [...kept, postOf(row.role, streetId, communityId)];
    if (!stored) counts.staff.added++;
    else if (stored.name !== row.name || stored.posts.map(postKey).join(',') !== posts.map(postKey).join(',')) counts.staff.changed++;
    else {
      counts.staff.unchanged++;
      continue;
    }
    userOps.push({ kind: 'user', user: { id: userId, name: row.name, phone: row.mobile, posts } });
  }
  counts.staff.removed = snapshot.users.filter(
    (u) => u.phone !== null && !seenMobile.has(u.phone)
      && u.posts.some((p) => p.streetId === streetId && REGISTER_ROLES.has(p.role) && staffScope.has('communityId' in p ? p.communityId : STREET_LEVEL)),
  ).length;

  // ---- buildings and households ----
  const storedBuildingByKey = new Map(snapshot.buildings.map((b) => [`${b.communityId}|${b.name}`, b]));
  const storedHouseholdByKey = new Map(snapshot.households.map((h) => [`${h.buildingId}|${h.unit}|${h.room}`, h]));
  const buildingByKey = new Map<string, { building: Building; origin: RowOrigin }>();
  const householdKeys = new Set<string>();
  const householdOps: RegisterOp[] = [];
  /** Households per grid after the import, by grid id. */
  const householdsOfGrid = new Map<string, number>();
  /** Communities the household sheet covers: only their households can be missing from it. */
  const householdScope = new Set<string>();
  for (const row of parsed.households) {
    if (badGrids.has(row.gridCode)) {
      holdBack(row.gridCode, row.origin);
      continue;
    }
    const grid = gridByCode.get(row.gridCode);
    if (!grid) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.grid, 'IMPORT.UNKNOWN_GRID', `网格编码 ${row.gridCode} 既不在网格表中，也不是本街道已有的网格`));
      continue;
    }
    householdScope.add(grid.communityId);
    const bKey = `${grid.communityId}|${row.building}`;
    let entry = buildingByKey.get(bKey);
    if (!entry) {
      const stored = storedBuildingByKey.get(bKey);
      const community = communityById.get(grid.communityId);
      const building: Building = stored
        ? { ...stored, gridId: grid.id }
        : {
            id: stableId('bd', streetId, community?.code ?? grid.communityId, row.building), streetId, communityId: grid.communityId,
            gridId: grid.id, name: row.building, units: 0, seq: buildingSeq(row.building),
          };
      entry = { building, origin: row.origin };
      buildingByKey.set(bKey, entry);
    } else if (entry.building.gridId !== grid.id) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.grid, 'IMPORT.BUILDING_SPLIT', `${row.building} 已在第 ${entry.origin.row} 行划入另一个网格，一栋楼只能属于一个网格`));
      continue;
    }
    entry.building.units = Math.max(entry.building.units, row.unit);
    const hKey = `${entry.building.id}|${row.unit}|${row.room}`;
    if (householdKeys.has(hKey)) {
      problems.push(problem(row.origin, KIND_SHEET_COLUMNS.room, 'IMPORT.DUPLICATE_ROOM', `${row.building}${row.unit}单元${row.room} 在表中出现了不止一次`));
      continue;
    }
    householdKeys.add(hKey);
    const stored = storedHouseholdByKey.get(hKey);
    const keyGroups = sortedGroups(row.keyGroups);
    const next: Household = {
      id: stored?.id ?? stableId('hh', streetId, row.gridCode, row.building, row.unit, row.room), streetId, communityId: grid.communityId,
      gridId: grid.id, buildingId: entry.building.id, unit: row.unit, room: row.room, keyGroups,
    };
    householdsOfGrid.set(grid.id, (householdsOfGrid.get(grid.id) ?? 0) + 1);
    if (!stored) counts.households.added++;
    else if (stored.gridId !== next.gridId || stored.toVerify || sortedGroups(stored.keyGroups).join(',') !== keyGroups.join(',')) counts.households.changed++;
    else {
      counts.households.unchanged++;
      continue;
    }
    householdOps.push({ kind: 'household', household: next });
  }
  for (const { gridCode, origin, rows } of heldBack.values()) {
    problems.push(problem(origin, KIND_SHEET_COLUMNS.grid, 'IMPORT.GRID_ROW_WRONG',
      `本表有 ${rows} 行（从第 ${origin.row} 行起）属于网格 ${gridCode}，该网格在网格表中有误；改正网格表后这些行会一并检查`));
  }
  const buildingOps: RegisterOp[] = [];
  const storedBuildingById = new Map(snapshot.buildings.map((b) => [b.id, b]));
  for (const { building } of buildingByKey.values()) {
    const stored = storedBuildingById.get(building.id);
    if (stored && stored.gridId === building.gridId && stored.units === building.units) continue;
    buildingOps.push({ kind: 'building', building });
  }
  const verifyOps: RegisterOp[] = [];
  for (const h of snapshot.households) {
    if (householdKeys.has(`${h.buildingId}|${h.unit}|${h.room}`)) continue;
    // Kept in its grid: still counted there until someone resolves it.
    const building = storedBuildingById.get(h.buildingId);
    householdsOfGrid.set(h.gridId, (householdsOfGrid.get(h.gridId) ?? 0) + 1);
    if (!householdScope.has(h.communityId)) continue;
    counts.households.removed++;
    if (h.hasResidents || h.hasRequests) {
      const community = communityById.get(h.communityId);
      toVerify.push(householdAddress({ name: community?.name ?? '' }, { name: building?.name ?? '' }, h));
    }
    if (!h.toVerify) verifyOps.push({ kind: 'householdToVerify', householdId: h.id });
  }

  // ---- final: workers and counters of every grid ----
  const finalOps: RegisterOp[] = [];
  const storedGridById = new Map(snapshot.grids.map((g) => [g.id, g]));
  const gridCodeOps = new Set(ops.filter((o) => o.kind === 'grid').map((o) => (o.kind === 'grid' ? o.grid.code : '')));
  for (const [code, grid] of gridByCode) {
    const stored = storedGridById.get(grid.id);
    // The staff sheet decides the workers of every grid in the communities it covers (a grid nobody there
    // leads gets none); every other grid keeps its workers.
    const decided = staffScope.has(grid.communityId);
    const primaryWorkerId = decided ? primaryOf.get(code)?.userId ?? null : stored?.primaryWorkerId ?? null;
    const backupWorkerId = decided ? backupOf.get(code)?.userId ?? null : stored?.backupWorkerId ?? null;
    const households = householdsOfGrid.get(grid.id) ?? 0;
    const moved = !stored || stored.primaryWorkerId !== primaryWorkerId || stored.backupWorkerId !== backupWorkerId || stored.households !== households;
    if (moved) finalOps.push({ kind: 'gridCounters', gridId: grid.id, households, primaryWorkerId, backupWorkerId });
    if (seenGrid.has(code) && stored) {
      if (gridCodeOps.has(code) || moved) counts.grids.changed++;
      else counts.grids.unchanged++;
    }
  }

  ops.push(...userOps, ...buildingOps, ...householdOps, ...verifyOps);
  return { counts, problems, toVerify: toVerify.sort(), ops, finalOps };
}

/** A new user for a person first brought in by a staff sheet: unbound until they redeem an invitation. */
export function newRegisterUser(op: Extract<RegisterOp, { kind: 'user' }>['user'], at: string): User {
  return { id: op.id, openid: unboundOpenid(op.id), name: op.name, phone: op.phone, residence: null, posts: op.posts, createdAt: at };
}

import type { Grid } from '../places/place';
import type { User } from '../people/user';
import { newRegisterUser, planRegister, stableId, type RegisterOp, type RegisterPlan, type RegisterSnapshot } from './plan';
import type { HouseholdRow, ParsedRegister, StaffRow } from './register-data';

const STREET = 's9';
const STREET_CODE = '420100009000';
const C1 = '420100009001';
const C2 = '420100009002';
const G1 = `${C1}001`;
const G2 = `${C1}002`;
const G3 = `${C2}001`;

const origin = (sheet: string, row: number) => ({ sheet, row });

function household(row: number, gridCode: string, building: string, unit: number, room: string, keyGroups: HouseholdRow['keyGroups'] = []): HouseholdRow {
  return { origin: origin('房屋', row), gridCode, building, unit, room, keyGroups };
}

function staff(row: number, mobile: string, extra: Partial<StaffRow>): StaffRow {
  return {
    origin: origin('工作人员', row), name: `人员${row}`, mobile, role: 'grid_worker', communityCode: C1,
    primaryGridCodes: [], backupGridCodes: [], ...extra,
  };
}

function file(): ParsedRegister {
  const boundary = { east: '东路', south: '南街', west: '西巷', north: '北路' };
  return {
    communities: [
      { origin: origin('社区', 2), code: C1, name: '东湖社区', hotline: '027-1', address: '东湖路1号' },
      { origin: origin('社区', 3), code: C2, name: '西苑社区', hotline: '027-2', address: '西苑路2号' },
    ],
    grids: [
      { origin: origin('网格', 2), code: G1, name: '东湖第1网格', communityCode: C1, boundary, description: '', householdTarget: null },
      { origin: origin('网格', 3), code: G2, name: '东湖第2网格', communityCode: C1, boundary, description: '', householdTarget: 300 },
      { origin: origin('网格', 4), code: G3, name: '西苑第1网格', communityCode: C2, boundary: { east: '', south: '', west: '', north: '' }, description: '沿江一带', householdTarget: null },
    ],
    households: [
      household(2, G1, '1号楼', 1, '101', ['elderly_alone']),
      household(3, G1, '1号楼', 1, '102'),
      household(4, G1, '1号楼', 2, '101'),
      household(5, G2, '2号楼', 1, '101'),
      household(6, G3, '东村一组', 1, '12号'),
    ],
    staff: [
      staff(2, '13800000001', { primaryGridCodes: [G1], backupGridCodes: [G2] }),
      staff(3, '13800000002', { primaryGridCodes: [G2], backupGridCodes: [G1] }),
      staff(4, '13800000003', { communityCode: C2, primaryGridCodes: [G3] }),
      staff(5, '13800000004', { role: 'community_staff' }),
      staff(6, '13800000005', { role: 'street_staff', communityCode: null }),
    ],
    problems: [],
  };
}

function empty(): RegisterSnapshot {
  return { streetId: STREET, streetCode: STREET_CODE, communities: [], grids: [], buildings: [], households: [], users: [] };
}

/** What an adapter does with the ops, on a snapshot (the store contract suite holds the adapters to it). */
function applied(snapshot: RegisterSnapshot, plan: RegisterPlan): RegisterSnapshot {
  const s: RegisterSnapshot = structuredClone(snapshot);
  const put = <T extends { id: string }>(list: T[], item: T) => {
    const i = list.findIndex((x) => x.id === item.id);
    if (i >= 0) list[i] = item;
    else list.push(item);
  };
  for (const op of [...plan.ops, ...plan.finalOps] as RegisterOp[]) {
    if (op.kind === 'community') put(s.communities, op.community);
    if (op.kind === 'grid') {
      const stored = s.grids.find((g) => g.id === op.grid.id);
      const next: Grid = stored
        ? { ...stored, ...op.grid, version: stored.version + 1 }
        : { ...op.grid, households: 0, primaryWorkerId: null, backupWorkerId: null, qrToken: `qr-${op.grid.id}`, version: 1, updatedAt: 't' };
      put(s.grids, next);
    }
    if (op.kind === 'building') put(s.buildings, op.building);
    if (op.kind === 'household') {
      const stored = s.households.find((h) => h.id === op.household.id);
      put(s.households, { ...op.household, hasResidents: stored?.hasResidents ?? false, hasRequests: stored?.hasRequests ?? false });
    }
    if (op.kind === 'householdToVerify') {
      const h = s.households.find((x) => x.id === op.householdId);
      if (h) h.toVerify = true;
    }
    if (op.kind === 'user') {
      const stored = s.users.find((u) => u.id === op.user.id);
      put(s.users, stored ? { ...stored, name: op.user.name, phone: op.user.phone, posts: op.user.posts } : newRegisterUser(op.user, 't'));
    }
    if (op.kind === 'gridCounters') {
      const g = s.grids.find((x) => x.id === op.gridId);
      if (g) Object.assign(g, { households: op.households, primaryWorkerId: op.primaryWorkerId, backupWorkerId: op.backupWorkerId });
    }
  }
  return s;
}

const codes = (plan: RegisterPlan) => plan.problems.map((p) => `${p.sheet}:${p.row}:${p.code}`);

describe('planRegister', () => {
  it('adds every row of a first import, in dependency order, with the grids\' workers and counters last', () => {
    const plan = planRegister(file(), empty());
    expect(plan.problems).toEqual([]);
    expect(plan.counts).toEqual({
      communities: { added: 2, changed: 0, unchanged: 0, removed: 0 },
      grids: { added: 3, changed: 0, unchanged: 0, removed: 0 },
      households: { added: 5, changed: 0, unchanged: 0, removed: 0 },
      staff: { added: 5, changed: 0, unchanged: 0, removed: 0 },
    });
    expect(plan.ops.map((o) => o.kind)).toEqual([
      'community', 'community', 'grid', 'grid', 'grid', 'user', 'user', 'user', 'user', 'user',
      'building', 'building', 'building', 'household', 'household', 'household', 'household', 'household',
    ]);
    const w1 = stableId('us', STREET, '13800000001');
    const w2 = stableId('us', STREET, '13800000002');
    const g1 = stableId('gd', STREET, G1);
    expect(plan.finalOps).toContainEqual({ kind: 'gridCounters', gridId: g1, households: 3, primaryWorkerId: w1, backupWorkerId: w2 });
    expect(plan.finalOps).toHaveLength(3);
    const users = plan.ops.filter((o): o is Extract<RegisterOp, { kind: 'user' }> => o.kind === 'user').map((o) => newRegisterUser(o.user, 't'));
    expect(users[0]).toMatchObject({ id: w1, openid: `unbound:${w1}`, phone: '13800000001', posts: [{ role: 'grid_worker', streetId: STREET, communityId: stableId('cm', STREET, C1) }] });
    expect(users[4].posts).toEqual([{ role: 'street_staff', streetId: STREET }]);
    // A 四至 that names no side is kept whole.
    const g3 = plan.ops.find((o) => o.kind === 'grid' && o.grid.code === G3);
    expect(g3).toMatchObject({ grid: { boundary: { east: '沿江一带', south: '', west: '', north: '' } } });
    // A rural building: units 1, seq 0 (no number in its name).
    expect(plan.ops.find((o) => o.kind === 'building' && o.building.name === '东村一组')).toMatchObject({ building: { units: 1, seq: 0 } });
    expect(plan.ops.find((o) => o.kind === 'building' && o.building.name === '1号楼')).toMatchObject({ building: { units: 2, seq: 1 } });
  });

  it('plans nothing for the same file twice, and the same ids both times', () => {
    const first = planRegister(file(), empty());
    expect(planRegister(file(), empty())).toEqual(first);
    const after = applied(empty(), first);
    const second = planRegister(file(), after);
    expect(second.ops).toEqual([]);
    expect(second.finalOps).toEqual([]);
    expect(second.problems).toEqual([]);
    expect(second.counts).toEqual({
      communities: { added: 0, changed: 0, unchanged: 2, removed: 0 },
      grids: { added: 0, changed: 0, unchanged: 3, removed: 0 },
      households: { added: 0, changed: 0, unchanged: 5, removed: 0 },
      staff: { added: 0, changed: 0, unchanged: 5, removed: 0 },
    });
  });

  it('plans exactly the rows a corrected file changes', () => {
    const after = applied(empty(), planRegister(file(), empty()));
    const corrected = file();
    corrected.communities[1].hotline = '027-9';
    corrected.households[1].keyGroups = ['low_income'];
    corrected.households.push(household(7, G2, '2号楼', 1, '102'));
    corrected.staff[1].name = '改名';
    const plan = planRegister(corrected, after);
    expect(plan.ops).toEqual([
      { kind: 'community', community: expect.objectContaining({ code: C2, hotline: '027-9' }) },
      { kind: 'user', user: expect.objectContaining({ phone: '13800000002', name: '改名' }) },
      { kind: 'household', household: expect.objectContaining({ room: '102', unit: 1, keyGroups: ['low_income'] }) },
      { kind: 'household', household: expect.objectContaining({ room: '102', buildingId: stableId('bd', STREET, C1, '2号楼') }) },
    ]);
    expect(plan.finalOps).toEqual([expect.objectContaining({ gridId: stableId('gd', STREET, G2), households: 2 })]);
    expect(plan.counts.households).toEqual({ added: 1, changed: 1, unchanged: 4, removed: 0 });
    expect(plan.counts.grids).toEqual({ added: 0, changed: 1, unchanged: 2, removed: 0 });
    expect(plan.counts.communities).toEqual({ added: 0, changed: 1, unchanged: 1, removed: 0 });
    expect(plan.counts.staff).toEqual({ added: 0, changed: 1, unchanged: 4, removed: 0 });
    expect(planRegister(corrected, applied(after, plan)).ops).toEqual([]);
  });

  it('keeps households the file leaves out, marks them 待核实 and lists those residents or requests depend on', () => {
    const after = applied(empty(), planRegister(file(), empty()));
    const bound = after.households.find((h) => h.room === '101' && h.unit === 1 && h.gridId === stableId('gd', STREET, G1))!;
    bound.hasResidents = true;
    const asked = after.households.find((h) => h.room === '12号')!;
    asked.hasRequests = true;
    const smaller = file();
    smaller.households = [
      ...smaller.households.filter((h) => h.room === '102' || h.room === '101' && h.unit === 2),
      household(7, G3, '东村一组', 1, '13号'),
    ];
    const plan = planRegister(smaller, after);
    expect(plan.counts.households).toEqual({ added: 1, changed: 0, unchanged: 2, removed: 3 });
    expect(plan.toVerify).toEqual(['东湖社区1号楼1单元101室', '西苑社区东村一组1单元12号室']);
    expect(plan.ops.map((o) => o.kind)).toEqual(['household', 'householdToVerify', 'householdToVerify', 'householdToVerify']);
    // Kept households still count in their grid: only the new one moves a counter.
    expect(plan.finalOps).toEqual([expect.objectContaining({ gridId: stableId('gd', STREET, G3), households: 2 })]);
    const marked = applied(after, plan);
    expect(planRegister(smaller, marked).ops).toEqual([]);
    // Back in the file: the mark is cleared (and the household only the smaller file had is now the one left out).
    const back = planRegister(file(), marked);
    expect(back.counts.households).toEqual({ added: 0, changed: 3, unchanged: 2, removed: 1 });
    expect(back.ops.filter((o) => o.kind === 'household').every((o) => o.kind === 'household' && !o.household.toVerify)).toBe(true);
  });

  it('speaks only for the communities a sheet covers: one community\'s file leaves the others\' rows and workers alone', () => {
    const after = applied(empty(), planRegister(file(), empty()));
    const eastOnly: ParsedRegister = {
      ...file(),
      communities: [],
      grids: file().grids.filter((g) => g.communityCode === C1 && g.code === G1),
      households: file().households.filter((h) => h.gridCode === G1 && h.room === '102'),
      staff: [staff(2, '13800000001', { primaryGridCodes: [G1] })],
    };
    const plan = planRegister(eastOnly, after);
    // Within 东湖: G2 is missing from the grid sheet, two of G1's households are missing, and only one person is left.
    expect(plan.counts.grids.removed).toBe(1);
    expect(plan.counts.households.removed).toBe(3);
    expect(plan.counts.staff.removed).toBe(2);
    // 西苑's household is not marked, and 西苑's grid keeps its worker; 东湖's grids follow the sheet.
    const marks = plan.ops.filter((o) => o.kind === 'householdToVerify').map((o) => (o.kind === 'householdToVerify' ? o.householdId : ''));
    const west = after.households.find((h) => h.room === '12号')!;
    expect(marks).not.toContain(west.id);
    expect(marks).toHaveLength(3);
    expect(plan.finalOps.map((o) => (o.kind === 'gridCounters' ? o.gridId : ''))).not.toContain(stableId('gd', STREET, G3));
    expect(plan.finalOps).toContainEqual(expect.objectContaining({ gridId: stableId('gd', STREET, G2), primaryWorkerId: null, backupWorkerId: null }));
  });

  it('changes nothing of a kind the file holds no rows of', () => {
    const after = applied(empty(), planRegister(file(), empty()));
    const onlyCommunities = { ...file(), grids: [], households: [], staff: [] };
    const plan = planRegister(onlyCommunities, after);
    expect(plan.ops).toEqual([]);
    expect(plan.finalOps).toEqual([]);
    expect(plan.counts.households).toEqual({ added: 0, changed: 0, unchanged: 0, removed: 0 });
    expect(plan.counts.staff.removed).toBe(0);
  });

  it('counts staff left out as removed and keeps them and their posts', () => {
    const after = applied(empty(), planRegister(file(), empty()));
    const fewer = file();
    fewer.staff = fewer.staff.filter((s) => s.mobile !== '13800000004');
    const plan = planRegister(fewer, after);
    expect(plan.counts.staff).toEqual({ added: 0, changed: 0, unchanged: 4, removed: 1 });
    expect(plan.ops).toEqual([]);
  });

  it('matches what the store holds by natural key and keeps its ids and other posts', () => {
    const admin: User = {
      id: 'admin-1', openid: 'open-admin', name: '管理员', phone: '13800000005', residence: null,
      posts: [{ role: 'street_admin', streetId: STREET }], createdAt: 't',
    };
    const snapshot = { ...empty(), communities: [{ id: 'c-old', streetId: STREET, code: C1, name: '东湖社区', hotline: '027-1', address: '东湖路1号' }], users: [admin] };
    const plan = planRegister(file(), snapshot);
    expect(plan.counts.communities).toEqual({ added: 1, changed: 0, unchanged: 1, removed: 0 });
    expect(plan.ops.find((o) => o.kind === 'grid' && o.grid.code === G1)).toMatchObject({ grid: { communityId: 'c-old' } });
    expect(plan.ops.find((o) => o.kind === 'user' && o.user.id === 'admin-1')).toMatchObject({
      user: { posts: [{ role: 'street_admin', streetId: STREET }, { role: 'street_staff', streetId: STREET }] },
    });
    expect(plan.counts.staff).toEqual({ added: 4, changed: 1, unchanged: 0, removed: 0 });
  });

  it('reports references to grids and communities neither in the file nor in the store', () => {
    const bad = file();
    bad.households.push(household(7, '420100009001099', '9号楼', 1, '101'));
    bad.grids.push({ ...bad.grids[0], origin: origin('网格', 5), code: '420100009077001', communityCode: '420100009077' });
    bad.staff.push(staff(7, '13800000009', { communityCode: '420100009088' }));
    bad.staff.push(staff(8, '13800000010', { primaryGridCodes: ['420100009001098'] }));
    const plan = planRegister(bad, empty());
    expect(codes(plan)).toEqual([
      '网格:5:IMPORT.UNKNOWN_COMMUNITY', '工作人员:7:IMPORT.UNKNOWN_COMMUNITY', '工作人员:8:IMPORT.UNKNOWN_GRID', '房屋:7:IMPORT.UNKNOWN_GRID',
    ]);
    expect(plan.problems[0]).toMatchObject({ column: '社区编码', message: expect.stringContaining('420100009077') });
    // A grid known to the store is a good reference.
    const stored = applied(empty(), planRegister(file(), empty()));
    const onlyHouseholds = { ...file(), communities: [], grids: [], staff: [] };
    expect(planRegister(onlyHouseholds, stored).problems).toEqual([]);
  });

  it('reports a grid led by two workers, a grid outside its community and a grid\'s two B角', () => {
    const bad = file();
    bad.staff.push(staff(7, '13800000011', { primaryGridCodes: [G1] }));
    bad.staff.push(staff(8, '13800000012', { backupGridCodes: [G2] }));
    bad.staff.push(staff(9, '13800000013', { primaryGridCodes: [G3] }));
    bad.grids.push({ ...bad.grids[0], origin: origin('网格', 5), code: `${C2}009`, communityCode: C1 });
    const plan = planRegister(bad, empty());
    expect(codes(plan)).toEqual([
      '网格:5:IMPORT.GRID_NOT_IN_COMMUNITY', '工作人员:7:IMPORT.GRID_TWO_LEADERS', '工作人员:8:IMPORT.GRID_TWO_BACKUPS', '工作人员:9:IMPORT.GRID_NOT_IN_COMMUNITY',
    ]);
    expect(plan.problems[1].message).toContain('第 2 行');
  });

  it('reports a grid row under the wrong community once, and the rows that name that grid once per sheet', () => {
    const bad = file();
    // 西苑第1网格 put under 东湖 by mistake: its household and its worker are held back, not reported one by one.
    bad.grids[2] = { ...bad.grids[2], communityCode: C1 };
    bad.households.push(household(7, G3, '东村一组', 1, '13号'), household(8, G3, '东村一组', 1, '14号'));
    const plan = planRegister(bad, empty());
    expect(codes(plan)).toEqual(['网格:4:IMPORT.GRID_NOT_IN_COMMUNITY', '工作人员:4:IMPORT.GRID_ROW_WRONG', '房屋:6:IMPORT.GRID_ROW_WRONG']);
    expect(plan.problems[2].message).toContain(`本表有 3 行（从第 6 行起）属于网格 ${G3}`);
    // Corrected, everything is checked again and clean.
    bad.grids[2] = file().grids[2];
    expect(planRegister(bad, empty()).problems).toEqual([]);
  });

  it('reports a mobile that belongs to a user of another street, and duplicates of every key', () => {
    const other: User = {
      id: 'u-other', openid: 'o', name: '别人', phone: '13800000003', residence: null,
      posts: [{ role: 'grid_worker', streetId: 's-other', communityId: 'cx' }], createdAt: 't',
    };
    const bad = file();
    bad.communities.push({ ...bad.communities[0], origin: origin('社区', 4) });
    bad.communities.push({ ...bad.communities[0], origin: origin('社区', 5), code: '420100008001' });
    bad.grids.push({ ...bad.grids[0], origin: origin('网格', 5) });
    bad.households.push(household(7, G1, '1号楼', 1, '101'));
    bad.households.push(household(8, G2, '1号楼', 3, '101'));
    bad.staff.push(staff(7, '13800000001', {}));
    const plan = planRegister(bad, { ...empty(), users: [other] });
    expect(codes(plan)).toEqual([
      '社区:4:IMPORT.DUPLICATE_COMMUNITY', '社区:5:IMPORT.COMMUNITY_NOT_IN_STREET', '网格:5:IMPORT.DUPLICATE_GRID', '工作人员:4:IMPORT.MOBILE_OTHER_STREET',
      '工作人员:7:IMPORT.DUPLICATE_MOBILE', '房屋:7:IMPORT.DUPLICATE_ROOM', '房屋:8:IMPORT.BUILDING_SPLIT',
    ]);
  });

  it('keeps the reader\'s problems first', () => {
    const bad = file();
    bad.problems = [{ sheet: '房屋', row: 9, column: '单元', code: 'IMPORT.UNIT_INVALID', message: '单元应为数字' }];
    expect(codes(planRegister(bad, empty()))[0]).toBe('房屋:9:IMPORT.UNIT_INVALID');
  });

  it('derives ids from the street and the key only', () => {
    expect(stableId('hh', 's1', 'a', 1)).toBe(stableId('hh', 's1', 'a', 1));
    expect(stableId('hh', 's1', 'a', 1)).not.toBe(stableId('hh', 's2', 'a', 1));
    expect(stableId('hh', 's1', 'a1', '')).not.toBe(stableId('hh', 's1', 'a', '1'));
    expect(stableId('hh', 's1', 'a')).toMatch(/^hh_[0-9a-z]{14}$/);
  });
});

/**
 * The register part of the Store contract (import snapshot, the plan's writes, import jobs, remembered
 * mappings), run by both adapters over `contractFixture()` (street st-a: communities cm-a1 001002 and
 * cm-a2 001001, grids gd-a1-1/gd-a1-2/gd-a2-1, resident r-1 bound to hh-2-1-101; street st-b beside it).
 */
import type { RegisterReport } from '@core/api/register.contract';
import { planRegister, type RegisterSnapshot } from '@core/registers/plan';
import type { ParsedRegister } from '@core/registers/register-data';
import type { ImportJob, StoreRegisterOp } from '../ports/register.port';
import type { Store } from '../ports/store.port';
import { eachTestStore, expectRefused, type StoreHarness } from './store-contract-kit';

const AT = '2026-04-01T08:00:00.000Z';
const o = (sheet: string, row: number) => ({ sheet, row });

/** A file that keeps cm-a1, changes a hotline, adds a grid with a building and two rooms, and two workers. */
export function aRegister(): ParsedRegister {
  return {
    communities: [
      { origin: o('社区', 2), code: '001002', name: '东湖社区', hotline: '0710-8000001', address: '东湖路1号' },
      { origin: o('社区', 3), code: '001001', name: '西苑社区', hotline: '0710-9999999', address: '西苑街2号' },
    ],
    grids: [
      { origin: o('网格', 2), code: '00100201', name: '网格00100201', communityCode: '001002', boundary: { east: '东湖路', south: '南山街', west: '西苑巷', north: '北辰路' }, description: '', householdTarget: null },
      { origin: o('网格', 3), code: '00100203', name: '东湖第3网格', communityCode: '001002', boundary: { east: '甲', south: '乙', west: '丙', north: '丁' }, description: '', householdTarget: null },
    ],
    households: [
      { origin: o('房屋', 2), gridCode: '00100203', building: '7号楼', unit: 1, room: '101', keyGroups: [] },
      { origin: o('房屋', 3), gridCode: '00100203', building: '7号楼', unit: 2, room: '201', keyGroups: ['disabled'] },
      { origin: o('房屋', 4), gridCode: '00100201', building: '2号楼', unit: 1, room: '102', keyGroups: [] },
    ],
    staff: [
      { origin: o('工作人员', 2), name: '新网格员', mobile: '13600000001', role: 'grid_worker', communityCode: '001002', primaryGridCodes: ['00100203'], backupGridCodes: [] },
      { origin: o('工作人员', 3), name: '郑居', mobile: '13900000001', role: 'community_staff', communityCode: '001002', primaryGridCodes: [], backupGridCodes: [] },
    ],
    problems: [],
  };
}

const MOBILES = ['13600000001', '13900000001'];

export function ops(snapshot: RegisterSnapshot, parsed = aRegister()): StoreRegisterOp[] {
  const plan = planRegister(parsed, snapshot);
  return [...plan.ops, ...plan.finalOps].map((op) => (op.kind === 'grid' ? { ...op, qrToken: `qr-new-${op.grid.id}` } : op));
}

function aJob(over: Partial<ImportJob> = {}): ImportJob {
  const report: RegisterReport = {
    fileId: 'f-1', problems: [], toVerify: [], clean: true,
    counts: { communities: { added: 0, changed: 1, unchanged: 1, removed: 0 }, grids: { added: 1, changed: 0, unchanged: 1, removed: 1 }, households: { added: 2, changed: 0, unchanged: 0, removed: 0 }, staff: { added: 2, changed: 0, unchanged: 0, removed: 0 } },
  };
  return {
    id: 'job-1', streetId: 'st-a', fileId: 'f-1', mappings: null, createdBy: 's-1', createdAt: AT, updatedAt: AT, status: 'running',
    done: 0, total: 10, report, error: null, version: 1, ...over,
  };
}

export function describeRegisterStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Register store contract: ${name}`, () => {
    let store: Store;
    eachTestStore(makeStore, (made) => {
      store = made.store;
    });

    it('snapshots one street: its places, who lives where, its staff and the holders of the mobiles asked', async () => {
      const s = await store.registers.snapshot('st-a', ['13900000001']);
      expect(s).not.toBeNull();
      expect(s!.streetCode).toBe('001');
      expect(s!.communities.map((c) => c.id).sort()).toEqual(['cm-a1', 'cm-a2']);
      expect(s!.grids.map((g) => g.id).sort()).toEqual(['gd-a1-1', 'gd-a1-2', 'gd-a2-1']);
      expect(s!.buildings.map((b) => b.id).sort()).toEqual(['bd-1', 'bd-10', 'bd-2', 'bd-x']);
      expect(s!.households).toHaveLength(8);
      expect(s!.households.filter((x) => x.hasResidents).map((x) => x.id)).toEqual(['hh-2-1-101']);
      expect(s!.households.every((x) => !x.hasRequests && x.toVerify === undefined)).toBe(true);
      expect(s!.users.map((u) => u.id).sort()).toEqual(['r-1', 's-1', 'w-qian', 'w-sun', 'w-zhao', 'w-zhou']);
      expect(await store.registers.snapshot('st-nope', [])).toBeNull();
    });

    it('writes a plan inside one transaction so that planning again finds nothing to do', async () => {
      const before = (await store.registers.snapshot('st-a', MOBILES))!;
      const written = ops(before);
      expect(written.length).toBeGreaterThan(5);
      await store.transact((tx) => tx.registers.applyOps(written, AT));
      const after = (await store.registers.snapshot('st-a', MOBILES))!;
      expect(ops(after)).toEqual([]);

      // What the rest of the store reads back.
      const newGrid = after.grids.find((g) => g.code === '00100203')!;
      expect(newGrid).toMatchObject({ communityId: 'cm-a1', households: 2, qrToken: `qr-new-${newGrid.id}`, version: 2, updatedAt: AT });
      const worker = after.users.find((u) => u.phone === '13600000001')!;
      expect(worker.openid).toBe(`unbound:${worker.id}`);
      expect(newGrid.primaryWorkerId).toBe(worker.id);
      expect((await store.users.listWorkers({ communityId: 'cm-a1' })).map((u) => u.id)).toContain(worker.id);
      // An existing user keeps their id, openid and residence and gains the post.
      const resident = (await store.users.getById('r-1'))!;
      expect(resident).toMatchObject({ openid: 'o-r-1', residence: { householdId: 'hh-2-1-101' }, posts: [{ role: 'community_staff', streetId: 'st-a', communityId: 'cm-a1' }] });
      expect((await store.users.listStaff({ role: 'community_staff', communityId: 'cm-a1' })).map((u) => u.id)).toContain('r-1');
      // The grid the file kept: its token stays, its workers follow the staff sheet, its counter its rooms.
      const kept = (await store.places.getGrid('gd-a1-1'))!;
      expect(kept).toMatchObject({ qrToken: 'qr-gd-a1-1', primaryWorkerId: null, backupWorkerId: null, households: 8, version: 4 });
      expect((await store.places.getCommunity('cm-a2'))!.hotline).toBe('0710-9999999');
      // Rooms the file left out: kept, marked 待核实; a room back in the file loses the mark.
      expect((await store.places.getHousehold('hh-2-1-101'))!.toVerify).toBe(true);
      expect((await store.places.getHousehold('hh-2-1-102'))!.toVerify).toBeUndefined();
      const building = after.buildings.find((b) => b.name === '7号楼')!;
      expect(building).toMatchObject({ gridId: newGrid.id, units: 2, seq: 7 });
      expect((await store.places.listHouseholds(building.id, 2)).map((x) => [x.room, x.keyGroups])).toEqual([['201', ['disabled']]]);
      expect((await store.places.listGridHouseholds(newGrid.id)).map((x) => x.room)).toEqual(['101', '201']);
      // The other street is untouched.
      expect((await store.registers.snapshot('st-b', []))!.grids[0]).toMatchObject({ id: 'gd-b1-1', version: 3, primaryWorkerId: 'w-li' });
    });

    it('writes nothing of a batch whose transaction fails', async () => {
      const before = (await store.registers.snapshot('st-a', MOBILES))!;
      await expect(
        store.transact(async (tx) => {
          await tx.registers.applyOps(ops(before), AT);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.registers.snapshot('st-a', MOBILES)).toEqual(before);
    });

    it('creates a job once, reads it back and updates it only from the version it read', async () => {
      await store.registers.createJob(aJob());
      expect(await store.registers.getJob('job-1')).toEqual(aJob());
      expect(await store.registers.getJob('nope')).toBeNull();
      await expectRefused(store.registers.createJob(aJob({ fileId: 'other' })));
      const [a, b] = await Promise.all([
        store.registers.updateJob(aJob({ done: 5 }), 1),
        store.registers.updateJob(aJob({ done: 7 }), 1),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const stored = (await store.registers.getJob('job-1'))!;
      expect(stored.version).toBe(2);
      expect(await store.transact((tx) => tx.registers.updateJob({ ...stored, status: 'done', done: 10 }, 2))).toBe(true);
      expect(await store.transact((tx) => tx.registers.updateJob({ ...stored, status: 'failed' }, 2))).toBe(false);
      expect(await store.registers.getJob('job-1')).toMatchObject({ status: 'done', done: 10, version: 3 });
    });

    it('remembers a mapping by street, kind and headers in any order', async () => {
      const m = { streetId: 'st-a', kind: 'households' as const, headers: ['网格', '楼栋', '房号'], columns: { gridCode: '网格', room: '房号', building: '楼栋' }, savedAt: AT };
      expect(await store.registers.getMapping('st-a', 'households', m.headers)).toBeNull();
      await store.registers.saveMapping(m);
      expect(await store.registers.getMapping('st-a', 'households', ['房号', '网格', '楼栋'])).toEqual(m);
      expect(await store.registers.getMapping('st-b', 'households', m.headers)).toBeNull();
      expect(await store.registers.getMapping('st-a', 'staff', m.headers)).toBeNull();
      await store.registers.saveMapping({ ...m, columns: { gridCode: '网格', room: null, building: '楼栋' } });
      expect((await store.registers.getMapping('st-a', 'households', m.headers))!.columns.room).toBeNull();
    });
  });
}

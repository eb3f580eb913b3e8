/**
 * Test-only register reading for the small street: files are stored as tiny zips (what an XLSX is) whose text names a
 * ParsedRegister built here (the spreadsheet reader has its own tests), so function tests exercise the
 * real store, planner and jobs with rows they control.
 */
import type { RegisterInspection, SheetMapping } from '@core/api/register.contract';
import type { HouseholdRow, ParsedRegister, RegisterReader } from '@core/registers/register-data';
import type { Harness } from './function-harness';

const C1 = '420100001001';
const C2 = '420100001002';
export const NEW_GRID = `${C1}05`;
const boundary = (n: number) => ({ east: `东${n}路`, south: `南${n}街`, west: `西${n}巷`, north: `北${n}路` });
const o = (sheet: string, row: number) => ({ sheet, row });

/** The small street as its register says, plus a fifth grid in 东湖社区 with 5号楼 (2 units × 10 rooms) and its two workers. */
export function smallStreetRegister(): ParsedRegister {
  const households: HouseholdRow[] = [];
  for (const unit of [1, 2]) {
    for (let r = 1; r <= 10; r++) households.push({ origin: o('房屋', households.length + 2), gridCode: NEW_GRID, building: '5号楼', unit, room: `${100 + r}`, keyGroups: r === 1 ? ['elderly_alone'] : [] });
  }
  return {
    communities: [
      { origin: o('社区', 2), code: C1, name: '东湖社区', hotline: '0710-8000001', address: '东湖路1号' },
      { origin: o('社区', 3), code: C2, name: '西苑社区', hotline: '0710-8000002', address: '西苑路2号' },
    ],
    grids: [
      ...[1, 2, 4].map((n, i) => ({ origin: o('网格', i + 2), code: `${C1}0${n}`, name: `东湖社区第${n}网格`, communityCode: C1, boundary: boundary(n), description: '', householdTarget: null })),
      { origin: o('网格', 5), code: `${C2}01`, name: '西苑社区第1网格', communityCode: C2, boundary: boundary(1), description: '', householdTarget: null },
      { origin: o('网格', 6), code: NEW_GRID, name: '东湖社区第5网格', communityCode: C1, boundary: boundary(5), description: '', householdTarget: 20 },
    ],
    households,
    staff: [
      { origin: o('工作人员', 2), name: '新网格员', mobile: '13700000001', role: 'grid_worker', communityCode: C1, primaryGridCodes: [NEW_GRID], backupGridCodes: [] },
      { origin: o('工作人员', 3), name: '新B角', mobile: '13700000002', role: 'grid_worker', communityCode: C1, primaryGridCodes: [], backupGridCodes: [NEW_GRID] },
    ],
    problems: [],
  };
}

export interface TestRegisterReader extends RegisterReader {
  /** What each call to `inspect` was given as remembered mappings. */
  rememberedSeen: SheetMapping[][];
}

/** Reads a file stored by `storeRegister`: its name says which register of `files` it holds. */
export function testRegisterReader(files: Map<string, ParsedRegister>): TestRegisterReader {
  const registerOf = (bytes: Uint8Array): ParsedRegister => {
    const key = Buffer.from(bytes).subarray(4).toString('utf8');
    const parsed = files.get(key);
    if (!parsed) throw new Error(`no test register ${key}`);
    return structuredClone(parsed);
  };
  const rememberedSeen: SheetMapping[][] = [];
  return {
    rememberedSeen,
    async inspect(file, remembered): Promise<Omit<RegisterInspection, 'fileId'>> {
      rememberedSeen.push(remembered);
      registerOf(file.bytes);
      const rememberedSheets = new Set(remembered.map((m) => m.sheet));
      return {
        format: 'xlsx', encoding: null,
        sheets: [{ sheet: '房屋', kind: 'households', headers: ['网格编码', '楼栋', '单元', '房号'], rows: 20, fields: [], remembered: rememberedSheets.has('房屋') }],
      };
    },
    async read(file) {
      return registerOf(file.bytes);
    },
  };
}

/** A zip's signature followed by `key`: what the test reader reads. */
export function zipNamed(key: string): Buffer {
  return Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(key)]);
}

/** Stores `parsed` as an upload of `ownerId` and returns its file id. */
export async function storeRegister(h: Harness, files: Map<string, ParsedRegister>, ownerId: string, parsed: ParsedRegister): Promise<string> {
  const key = `register-${files.size + 1}`;
  files.set(key, parsed);
  return h.upload(ownerId, zipNamed(key));
}

/** A street admin of s1 (bound: signs in as open-admin). */
export async function addStreetAdmin(h: Harness, id = 'admin', streetId = 's1'): Promise<void> {
  await h.deps.store.people.createUser({
    id, openid: `open-${id}`, name: '街道管理员', phone: '13600000000', residence: null,
    posts: [{ role: 'street_staff', streetId }, { role: 'street_admin', streetId }], createdAt: '2026-11-01T00:00:00.000Z',
  });
}

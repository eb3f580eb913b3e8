/**
 * What every store contract suite shares (store.contract.ts and the *-store.contract.ts parts): the harness an
 * adapter hands in, the fixture street, the refusal check, and the per-test fresh store.
 */
import type { ContactCard } from '@core/contact-card/contact-card';
import type { Grid, Household } from '@core/places/place';
import type { User } from '@core/people/user';
import type { OutboxRecord } from '@core/messages/message';
import { DEFAULT_REQUEST_SETTINGS } from '@core/requests/request';
import type { Store } from '../ports/store.port';
import type { StoreImport } from './store-import';

export interface StoreHarness {
  store: Store;
  /** Writes a whole street as the adapter's own import does. */
  seed(data: StoreImport): Promise<void>;
  /** Every outbox record stored, oldest first, read around the port (what the writes left). */
  outbox(): Promise<OutboxRecord[]>;
  cleanup(): Promise<void>;
}

export const AT = '2026-01-05T00:00:00.000Z';
export const LATER = '2026-02-01T09:30:00.000Z';

export function worker(id: string, name: string, streetId: string, communityId: string, extra: User['posts'] = []): User {
  return { id, openid: `o-${id}`, name, phone: null, residence: null, posts: [...extra, { role: 'grid_worker', streetId, communityId }], createdAt: AT };
}

export function grid(id: string, communityId: string, streetId: string, code: string, primary: string | null, backup: string | null): Grid {
  return {
    id, streetId, communityId, code, name: `网格${code}`, households: 10,
    boundary: { east: '东湖路', south: '南山街', west: '西苑巷', north: '北辰路' },
    primaryWorkerId: primary, backupWorkerId: backup, qrToken: `qr-${id}`, version: 3, updatedAt: AT,
  };
}

export function household(id: string, buildingId: string, gridId: string, unit: number, room: string): Household {
  return { id, streetId: 'st-a', communityId: 'cm-a1', gridId, buildingId, unit, room, keyGroups: room === '101' ? ['elderly_alone'] : [] };
}

export function card(workerId: string, photoFileId: string | null, intro = '有事请找我'): ContactCard {
  return {
    workerId, displayName: `卡${workerId}`, workPhone: '13800001234', photoFileId, intro, updatedAt: AT,
    dutyHours: [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }],
  };
}

/** A small street pair with the edge cases the rules need. Items are deliberately not in sorted order. */
/**
 * The write was refused. Not `rejects.toThrow()`: better-sqlite3 builds its errors in the realm of the
 * first test file that loaded it, so in a shared jest worker they are not `instanceof Error` here; what
 * counts is the refusal.
 */
export async function expectRefused(write: Promise<unknown>): Promise<void> {
  await expect(write).rejects.toHaveProperty('message', expect.stringMatching(/./));
}

export function contractFixture(): StoreImport {
  const resident: User = {
    id: 'r-1', openid: 'o-r-1', name: '郑居', phone: '13900000001', posts: [], createdAt: AT,
    residence: { streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-1', householdId: 'hh-2-1-101', via: 'address', boundAt: AT },
  };
  return {
    streets: [
      { id: 'st-b', code: '002', name: '乙街道', district: '青川区' },
      { id: 'st-a', code: '001', name: '甲街道', district: '青川区' },
    ],
    communities: [
      { id: 'cm-a1', streetId: 'st-a', code: '001002', name: '东湖社区', hotline: '0710-8000001', address: '东湖路1号' },
      { id: 'cm-a2', streetId: 'st-a', code: '001001', name: '西苑社区', hotline: '0710-8000002', address: '西苑街2号' },
      { id: 'cm-b1', streetId: 'st-b', code: '002001', name: '南山社区', hotline: '0710-8000003', address: '南山路3号' },
    ],
    grids: [
      grid('gd-a1-2', 'cm-a1', 'st-a', '00100202', 'w-zhao', 'w-qian'),
      grid('gd-b1-1', 'cm-b1', 'st-b', '00200101', 'w-li', null),
      grid('gd-a1-1', 'cm-a1', 'st-a', '00100201', 'w-zhao', 'w-qian'),
      grid('gd-a2-1', 'cm-a2', 'st-a', '00100101', 'w-sun', 'w-zhou'),
    ],
    buildings: [
      { id: 'bd-10', streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-1', name: '10号楼', units: 2, seq: 10 },
      { id: 'bd-2', streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-1', name: '2号楼', units: 2, seq: 2 },
      { id: 'bd-1', streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-2', name: '1号楼', units: 1, seq: 1 },
      { id: 'bd-x', streetId: 'st-a', communityId: 'cm-a2', gridId: 'gd-a2-1', name: '1号楼', units: 1, seq: 1 },
    ],
    households: [
      ...['1001', '101', '201', '90', '1002', '102'].map((room) => household(`hh-2-1-${room}`, 'bd-2', 'gd-a1-1', 1, room)),
      household('hh-2-2-101', 'bd-2', 'gd-a1-1', 2, '101'),
      household('hh-10-1-301', 'bd-10', 'gd-a1-1', 1, '301'),
    ],
    users: [
      worker('w-zhao', '赵敏', 'st-a', 'cm-a1'),
      worker('w-qian', '钱多', 'st-a', 'cm-a1'),
      worker('w-sun', '孙丽', 'st-a', 'cm-a2'),
      // Staff of cm-a1 and a worker of cm-a2: listed as a worker of cm-a2 only.
      worker('w-zhou', '周周', 'st-a', 'cm-a2', [{ role: 'community_staff', streetId: 'st-a', communityId: 'cm-a1' }]),
      worker('w-li', '李强', 'st-b', 'cm-b1'),
      { id: 's-1', openid: 'o-s-1', name: '吴街', phone: null, residence: null, posts: [{ role: 'street_staff', streetId: 'st-a' }], createdAt: AT },
      resident,
    ],
    cards: [
      card('w-zhao', 'cloud://env.bucket/uploads/w-zhao/a.jpg'),
      card('w-qian', null),
      card('w-sun', 'cloud://env.bucket/uploads/w-sun/b.png'),
      // The same file on two cards is listed once.
      card('w-li', 'cloud://env.bucket/uploads/w-zhao/a.jpg'),
    ],
    // st-a: categories out of seq order (one inactive), departments out of id order, no settings of its
    // own (defaults apply); st-b: its own settings. Calendars out of year order.
    categories: [
      { id: 'cat-hazard', streetId: 'st-a', name: '安全隐患', kind: 'hazard', responseMinutes: 8 * 60, resolutionDays: 1, active: true, seq: 2 },
      { id: 'cat-old', streetId: 'st-a', name: '已停用', kind: 'help', responseMinutes: 24 * 60, resolutionDays: 2, active: false, seq: 3 },
      { id: 'cat-env', streetId: 'st-a', name: '环境卫生', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2, active: true, seq: 1 },
      { id: 'cat-b', streetId: 'st-b', name: '意见建议', kind: 'suggestion', responseMinutes: 24 * 60, resolutionDays: 2, active: true, seq: 1 },
    ],
    departments: [
      { id: 'dep-2', streetId: 'st-a', name: '派出所', phone: '0710-8100002' },
      { id: 'dep-1', streetId: 'st-a', name: '城管执法中队', phone: '0710-8100001' },
      { id: 'dep-b', streetId: 'st-b', name: '民政办', phone: '0710-8100005' },
    ],
    requestSettings: [
      { ...structuredClone(DEFAULT_REQUEST_SETTINGS), streetId: 'st-b', confirmWindowDays: 5, rateLimits: [{ windowMinutes: 60, max: 2 }], blockedWords: ['违禁'] },
    ],
    calendars: [
      { year: 2026, holidays: ['2026-01-01'], workdays: ['2026-01-04'] },
      { year: 2025, holidays: ['2025-01-01'], workdays: [] },
    ],
  };
}

/**
 * A fresh store for every test: made, handed to `use` (the suite keeps it), seeded with `seed` (none when
 * null), and cleaned up after.
 */
export function eachTestStore(makeStore: () => Promise<StoreHarness>, use: (h: StoreHarness) => void, seed: (() => StoreImport) | null = contractFixture): void {
  let current: StoreHarness | undefined;
  beforeEach(async () => {
    current = await makeStore();
    use(current);
    if (seed) await current.seed(seed());
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
}

/**
 * A small street for function tests: two communities, three grids, one worker of each kind of scope.
 *
 *   c1 东湖社区: g1 (primary w1, backup w2), g2 (primary w2, backup w1), g4 (primary w5, backup w2)
 *   c2 西苑社区: g3 (primary w3, backup w4)
 *   residents: r1 in g1, r2 in g2, r3 in g3, r4 in g4; staff: cs1 (c1), cs2 (c2), ss (street)
 *   request categories k-env (24 working hours to respond, 2 working days to resolve) and k-hazard (8 h, 1 day);
 *   department d-city; the official working-day calendars; '测试违禁词' held for review
 */
import type { ContactCard } from '@core/contact-card/contact-card';
import type { Building, Grid, Household } from '@core/places/place';
import type { User } from '@core/people/user';
import { OFFICIAL_CALENDARS } from '@core/calendar/official-calendar';
import { DEFAULT_REQUEST_SETTINGS } from '@core/requests/request';
import type { StoreImport } from '../adapters/store-import';

const at = '2026-01-05T00:00:00.000Z';
const S = 's1';

function grid(id: string, communityId: string, n: number, primary: string, backup: string): Grid {
  return {
    id,
    streetId: S,
    communityId,
    code: `420100001${communityId === 'c1' ? '001' : '002'}0${n}`,
    name: `${communityId === 'c1' ? '东湖社区' : '西苑社区'}第${n}网格`,
    boundary: { east: `东${n}路`, south: `南${n}街`, west: `西${n}巷`, north: `北${n}路` },
    households: 8,
    primaryWorkerId: primary,
    backupWorkerId: backup,
    qrToken: `qr${id}token`,
    version: 1,
    updatedAt: at,
  };
}

const grids = [grid('g1', 'c1', 1, 'w1', 'w2'), grid('g2', 'c1', 2, 'w2', 'w1'), grid('g3', 'c2', 1, 'w3', 'w4'), grid('g4', 'c1', 4, 'w5', 'w2')];
const buildings: Building[] = grids.map((g, i) => ({ id: `b${i + 1}`, streetId: S, communityId: g.communityId, gridId: g.id, name: `${i + 1}号楼`, units: 2, seq: i + 1 }));
const households: Household[] = buildings.flatMap((b) =>
  [1, 2].flatMap((unit) =>
    ['101', '102', '201', '1001'].map((room) => ({
      id: `${b.id}u${unit}r${room}`, streetId: S, communityId: b.communityId, gridId: b.gridId, buildingId: b.id, unit, room,
      // One elderly person living alone per unit: the not-reached list puts them first.
      keyGroups: room === '1001' ? ['elderly_alone' as const] : [],
    })),
  ),
);

function person(id: string, name: string, extra: Partial<User>): User {
  return { id, openid: `open-${id}`, name, phone: null, residence: null, posts: [], createdAt: at, ...extra };
}
const worker = (id: string, name: string, communityId: string) => person(id, name, { phone: '13900000000', posts: [{ role: 'grid_worker', streetId: S, communityId }] });
const resident = (id: string, name: string, h: Household) =>
  person(id, name, {
    phone: '13912345678',
    residence: { streetId: S, communityId: h.communityId, gridId: h.gridId, householdId: h.id, via: 'address', boundAt: at },
  });

export const users: User[] = [
  worker('w1', '张伟', 'c1'),
  worker('w2', '李娜', 'c1'),
  worker('w3', '王磊', 'c2'),
  worker('w4', '赵敏', 'c2'),
  worker('w5', '何军', 'c1'),
  person('cs1', '陈静', { posts: [{ role: 'community_staff', streetId: S, communityId: 'c1' }] }),
  person('cs2', '刘洋', { posts: [{ role: 'community_staff', streetId: S, communityId: 'c2' }] }),
  person('ss', '周强', { posts: [{ role: 'street_staff', streetId: S }] }),
  resident('r1', '孙丽', households[0]),
  resident('r2', '吴刚', households[8]),
  resident('r3', '郑红', households[16]),
  resident('r4', '冯雪', households[24]),
];

const card = (workerId: string, displayName: string, workPhone: string): ContactCard => ({
  workerId,
  displayName,
  workPhone,
  photoFileId: null,
  dutyHours: [{ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' }],
  intro: `${displayName}，有事请随时联系。`,
  updatedAt: at,
});

export function smallStreet(): StoreImport {
  return structuredClone({
    streets: [{ id: S, code: '420100001', name: '银杏街道', district: '青川区' }],
    communities: [
      { id: 'c1', streetId: S, code: '420100001001', name: '东湖社区', hotline: '0710-8000001', address: '东湖路1号' },
      { id: 'c2', streetId: S, code: '420100001002', name: '西苑社区', hotline: '0710-8000002', address: '西苑路2号' },
    ],
    grids,
    buildings,
    households,
    users,
    categories: [
      { id: 'k-env', streetId: S, name: '环境卫生', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2, active: true, seq: 1 },
      { id: 'k-hazard', streetId: S, name: '安全隐患', kind: 'hazard', responseMinutes: 8 * 60, resolutionDays: 1, active: true, seq: 2 },
      { id: 'k-old', streetId: S, name: '已停用类别', kind: 'help', responseMinutes: 24 * 60, resolutionDays: 2, active: false, seq: 3 },
    ],
    departments: [{ id: 'd-city', streetId: S, name: '城管执法中队', phone: '0710-8100001' }],
    requestSettings: [{ streetId: S, ...DEFAULT_REQUEST_SETTINGS, blockedWords: ['测试违禁词'] }],
    calendars: OFFICIAL_CALENDARS,
    cards: [card('w1', '张伟', '13800000001'), card('w2', '李娜', '13800000002'), card('w3', '王磊', '13800000003'), card('w4', '赵敏', '13800000004'), card('w5', '何军', '13800000005')],
  });
}

export const household = (gridId: string): Household => households.find((h) => h.gridId === gridId)!;
export const buildingOf = (gridId: string): Building => buildings.find((b) => b.gridId === gridId)!;

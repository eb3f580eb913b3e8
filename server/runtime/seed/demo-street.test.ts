import { INTRO_MAX } from '@core/contact-card/contact-card';
import { MOBILE_PATTERN, PHONE_PATTERN } from '@core/people/phone';
import { OFFICIAL_CALENDARS } from '@core/calendar/official-calendar';
import { DEFAULT_REQUEST_SETTINGS } from '@core/requests/request';
import { isBound } from '@core/people/user';
import { DEMO_NEWCOMER_GRID_ID, DEMO_NEWCOMER_ID, generateDemoStreet } from './demo-street';

describe('the demo street', () => {
  const data = generateDemoStreet();
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const users = byId(data.users);
  const grids = byId(data.grids);

  it('is generated the same every time', () => {
    expect(generateDemoStreet()).toEqual(data);
  });

  it('has one street, 5 communities with hotlines, 48 grids and 36 grid workers', () => {
    expect(data.streets).toHaveLength(1);
    expect(data.streets[0]).toMatchObject({ name: '银杏街道', district: '青川区' });
    expect(data.communities.map((c) => c.name)).toEqual(['东湖社区', '西苑社区', '南山社区', '北辰社区', '中和社区']);
    for (const c of data.communities) expect(c.hotline).toMatch(PHONE_PATTERN);
    expect(data.grids).toHaveLength(48);
    const workers = data.users.filter((u) => isBound(u) && u.posts.some((p) => p.role === 'grid_worker'));
    expect(workers).toHaveLength(36);
    expect(data.users.filter((u) => u.posts.some((p) => p.role === 'community_staff'))).toHaveLength(10);
    expect(data.users.filter((u) => u.posts.some((p) => p.role === 'street_staff'))).toHaveLength(2);
  });

  it('has about 15,000 households, and each grid counts its own', () => {
    console.log(`demo street: ${data.households.length} households, ${data.buildings.length} buildings`);
    expect(data.households.length).toBeGreaterThanOrEqual(14000);
    expect(data.households.length).toBeLessThanOrEqual(16000);
    const perGrid = new Map<string, number>();
    for (const h of data.households) perGrid.set(h.gridId, (perGrid.get(h.gridId) ?? 0) + 1);
    for (const g of data.grids) expect(perGrid.get(g.id)).toBe(g.households);
  });

  it('gives 24 workers one grid and 12 two grids of their own community', () => {
    const led = new Map<string, string[]>();
    for (const g of data.grids) led.set(g.primaryWorkerId!, [...(led.get(g.primaryWorkerId!) ?? []), g.id]);
    const counts = [...led.values()].map((l) => l.length);
    expect(counts.filter((n) => n === 1)).toHaveLength(24);
    expect(counts.filter((n) => n === 2)).toHaveLength(12);
    for (const [workerId, gridIds] of led) {
      const post = users.get(workerId)!.posts.find((p) => p.role === 'grid_worker')!;
      for (const id of gridIds) expect(grids.get(id)!.communityId).toBe('communityId' in post ? post.communityId : null);
    }
  });

  it('gives every grid a backup worker who is another worker of the same community', () => {
    for (const g of data.grids) {
      expect(g.primaryWorkerId).not.toBeNull();
      expect(g.backupWorkerId).not.toBeNull();
      expect(g.backupWorkerId).not.toBe(g.primaryWorkerId);
      for (const id of [g.primaryWorkerId!, g.backupWorkerId!]) {
        expect(users.get(id)!.posts).toContainEqual({ role: 'grid_worker', streetId: g.streetId, communityId: g.communityId });
      }
    }
  });

  it('names and codes grids by community and sequence, with a boundary on every side', () => {
    const codes = new Set(data.grids.map((g) => g.code));
    expect(codes.size).toBe(48);
    const tokens = new Set(data.grids.map((g) => g.qrToken));
    expect(tokens.size).toBe(48);
    for (const g of data.grids) {
      const community = data.communities.find((c) => c.id === g.communityId)!;
      expect(g.code).toMatch(new RegExp(`^${community.code}\\d{2}$`));
      expect(g.name).toMatch(new RegExp(`^${community.name}第\\d+网格$`));
      for (const side of [g.boundary.east, g.boundary.south, g.boundary.west, g.boundary.north]) expect(side).toMatch(/^[\u4e00-\u9fa5]{2,8}$/);
      expect(g.boundary.east).not.toBe(g.boundary.west);
    }
    expect(data.grids.find((g) => g.code.endsWith('03') && g.communityId === 'community-1')?.name).toBe('东湖社区第3网格');
  });

  it('puts every building in exactly one grid of its community, 6 to 14 per grid, and every household in a building of its grid', () => {
    const buildings = byId(data.buildings);
    expect(buildings.size).toBe(data.buildings.length);
    const perGrid = new Map<string, number>();
    for (const b of data.buildings) {
      const g = grids.get(b.gridId)!;
      expect(g.communityId).toBe(b.communityId);
      perGrid.set(b.gridId, (perGrid.get(b.gridId) ?? 0) + 1);
      expect(b.units).toBeGreaterThanOrEqual(2);
      expect(b.units).toBeLessThanOrEqual(4);
    }
    for (const n of perGrid.values()) {
      expect(n).toBeGreaterThanOrEqual(6);
      expect(n).toBeLessThanOrEqual(14);
    }
    expect(new Set(data.households.map((h) => h.id)).size).toBe(data.households.length);
    for (const h of data.households) {
      const b = buildings.get(h.buildingId)!;
      expect(h.gridId).toBe(b.gridId);
      expect(h.unit).toBeLessThanOrEqual(b.units);
      expect(h.room).toMatch(/^([1-9]|1[0-8])0[1-4]$/);
    }
  });

  it('gives each worker a card with a work phone in the demo range, duty hours and a short intro', () => {
    const workerIds = data.users.filter((u) => isBound(u) && u.posts.some((p) => p.role === 'grid_worker')).map((u) => u.id);
    expect(data.cards.map((c) => c.workerId).sort()).toEqual([...workerIds].sort());
    expect(new Set(data.cards.map((c) => c.workPhone)).size).toBe(36);
    for (const c of data.cards) {
      expect(c.workPhone).toMatch(/^13800\d{6}$/);
      expect(c.photoFileId).toBeNull();
      expect(c.dutyHours[0]).toEqual({ days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30' });
      expect(c.intro.length).toBeGreaterThan(0);
      expect(c.intro.length).toBeLessThanOrEqual(INTRO_MAX);
      expect(c.displayName).toBe(users.get(c.workerId)!.name);
    }
    const saturday = data.cards.filter((c) => c.dutyHours.some((s) => s.days.includes(6)));
    expect(saturday.length).toBeGreaterThan(0);
    expect(saturday.length).toBeLessThan(36);
  });

  it('binds about four residents per grid to real households of that grid, by address', () => {
    const residents = data.users.filter((u) => u.residence);
    expect(residents).toHaveLength(192);
    const households = byId(data.households);
    for (const r of residents) {
      const home = households.get(r.residence!.householdId!)!;
      expect(home.gridId).toBe(r.residence!.gridId);
      expect(r.residence!.communityId).toBe(home.communityId);
      expect(r.residence!.via).toBe('address');
      expect(r.phone).toMatch(/^139000\d{5}$/);
      expect(r.phone).toMatch(MOBILE_PATTERN);
    }
  });

  it('configures requests: seven categories with deadlines, five departments, settings with a blocked word, the official calendars', () => {
    expect(data.categories.map((c) => c.name)).toEqual(['矛盾纠纷', '安全隐患', '环境卫生', '设施报修', '困难求助', '噪音扰民', '意见建议']);
    expect(data.categories.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const c of data.categories) {
      expect(c.streetId).toBe('street-1');
      expect(c.active).toBe(true);
      expect([c.name, c.responseMinutes, c.resolutionDays]).toEqual(c.kind === 'hazard' ? [c.name, 480, 1] : [c.name, 1440, 2]);
    }
    expect(new Set(data.categories.map((c) => c.kind))).toEqual(new Set(['dispute', 'hazard', 'complaint', 'help', 'suggestion']));
    expect(data.departments.map((d) => d.name)).toEqual(['城管执法中队', '派出所', '物业服务中心', '市政设施维护所', '民政办']);
    for (const d of data.departments) expect(d.phone).toMatch(PHONE_PATTERN);
    expect(data.requestSettings).toEqual([{ ...DEFAULT_REQUEST_SETTINGS, streetId: 'street-1', blockedWords: ['测试违禁词'] }]);
    expect(data.calendars).toEqual(OFFICIAL_CALENDARS);
  });

  it('uses readable demo openids and made-up but natural names', () => {
    const openids = data.users.map((u) => u.openid);
    expect(new Set(openids).size).toBe(openids.length);
    expect(openids).toEqual(expect.arrayContaining(['demo-street-1', 'demo-community-1-1', 'demo-community-5-2', 'demo-worker-1', 'demo-worker-36', 'demo-resident-1', 'demo-resident-192']));
    for (const u of data.users) {
      expect(u.name).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      expect(u.createdAt).toBe('2026-01-05T00:00:00.000Z');
    }
  });

  it('has a street admin and one register person without a WeChat identity who backs up one grid', () => {
    expect(users.get('user-street-1')!.posts).toContainEqual({ role: 'street_admin', streetId: 'street-1' });
    const newcomer = users.get(DEMO_NEWCOMER_ID)!;
    expect(isBound(newcomer)).toBe(false);
    expect(newcomer.phone).toMatch(MOBILE_PATTERN);
    expect(newcomer.posts).toEqual([{ role: 'grid_worker', streetId: 'street-1', communityId: 'community-1' }]);
    expect(grids.get(DEMO_NEWCOMER_GRID_ID)!.backupWorkerId).toBe(DEMO_NEWCOMER_ID);
  });
});

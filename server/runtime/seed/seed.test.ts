import { openEmbeddedStore } from '../../adapters/embedded/embedded-store';
import { generateDemoStreet } from './demo-street';
import { seedIfEmpty } from './seed';

describe('seedIfEmpty', () => {
  it('fills an empty database with the demo street once; the second run is a no-op', async () => {
    const store = openEmbeddedStore(':memory:');
    const started = Date.now();
    expect(seedIfEmpty(store)).toEqual({ seeded: true });
    const took = Date.now() - started;
    const data = generateDemoStreet();
    expect(store.countUsers()).toBe(data.users.length);
    expect(seedIfEmpty(store)).toEqual({ seeded: false });
    expect(store.countUsers()).toBe(data.users.length);
    expect(took).toBeLessThan(5000);

    const grids = await store.places.listGrids({ streetId: 'street-1' });
    expect(grids).toHaveLength(48);
    // 7 bound workers and the unbound newcomer of the register (waiting for an invitation).
    expect((await store.users.listWorkers({ communityId: 'community-1' })).length).toBe(8);
    const g = grids[0];
    let counted = 0;
    for (const b of await store.places.listBuildings({ gridId: g.id })) {
      for (let unit = 1; unit <= b.units; unit++) counted += (await store.places.listHouseholds(b.id, unit)).length;
    }
    expect(counted).toBe(g.households);
    expect((await store.requestConfig.categories('street-1')).map((c) => c.name)).toEqual(data.categories.map((c) => c.name));
    expect(await store.requestConfig.departments('street-1')).toHaveLength(5);
    expect((await store.requestConfig.settings('street-1')).blockedWords).toEqual(['测试违禁词']);
    expect((await store.requestConfig.calendars()).map((y) => y.year)).toEqual([2025, 2026]);
    expect(await store.requests.count({ streetId: 'street-1' })).toBe(0);
    const people = await store.listPeople({ limit: 3, offset: 0 });
    expect(people.people.map((p) => p.openid)).toEqual(['demo-street-1', 'demo-street-2', 'demo-community-1-1']);
    expect(people.people[2].where).toBe('东湖社区');
    await store.close();
  });

  it('leaves a database that already has a user alone', async () => {
    const store = openEmbeddedStore(':memory:');
    await store.users.ensure({ id: 'u1', openid: 'o1', name: '微信用户', phone: null, residence: null, posts: [], createdAt: '2026-01-01T00:00:00.000Z' });
    expect(seedIfEmpty(store)).toEqual({ seeded: false });
    expect(await store.places.listStreets()).toEqual([]);
    await store.close();
  });
});

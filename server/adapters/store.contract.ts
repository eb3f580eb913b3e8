/**
 * The Store contract: one suite every adapter must pass (embedded-store.test.ts, cloudbase-store.test.ts),
 * so the local runtime and production behave alike. Each rule the port documents has a test here.
 */
import type { ContactCard } from '@core/contact-card/contact-card';
import type { Household } from '@core/places/place';
import type { Residence, User } from '@core/people/user';
import type { AuditEntry, Store } from '../ports/store.port';
import { describeNoticeContract } from './notice-store.contract';
import { describeDeliveryContract } from './delivery-store.contract';
import { describeRequestContract } from './request-store.contract';
import { describeBindingContract } from './binding-store.contract';
import { describeAssessmentContract } from './assessment-store.contract';
import { emptyImport, TransactionQueryError, type StoreImport } from './store-import';
import { AT, card, contractFixture, eachTestStore, expectRefused, grid, household, LATER, worker, type StoreHarness } from './store-contract-kit';

export type { StoreHarness } from './store-contract-kit';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** More than CloudBase returns in one query (1000), and more than its default page (100). */
export function pagingFixture(): StoreImport {
  const street = { id: 'st-p', code: '009', name: '分页街道', district: '青川区' };
  const community = { id: 'cm-p', streetId: 'st-p', code: '009001', name: '分页社区', hotline: '0710-8000009', address: '分页路9号' };
  const grids = Array.from({ length: 130 }, (_, i) => grid(`gd-p-${pad(i, 3)}`, 'cm-p', 'st-p', `P${pad(i, 3)}`, null, null)).reverse();
  const rooms: string[] = [];
  for (let floor = 1; floor <= 35; floor++) for (let n = 1; n <= 30; n++) rooms.push(`${floor}${pad(n, 2)}`);
  const households = rooms
    .map((room): Household => ({ id: `hh-p-${room}`, streetId: 'st-p', communityId: 'cm-p', gridId: 'gd-p-000', buildingId: 'bd-p', unit: 1, room, keyGroups: [] }))
    .reverse();
  const workers = Array.from({ length: 120 }, (_, i) => worker(`wp-${pad(i, 3)}`, `员${pad(i, 3)}`, 'st-p', 'cm-p')).reverse();
  // 1001 residents, one per household: one more than a CloudBase query returns.
  const residents = rooms.slice(0, 1001).map((room, i): User => ({
    id: `rp-${pad(i, 4)}`, openid: `o-rp-${pad(i, 4)}`, name: `居民${pad(i, 4)}`, phone: null, posts: [], createdAt: AT,
    residence: { streetId: 'st-p', communityId: 'cm-p', gridId: 'gd-p-000', householdId: `hh-p-${room}`, via: 'address', boundAt: AT },
  })).reverse();
  const users = [...workers, ...residents];
  const cards = Array.from({ length: 1150 }, (_, i) => card(`cw-${pad(i, 4)}`, `cloud://env.bucket/uploads/cw-${pad(i, 4)}/p.jpg`));
  return {
    ...emptyImport(),
    streets: [street],
    communities: [community],
    grids,
    buildings: [{ id: 'bd-p', streetId: 'st-p', communityId: 'cm-p', gridId: 'gd-p-000', name: '1号楼', units: 1, seq: 1 }],
    households,
    users,
    cards,
  };
}

function auditEntry(id: string, at: string, targetId = 'w-zhao'): AuditEntry {
  return { id, at, actorId: 's-1', action: 'card.reveal_phone', targetType: 'user', targetId, detail: { reason: '核实身份', fields: ['phone'] } };
}

const ids = <T extends { id: string }>(items: T[]) => items.map((i) => i.id);

export function describeStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;
    const fixture = contractFixture();

    eachTestStore(makeStore, (made) => {
      h = made;
      store = made.store;
    });

    describe('places', () => {
      it('gets each place by id as stored, and null for an unknown id', async () => {
        expect(await store.places.getStreet('st-a')).toEqual(fixture.streets[1]);
        expect(await store.places.getCommunity('cm-a2')).toEqual(fixture.communities[1]);
        expect(await store.places.getGrid('gd-a1-1')).toEqual(fixture.grids[2]);
        expect(await store.places.getBuilding('bd-2')).toEqual(fixture.buildings[1]);
        expect(await store.places.getHousehold('hh-2-1-90')).toEqual(household('hh-2-1-90', 'bd-2', 'gd-a1-1', 1, '90'));
        expect(await store.places.getStreet('nope')).toBeNull();
        expect(await store.places.getCommunity('nope')).toBeNull();
        expect(await store.places.getGrid('nope')).toBeNull();
        expect(await store.places.getBuilding('nope')).toBeNull();
        expect(await store.places.getHousehold('nope')).toBeNull();
      });

      it('lists streets and communities ordered by code, communities filtered by street', async () => {
        expect(ids(await store.places.listStreets())).toEqual(['st-a', 'st-b']);
        expect(ids(await store.places.listCommunities())).toEqual(['cm-a2', 'cm-a1', 'cm-b1']);
        expect(ids(await store.places.listCommunities('st-a'))).toEqual(['cm-a2', 'cm-a1']);
        expect(await store.places.listCommunities('st-none')).toEqual([]);
      });

      it('getGrids answers in the order asked, each once, skipping unknown ids', async () => {
        expect(await store.places.getGrids(['gd-a2-1', 'nope', 'gd-a1-1', 'gd-a2-1'])).toEqual([fixture.grids[3], fixture.grids[2]]);
        expect(await store.places.getGrids([])).toEqual([]);
      });

      it('finds a grid by its QR token', async () => {
        expect((await store.places.getGridByQrToken('qr-gd-a1-2'))?.id).toBe('gd-a1-2');
        expect(await store.places.getGridByQrToken('qr-unknown')).toBeNull();
      });

      it('lists grids ordered by code; street, community and worker (primary or backup) filters combine with AND', async () => {
        expect(ids(await store.places.listGrids({}))).toEqual(['gd-a2-1', 'gd-a1-1', 'gd-a1-2', 'gd-b1-1']);
        expect(ids(await store.places.listGrids({ streetId: 'st-a' }))).toEqual(['gd-a2-1', 'gd-a1-1', 'gd-a1-2']);
        expect(ids(await store.places.listGrids({ communityId: 'cm-a1' }))).toEqual(['gd-a1-1', 'gd-a1-2']);
        expect(ids(await store.places.listGrids({ workerId: 'w-zhao' }))).toEqual(['gd-a1-1', 'gd-a1-2']);
        expect(ids(await store.places.listGrids({ workerId: 'w-qian' }))).toEqual(['gd-a1-1', 'gd-a1-2']);
        expect(ids(await store.places.listGrids({ workerId: 'w-zhou' }))).toEqual(['gd-a2-1']);
        expect(ids(await store.places.listGrids({ streetId: 'st-b', workerId: 'w-li' }))).toEqual(['gd-b1-1']);
        expect(await store.places.listGrids({ communityId: 'cm-a1', workerId: 'w-sun' })).toEqual([]);
        expect(await store.places.listGrids({ streetId: 'st-b', communityId: 'cm-a1' })).toEqual([]);
        expect(await store.places.listGrids({ workerId: 'nobody' })).toEqual([]);
      });

      it('lists buildings ordered by seq (2 before 10), by community or grid', async () => {
        expect(ids(await store.places.listBuildings({ communityId: 'cm-a1' }))).toEqual(['bd-1', 'bd-2', 'bd-10']);
        expect(ids(await store.places.listBuildings({ gridId: 'gd-a1-1' }))).toEqual(['bd-2', 'bd-10']);
        expect(ids(await store.places.listBuildings({ communityId: 'cm-a2', gridId: 'gd-a1-1' }))).toEqual([]);
      });

      it('lists the households of one unit ordered by room, numeric-aware ("90" < "101" < "1001")', async () => {
        const rooms = (await store.places.listHouseholds('bd-2', 1)).map((x) => x.room);
        expect(rooms).toEqual(['90', '101', '102', '201', '1001', '1002']);
        expect(await store.places.listHouseholds('bd-2', 2)).toEqual([household('hh-2-2-101', 'bd-2', 'gd-a1-1', 2, '101')]);
        expect(await store.places.listHouseholds('bd-2', 3)).toEqual([]);
      });

      it('returns copies: changing a returned place changes nothing stored', async () => {
        const g = (await store.places.getGrid('gd-a1-1'))!;
        g.boundary.east = '改过的路';
        g.version = 99;
        const listed = await store.places.listGrids({ communityId: 'cm-a1' });
        listed[0].boundary.north = '也改过';
        const h1 = (await store.places.listHouseholds('bd-2', 1))[0];
        h1.room = '0';
        expect(await store.places.getGrid('gd-a1-1')).toEqual(fixture.grids[2]);
        expect((await store.places.listHouseholds('bd-2', 1))[0].room).toBe('90');
      });
    });

    describe('assignWorkers', () => {
      it('sets primary and backup, bumps the version and stamps the time when the version matches', async () => {
        const updated = await store.places.assignWorkers('gd-a1-1', { primaryWorkerId: 'w-qian', backupWorkerId: 'w-zhao' }, 3, LATER);
        expect(updated).toEqual({ ...fixture.grids[2], primaryWorkerId: 'w-qian', backupWorkerId: 'w-zhao', version: 4, updatedAt: LATER });
        expect(await store.places.getGrid('gd-a1-1')).toEqual(updated);
        expect(ids(await store.places.listGrids({ workerId: 'w-qian' }))).toEqual(['gd-a1-1', 'gd-a1-2']);
      });

      it('can clear both posts', async () => {
        const updated = await store.places.assignWorkers('gd-a1-2', { primaryWorkerId: null, backupWorkerId: null }, 3, LATER);
        expect(updated).toMatchObject({ primaryWorkerId: null, backupWorkerId: null, version: 4 });
        expect(ids(await store.places.listGrids({ workerId: 'w-zhao' }))).toEqual(['gd-a1-1']);
      });

      it('returns null and changes nothing when the version moved or the grid is unknown', async () => {
        expect(await store.places.assignWorkers('gd-a1-1', { primaryWorkerId: 'w-sun', backupWorkerId: null }, 2, LATER)).toBeNull();
        expect(await store.places.assignWorkers('gd-none', { primaryWorkerId: 'w-sun', backupWorkerId: null }, 3, LATER)).toBeNull();
        expect(await store.places.getGrid('gd-a1-1')).toEqual(fixture.grids[2]);
      });

      it('lets exactly one of two concurrent writers with the same version win', async () => {
        const [a, b] = await Promise.all([
          store.places.assignWorkers('gd-a1-1', { primaryWorkerId: 'w-sun', backupWorkerId: null }, 3, LATER),
          store.places.assignWorkers('gd-a1-1', { primaryWorkerId: 'w-li', backupWorkerId: null }, 3, LATER),
        ]);
        expect([a, b].filter((x) => x !== null)).toHaveLength(1);
        const winner = (a ?? b)!;
        expect(await store.places.getGrid('gd-a1-1')).toEqual(winner);
        expect(winner.version).toBe(4);
      });
    });

    describe('users', () => {
      it('gets a user by id and by openid, with posts and residence as stored', async () => {
        const resident = fixture.users[6];
        expect(await store.users.getById('r-1')).toEqual(resident);
        expect(await store.users.findByOpenid('o-r-1')).toEqual(resident);
        expect(await store.users.findByOpenid('o-w-zhou')).toEqual(fixture.users[3]);
        expect(await store.users.getById('nobody')).toBeNull();
        expect(await store.users.findByOpenid('o-nobody')).toBeNull();
      });

      it('findCaller reads the user with the grids they work in: primary, then backup only, each by code', async () => {
        expect(await store.users.findCaller('o-w-zhao')).toEqual({ user: fixture.users[0], primaryGridIds: ['gd-a1-1', 'gd-a1-2'], backupGridIds: [] });
        expect(await store.users.findCaller('o-w-qian')).toEqual({ user: fixture.users[1], primaryGridIds: [], backupGridIds: ['gd-a1-1', 'gd-a1-2'] });
        // Staff of one community and a backup worker of another.
        expect(await store.users.findCaller('o-w-zhou')).toEqual({ user: fixture.users[3], primaryGridIds: [], backupGridIds: ['gd-a2-1'] });
        expect(await store.users.findCaller('o-r-1')).toEqual({ user: fixture.users[6], primaryGridIds: [], backupGridIds: [] });
        expect(await store.users.findCaller('o-nobody')).toBeNull();
      });

      it('findCaller sees a reassignment at once, and lists no grids for a user without a grid_worker post', async () => {
        await store.places.assignWorkers('gd-a1-2', { primaryWorkerId: 'w-qian', backupWorkerId: 'w-qian' }, 3, LATER);
        expect(await store.users.findCaller('o-w-zhao')).toMatchObject({ primaryGridIds: ['gd-a1-1'], backupGridIds: [] });
        // Primary and backup of the same grid: it counts as primary.
        expect(await store.users.findCaller('o-w-qian')).toMatchObject({ primaryGridIds: ['gd-a1-2'], backupGridIds: ['gd-a1-1'] });
        // s-1 holds only a street_staff post: naming them on a grid makes them no grid worker.
        await store.places.assignWorkers('gd-a2-1', { primaryWorkerId: 's-1', backupWorkerId: null }, 3, LATER);
        expect(await store.users.findCaller('o-s-1')).toEqual({ user: fixture.users[5], primaryGridIds: [], backupGridIds: [] });
      });

      it('ensure creates a new user and is idempotent by openid', async () => {
        const fresh: User = { id: 'u-new', openid: 'o-new', name: '微信用户', phone: null, residence: null, posts: [], createdAt: LATER };
        expect(await store.users.ensure(fresh)).toEqual(fresh);
        expect(await store.users.getById('u-new')).toEqual(fresh);
        const again = await store.users.ensure({ ...fresh, id: 'u-other', name: '别人' });
        expect(again).toEqual(fresh);
        expect(await store.users.getById('u-other')).toBeNull();
        expect(await store.users.ensure({ ...fixture.users[0], id: 'u-third', name: '冒名' })).toEqual(fixture.users[0]);
      });

      it('ensure run twice at once for one openid keeps one user', async () => {
        const base: User = { id: 'u-1', openid: 'o-race', name: '微信用户', phone: null, residence: null, posts: [], createdAt: LATER };
        const [a, b] = await Promise.all([store.users.ensure(base), store.users.ensure({ ...base, id: 'u-2' })]);
        expect(a.id).toBe(b.id);
        expect(await store.users.getMany(['u-1', 'u-2'])).toHaveLength(1);
      });

      it('setResidence replaces the whole residence, and null clears it', async () => {
        const qr: Residence = { streetId: 'st-a', communityId: 'cm-a2', gridId: 'gd-a2-1', householdId: null, via: 'qr', boundAt: LATER };
        await store.users.setResidence('r-1', qr);
        expect((await store.users.getById('r-1'))?.residence).toEqual(qr);
        await store.users.setResidence('w-sun', { ...qr, householdId: 'hh-x' });
        expect((await store.users.getById('w-sun'))?.residence).toEqual({ ...qr, householdId: 'hh-x' });
        expect((await store.users.getById('w-sun'))?.posts).toEqual(fixture.users[2].posts);
        await store.users.setResidence('r-1', null);
        expect(await store.users.getById('r-1')).toEqual({ ...fixture.users[6], residence: null });
      });

      it('lists grid workers ordered by name; a post must match street and community together', async () => {
        const names = async (f: { streetId?: string; communityId?: string }) => (await store.users.listWorkers(f)).map((u) => u.name);
        expect(await names({})).toEqual(['周周', '孙丽', '李强', '赵敏', '钱多']);
        expect(await names({ communityId: 'cm-a1' })).toEqual(['赵敏', '钱多']);
        expect(await names({ communityId: 'cm-a2' })).toEqual(['周周', '孙丽']);
        expect(await names({ streetId: 'st-a' })).toEqual(['周周', '孙丽', '赵敏', '钱多']);
        expect(await names({ streetId: 'st-a', communityId: 'cm-a2' })).toEqual(['周周', '孙丽']);
        expect(await names({ streetId: 'st-b', communityId: 'cm-a1' })).toEqual([]);
        expect((await store.users.listWorkers({ streetId: 'st-b' }))[0]).toEqual(fixture.users[4]);
      });

      it("lists a community's or a street's staff by their posts, ordered by name", async () => {
        const names = async (post: Parameters<Store['users']['listStaff']>[0]) => (await store.users.listStaff(post)).map((u) => u.id);
        // w-zhou works grids of cm-a2 and is staff of cm-a1: staff of cm-a1 only.
        expect(await names({ role: 'community_staff', communityId: 'cm-a1' })).toEqual(['w-zhou']);
        expect(await names({ role: 'community_staff', communityId: 'cm-a2' })).toEqual([]);
        expect(await names({ role: 'street_staff', streetId: 'st-a' })).toEqual(['s-1']);
        expect(await names({ role: 'street_staff', streetId: 'st-b' })).toEqual([]);
        expect((await store.users.listStaff({ role: 'street_staff', streetId: 'st-a' }))[0]).toEqual(fixture.users[5]);
      });

      it('getMany answers in the order asked, each once, skipping unknown ids', async () => {
        expect(ids(await store.users.getMany(['w-sun', 'nobody', 'r-1', 'w-sun']))).toEqual(['w-sun', 'r-1']);
        expect(await store.users.getMany([])).toEqual([]);
      });

      it('returns copies: changing a returned user changes nothing stored', async () => {
        const u = (await store.users.getById('w-zhou'))!;
        u.posts.push({ role: 'street_staff', streetId: 'st-a' });
        u.posts[0].streetId = 'st-b';
        const r = (await store.users.findByOpenid('o-r-1'))!;
        r.residence!.gridId = 'gd-b1-1';
        expect(await store.users.getById('w-zhou')).toEqual(fixture.users[3]);
        expect(await store.users.getById('r-1')).toEqual(fixture.users[6]);
      });

      it('keeps what was written, not the caller\'s object', async () => {
        const fresh: User = { id: 'u-new', openid: 'o-new', name: '微信用户', phone: null, residence: null, posts: [], createdAt: LATER };
        await store.users.ensure(fresh);
        fresh.name = '改了';
        expect((await store.users.getById('u-new'))?.name).toBe('微信用户');
      });
    });

    describe('cards', () => {
      it('gets, saves (replacing) and getMany in the order asked', async () => {
        expect(await store.cards.get('w-zhao')).toEqual(fixture.cards[0]);
        expect(await store.cards.get('w-zhou')).toBeNull();
        const edited: ContactCard = {
          ...card('w-zhao', null, '新的介绍'), workPhone: '13800009999', updatedAt: LATER,
          dutyHours: [{ days: [6], start: '09:00', end: '12:00' }],
        };
        await store.cards.save(edited);
        expect(await store.cards.get('w-zhao')).toEqual(edited);
        await store.cards.save(card('w-zhou', null));
        expect((await store.cards.getMany(['w-zhou', 'nobody', 'w-sun', 'w-zhou'])).map((c) => c.workerId)).toEqual(['w-zhou', 'w-sun']);
      });

      it('lists each referenced photo file once', async () => {
        expect((await store.cards.listPhotoFileIds()).sort()).toEqual(['cloud://env.bucket/uploads/w-sun/b.png', 'cloud://env.bucket/uploads/w-zhao/a.jpg']);
        await store.cards.save(card('w-zhao', null));
        await store.cards.save(card('w-li', null));
        expect(await store.cards.listPhotoFileIds()).toEqual(['cloud://env.bucket/uploads/w-sun/b.png']);
      });

      it('returns copies and keeps what was saved, not the caller\'s object', async () => {
        const c = (await store.cards.get('w-sun'))!;
        c.dutyHours[0].days.push(6);
        const saved = card('w-zhou', null);
        await store.cards.save(saved);
        saved.dutyHours[0].start = '00:00';
        expect(await store.cards.get('w-sun')).toEqual(fixture.cards[2]);
        expect((await store.cards.get('w-zhou'))?.dutyHours[0].start).toBe('08:30');
      });
    });

    describe('audit', () => {
      it('lists a target\'s entries newest first, up to the limit', async () => {
        await store.audit.append(auditEntry('a1', '2026-01-05T01:00:00.000Z'));
        await store.audit.append(auditEntry('a2', '2026-01-05T03:00:00.000Z'));
        await store.audit.append(auditEntry('a3', '2026-01-05T02:00:00.000Z'));
        await store.audit.append(auditEntry('a4', '2026-01-05T04:00:00.000Z', 'w-qian'));
        expect(ids(await store.audit.listFor('user', 'w-zhao', 10))).toEqual(['a2', 'a3', 'a1']);
        expect(ids(await store.audit.listFor('user', 'w-zhao', 2))).toEqual(['a2', 'a3']);
        expect(await store.audit.listFor('user', 'w-qian', 10)).toEqual([auditEntry('a4', '2026-01-05T04:00:00.000Z', 'w-qian')]);
        expect(await store.audit.listFor('grid', 'w-zhao', 10)).toEqual([]);
      });

      it('is append-only: a second entry with the same id is refused', async () => {
        await store.audit.append(auditEntry('a1', '2026-01-05T01:00:00.000Z'));
        await expectRefused(store.audit.append({ ...auditEntry('a1', '2026-01-06T01:00:00.000Z'), action: 'other' }));
        expect(await store.audit.listFor('user', 'w-zhao', 10)).toEqual([auditEntry('a1', '2026-01-05T01:00:00.000Z')]);
      });
    });

    describe('transact', () => {
      const newCard = () => card('w-zhou', 'cloud://env.bucket/uploads/w-zhou/c.jpg');

      it('commits all of its writes and returns what the work returns', async () => {
        const result = await store.transact(async (tx) => {
          const g = (await tx.places.getGrid('gd-a1-1'))!;
          const updated = await tx.places.assignWorkers(g.id, { primaryWorkerId: 'w-qian', backupWorkerId: 'w-zhao' }, g.version, LATER);
          await tx.cards.save(newCard());
          await tx.audit.append(auditEntry('t1', LATER));
          await tx.users.setResidence('r-1', null);
          return updated;
        });
        expect(result).toMatchObject({ id: 'gd-a1-1', primaryWorkerId: 'w-qian', version: 4 });
        expect(await store.places.getGrid('gd-a1-1')).toEqual(result);
        expect(await store.cards.get('w-zhou')).toEqual(newCard());
        expect(ids(await store.audit.listFor('user', 'w-zhao', 5))).toEqual(['t1']);
        expect((await store.users.getById('r-1'))?.residence).toBeNull();
      });

      it('writes nothing when the work throws, and passes the error on', async () => {
        const boom = new Error('boom');
        await expect(
          store.transact(async (tx) => {
            await tx.places.assignWorkers('gd-a1-1', { primaryWorkerId: 'w-qian', backupWorkerId: null }, 3, LATER);
            await tx.cards.save(newCard());
            await tx.audit.append(auditEntry('t1', LATER));
            await tx.users.setResidence('r-1', null);
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await store.places.getGrid('gd-a1-1')).toEqual(fixture.grids[2]);
        expect(await store.cards.get('w-zhou')).toBeNull();
        expect(await store.audit.listFor('user', 'w-zhao', 5)).toEqual([]);
        expect(await store.users.getById('r-1')).toEqual(fixture.users[6]);
      });

      it('sees its own writes, reads by id, and loses an assignment on a stale version', async () => {
        const seen = await store.transact(async (tx) => {
          await tx.cards.save(newCard());
          const own = await tx.cards.get('w-zhou');
          const many = await tx.users.getMany(['w-sun', 'nobody', 'w-zhao']);
          const cards = await tx.cards.getMany(['w-zhou', 'w-qian']);
          const grids = await tx.places.getGrids(['gd-a2-1', 'nope', 'gd-a1-1']);
          const stale = await tx.places.assignWorkers('gd-a1-1', { primaryWorkerId: null, backupWorkerId: null }, 1, LATER);
          return { own, many: ids(many), cards: cards.map((c) => c.workerId), grids: ids(grids), stale };
        });
        expect(seen).toEqual({ own: newCard(), many: ['w-sun', 'w-zhao'], cards: ['w-zhou', 'w-qian'], grids: ['gd-a2-1', 'gd-a1-1'], stale: null });
      });

      it('refuses queries inside a transaction (CloudBase transactions are single-document only)', async () => {
        await expect(store.transact((tx) => tx.places.listGrids({ communityId: 'cm-a1' }))).rejects.toBeInstanceOf(TransactionQueryError);
        await expect(store.transact((tx) => tx.users.findByOpenid('o-r-1'))).rejects.toBeInstanceOf(TransactionQueryError);
        await expect(store.transact((tx) => tx.users.findCaller('o-r-1'))).rejects.toBeInstanceOf(TransactionQueryError);
        await expect(store.transact((tx) => tx.cards.listPhotoFileIds())).rejects.toBeInstanceOf(TransactionQueryError);
        await expect(store.transact((tx) => tx.audit.listFor('user', 'w-zhao', 1))).rejects.toBeInstanceOf(TransactionQueryError);
      });

      it('never lets another reader see a write that is later rolled back', async () => {
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => (wrote = resolve));
        const tx = store.transact(async (t) => {
          await t.cards.save(newCard());
          wrote();
          await held;
          throw new Error('rolled back');
        });
        await written;
        const during = store.cards.get('w-zhou');
        release();
        await expect(tx).rejects.toThrow('rolled back');
        expect(await during).toBeNull();
        expect(await store.cards.get('w-zhou')).toBeNull();
      });

      it('runs concurrent transactions as if one after the other', async () => {
        const bump = (primary: string) =>
          store.transact(async (tx) => {
            const g = (await tx.places.getGrid('gd-a1-2'))!;
            await new Promise((resolve) => setTimeout(resolve, 5));
            return tx.places.assignWorkers(g.id, { primaryWorkerId: primary, backupWorkerId: null }, g.version, LATER);
          });
        const [a, b] = await Promise.all([bump('w-sun'), bump('w-li')]);
        expect(a).not.toBeNull();
        expect(b).not.toBeNull();
        expect((await store.places.getGrid('gd-a1-2'))?.version).toBe(5);
      });
    });

    describeRequestContract(() => h);
    describeNoticeContract(() => h);
    describeBindingContract(() => h);
    describeAssessmentContract(() => h);

    describeDeliveryContract(() => h);

    describe('lists longer than one CloudBase query (1000) page through', () => {
      beforeEach(async () => {
        await h.seed(pagingFixture());
      });

      it('grids, households, workers and photo files come back whole and in order', async () => {
        const big = pagingFixture();
        expect(ids(await store.places.listGrids({ communityId: 'cm-p' }))).toEqual(ids(big.grids).sort());
        const rooms = (await store.places.listHouseholds('bd-p', 1)).map((x) => x.room);
        expect(rooms).toHaveLength(1050);
        expect(rooms).toEqual([...rooms].sort((a, b) => Number(a) - Number(b)));
        expect(rooms[0]).toBe('101');
        expect(rooms[rooms.length - 1]).toBe('3530');
        const workers = await store.users.listWorkers({ communityId: 'cm-p' });
        expect(workers.map((u) => u.name)).toEqual(big.users.filter((u) => u.posts.length > 0).map((u) => u.name).sort());
        const photos = await store.cards.listPhotoFileIds();
        expect(photos).toHaveLength(1150 + 2);
        expect(new Set(photos).size).toBe(photos.length);
      });

      it('a grid\'s households, their count and its residents beyond 1000', async () => {
        const households = await store.places.listGridHouseholds('gd-p-000');
        expect(households).toHaveLength(1050);
        const rooms = households.map((x) => x.room);
        expect(rooms).toEqual([...rooms].sort((a, b) => Number(a) - Number(b)));
        expect(await store.places.householdCounts({ streetId: 'st-p' })).toEqual([{ gridId: 'gd-p-000', communityId: 'cm-p', households: 1050 }]);
        expect(await store.users.listGridResidents('gd-p-000')).toHaveLength(1001);
        const first = await store.users.residentIdsPage({ streetId: 'st-p', buildingIds: ['bd-p'] }, null, 1000);
        expect(first.items).toHaveLength(1000);
        expect([first.items[0], first.next]).toEqual(['rp-0000', 'rp-0999']);
        expect(await store.users.residentIdsPage({ streetId: 'st-p', buildingIds: ['bd-p'] }, first.next, 1000)).toEqual({ items: ['rp-1000'], next: null });
        // Exactly a full page left: no further page is promised.
        const exact = await store.users.residentIdsPage({ streetId: 'st-p' }, 'rp-0000', 1000);
        expect([exact.items.length, exact.items[999], exact.next]).toEqual([1000, 'rp-1000', null]);
      });

      it('getMany and audit listFor beyond 1000', async () => {
        const wanted = Array.from({ length: 1100 }, (_, i) => `cw-${pad(1149 - i, 4)}`);
        expect((await store.cards.getMany(wanted)).map((c) => c.workerId)).toEqual(wanted);
        for (let i = 0; i < 1200; i++) {
          await store.audit.append(auditEntry(`p${pad(i, 4)}`, new Date(Date.parse(AT) + i * 1000).toISOString(), 'wp-000'));
        }
        const newest = await store.audit.listFor('user', 'wp-000', 1100);
        expect(newest).toHaveLength(1100);
        expect(newest[0].id).toBe('p1199');
        expect(newest[1099].id).toBe('p0100');
        expect(await store.audit.listFor('user', 'wp-000', 5000)).toHaveLength(1200);
      });
    });
  });
}

/**
 * The notice part of the Store contract (notices, receipts, reach, and the place/people lookups coverage needs),
 * run by both adapters through describeStoreContract over `contractFixture()`:
 * st-a › cm-a1 › gd-a1-1 › bd-2 (7 households, resident r-1 in hh-2-1-101), bd-10 (1 household); cm-a1 › gd-a1-2 › bd-1;
 * cm-a2 › gd-a2-1 › bd-x; and st-b.
 */
import type { OutboxRecord } from '@core/messages/message';
import type { Notice, NoticeScope, Place } from '@core/notices/notice';
import type { User } from '@core/people/user';
import type { NoticeKey, ReadWrite } from '../ports/notice.port';
import type { Store } from '../ports/store.port';
import type { StoreHarness } from './store-contract-kit';

const T0 = Date.parse('2026-05-04T00:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60000).toISOString();

export function aNotice(id: string, over: Partial<Notice> = {}): Notice {
  return {
    id,
    streetId: 'st-a',
    scope: { level: 'street', ids: [] },
    title: `通知${id}`,
    body: [{ kind: 'p', text: '本周六上午九点在社区广场开展义诊活动，欢迎居民参加。' }, { kind: 'ul', items: ['带好医保卡', '空腹'] }],
    imageFileIds: [],
    attachments: [],
    category: 'activity',
    urgent: false,
    requireAck: false,
    pinned: false,
    publishAt: at(0),
    expiresAt: null,
    publisherId: 's-1',
    publisherRole: 'street_staff',
    publisherLabel: '甲街道办事处',
    withdrawn: null,
    version: 1,
    revisions: [],
    idempotencyKey: `key-${id}`,
    createdAt: at(0),
    updatedAt: at(0),
    ...over,
  };
}

/** The scope keys as a use case resolves them from the fixture's places. */
export function keysOf(scope: NoticeScope, streetId = 'st-a'): NoticeKey[] {
  const grids: Record<string, string> = { 'gd-a1-1': 'cm-a1', 'gd-a1-2': 'cm-a1', 'gd-a2-1': 'cm-a2', 'gd-b1-1': 'cm-b1' };
  const buildings: Record<string, string> = { 'bd-2': 'gd-a1-1', 'bd-10': 'gd-a1-1', 'bd-1': 'gd-a1-2', 'bd-x': 'gd-a2-1' };
  switch (scope.level) {
    case 'street':
      return [{ level: 'street', placeId: streetId, communityId: null, gridId: null }];
    case 'communities':
      return scope.ids.map((id) => ({ level: 'communities', placeId: id, communityId: id, gridId: null }));
    case 'grids':
      return scope.ids.map((id) => ({ level: 'grids', placeId: id, communityId: grids[id], gridId: id }));
    case 'buildings':
      return scope.ids.map((id) => ({ level: 'buildings', placeId: id, communityId: grids[buildings[id]], gridId: buildings[id] }));
  }
}

const R1_PLACE: Place & { householdId: string | null } = { streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-1', buildingId: 'bd-2', householdId: 'hh-2-1-101' };

function read(noticeId: string, userId: string, over: Partial<ReadWrite> = {}): ReadWrite {
  return { noticeId, userId, place: R1_PLACE, version: 1, at: at(60), ...over };
}

function fanOut(noticeId: string): OutboxRecord {
  return {
    id: `notice-${noticeId}:*:subscribe`, eventId: `notice-${noticeId}`, recipientId: '*', channel: 'subscribe', template: 'notice_urgent',
    payload: { noticeId, title: '停水通知' }, status: 'pending', attempts: 0, nextTryAt: at(0), lastError: null, createdAt: at(0),
  };
}

export function describeNoticeContract(harness: () => StoreHarness): void {
  let store: Store;
  beforeEach(() => {
    store = harness().store;
  });

  async function publish(n: Notice, outbox: OutboxRecord[] = []): Promise<Notice> {
    const res = await store.notices.create(n, keysOf(n.scope, n.streetId), outbox);
    expect(res.kind).toBe('created');
    return res.notice;
  }

  describe('notices: publish and edit', () => {
    it('stores the notice whole, and a retried publish returns the first one without writing again', async () => {
      const n = aNotice('n-1', { urgent: true });
      await publish(n, [fanOut('n-1')]);
      expect(await store.notices.get('n-1')).toEqual(n);
      const again = await store.notices.create(aNotice('n-1b', { idempotencyKey: 'key-n-1' }), keysOf(n.scope), [fanOut('n-1b')]);
      expect(again).toEqual({ kind: 'duplicate', notice: n });
      expect(await store.notices.get('n-1b')).toBeNull();
      expect((await harness().outbox()).map((o) => o.id)).toEqual(['notice-n-1:*:subscribe']);
      // Another publisher may use the same key.
      expect((await store.notices.create(aNotice('n-1c', { publisherId: 'w-zhao', idempotencyKey: 'key-n-1' }), keysOf(n.scope), [])).kind).toBe('created');
    });

    it('updates only from the version read', async () => {
      const n = await publish(aNotice('n-2'));
      const edited = { ...n, title: '改过的标题', version: 2, revisions: [{ version: 1, title: n.title, body: n.body, editedAt: at(0), editorId: 's-1', editorName: '吴街', note: '' }] };
      expect(await store.notices.update(edited, 1)).toEqual(edited);
      expect(await store.notices.update({ ...edited, title: '晚到的修改', version: 2 }, 1)).toBeNull();
      expect(await store.notices.get('n-2')).toEqual(edited);
    });
  });

  describe('notices: a resident\'s feed', () => {
    const now = at(24 * 60);
    beforeEach(async () => {
      await publish(aNotice('street-old', { publishAt: at(10) }));
      await publish(aNotice('street-new', { publishAt: at(20) }));
      await publish(aNotice('community', { scope: { level: 'communities', ids: ['cm-a1'] }, publishAt: at(30) }));
      await publish(aNotice('urgent-grid', { scope: { level: 'grids', ids: ['gd-a1-1', 'gd-a2-1'] }, urgent: true, publishAt: at(5) }));
      await publish(aNotice('pinned-bd2', { scope: { level: 'buildings', ids: ['bd-2'] }, pinned: true, publishAt: at(1) }));
      // None of these reach r-1 now:
      await publish(aNotice('other-grid', { scope: { level: 'grids', ids: ['gd-a1-2'] } }));
      await publish(aNotice('other-building', { scope: { level: 'buildings', ids: ['bd-10'] } }));
      await publish(aNotice('other-community', { scope: { level: 'communities', ids: ['cm-a2'] } }));
      await publish(aNotice('other-street', { streetId: 'st-b', publisherId: 's-b' }));
      await publish(aNotice('scheduled', { publishAt: at(2 * 24 * 60) }));
      await publish(aNotice('expired', { expiresAt: at(12 * 60) }));
    });

    it('lists what reaches the place: pinned, then urgent, then newest first', async () => {
      const page = await store.notices.feed(R1_PLACE, now, { limit: 20 });
      expect(page.items.map((h) => h.id)).toEqual(['pinned-bd2', 'urgent-grid', 'community', 'street-new', 'street-old']);
      expect(page.next).toBeNull();
      expect(page.items[0]).toMatchObject({ title: '通知pinned-bd2', pinned: true, excerpt: expect.stringContaining('义诊'), imageCount: 0 });
      expect(await store.notices.liveIds(R1_PLACE, now, 100)).toEqual(['pinned-bd2', 'urgent-grid', 'community', 'street-new', 'street-old']);
      const first = await store.notices.feedFirstPage(R1_PLACE, now, 2, 4);
      expect(first.items.map((h) => h.id)).toEqual(['pinned-bd2', 'urgent-grid']);
      expect(first.liveIds).toEqual(['pinned-bd2', 'urgent-grid', 'community', 'street-new']);
      expect((await store.notices.feed(R1_PLACE, now, { limit: 2, cursor: first.next })).items.map((h) => h.id)).toEqual(['community', 'street-new']);
    });

    it('pages by keyset without skipping or repeating', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store['notices']['feed']>> = await store.notices.feed(R1_PLACE, now, { limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((h) => h.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(['pinned-bd2', 'urgent-grid', 'community', 'street-new', 'street-old']);
    });

    it('a resident bound to the grid only gets no building notices', async () => {
      const page = await store.notices.feed({ ...R1_PLACE, buildingId: null }, now, { limit: 20 });
      expect(page.items.map((h) => h.id)).toEqual(['urgent-grid', 'community', 'street-new', 'street-old']);
    });

    it('a scheduled notice appears at its time; withdrawing hides it; unpinning moves it', async () => {
      const later = at(3 * 24 * 60);
      expect((await store.notices.feed(R1_PLACE, later, { limit: 20 })).items.map((h) => h.id)).toContain('scheduled');
      const n = (await store.notices.get('urgent-grid'))!;
      await store.notices.update({ ...n, withdrawn: { at: at(40), byId: 's-1', reason: '发错了' }, version: 2 }, 1);
      const p = (await store.notices.get('pinned-bd2'))!;
      await store.notices.update({ ...p, pinned: false, version: 2 }, 1);
      expect((await store.notices.feed(R1_PLACE, now, { limit: 20 })).items.map((h) => h.id)).toEqual(['community', 'street-new', 'street-old', 'pinned-bd2']);
    });

    it('staff lists: the street sees all of its notices; a community and a worker\'s grids what touches them, newest first', async () => {
      const ids = async (area: Parameters<Store['notices']['listForArea']>[0]) => {
        const out: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Store['notices']['listForArea']>> = await store.notices.listForArea(area, { limit: 3, cursor });
          out.push(...page.items.map((h) => h.id));
          cursor = page.next;
        } while (cursor);
        return out;
      };
      const street = await ids({ kind: 'street', streetId: 'st-a' });
      expect(street).toHaveLength(10);
      expect(street[0]).toBe('scheduled');
      expect(street).not.toContain('other-street');
      expect(await ids({ kind: 'community', streetId: 'st-a', communityId: 'cm-a2' })).toEqual(
        expect.arrayContaining(['other-community', 'urgent-grid', 'street-new', 'street-old', 'scheduled', 'expired']),
      );
      expect(await ids({ kind: 'community', streetId: 'st-a', communityId: 'cm-a2' })).not.toContain('community');
      const worker = await ids({ kind: 'grids', streetId: 'st-a', gridIds: ['gd-a1-2'], communityIds: ['cm-a1'] });
      expect(new Set(worker)).toEqual(new Set(['other-grid', 'community', 'street-new', 'street-old', 'scheduled', 'expired']));
    });
  });

  describe('notices: receipts, reach and coverage counters', () => {
    beforeEach(async () => {
      await publish(aNotice('n', { requireAck: true }));
    });

    it('a first read counts the reader and the household once; later reads only raise the version', async () => {
      const first = await store.notices.markRead(read('n', 'r-1'));
      expect(first).toEqual({ noticeId: 'n', userId: 'r-1', readAt: at(60), readVersion: 1, ackedAt: null });
      await store.notices.markRead(read('n', 'r-1', { at: at(90), version: 3 }));
      // A second member of the same household.
      await store.notices.markRead(read('n', 'r-9', { at: at(100) }));
      expect(await store.notices.receipts('r-1', ['n', 'x'])).toEqual([{ ...first, readVersion: 3 }]);
      expect(await store.notices.gridStats('n')).toEqual([
        { noticeId: 'n', gridId: 'gd-a1-1', communityId: 'cm-a1', reads: 2, acks: 0, reachedRead: 1, reachedVisit: 0, reachedPhone: 0 },
      ]);
      expect(await store.notices.reachedInGrid('n', 'gd-a1-1')).toEqual([
        { noticeId: 'n', householdId: 'hh-2-1-101', communityId: 'cm-a1', gridId: 'gd-a1-1', buildingId: 'bd-2', method: 'read', byId: 'r-1', at: at(60), note: '' },
      ]);
    });

    it('a reader bound to the grid only is counted as a reader, not as a household', async () => {
      await store.notices.markRead(read('n', 'r-2', { place: { ...R1_PLACE, buildingId: null, householdId: null } }));
      expect(await store.notices.gridStats('n')).toEqual([expect.objectContaining({ reads: 1, reachedRead: 0 })]);
      expect(await store.notices.reachedInGrid('n', 'gd-a1-1')).toEqual([]);
    });

    it('acknowledging reads first if needed, and counts once', async () => {
      const ack = await store.notices.acknowledge(read('n', 'r-1', { at: at(70) }));
      expect(ack).toMatchObject({ readAt: at(70), ackedAt: at(70) });
      expect((await store.notices.acknowledge(read('n', 'r-1', { at: at(80) }))).ackedAt).toBe(at(70));
      expect(await store.notices.gridStats('n')).toEqual([expect.objectContaining({ reads: 1, acks: 1, reachedRead: 1 })]);
    });

    it('reaching a household in person or by phone counts it once, whichever came first', async () => {
      await store.notices.markRead(read('n', 'r-1'));
      const base = { noticeId: 'n', communityId: 'cm-a1', gridId: 'gd-a1-1', buildingId: 'bd-2', byId: 'w-zhao', at: at(120), note: '' };
      expect((await store.notices.markReached({ ...base, householdId: 'hh-2-1-101', method: 'visit' })).kind).toBe('exists');
      const visit = { ...base, householdId: 'hh-2-1-201', method: 'visit' as const, note: '老人在家，已当面告知' };
      expect(await store.notices.markReached(visit)).toEqual({ kind: 'created', reach: visit });
      expect((await store.notices.markReached({ ...base, householdId: 'hh-2-1-201', method: 'phone' })).reach).toEqual(visit);
      await store.notices.markReached({ ...base, householdId: 'hh-10-1-301', buildingId: 'bd-10', method: 'phone' });
      // A household read after being visited stays counted once.
      await store.notices.markRead(read('n', 'r-7', { place: { ...R1_PLACE, householdId: 'hh-2-1-201' } }));
      expect(await store.notices.gridStats('n')).toEqual([
        { noticeId: 'n', gridId: 'gd-a1-1', communityId: 'cm-a1', reads: 2, acks: 0, reachedRead: 1, reachedVisit: 1, reachedPhone: 1 },
      ]);
      expect((await store.notices.reachedInGrid('n', 'gd-a1-1')).map((r) => [r.householdId, r.method])).toEqual([
        ['hh-10-1-301', 'phone'],
        ['hh-2-1-101', 'read'],
        ['hh-2-1-201', 'visit'],
      ]);
    });

    it('concurrent first reads of one household count it once', async () => {
      await Promise.all(['r-a', 'r-b', 'r-c', 'r-d'].map((u) => store.notices.markRead(read('n', u))));
      expect(await store.notices.gridStats('n')).toEqual([expect.objectContaining({ reads: 4, reachedRead: 1 })]);
    });
  });

  describe('places and people for coverage', () => {
    it('counts households per grid for each kind of scope', async () => {
      expect(await store.places.householdCounts({ streetId: 'st-a' })).toEqual([{ gridId: 'gd-a1-1', communityId: 'cm-a1', households: 8 }]);
      expect(await store.places.householdCounts({ streetId: 'st-a', communityIds: ['cm-a2'] })).toEqual([]);
      expect(await store.places.householdCounts({ streetId: 'st-a', gridIds: ['gd-a1-1', 'gd-a1-2'] })).toEqual([
        { gridId: 'gd-a1-1', communityId: 'cm-a1', households: 8 },
      ]);
      expect(await store.places.householdCounts({ streetId: 'st-a', buildingIds: ['bd-10'] })).toEqual([{ gridId: 'gd-a1-1', communityId: 'cm-a1', households: 1 }]);
    });

    it('lists a grid\'s households by building, unit and room, with their key groups', async () => {
      const list = await store.places.listGridHouseholds('gd-a1-1');
      expect(list.map((h) => h.id)).toEqual([
        'hh-2-1-90', 'hh-2-1-101', 'hh-2-1-102', 'hh-2-1-201', 'hh-2-1-1001', 'hh-2-1-1002', 'hh-2-2-101', 'hh-10-1-301',
      ]);
      expect(list[1].keyGroups).toEqual(['elderly_alone']);
      expect(list[0].keyGroups).toEqual([]);
    });

    it('finds the residents of a grid, and pages the residents of a scope by id', async () => {
      expect((await store.users.listGridResidents('gd-a1-1')).map((u) => u.id)).toEqual(['r-1']);
      const more: User[] = ['r-2', 'r-3', 'r-4'].map((id, i) => ({
        id, openid: `o-${id}`, name: `居民${i}`, phone: null, posts: [], createdAt: at(0),
        residence: { streetId: 'st-a', communityId: i === 2 ? 'cm-a2' : 'cm-a1', gridId: i === 2 ? 'gd-a2-1' : 'gd-a1-1', householdId: i === 0 ? 'hh-10-1-301' : null, via: 'qr', boundAt: at(0) },
      }));
      for (const u of more) await store.users.ensure(u);
      await store.users.setResidence('r-3', { ...more[1].residence!, householdId: 'hh-2-2-101', via: 'address' });
      const all = async (filter: Parameters<Store['users']['residentIdsPage']>[0]) => {
        const out: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Store['users']['residentIdsPage']>> = await store.users.residentIdsPage(filter, cursor, 2);
          out.push(...page.items);
          cursor = page.next;
        } while (cursor);
        return out;
      };
      expect(await all({ streetId: 'st-a' })).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
      expect(await all({ streetId: 'st-a', communityIds: ['cm-a1'] })).toEqual(['r-1', 'r-2', 'r-3']);
      expect(await all({ streetId: 'st-a', gridIds: ['gd-a2-1'] })).toEqual(['r-4']);
      expect(await all({ streetId: 'st-a', buildingIds: ['bd-2'] })).toEqual(['r-1', 'r-3']);
      expect(await all({ streetId: 'st-b' })).toEqual([]);
      expect(await store.users.listGridResidents('gd-a1-1')).toEqual([
        { id: 'r-1', name: '郑居', householdId: 'hh-2-1-101' },
        { id: 'r-2', name: '居民0', householdId: 'hh-10-1-301' },
        { id: 'r-3', name: '居民1', householdId: 'hh-2-2-101' },
      ]);
    });
  });
}

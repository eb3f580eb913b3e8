/**
 * The 同问 part of the Store contract (server/ports/follower.port.ts), run by both adapters: follower records
 * are unique per (request, user) and land atomically with the request writes (versions, counters) or not at
 * all; a person's followed requests page newest first; the suggestion's candidates are the bounded, open,
 * same (grid, category), recent set.
 */
import type { ServiceRequest } from '@core/requests/request';
import type { RequestFollower } from '../ports/follower.port';
import type { Store } from '../ports/store.port';
import { aRequest, anEvent, at } from './request-store.contract';
import { eachTestStore, type StoreHarness } from './store-contract-kit';

const follower = (requestId: string, userId: string, when: string, over: Partial<RequestFollower> = {}): RequestFollower => ({
  requestId, userId, at: when, via: 'metoo', fromRequestId: null, rating: null, ...over,
});

async function create(store: Store, r: ServiceRequest): Promise<void> {
  const result = await store.requests.create({ request: r, event: anEvent(r, 1, r.createdAt), messages: [], outbox: [], rateLimits: [] });
  expect(result.kind).toBe('created');
}

const bumped = (r: ServiceRequest, over: Partial<ServiceRequest> = {}): ServiceRequest => ({ ...r, followerCount: (r.followerCount ?? 0) + 1, version: r.version + 1, ...over });

export function describeFollowerStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`Follower store contract: ${name}`, () => {
    let store: Store;
    eachTestStore(makeStore, (made) => {
      store = made.store;
    });

    it('writes a follower with the request count in one write, and refuses the same person twice without writing anything', async () => {
      const r = aRequest('rq-f1');
      await create(store, r);
      const f = follower(r.id, 'u-b', at(5));
      expect(await store.followers.write({ requests: [{ request: bumped(r), expectedVersion: 1, events: [], messages: [], outbox: [] }], followers: [f] })).toEqual({ kind: 'written' });
      expect(await store.followers.get(r.id, 'u-b')).toEqual(f);
      expect(await store.followers.get(r.id, 'u-x')).toBeNull();
      const stored = await store.requests.get(r.id);
      expect(stored).toMatchObject({ version: 2, followerCount: 1 });
      const page = await store.requests.listItems({ streetId: 'st-a', gridIds: ['gd-a1-1'], sort: 'newest' }, { limit: 10 });
      expect(page.items[0].followerCount).toBe(1);
      // Twice: 'duplicate', and the request's version and count stay as they were.
      const again = await store.followers.write({ requests: [{ request: bumped(stored!), expectedVersion: 2, events: [], messages: [], outbox: [] }], followers: [follower(r.id, 'u-b', at(6))] });
      expect(again).toEqual({ kind: 'duplicate', requestId: r.id, userId: 'u-b' });
      expect(await store.requests.get(r.id)).toMatchObject({ version: 2, followerCount: 1 });
      expect((await store.followers.get(r.id, 'u-b'))?.at).toBe(at(5));
    });

    it('a stale version writes nothing: neither the request, nor any follower, nor the other request of the write', async () => {
      const a = aRequest('rq-f2');
      const b = aRequest('rq-f3', { idempotencyKey: 'key-f3' });
      await create(store, a);
      await create(store, b);
      const result = await store.followers.write({
        requests: [
          { request: { ...a, status: 'merged', mergedInto: b.id, version: 2 }, expectedVersion: 1, events: [anEvent({ id: a.id, status: 'merged' }, 2, at(9), 'merge')], messages: [], outbox: [] },
          { request: bumped(b, { version: 7 }), expectedVersion: 6, events: [], messages: [], outbox: [] },
        ],
        followers: [follower(b.id, 'r-9', at(9), { via: 'merge', fromRequestId: a.id })],
      });
      expect(result).toEqual({ kind: 'conflict' });
      expect(await store.requests.get(a.id)).toMatchObject({ status: 'submitted', version: 1 });
      expect(await store.followers.get(b.id, 'r-9')).toBeNull();
      expect((await store.requests.events(a.id)).map((e) => e.seq)).toEqual([1]);
    });

    it('a merge write lands whole: both requests, the event, the counters and the moved follower', async () => {
      const a = aRequest('rq-f4');
      const b = aRequest('rq-f5', { idempotencyKey: 'key-f5', residentId: 'r-2', submitterId: 'r-2' });
      await create(store, a);
      await create(store, b);
      const counters = async () =>
        (await store.assessment.counters({ streetId: 'st-a', scopeKind: 'grid', scopeIds: ['gd-a1-1'], periods: [at(0).slice(0, 7)] }))[0]?.counters.filed;
      expect(await counters()).toBe(2);
      const result = await store.followers.write({
        requests: [
          { request: { ...b, status: 'merged', mergedInto: a.id, version: 2, closedAt: at(9) }, expectedVersion: 1, events: [anEvent({ id: b.id, status: 'merged' }, 2, at(9), 'merge')], messages: [], outbox: [] },
          { request: bumped(a), expectedVersion: 1, events: [anEvent({ id: a.id, status: 'submitted' }, 2, at(9), 'merge_in')], messages: [], outbox: [] },
        ],
        followers: [follower(a.id, 'r-2', at(9), { via: 'merge', fromRequestId: b.id })],
      });
      expect(result).toEqual({ kind: 'written' });
      expect(await store.requests.get(b.id)).toMatchObject({ status: 'merged', mergedInto: a.id });
      expect(await store.requests.get(a.id)).toMatchObject({ followerCount: 1, version: 2 });
      expect(await store.followers.get(a.id, 'r-2')).toMatchObject({ via: 'merge', fromRequestId: b.id });
      expect(await counters()).toBe(1);
    });

    it('lists a request\'s followers oldest first, and a person\'s followed requests newest first by keyset pages', async () => {
      const ids = ['rq-f6', 'rq-f7', 'rq-f8'];
      for (const [i, id] of ids.entries()) {
        const r = aRequest(id, { idempotencyKey: `key-${id}`, description: `第${i}条诉求` });
        await create(store, r);
        const users = i === 0 ? ['u-c', 'u-b'] : ['u-b'];
        for (const [j, u] of users.entries()) {
          const current = (await store.requests.get(id))!;
          expect((await store.followers.write({ requests: [{ request: bumped(current), expectedVersion: current.version, events: [], messages: [], outbox: [] }], followers: [follower(id, u, at(10 * i + j + 1))] })).kind).toBe('written');
        }
      }
      expect((await store.followers.listForRequest('rq-f6', 10)).map((f) => f.userId)).toEqual(['u-c', 'u-b']);
      const first = await store.followers.listForUser('u-b', { limit: 2 });
      expect(first.items.map((x) => [x.item.id, x.follower.via, x.item.excerpt])).toEqual([['rq-f8', 'metoo', '第2条诉求'], ['rq-f7', 'metoo', '第1条诉求']]);
      expect(first.next).not.toBeNull();
      const second = await store.followers.listForUser('u-b', { limit: 2, cursor: first.next });
      expect(second.items.map((x) => x.item.id)).toEqual(['rq-f6']);
      expect(second.next).toBeNull();
      expect((await store.followers.listForUser('u-nobody', { limit: 5 })).items).toEqual([]);
    });

    it('a follower rates once; nobody else can', async () => {
      const r = aRequest('rq-f9');
      await create(store, r);
      await store.followers.write({ requests: [{ request: bumped(r), expectedVersion: 1, events: [], messages: [], outbox: [] }], followers: [follower(r.id, 'u-b', at(1))] });
      const rating = { value: 'satisfied' as const, comment: '好', at: at(2) };
      expect(await store.followers.rate(r.id, 'u-b', rating)).toBe(true);
      expect(await store.followers.rate(r.id, 'u-b', { ...rating, value: 'unsatisfied' })).toBe(false);
      expect(await store.followers.rate(r.id, 'u-x', rating)).toBe(false);
      expect((await store.followers.get(r.id, 'u-b'))?.rating).toEqual(rating);
    });

    it('candidates: open requests of the (grid, category) since the bound, in the asked statuses, newest first, at most the limit', async () => {
      const mk = (id: string, over: Partial<ServiceRequest>) => aRequest(id, { idempotencyKey: `key-${id}`, ...over });
      const rows = [
        mk('c-1', { createdAt: at(100), buildingId: 'bd-1', description: '楼道灯坏了' }),
        mk('c-2', { createdAt: at(200), status: 'accepted' }),
        mk('c-3', { createdAt: at(300), status: 'resolved' }), // not asked
        mk('c-4', { createdAt: at(10) }), // before the bound
        mk('c-5', { createdAt: at(400), categoryId: 'cat-hazard' }), // another category
        mk('c-6', { createdAt: at(500), gridId: 'gd-a1-2' }), // another grid
        mk('c-7', { createdAt: at(600), status: 'in_progress' }),
      ];
      for (const r of rows) await create(store, r);
      const q = { gridId: 'gd-a1-1', categoryId: 'cat-env', statuses: ['submitted', 'accepted', 'dispatched', 'in_progress'] as ServiceRequest['status'][], createdFrom: at(50), limit: 10 };
      const found = await store.followers.similarCandidates(q);
      expect(found.map((c) => c.id)).toEqual(['c-7', 'c-2', 'c-1']);
      expect(found[2]).toEqual({
        id: 'c-1', status: 'submitted', categoryName: '环境卫生', excerpt: '楼道灯坏了', description: '楼道灯坏了', buildingId: 'bd-1',
        createdAt: at(100), followerCount: 0, residentId: 'r-1', submitterId: 'r-1',
      });
      expect((await store.followers.similarCandidates({ ...q, limit: 2 })).map((c) => c.id)).toEqual(['c-7', 'c-2']);
      expect(await store.followers.similarCandidates({ ...q, statuses: [] })).toEqual([]);
    });
  });
}

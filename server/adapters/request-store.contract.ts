/**
 * The request part of the Store contract (requests, inbox, request config), run by both adapters through
 * describeStoreContract. The expected list results come from `expected()` below: the port's documented
 * filters and orders written out plainly, independent of either adapter's implementation.
 */
import type { InboxMessage, OutboxRecord } from '@core/messages/message';
import type { RequestEvent, RequestListItem, ServiceRequest } from '@core/requests/request';
import { DEFAULT_REQUEST_SETTINGS, listItemOf } from '@core/requests/request';
import { REQUEST_STATUSES, type RequestStatus } from '@core/requests/request.status';
import { isDomainError } from '@core/shared/errors';
import type { NewRequestWrite, RequestQuery, RateLimit } from '../ports/request.port';
import type { Store } from '../ports/store.port';
import { expectRefused, type StoreHarness } from './store-contract-kit';
import { TransactionQueryError } from './store-import';

/** Monday 2 March 2026, 00:00 UTC: a multiple of 10 minutes and of a day since the epoch (window starts). */
const T0 = Date.parse('2026-03-02T00:00:00.000Z');
export const at = (minutes: number): string => new Date(T0 + minutes * 60000).toISOString();

export function aRequest(id: string, over: Partial<ServiceRequest> = {}): ServiceRequest {
  return {
    id,
    streetId: 'st-a',
    communityId: 'cm-a1',
    gridId: 'gd-a1-1',
    categoryId: 'cat-env',
    categoryName: '环境卫生',
    description: '楼道里堆放杂物，影响通行',
    photoFileIds: ['cloud://env.bucket/uploads/r-1/p.jpg'],
    location: { latitude: 30.1, longitude: 114.2, name: '2号楼' },
    address: '东湖社区2号楼1单元',
    callbackPhone: '13900000001',
    hideName: false,
    source: 'resident',
    consentNote: null,
    submitterId: 'r-1',
    submitterName: '郑居',
    residentId: 'r-1',
    residentName: '郑居',
    status: 'submitted',
    handler: null,
    responseDueAt: at(24 * 60),
    resolutionDueAt: null,
    dueUncalibrated: false,
    reopenCount: 0,
    rating: null,
    flagged: false,
    rejectReason: null,
    idempotencyKey: `key-${id}`,
    version: 1,
    createdAt: at(0),
    updatedAt: at(0),
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolvedLate: null,
    ...over,
  };
}

export function anEvent(r: Pick<ServiceRequest, 'id' | 'status'>, seq: number, when: string, action = 'submit'): RequestEvent {
  return {
    id: `ev-${r.id}-${seq}`,
    requestId: r.id,
    seq,
    action,
    from: seq === 1 ? null : 'submitted',
    to: r.status,
    actor: { role: 'resident', id: 'r-1', name: '郑居' },
    note: seq === 1 ? '' : `第${seq}步`,
    photoFileIds: [],
    at: when,
  };
}

function aMessage(id: string, userId: string, when: string, requestId: string | null = null): InboxMessage {
  return { id, userId, title: '新诉求待受理', body: '环境卫生：楼道里堆放杂物', link: requestId ? { kind: 'request', id: requestId } : null, at: when, readAt: null };
}

function anOutbox(eventId: string, recipientId: string, when: string): OutboxRecord {
  return {
    id: `${eventId}:${recipientId}:subscribe`,
    eventId,
    recipientId,
    channel: 'subscribe',
    template: 'request_new',
    payload: { thing1: '环境卫生', time2: '2026年3月2日 08:00' },
    status: 'pending',
    attempts: 0,
    nextTryAt: when,
    lastError: null,
    createdAt: when,
  };
}

function newWrite(r: ServiceRequest, extra: { rateLimits?: RateLimit[]; messages?: InboxMessage[]; outbox?: OutboxRecord[] } = {}): NewRequestWrite {
  const event = anEvent(r, 1, r.createdAt);
  return {
    request: r,
    event,
    messages: extra.messages ?? [aMessage(`m-${r.id}`, 'w-zhao', r.createdAt, r.id)],
    outbox: extra.outbox ?? [anOutbox(event.id, 'w-zhao', r.createdAt)],
    rateLimits: extra.rateLimits ?? [],
  };
}

// ---- the documented list semantics, written out plainly ------------------------------------------

const OVERDUE: RequestStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];

function currentDeadline(r: ServiceRequest): string | null {
  if (r.status === 'held' || r.status === 'submitted') return r.responseDueAt;
  if (r.status === 'accepted' || r.status === 'dispatched' || r.status === 'in_progress') return r.resolutionDueAt;
  return null;
}

function matches(r: ServiceRequest, q: Omit<RequestQuery, 'sort'>): boolean {
  if (r.streetId !== q.streetId) return false;
  if (q.communityId !== undefined && r.communityId !== q.communityId) return false;
  if (q.gridIds !== undefined && !q.gridIds.includes(r.gridId)) return false;
  if (q.residentId !== undefined && r.residentId !== q.residentId) return false;
  if (q.statuses?.length && !q.statuses.includes(r.status)) return false;
  if (q.categoryId !== undefined && r.categoryId !== q.categoryId) return false;
  if (q.overdueAt !== undefined) {
    const due = currentDeadline(r);
    if (!OVERDUE.includes(r.status) || due === null || !(due < q.overdueAt)) return false;
  }
  if (q.dueFrom !== undefined) {
    const due = currentDeadline(r);
    if (due === null || due < q.dueFrom) return false;
  }
  if (q.resolvedBefore !== undefined && !(r.resolvedAt !== null && r.resolvedAt < q.resolvedBefore)) return false;
  if (q.handlerId !== undefined && r.handler?.id !== q.handlerId) return false;
  if (q.createdFrom !== undefined && r.createdAt < q.createdFrom) return false;
  if (q.createdTo !== undefined && !(r.createdAt < q.createdTo)) return false;
  if (q.acceptedFrom !== undefined && !(r.acceptedAt !== null && r.acceptedAt >= q.acceptedFrom)) return false;
  if (q.acceptedTo !== undefined && !(r.acceptedAt !== null && r.acceptedAt < q.acceptedTo)) return false;
  if (q.resolvedFrom !== undefined && !(r.resolvedAt !== null && r.resolvedAt >= q.resolvedFrom)) return false;
  if (q.resolvedTo !== undefined && !(r.resolvedAt !== null && r.resolvedAt < q.resolvedTo)) return false;
  // The worker the assessment counts it for: the one who held it at its deadline, else a worker handling it.
  if (q.assessedWorkerId !== undefined && (r.dueHolderId ?? (r.handler?.kind === 'worker' ? r.handler.id : null)) !== q.assessedWorkerId) return false;
  return true;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function deadlineOrder(a: ServiceRequest, b: ServiceRequest): number {
  const rank = (r: ServiceRequest) => (currentDeadline(r) !== null ? 0 : r.status === 'resolved' ? 1 : 2);
  const key = (r: ServiceRequest) => (rank(r) === 0 ? currentDeadline(r)! : rank(r) === 1 ? (r.resolvedAt ?? '') : '');
  return rank(a) - rank(b) || cmp(key(a), key(b)) || cmp(a.id, b.id);
}

const newestOrder = (a: ServiceRequest, b: ServiceRequest) => cmp(b.createdAt, a.createdAt) || cmp(b.id, a.id);

function expected(all: ServiceRequest[], q: RequestQuery): string[] {
  return all
    .filter((r) => matches(r, q))
    .sort(q.sort === 'deadline' ? deadlineOrder : newestOrder)
    .map((r) => r.id);
}

async function pageAll(store: Store, q: RequestQuery, limit: number): Promise<{ ids: string[]; pages: number }> {
  const out: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: ServiceRequest[]; next: string | null } = await store.requests.list(q, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items.map((r) => r.id));
    cursor = page.next;
    pages++;
    if (pages > 200) throw new Error('paging does not end');
  } while (cursor);
  return { ids: out, pages };
}

/**
 * 40 requests over two streets, four grids and every status, with equal creation times and equal
 * deadlines (ties break on the id), two residents, patrol findings, three handlers and two categories.
 */
/**
 * The statuses the list fixture cycles through: every status but 'merged' (已合并), which lists treat like any
 * other closed status (withdrawn stands for them) and which came later — keeping the cycle keeps the
 * fixture's spread of deadlines and resolutions the cases below were computed on.
 */
const FIXTURE_STATUSES = REQUEST_STATUSES.filter((s) => s !== 'merged');

export function listFixture(): ServiceRequest[] {
  const grids = [
    { streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-1' },
    { streetId: 'st-a', communityId: 'cm-a1', gridId: 'gd-a1-2' },
    { streetId: 'st-a', communityId: 'cm-a2', gridId: 'gd-a2-1' },
    { streetId: 'st-b', communityId: 'cm-b1', gridId: 'gd-b1-1' },
  ];
  const handlers: ServiceRequest['handler'][] = [
    { kind: 'worker', id: 'w-zhao', name: '赵敏' },
    { kind: 'worker', id: 'w-qian', name: '钱多' },
    { kind: 'community', id: 'cm-a1', name: '东湖社区' },
  ];
  return Array.from({ length: 40 }, (_, i) => {
    const status = FIXTURE_STATUSES[i % FIXTURE_STATUSES.length];
    const place = grids[(i * 7) % 4];
    const created = (i % 6) * 90; // six distinct creation times: many ties
    const accepted = !['held', 'submitted', 'rejected', 'withdrawn'].includes(status);
    const resolved = ['resolved', 'verified', 'archived'].includes(status);
    const resident = i % 5 === 0 ? null : i % 2 ? 'r-1' : 'r-2';
    return aRequest(`rq-${String(i).padStart(2, '0')}`, {
      ...place,
      status,
      categoryId: i % 3 === 0 ? 'cat-hazard' : 'cat-env',
      source: resident ? 'resident' : 'patrol',
      submitterId: resident ?? 'w-zhao',
      residentId: resident,
      residentName: resident ? '郑居' : null,
      createdAt: at(created),
      updatedAt: at(created),
      // Response deadlines in the past for some, with ties (i % 4 repeats).
      responseDueAt: at(created + 600 + (i % 4) * 300),
      resolutionDueAt: accepted ? at(2000 + (i % 3) * 500) : null,
      handler: accepted ? handlers[i % 3] : null,
      acceptedAt: accepted ? at(created + 60) : null,
      resolvedAt: resolved ? at(3000 - (i % 4) * 200) : null,
      closedAt: ['verified', 'archived', 'rejected', 'withdrawn'].includes(status) ? at(4000) : null,
      // Held by w-sun when the deadline passed, handled by someone else now (考核 counts it for w-sun).
      ...(accepted && i % 5 === 2 ? { dueHolderId: 'w-sun' } : {}),
    });
  });
}

export function describeRequestContract(harness: () => StoreHarness): void {
  let store: Store;
  beforeEach(() => {
    store = harness().store;
  });

  describe('requests: create', () => {
    it('writes the request, its first event, its messages and its outbox records together', async () => {
      const r = aRequest('rq-1');
      const w = newWrite(r);
      const result = await store.requests.create(w);
      expect(result).toEqual({ kind: 'created', request: r });
      expect(await store.requests.get('rq-1')).toEqual(r);
      expect(await store.requests.events('rq-1')).toEqual([w.event]);
      expect((await store.inbox.list('w-zhao', { limit: 10 })).items).toEqual(w.messages);
      expect(await harness().outbox()).toEqual(w.outbox);
      expect(await store.requests.get('nope')).toBeNull();
      expect(await store.requests.events('nope')).toEqual([]);
    });

    it('returns copies: changing a returned request changes nothing stored', async () => {
      const r = aRequest('rq-1');
      const result = await store.requests.create(newWrite(r));
      if (result.kind !== 'created') throw new Error(result.kind);
      result.request.photoFileIds.push('x');
      result.request.location!.name = '改过';
      const got = (await store.requests.get('rq-1'))!;
      got.status = 'archived';
      (await store.requests.events('rq-1'))[0].note = '改过';
      expect(await store.requests.get('rq-1')).toEqual(aRequest('rq-1'));
      expect((await store.requests.events('rq-1'))[0].note).toBe('');
    });

    it('answers a repeated (submitter, idempotency key) with the earlier request and writes nothing', async () => {
      const first = aRequest('rq-1');
      await store.requests.create(newWrite(first));
      const again = aRequest('rq-2', { idempotencyKey: first.idempotencyKey, description: '重复提交' });
      const result = await store.requests.create(newWrite(again, { rateLimits: [{ windowMinutes: 10, max: 1 }] }));
      expect(result).toEqual({ kind: 'duplicate', request: first });
      expect(await store.requests.get('rq-2')).toBeNull();
      expect(await store.requests.events('rq-2')).toEqual([]);
      expect((await store.inbox.list('w-zhao', { limit: 10 })).items.map((m) => m.id)).toEqual(['m-rq-1']);
      expect((await harness().outbox()).map((o) => o.eventId)).toEqual(['ev-rq-1-1']);
      // The same key from someone else is another request.
      const other = aRequest('rq-3', { idempotencyKey: first.idempotencyKey, submitterId: 'r-2' });
      expect((await store.requests.create(newWrite(other))).kind).toBe('created');
    });

    it('limits submissions per submitter in sliding windows; the stricter limit of a window applies; retries are not counted', async () => {
      const limits: RateLimit[] = [{ windowMinutes: 10, max: 3 }, { windowMinutes: 10, max: 2 }, { windowMinutes: 24 * 60, max: 3 }];
      const submit = (id: string, minute: number, submitterId = 'r-1') =>
        store.requests.create(newWrite(aRequest(id, { submitterId, createdAt: at(minute), updatedAt: at(minute) }), { rateLimits: limits }));
      expect((await submit('a1', 0)).kind).toBe('created');
      expect((await submit('a2', 9)).kind).toBe('created');
      expect(await submit('a3', 9)).toEqual({ kind: 'rate_limited', limit: { windowMinutes: 10, max: 2 } });
      expect(await store.requests.get('a3')).toBeNull();
      expect(await store.requests.events('a3')).toEqual([]);
      expect(await harness().outbox()).toHaveLength(2);
      // A retry of a stored submission is still answered, even at the limit.
      expect((await store.requests.create(newWrite(aRequest('a1-again', { idempotencyKey: 'key-a1', createdAt: at(9) }), { rateLimits: limits }))).kind).toBe('duplicate');
      // Someone else is not limited by r-1's count.
      expect((await submit('b1', 9, 'r-2')).kind).toBe('created');
      // Ten minutes after a1 it has left the window, a2 (minute 9) has not: one more fits.
      expect((await submit('a4', 10)).kind).toBe('created');
      // The daily window (3 since minute 0) stops the fourth of the day, and lets one in when a1 is a day old.
      expect(await submit('a5', 25)).toEqual({ kind: 'rate_limited', limit: { windowMinutes: 24 * 60, max: 3 } });
      expect(await submit('a6', 24 * 60 - 1)).toEqual({ kind: 'rate_limited', limit: { windowMinutes: 24 * 60, max: 3 } });
      expect((await submit('a7', 24 * 60)).kind).toBe('created');
    });

    it('lets no burst through across the edge of a clock-aligned window', async () => {
      // Fixed 10-minute windows would let 2 at 09:59 and 2 more at 10:00; a sliding window lets only 2 of the 4.
      const limits: RateLimit[] = [{ windowMinutes: 10, max: 2 }];
      const submit = (id: string, second: number) =>
        store.requests.create(newWrite(aRequest(id, { createdAt: new Date(Date.parse(at(0)) + second * 1000).toISOString() }), { rateLimits: limits }));
      const edge = 10 * 60;
      const kinds = [];
      for (const [id, second] of [['e1', edge - 2], ['e2', edge - 1], ['e3', edge], ['e4', edge + 1]] as const) kinds.push((await submit(id, second)).kind);
      expect(kinds).toEqual(['created', 'created', 'rate_limited', 'rate_limited']);
      expect((await submit('e5', 2 * edge - 2)).kind).toBe('created');
    });

    it('lets exactly `max` of many concurrent submissions through', async () => {
      const limits: RateLimit[] = [{ windowMinutes: 10, max: 3 }];
      const results = await Promise.all(
        Array.from({ length: 7 }, (_, i) => store.requests.create(newWrite(aRequest(`c${i}`, { createdAt: at(1) }), { rateLimits: limits }))),
      );
      expect(results.filter((r) => r.kind === 'created')).toHaveLength(3);
      expect(results.filter((r) => r.kind === 'rate_limited')).toHaveLength(4);
      expect(await store.requests.count({ streetId: 'st-a' })).toBe(3);
      expect(await harness().outbox()).toHaveLength(3);
    });

    it('creates a submission retried concurrently exactly once', async () => {
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) => store.requests.create(newWrite(aRequest(`d${i}`, { idempotencyKey: 'same-key' }), { rateLimits: [{ windowMinutes: 10, max: 5 }] }))),
      );
      const created = results.filter((r) => r.kind === 'created');
      expect(created).toHaveLength(1);
      const winner = created[0].kind === 'created' ? created[0].request.id : '';
      for (const r of results) {
        expect(r.kind === 'created' || r.kind === 'duplicate').toBe(true);
        if (r.kind === 'duplicate') expect(r.request.id).toBe(winner);
      }
      expect(await store.requests.count({ streetId: 'st-a' })).toBe(1);
      // Retries are not counted: four more submissions still fit the window of five.
      for (let i = 0; i < 4; i++) expect((await store.requests.create(newWrite(aRequest(`e${i}`), { rateLimits: [{ windowMinutes: 10, max: 5 }] }))).kind).toBe('created');
    });

    it('fails as a whole when a message id is taken', async () => {
      await store.requests.create(newWrite(aRequest('rq-1')));
      const clash = newWrite(aRequest('rq-2'), { messages: [aMessage('m-rq-1', 'w-qian', at(0))], rateLimits: [{ windowMinutes: 10, max: 5 }] });
      await expectRefused(store.requests.create(clash));
      expect(await store.requests.get('rq-2')).toBeNull();
      expect(await store.requests.events('rq-2')).toEqual([]);
      expect(await harness().outbox()).toHaveLength(1);
      // Nothing of it counted: the key and the window are free for a corrected retry.
      expect((await store.requests.create(newWrite(aRequest('rq-2'), { rateLimits: [{ windowMinutes: 10, max: 1 }] }))).kind).toBe('created');
    });

    it('joins an open transaction: a later failure undoes it', async () => {
      await expect(
        store.transact(async (tx) => {
          expect((await tx.requests.create(newWrite(aRequest('rq-1')))).kind).toBe('created');
          expect((await tx.requests.get('rq-1'))?.id).toBe('rq-1');
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
      expect(await store.requests.get('rq-1')).toBeNull();
      expect(await harness().outbox()).toEqual([]);
      expect((await store.requests.create(newWrite(aRequest('rq-1')))).kind).toBe('created');
    });
  });

  describe('requests: commit', () => {
    const accepted = (r: ServiceRequest, version = 2): ServiceRequest => ({
      ...r,
      status: 'accepted',
      version,
      handler: { kind: 'worker', id: 'w-zhao', name: '赵敏' },
      acceptedAt: at(30),
      resolutionDueAt: at(3 * 24 * 60),
      updatedAt: at(30),
    });

    beforeEach(async () => {
      await store.requests.create(newWrite(aRequest('rq-1')));
    });

    it('stores the new state, appends the events (read back by seq), and writes messages and outbox', async () => {
      const next = accepted(aRequest('rq-1'));
      const ev2 = anEvent(next, 2, at(30), 'accept');
      const stored = await store.requests.commit({
        request: next, expectedVersion: 1, events: [ev2], messages: [aMessage('m-2', 'r-1', at(30), 'rq-1')], outbox: [anOutbox(ev2.id, 'r-1', at(30))],
      });
      expect(stored).toEqual(next);
      expect(await store.requests.get('rq-1')).toEqual(next);
      // Two events in one write, given out of order, come back by seq.
      const later = { ...next, status: 'in_progress' as const, version: 4, updatedAt: at(50) };
      const ev3 = anEvent(later, 3, at(40), 'progress');
      const ev4 = anEvent(later, 4, at(50), 'progress');
      expect(await store.requests.commit({ request: later, expectedVersion: 2, events: [ev4, ev3], messages: [], outbox: [] })).toEqual(later);
      expect((await store.requests.events('rq-1')).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect((await store.requests.events('rq-1'))[1]).toEqual(ev2);
      expect((await store.inbox.list('r-1', { limit: 10 })).items.map((m) => m.id)).toEqual(['m-2']);
      expect((await harness().outbox()).map((o) => o.recipientId)).toEqual(['w-zhao', 'r-1']);
      // The lists follow the new state.
      expect((await store.requests.list({ streetId: 'st-a', handlerId: 'w-zhao', sort: 'deadline' }, { limit: 10 })).items.map((r) => r.status)).toEqual(['in_progress']);
      expect(await store.requests.count({ streetId: 'st-a', statuses: ['submitted'] })).toBe(0);
    });

    it('keeps the list row in step with every write: created, then changed in status, deadline, reopenings and photos', async () => {
      const row = async (id: string) => (await store.requests.listItems({ streetId: 'st-a', residentId: 'r-1', sort: 'newest' }, { limit: 100 })).items.find((r) => r.id === id);
      const created = aRequest('rq-2', { description: '𠀀字开头的描述'.repeat(10), photoFileIds: [], idempotencyKey: 'k-2', createdAt: at(1) });
      await store.requests.create(newWrite(created, { messages: [], outbox: [] }));
      expect(await row('rq-2')).toEqual(listItemOf(created));
      expect((await row('rq-2'))?.excerpt).toBe(Array.from(created.description).slice(0, 60).join(''));
      const next: ServiceRequest = { ...accepted(created), reopenCount: 2, photoFileIds: ['p1', 'p2', 'p3'], categoryName: '公共安全', source: 'proxy' };
      expect(await store.requests.commit({ request: next, expectedVersion: 1, events: [anEvent(next, 2, at(30), 'accept')], messages: [], outbox: [] })).toEqual(next);
      expect(await row('rq-2')).toEqual(listItemOf(next));
      expect(await row('rq-2')).toMatchObject({ status: 'accepted', dueAt: next.resolutionDueAt, reopenCount: 2, photoCount: 3 });
      const closed: ServiceRequest = { ...next, status: 'withdrawn', version: 3, closedAt: at(40) };
      await store.transact((tx) => tx.requests.commit({ request: closed, expectedVersion: 2, events: [anEvent(closed, 3, at(40), 'withdraw')], messages: [], outbox: [] }));
      expect(await row('rq-2')).toMatchObject({ status: 'withdrawn', dueAt: null });
    });

    it('keeps 未核实住户 on the request and its list row; a request without it reads as verified', async () => {
      const row = async (id: string) => (await store.requests.listItems({ streetId: 'st-a', residentId: 'r-1', sort: 'newest' }, { limit: 100 })).items.find((r) => r.id === id);
      const unverified = aRequest('rq-u', { unverifiedResident: true, idempotencyKey: 'k-u', createdAt: at(1) });
      await store.requests.create(newWrite(unverified, { messages: [], outbox: [] }));
      expect(await store.requests.get('rq-u')).toEqual(unverified);
      expect(await row('rq-u')).toMatchObject({ unverifiedResident: true });
      const plain = aRequest('rq-v', { idempotencyKey: 'k-v', createdAt: at(2) });
      await store.requests.create(newWrite(plain, { messages: [], outbox: [] }));
      expect(await store.requests.get('rq-v')).toEqual(plain);
      expect(await row('rq-v')).toMatchObject({ unverifiedResident: false });
      const next: ServiceRequest = { ...accepted(unverified) };
      await store.requests.commit({ request: next, expectedVersion: 1, events: [anEvent(next, 2, at(30), 'accept')], messages: [], outbox: [] });
      expect(await row('rq-u')).toEqual(listItemOf(next));
    });

    it('returns null and writes nothing when the version moved or the request is unknown', async () => {
      const next = accepted(aRequest('rq-1'), 3);
      const ev = anEvent(next, 2, at(30), 'accept');
      const write = { request: next, expectedVersion: 2, events: [ev], messages: [aMessage('m-2', 'r-1', at(30))], outbox: [anOutbox(ev.id, 'r-1', at(30))] };
      expect(await store.requests.commit(write)).toBeNull();
      expect(await store.requests.commit({ ...write, request: { ...next, id: 'nope' } })).toBeNull();
      expect(await store.requests.get('rq-1')).toEqual(aRequest('rq-1'));
      expect((await store.requests.events('rq-1')).map((e) => e.seq)).toEqual([1]);
      expect(await store.requests.events('nope')).toEqual([]);
      expect((await store.inbox.list('r-1', { limit: 10 })).items).toEqual([]);
      expect(await harness().outbox()).toHaveLength(1);
    });

    it('refuses a request whose version does not move forward', async () => {
      await expect(store.requests.commit({ request: aRequest('rq-1'), expectedVersion: 1, events: [], messages: [], outbox: [] })).rejects.toThrow(/version/);
    });

    it('lets exactly one of several concurrent commits on one version land', async () => {
      const results = await Promise.all(
        ['w-zhao', 'w-qian', 'w-sun'].map((id, i) => {
          const next = { ...accepted(aRequest('rq-1')), handler: { kind: 'worker' as const, id, name: id } };
          return store.requests.commit({ request: next, expectedVersion: 1, events: [{ ...anEvent(next, 2, at(30), 'accept'), id: `ev-${i}` }], messages: [], outbox: [] });
        }),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(await store.requests.get('rq-1')).toEqual(winners[0]);
      expect((await store.requests.events('rq-1')).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('fails as a whole when an outbox record is already queued or an event seq is taken', async () => {
      const next = accepted(aRequest('rq-1'));
      const ev2 = anEvent(next, 2, at(30), 'accept');
      // The outbox record of the submit event exists already.
      await expectRefused(
        store.requests.commit({ request: next, expectedVersion: 1, events: [ev2], messages: [aMessage('m-2', 'r-1', at(30))], outbox: [anOutbox('ev-rq-1-1', 'w-zhao', at(30))] }),
      );
      // Event 1 exists already.
      await expectRefused(
        store.requests.commit({ request: next, expectedVersion: 1, events: [{ ...ev2, seq: 1, id: 'ev-dup' }], messages: [aMessage('m-3', 'r-1', at(30))], outbox: [] }),
      );
      expect(await store.requests.get('rq-1')).toEqual(aRequest('rq-1'));
      expect(await store.requests.events('rq-1')).toHaveLength(1);
      expect((await store.inbox.list('r-1', { limit: 10 })).items).toEqual([]);
      expect(await harness().outbox()).toHaveLength(1);
      // The same transition, well formed, then lands.
      expect(await store.requests.commit({ request: next, expectedVersion: 1, events: [ev2], messages: [], outbox: [anOutbox(ev2.id, 'r-1', at(30))] })).toEqual(next);
    });

    it('joins an open transaction, and reading events or lists inside one is refused', async () => {
      const next = accepted(aRequest('rq-1'));
      await expect(
        store.transact(async (tx) => {
          expect(await tx.requests.commit({ request: next, expectedVersion: 1, events: [anEvent(next, 2, at(30))], messages: [], outbox: [] })).toEqual(next);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await store.requests.get('rq-1')).toEqual(aRequest('rq-1'));
      await expect(store.transact((tx) => tx.requests.events('rq-1'))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.requests.list({ streetId: 'st-a', sort: 'newest' }, { limit: 1 }))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.requests.listItems({ streetId: 'st-a', sort: 'newest' }, { limit: 1 }))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.requests.count({ streetId: 'st-a' }))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.inbox.list('r-1', { limit: 1 }))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.inbox.unreadCount('r-1'))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.inbox.markRead('r-1', ['m'], at(1)))).rejects.toBeInstanceOf(TransactionQueryError);
      await expect(store.transact((tx) => tx.requestConfig.categories('st-a'))).rejects.toBeInstanceOf(TransactionQueryError);
      // By-id reads are fine inside a transaction.
      expect(await store.transact(async (tx) => [(await tx.requests.get('rq-1'))?.id, (await tx.requestConfig.category('cat-env'))?.id, (await tx.requestConfig.settings('st-b')).confirmWindowDays])).toEqual(['rq-1', 'cat-env', 5]);
    });
  });

  describe('requests: lists and counts', () => {
    const all = listFixture();

    beforeEach(async () => {
      for (const r of all) await store.requests.create(newWrite(r, { messages: [], outbox: [] }));
    });

    const queries: [string, RequestQuery][] = [
      ['the street, newest', { streetId: 'st-a', sort: 'newest' }],
      ['the street, by deadline', { streetId: 'st-a', sort: 'deadline' }],
      ['the other street', { streetId: 'st-b', sort: 'newest' }],
      ['a community', { streetId: 'st-a', communityId: 'cm-a1', sort: 'newest' }],
      ['a community by deadline', { streetId: 'st-a', communityId: 'cm-a1', sort: 'deadline' }],
      ['two grids, open, by deadline', { streetId: 'st-a', gridIds: ['gd-a1-1', 'gd-a2-1'], statuses: ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved'], sort: 'deadline' }],
      ['two grids, done, newest', { streetId: 'st-a', gridIds: ['gd-a1-2', 'gd-a2-1'], statuses: ['resolved', 'verified', 'archived', 'rejected', 'withdrawn'], sort: 'newest' }],
      ['a grid of another street is not in this street', { streetId: 'st-a', gridIds: ['gd-b1-1'], sort: 'newest' }],
      ['a resident, newest', { streetId: 'st-a', residentId: 'r-1', sort: 'newest' }],
      ['a resident, by deadline', { streetId: 'st-a', residentId: 'r-2', sort: 'deadline' }],
      ['a handler, working, by deadline', { streetId: 'st-a', handlerId: 'w-zhao', statuses: ['accepted', 'dispatched', 'in_progress'], sort: 'deadline' }],
      ['a handler in grids', { streetId: 'st-a', handlerId: 'w-qian', gridIds: ['gd-a1-1', 'gd-a1-2'], sort: 'newest' }],
      ['statuses', { streetId: 'st-a', statuses: ['submitted', 'held'], sort: 'deadline' }],
      ['a category', { streetId: 'st-a', categoryId: 'cat-hazard', sort: 'newest' }],
      ['overdue, by deadline', { streetId: 'st-a', overdueAt: at(2100), sort: 'deadline' }],
      ['overdue within open statuses, newest', { streetId: 'st-a', statuses: ['held', 'submitted', 'accepted', 'dispatched', 'in_progress', 'resolved'], overdueAt: at(2600), sort: 'newest' }],
      ['overdue in a community', { streetId: 'st-a', communityId: 'cm-a1', overdueAt: at(3000), sort: 'deadline' }],
      ['a window of deadlines', { streetId: 'st-a', overdueAt: at(2600), dueFrom: at(1200), sort: 'deadline' }],
      ['a window of deadlines in a community', { streetId: 'st-a', communityId: 'cm-a1', overdueAt: at(3000), dueFrom: at(900), sort: 'deadline' }],
      ['verification queue', { streetId: 'st-a', communityId: 'cm-a1', statuses: ['resolved'], resolvedBefore: at(2900), sort: 'deadline' }],
      ['verified before', { streetId: 'st-a', statuses: ['verified'], resolvedBefore: at(3000), sort: 'newest' }],
      ['resolved before, any status', { streetId: 'st-a', resolvedBefore: at(2700), sort: 'deadline' }],
      ['created range', { streetId: 'st-a', createdFrom: at(90), createdTo: at(360), sort: 'newest' }],
      ['created range by deadline', { streetId: 'st-a', createdFrom: at(180), sort: 'deadline' }],
      ['accepted in a range (考核)', { streetId: 'st-a', acceptedFrom: at(100), acceptedTo: at(400), sort: 'newest' }],
      ['accepted from, in grids, by deadline', { streetId: 'st-a', gridIds: ['gd-a1-1', 'gd-a2-1'], acceptedFrom: at(150), sort: 'deadline' }],
      ['resolved in a range in a community', { streetId: 'st-a', communityId: 'cm-a1', resolvedFrom: at(2400), resolvedTo: at(3000), sort: 'newest' }],
      ['resolved before a time, by deadline, with statuses', { streetId: 'st-a', statuses: ['resolved', 'verified', 'archived'], resolvedTo: at(2900), sort: 'deadline' }],
      ["a worker's assessed requests", { streetId: 'st-a', assessedWorkerId: 'w-zhao', sort: 'newest' }],
      ['the worker who held them at the deadline', { streetId: 'st-a', assessedWorkerId: 'w-sun', sort: 'deadline' }],
      ['a worker, resolved in a range', { streetId: 'st-a', assessedWorkerId: 'w-zhao', resolvedFrom: at(2400), sort: 'newest' }],
      ['a handler within an accepted range', { streetId: 'st-a', handlerId: 'w-zhao', acceptedFrom: at(0), acceptedTo: at(600), sort: 'newest' }],
      ['a resident within a resolved range', { streetId: 'st-a', residentId: 'r-1', resolvedFrom: at(2000), sort: 'deadline' }],
      ['everything at once', { streetId: 'st-a', communityId: 'cm-a1', categoryId: 'cat-env', statuses: ['archived', 'submitted', 'accepted'], createdFrom: at(0), createdTo: at(400), sort: 'newest' }],
    ];

    it.each(queries)('%s: every match once, in order, across pages of any size; count agrees', async (_name, q) => {
      const want = expected(all, q);
      for (const limit of [1, 3, 100]) {
        const { ids, pages } = await pageAll(store, q, limit);
        expect(ids).toEqual(want);
        expect(pages).toBe(Math.max(1, Math.ceil(want.length / limit)));
      }
      const { sort: _sort, ...filters } = q;
      expect(await store.requests.count(filters)).toBe(want.length);
    });

    it.each(queries)('%s: listItems gives the same pages as list, each request cut to its list row', async (_name, q) => {
      let cursor: string | null = null;
      do {
        const [full, rows]: [{ items: ServiceRequest[]; next: string | null }, { items: RequestListItem[]; next: string | null }] = await Promise.all([
          store.requests.list(q, { limit: 3, cursor }),
          store.requests.listItems(q, { limit: 3, cursor }),
        ]);
        expect(rows).toEqual({ items: full.items.map(listItemOf), next: full.next });
        cursor = rows.next;
      } while (cursor);
    });

    it('the fixture exercises every filter (the cases above are not vacuous)', () => {
      for (const [name, q] of queries) {
        if (name.includes('not in this street')) expect(expected(all, q)).toEqual([]);
        else expect([name, expected(all, q).length > 1]).toEqual([name, true]);
      }
      const newest = expected(all, { streetId: 'st-a', sort: 'newest' });
      expect(new Set(all.filter((r) => r.streetId === 'st-a').map((r) => r.createdAt)).size).toBeLessThan(newest.length);
    });

    it('overdue means open with a running clock: held, resolved and closed requests never are', async () => {
      const late = at(100000);
      const ids = new Set((await pageAll(store, { streetId: 'st-a', overdueAt: late, sort: 'deadline' }, 100)).ids);
      for (const r of all.filter((x) => x.streetId === 'st-a')) {
        expect([r.id, ids.has(r.id)]).toEqual([r.id, ['submitted', 'accepted', 'dispatched', 'in_progress'].includes(r.status)]);
      }
      // An accepted request is judged by its resolution deadline, not its passed response deadline.
      const acceptedOne = all.find((r) => r.streetId === 'st-a' && r.status === 'accepted')!;
      const between = at(Math.round((Date.parse(acceptedOne.resolutionDueAt!) - T0) / 60000) - 1);
      expect(acceptedOne.responseDueAt < between).toBe(true);
      expect((await pageAll(store, { streetId: 'st-a', overdueAt: between, statuses: ['accepted'], sort: 'deadline' }, 100)).ids).not.toContain(acceptedOne.id);
    });

    it('orders by deadline: soonest current deadline first, then resolved by resolution time, then closed; ties by id', async () => {
      const { ids } = await pageAll(store, { streetId: 'st-a', sort: 'deadline' }, 7);
      const statuses = ids.map((id) => all.find((r) => r.id === id)!.status);
      const firstResolved = statuses.indexOf('resolved');
      const firstClosed = statuses.findIndex((s) => ['verified', 'archived', 'rejected', 'withdrawn'].includes(s));
      expect(firstResolved).toBeGreaterThan(0);
      expect(statuses.slice(0, firstResolved).every((s) => ['held', 'submitted', 'accepted', 'dispatched', 'in_progress'].includes(s))).toBe(true);
      expect(statuses.slice(firstResolved, firstClosed).every((s) => s === 'resolved')).toBe(true);
      expect(statuses.slice(firstClosed).every((s) => ['verified', 'archived', 'rejected', 'withdrawn', 'merged'].includes(s))).toBe(true);
    });

    it('an empty grid list matches nothing', async () => {
      expect(await store.requests.list({ streetId: 'st-a', gridIds: [], sort: 'newest' }, { limit: 10 })).toEqual({ items: [], next: null });
      expect(await store.requests.count({ streetId: 'st-a', gridIds: [] })).toBe(0);
    });

    it('keeps paging exact when a request is added between pages', async () => {
      const q: RequestQuery = { streetId: 'st-a', sort: 'newest' };
      const before = expected(all, q);
      const first = await store.requests.list(q, { limit: 5 });
      await store.requests.create(newWrite(aRequest('rq-new', { createdAt: at(10000), idempotencyKey: 'new' }), { messages: [], outbox: [] }));
      const rest: string[] = [];
      let cursor = first.next;
      while (cursor) {
        const page = await store.requests.list(q, { limit: 5, cursor });
        rest.push(...page.items.map((r) => r.id));
        cursor = page.next;
      }
      expect([...first.items.map((r) => r.id), ...rest]).toEqual(before);
    });

    it('cuts the page size to 1..100 and refuses a cursor of another order or a made-up one', async () => {
      for (let i = 0; i < 80; i++) {
        await store.requests.create(newWrite(aRequest(`bulk-${String(i).padStart(2, '0')}`, { createdAt: at(5000 + i) }), { messages: [], outbox: [] }));
      }
      const big = await store.requests.list({ streetId: 'st-a', sort: 'newest' }, { limit: 1000 });
      expect(big.items).toHaveLength(100);
      expect(big.next).not.toBeNull();
      expect((await store.requests.list({ streetId: 'st-a', sort: 'newest' }, { limit: 0 })).items).toHaveLength(1);
      const deadlineCursor = (await store.requests.list({ streetId: 'st-a', sort: 'deadline' }, { limit: 1 })).next;
      const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (isDomainError(e) ? e.code : String(e)));
      expect(await refusal(store.requests.list({ streetId: 'st-a', sort: 'newest' }, { limit: 5, cursor: deadlineCursor }))).toBe('INPUT.INVALID');
      expect(await refusal(store.requests.list({ streetId: 'st-a', sort: 'newest' }, { limit: 5, cursor: 'not-a-cursor' }))).toBe('INPUT.INVALID');
      expect(await refusal(store.inbox.list('r-1', { limit: 5, cursor: deadlineCursor }))).toBe('INPUT.INVALID');
    });
  });

  describe('inbox', () => {
    beforeEach(async () => {
      const messages = [
        aMessage('m-a', 'r-1', at(1)),
        aMessage('m-c', 'r-1', at(3), 'rq-1'),
        aMessage('m-b', 'r-1', at(3)),
        aMessage('m-d', 'r-1', at(5)),
        aMessage('m-e', 'r-1', at(2)),
        aMessage('m-x', 'r-2', at(4)),
      ];
      await store.requests.create(newWrite(aRequest('rq-1'), { messages, outbox: [] }));
    });

    it("lists a user's own messages newest first (ties by id), page by page", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: InboxMessage[]; next: string | null } = await store.inbox.list('r-1', { limit: 2, cursor });
        seen.push(...page.items.map((m) => m.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(['m-d', 'm-c', 'm-b', 'm-e', 'm-a']);
      expect((await store.inbox.list('r-1', { limit: 10 })).items[1]).toEqual(aMessage('m-c', 'r-1', at(3), 'rq-1'));
      expect((await store.inbox.list('nobody', { limit: 10 })).items).toEqual([]);
    });

    it("counts unread and marks read only the user's own messages, keeping the first read time", async () => {
      expect(await store.inbox.unreadCount('r-1')).toBe(5);
      await store.inbox.markRead('r-1', ['m-a', 'm-b', 'm-x', 'nope'], at(10));
      expect(await store.inbox.unreadCount('r-1')).toBe(3);
      expect(await store.inbox.unreadCount('r-2')).toBe(1);
      await store.inbox.markRead('r-2', ['m-c'], at(11));
      await store.inbox.markRead('r-1', ['m-a', 'm-c'], at(12));
      const byId = new Map((await store.inbox.list('r-1', { limit: 10 })).items.map((m) => [m.id, m.readAt]));
      expect(Object.fromEntries(byId)).toEqual({ 'm-a': at(10), 'm-b': at(10), 'm-c': at(12), 'm-d': null, 'm-e': null });
      expect((await store.inbox.list('r-2', { limit: 10 })).items[0].readAt).toBeNull();
      await store.inbox.markRead('r-1', [], at(13));
      expect(await store.inbox.unreadCount('r-1')).toBe(2);
    });
  });

  describe('the uncalibrated-deadline flag (期限未按节假日校准)', () => {
    it('is stored with the request and shown on its list row while a deadline runs', async () => {
      await store.requests.create(newWrite(aRequest('rq-1', { dueUncalibrated: true })));
      await store.requests.create(newWrite(aRequest('rq-2', { idempotencyKey: 'key-2' })));
      expect((await store.requests.get('rq-1'))?.dueUncalibrated).toBe(true);
      expect((await store.requests.get('rq-2'))?.dueUncalibrated).toBe(false);
      const rows = (await store.requests.listItems({ streetId: 'st-a', sort: 'newest' }, { limit: 10 })).items;
      expect(Object.fromEntries(rows.map((r) => [r.id, r.dueUncalibrated]))).toEqual({ 'rq-1': true, 'rq-2': false });
    });
  });

  describe('request config', () => {
    it("lists a street's categories by seq, inactive ones included, and finds one by id", async () => {
      expect((await store.requestConfig.categories('st-a')).map((c) => c.id)).toEqual(['cat-env', 'cat-hazard', 'cat-old']);
      expect(await store.requestConfig.category('cat-hazard')).toEqual({
        id: 'cat-hazard', streetId: 'st-a', name: '安全隐患', kind: 'hazard', responseMinutes: 480, resolutionDays: 1, active: true, seq: 2,
      });
      expect(await store.requestConfig.category('nope')).toBeNull();
      expect((await store.requestConfig.categories('st-b')).map((c) => c.id)).toEqual(['cat-b']);
      expect(await store.requestConfig.categories('st-none')).toEqual([]);
    });

    it("lists a street's departments by id", async () => {
      expect(await store.requestConfig.departments('st-a')).toEqual([
        { id: 'dep-1', streetId: 'st-a', name: '城管执法中队', phone: '0710-8100001' },
        { id: 'dep-2', streetId: 'st-a', name: '派出所', phone: '0710-8100002' },
      ]);
      expect(await store.requestConfig.departments('st-none')).toEqual([]);
    });

    it('answers stored settings, and the defaults for a street that has none', async () => {
      const b = await store.requestConfig.settings('st-b');
      expect(b).toEqual({ ...DEFAULT_REQUEST_SETTINGS, streetId: 'st-b', confirmWindowDays: 5, rateLimits: [{ windowMinutes: 60, max: 2 }], blockedWords: ['违禁'] });
      const a = await store.requestConfig.settings('st-a');
      expect(a).toEqual({ ...DEFAULT_REQUEST_SETTINGS, streetId: 'st-a' });
      a.rateLimits.push({ windowMinutes: 1, max: 1 });
      b.blockedWords.push('改');
      expect(DEFAULT_REQUEST_SETTINGS.rateLimits).toHaveLength(2);
      expect((await store.requestConfig.settings('st-a')).rateLimits).toEqual(DEFAULT_REQUEST_SETTINGS.rateLimits);
      expect((await store.requestConfig.settings('st-b')).blockedWords).toEqual(['违禁']);
    });

    it('saveScoreWeights keeps the other settings, creates defaults for a street with none, and lands inside a transaction', async () => {
      await store.requestConfig.saveScoreWeights('st-b', { onTimeRate: 40, satisfactionRate: 20, solveRate: 20, timelyAcceptRate: 20 });
      expect(await store.requestConfig.settings('st-b')).toEqual({
        ...DEFAULT_REQUEST_SETTINGS, streetId: 'st-b', confirmWindowDays: 5, rateLimits: [{ windowMinutes: 60, max: 2 }], blockedWords: ['违禁'],
        scoreWeights: { onTimeRate: 40, satisfactionRate: 20, solveRate: 20, timelyAcceptRate: 20 },
      });
      await store.transact((tx) => tx.requestConfig.saveScoreWeights('st-a', { onTimeRate: 25, satisfactionRate: 25, solveRate: 25, timelyAcceptRate: 25 }));
      expect(await store.requestConfig.settings('st-a')).toEqual({
        ...DEFAULT_REQUEST_SETTINGS, streetId: 'st-a', scoreWeights: { onTimeRate: 25, satisfactionRate: 25, solveRate: 25, timelyAcceptRate: 25 },
      });
      // Saving the same weights again changes nothing else.
      await store.requestConfig.saveScoreWeights('st-a', { onTimeRate: 25, satisfactionRate: 25, solveRate: 25, timelyAcceptRate: 25 });
      expect((await store.requestConfig.settings('st-a')).scoreWeights).toEqual({ onTimeRate: 25, satisfactionRate: 25, solveRate: 25, timelyAcceptRate: 25 });
      await expect(
        store.transact(async (tx) => {
          await tx.requestConfig.saveScoreWeights('st-a', { onTimeRate: 100, satisfactionRate: 0, solveRate: 0, timelyAcceptRate: 0 });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect((await store.requestConfig.settings('st-a')).scoreWeights?.onTimeRate).toBe(25);
    });

    it('lists the calendars by year', async () => {
      expect(await store.requestConfig.calendars()).toEqual([
        { year: 2025, holidays: ['2025-01-01'], workdays: [] },
        { year: 2026, holidays: ['2026-01-01'], workdays: ['2026-01-04'] },
      ]);
    });

    it('saveCalendar adds a year and replaces a stored year whole, with where and when it was loaded', async () => {
      expect((await store.requestConfig.calendarYears()).map((y) => [y.year, y.source])).toEqual([[2025, 'seed'], [2026, 'seed']]);
      await store.requestConfig.saveCalendar(2027, { year: 2027, holidays: ['2027-01-01'], workdays: [] }, { source: 'csv', loadedAt: '2026-12-06T02:00:00.000Z', loadedBy: 'cli' });
      await store.requestConfig.saveCalendar(2026, { year: 2026, holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] }, { source: 'chinese-days', loadedAt: '2026-12-06T03:00:00.000Z', loadedBy: 'u-admin' });
      expect(await store.requestConfig.calendars()).toEqual([
        { year: 2025, holidays: ['2025-01-01'], workdays: [] },
        // 2026-01-01 and 2026-01-04 are gone: the year is replaced, not merged.
        { year: 2026, holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] },
        { year: 2027, holidays: ['2027-01-01'], workdays: [] },
      ]);
      expect(await store.requestConfig.calendarYears()).toEqual([
        { year: 2025, source: 'seed', loadedAt: '', loadedBy: '', holidays: 1, workdays: 0 },
        { year: 2026, source: 'chinese-days', loadedAt: '2026-12-06T03:00:00.000Z', loadedBy: 'u-admin', holidays: 2, workdays: 1 },
        { year: 2027, source: 'csv', loadedAt: '2026-12-06T02:00:00.000Z', loadedBy: 'cli', holidays: 1, workdays: 0 },
      ]);
    });

    it('saveCalendar joins a transaction: a failure after it leaves the stored year as it was', async () => {
      await expect(
        store.transact(async (tx) => {
          await tx.requestConfig.saveCalendar(2026, { year: 2026, holidays: ['2026-12-25'], workdays: [] }, { source: 'json', loadedAt: '2026-12-06T03:00:00.000Z', loadedBy: 'cli' });
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect((await store.requestConfig.calendars())[1]).toEqual({ year: 2026, holidays: ['2026-01-01'], workdays: ['2026-01-04'] });
      await store.transact(async (tx) => {
        await tx.requestConfig.saveCalendar(2026, { year: 2026, holidays: ['2026-12-25'], workdays: [] }, { source: 'json', loadedAt: '2026-12-06T03:00:00.000Z', loadedBy: 'cli' });
      });
      expect((await store.requestConfig.calendars())[1]).toEqual({ year: 2026, holidays: ['2026-12-25'], workdays: [] });
    });

    it('saveCalendar refuses a calendar of another year than the one named', async () => {
      await expectRefused(store.requestConfig.saveCalendar(2027, { year: 2026, holidays: [], workdays: [] }, { source: 'json', loadedAt: '', loadedBy: 'cli' }));
      expect((await store.requestConfig.calendars()).map((y) => y.year)).toEqual([2025, 2026]);
    });
  });
}

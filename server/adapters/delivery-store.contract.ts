/**
 * The delivery part of the Store contract (outbox claims, subscribe credits, job locks), run by both
 * adapters through describeStoreContract. The rules under test are the ones the dispatcher's guarantees
 * rest on: a record is held by one claim at a time, a lease that ends gives it back, only the holder
 * settles it; credits are held once per key; one owner holds a lock at a time, and its checkpoint stays.
 */
import { MAX_CREDITS } from '@core/messages/consent';
import { MESSAGE_TEMPLATES, type InboxMessage, type OutboxRecord } from '@core/messages/message';
import { DEFAULT_REQUEST_SETTINGS, type RequestSettings } from '@core/requests/request';
import type { Store } from '../ports/store.port';
import { emptyImport } from './store-import';
import type { StoreHarness } from './store-contract-kit';

const T0 = Date.parse('2026-03-02T00:00:00.000Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60000).toISOString();

function record(id: string, over: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    id,
    eventId: `ev-${id}`,
    recipientId: 'r-1',
    channel: 'subscribe',
    template: 'request_status',
    payload: { title: '诉求已受理', category: '环境卫生', status: '已受理', time: '2026年3月2日 08:00', requestId: 'rq-1' },
    status: 'pending',
    attempts: 0,
    nextTryAt: at(0),
    lastError: null,
    createdAt: at(0),
    ...over,
  };
}

function message(id: string, userId = 'r-1'): InboxMessage {
  return { id, userId, title: '诉求已受理', body: '您反映的「环境卫生」已受理。', link: { kind: 'request', id: 'rq-1' }, at: at(0), readAt: null };
}

const ids = (records: OutboxRecord[]) => records.map((r) => r.id);

export function describeDeliveryContract(harness: () => StoreHarness): void {
  let store: Store;
  beforeEach(() => {
    store = harness().store;
  });

  async function queue(...records: OutboxRecord[]): Promise<void> {
    expect(await store.outbox.enqueueMany(records)).toBe(records.length);
  }

  describe('outbox: claims', () => {
    it('claims due pending records, earliest first and ties by id, up to the limit; attempts count up and the lease becomes nextTryAt', async () => {
      await queue(
        record('c', { nextTryAt: at(5) }),
        record('a', { nextTryAt: at(5) }),
        record('b', { nextTryAt: at(1) }),
        record('later', { nextTryAt: at(60) }),
        record('done', { status: 'sent' }),
        record('d', { nextTryAt: at(7), attempts: 2 }),
      );
      const first = await store.outbox.claim({ now: at(10), leaseUntil: at(12), token: 'run-1', limit: 3 });
      expect(ids(first)).toEqual(['b', 'a', 'c']);
      expect(first.every((r) => r.attempts === 1 && r.nextTryAt === at(12) && r.status === 'pending')).toBe(true);
      expect(await store.outbox.get('a')).toEqual({ ...record('a'), attempts: 1, nextTryAt: at(12) });

      const second = await store.outbox.claim({ now: at(10), leaseUntil: at(12), token: 'run-2', limit: 10 });
      expect(second).toEqual([{ ...record('d', { attempts: 3, nextTryAt: at(12) }) }]);
      expect(await store.outbox.claim({ now: at(10), leaseUntil: at(12), token: 'run-3', limit: 10 })).toEqual([]);
    });

    it('splits concurrent claims: no record goes to two of them, and claiming on leaves none behind', async () => {
      const all = Array.from({ length: 12 }, (_, i) => record(`r${String(i).padStart(2, '0')}`, { nextTryAt: at(i % 3) }));
      await queue(...all);
      const claimed: string[] = [];
      for (let round = 0; round < 12 && claimed.length < all.length; round++) {
        const claims = await Promise.all(Array.from({ length: 5 }, (_, i) => store.outbox.claim({ now: at(10), leaseUntil: at(20), token: `run-${round}-${i}`, limit: 4 })));
        claimed.push(...claims.flatMap(ids));
      }
      expect(claimed.sort()).toEqual(ids(all).sort());
    });

    it('gives a record back when its lease ends: another run claims it, and only the new holder settles it', async () => {
      await queue(record('x'));
      await store.outbox.claim({ now: at(0), leaseUntil: at(2), token: 'dead-run', limit: 10 });
      expect(await store.outbox.claim({ now: at(1), leaseUntil: at(3), token: 'run-2', limit: 10 })).toEqual([]);
      const again = await store.outbox.claim({ now: at(2), leaseUntil: at(4), token: 'run-2', limit: 10 });
      expect(again.map((r) => [r.id, r.attempts])).toEqual([['x', 2]]);

      expect(await store.outbox.settle('x', 'dead-run', { status: 'sent', lastError: null })).toBe(false);
      expect((await store.outbox.get('x'))?.status).toBe('pending');
      expect(await store.outbox.settle('x', 'run-2', { status: 'sent', lastError: null })).toBe(true);
      expect(await store.outbox.get('x')).toEqual({ ...record('x'), status: 'sent', attempts: 2, nextTryAt: at(4) });
      // Settled: no claim holds it any more, and it is never claimed again.
      expect(await store.outbox.settle('x', 'run-2', { status: 'failed', lastError: 'late' })).toBe(false);
      expect(await store.outbox.claim({ now: at(100), leaseUntil: at(102), token: 'run-3', limit: 10 })).toEqual([]);
    });

    it('settles a retry as pending with its next try, error and (for an audience record) attempts and progress', async () => {
      await queue(record('t'), record('fan', { recipientId: '*', template: 'notice_urgent', audience: { kind: 'notice', noticeId: 'n-1' } }));
      await store.outbox.claim({ now: at(0), leaseUntil: at(2), token: 'run', limit: 10 });
      expect(await store.outbox.settle('t', 'run', { status: 'pending', nextTryAt: at(30), lastError: 'transient: -1 system busy' })).toBe(true);
      expect(await store.outbox.get('t')).toEqual({ ...record('t'), attempts: 1, nextTryAt: at(30), lastError: 'transient: -1 system busy' });

      const progress = { cursor: 'p2', recipients: 500, queued: 12 };
      expect(await store.outbox.settle('fan', 'run', { status: 'pending', nextTryAt: at(1), lastError: null, attempts: 0, progress })).toBe(true);
      expect(await store.outbox.get('fan')).toMatchObject({ status: 'pending', attempts: 0, nextTryAt: at(1), progress, audience: { kind: 'notice', noticeId: 'n-1' } });
      // A later settle without progress keeps the saved one.
      await store.outbox.claim({ now: at(1), leaseUntil: at(3), token: 'run-2', limit: 10 });
      expect(await store.outbox.settle('fan', 'run-2', { status: 'failed', lastError: 'x' })).toBe(true);
      expect((await store.outbox.get('fan'))?.progress).toEqual(progress);
    });

    it('checkpoints an expansion only while the claim holds: progress saved, lease extended', async () => {
      await queue(record('fan', { recipientId: '*', audience: { kind: 'notice', noticeId: 'n-1' } }));
      await store.outbox.claim({ now: at(0), leaseUntil: at(2), token: 'run', limit: 10 });
      const progress = { cursor: 'c1', recipients: 3, queued: 1 };
      expect(await store.outbox.checkpoint('fan', 'other', progress, at(9))).toBe(false);
      expect(await store.outbox.checkpoint('fan', 'run', progress, at(4))).toBe(true);
      expect(await store.outbox.checkpoint('fan', 'run', { ...progress, cursor: 'c2' }, at(4))).toBe(true);
      expect(await store.outbox.get('fan')).toMatchObject({ nextTryAt: at(4), progress: { ...progress, cursor: 'c2' }, attempts: 1 });
      expect(await store.outbox.claim({ now: at(3), leaseUntil: at(5), token: 'run-2', limit: 10 })).toEqual([]);
    });
  });

  describe('outbox: queueing', () => {
    it('enqueue writes the message and its record together, once per record id', async () => {
      expect(await store.outbox.enqueue({ message: message('m-1'), record: record('q') })).toBe(true);
      expect(await store.outbox.enqueue({ message: message('m-2'), record: record('q') })).toBe(false);
      expect((await store.inbox.list('r-1', { limit: 10 })).items.map((m) => m.id)).toEqual(['m-1']);
      expect(await harness().outbox()).toEqual([record('q')]);
      expect(await store.outbox.enqueue({ message: null, record: record('q2') })).toBe(true);
      expect(await store.outbox.get('q2')).toEqual(record('q2'));
      expect(await store.outbox.get('nope')).toBeNull();
    });

    it('enqueue writes nothing when the message id is taken', async () => {
      await store.outbox.enqueue({ message: message('m-1'), record: record('q') });
      await expect(store.outbox.enqueue({ message: message('m-1'), record: record('q2') })).rejects.toHaveProperty('message', expect.stringMatching(/./));
      expect(await store.outbox.get('q2')).toBeNull();
    });

    it('enqueueMany adds only ids not queued yet — a record already sent stays as it is — and counts them', async () => {
      await queue(record('s'));
      await store.outbox.claim({ now: at(0), leaseUntil: at(1), token: 'run', limit: 1 });
      await store.outbox.settle('s', 'run', { status: 'sent', lastError: null });
      const many = Array.from({ length: 230 }, (_, i) => record(`m${String(i).padStart(3, '0')}`));
      expect(await store.outbox.enqueueMany([record('s'), ...many, many[0]])).toBe(230);
      expect((await store.outbox.get('s'))?.status).toBe('sent');
      expect(await store.outbox.enqueueMany(many)).toBe(0);
      expect(await store.outbox.count('pending')).toBe(230);
      expect(await store.outbox.count('sent')).toBe(1);
      expect(await store.outbox.enqueueMany([])).toBe(0);
    });

    it('keeps an audience record whole: audience and progress read back as written', async () => {
      const fan = record('fan', { recipientId: '*', template: 'notice_urgent', audience: { kind: 'notice', noticeId: 'n-9' }, progress: null });
      await queue(fan);
      const { progress: _unset, ...expected } = fan;
      expect(await store.outbox.get('fan')).toEqual(expected);
    });
  });

  describe('subscribe credits', () => {
    it('start at zero for every template; each grant adds one per template, up to the cap', async () => {
      const zero = Object.fromEntries(MESSAGE_TEMPLATES.map((t) => [t, 0]));
      expect(await store.subscriptions.credits('r-1')).toEqual(zero);
      expect(await store.subscriptions.grant('r-1', ['request_status', 'request_confirm', 'request_status'], at(0))).toEqual({ ...zero, request_status: 1, request_confirm: 1 });
      expect(await store.subscriptions.grant('r-1', ['request_status'], at(1))).toEqual({ ...zero, request_status: 2, request_confirm: 1 });
      expect(await store.subscriptions.credits('r-2')).toEqual(zero);
      for (let i = 0; i < MAX_CREDITS + 3; i++) await store.subscriptions.grant('r-2', ['notice_urgent'], at(2));
      expect((await store.subscriptions.credits('r-2')).notice_urgent).toBe(MAX_CREDITS);
    });

    it('holds one credit per key; settling uses, returns or clears it', async () => {
      const credits = async () => (await store.subscriptions.credits('r-1')).request_status;
      expect(await store.subscriptions.hold('r-1', 'request_status', 'k1', at(0))).toBe(false);
      await store.subscriptions.grant('r-1', ['request_status'], at(0));
      await store.subscriptions.grant('r-1', ['request_status'], at(0));
      expect(await store.subscriptions.hold('r-1', 'request_status', 'k1', at(1))).toBe(true);
      // The same key again (a retry of the same record) holds nothing more.
      expect(await store.subscriptions.hold('r-1', 'request_status', 'k1', at(1))).toBe(true);
      expect(await credits()).toBe(1);
      await store.subscriptions.settle('r-1', 'request_status', 'k1', 'returned', at(2));
      expect(await credits()).toBe(2);
      await store.subscriptions.settle('r-1', 'request_status', 'k1', 'returned', at(2));
      expect(await credits()).toBe(2);

      expect(await store.subscriptions.hold('r-1', 'request_status', 'k2', at(3))).toBe(true);
      await store.subscriptions.settle('r-1', 'request_status', 'k2', 'used', at(3));
      expect(await credits()).toBe(1);
      // Settled: the key holds nothing now, so holding it again takes another credit.
      expect(await store.subscriptions.hold('r-1', 'request_status', 'k2', at(4))).toBe(true);
      expect(await credits()).toBe(0);
      expect(await store.subscriptions.hold('r-1', 'request_status', 'k3', at(4))).toBe(false);

      await store.subscriptions.grant('r-1', ['request_status'], at(5));
      await store.subscriptions.grant('r-1', ['request_status'], at(5));
      await store.subscriptions.settle('r-1', 'request_status', 'k2', 'refused', at(6));
      expect(await credits()).toBe(0);
      await store.subscriptions.settle('nobody', 'request_status', 'k9', 'returned', at(6));
      expect((await store.subscriptions.credits('nobody')).request_status).toBe(0);
    });

    it('a returned credit comes back whole, also for someone at the cap', async () => {
      for (let i = 0; i < MAX_CREDITS; i++) await store.subscriptions.grant('r-1', ['request_new'], at(0));
      expect(await store.subscriptions.hold('r-1', 'request_new', 'k', at(1))).toBe(true);
      await store.subscriptions.grant('r-1', ['request_new'], at(2));
      await store.subscriptions.settle('r-1', 'request_new', 'k', 'returned', at(3));
      expect((await store.subscriptions.credits('r-1')).request_new).toBe(MAX_CREDITS + 1);
    });

    it('lets concurrent holds take no more credits than there are', async () => {
      await store.subscriptions.grant('r-1', ['request_new'], at(0));
      await store.subscriptions.grant('r-1', ['request_new'], at(0));
      const held = await Promise.all(Array.from({ length: 6 }, (_, i) => store.subscriptions.hold('r-1', 'request_new', `k${i}`, at(1))));
      expect(held.filter(Boolean)).toHaveLength(2);
      expect((await store.subscriptions.credits('r-1')).request_new).toBe(0);
    });

    it('names the holders of a template among many people', async () => {
      const people = Array.from({ length: 260 }, (_, i) => `u${String(i).padStart(3, '0')}`);
      for (const u of people.filter((_, i) => i % 50 === 7)) await store.subscriptions.grant(u, ['notice_urgent'], at(0));
      await store.subscriptions.grant('u000', ['request_status'], at(0));
      await store.subscriptions.grant('u057', ['notice_urgent'], at(0));
      await store.subscriptions.hold('u057', 'notice_urgent', 'k', at(1));
      await store.subscriptions.hold('u057', 'notice_urgent', 'k2', at(1));
      expect((await store.subscriptions.holders('notice_urgent', [...people, 'u007', 'stranger'])).sort()).toEqual(['u007', 'u107', 'u157', 'u207', 'u257']);
      expect(await store.subscriptions.holders('notice_urgent', [])).toEqual([]);
    });
  });

  describe('job locks', () => {
    it('one owner at a time until the lock expires; the checkpoint outlives every run', async () => {
      expect(await store.jobLocks.acquire('deadlines', 'run-1', at(0), at(5))).toEqual({ checkpoint: null });
      expect(await store.jobLocks.acquire('deadlines', 'run-2', at(1), at(6))).toBeNull();
      expect(await store.jobLocks.acquire('other-job', 'run-2', at(1), at(6))).toEqual({ checkpoint: null });
      expect(await store.jobLocks.checkpoint('deadlines', 'run-1', 'page-3', at(7))).toBe(true);
      expect(await store.jobLocks.checkpoint('deadlines', 'run-2', 'stolen', at(7))).toBe(false);
      // run-1 dies: once its lock has expired, the next run takes over where it got to.
      expect(await store.jobLocks.acquire('deadlines', 'run-2', at(6), at(11))).toBeNull();
      expect(await store.jobLocks.acquire('deadlines', 'run-2', at(7), at(12))).toEqual({ checkpoint: 'page-3' });
      expect(await store.jobLocks.checkpoint('deadlines', 'run-1', 'late', at(20))).toBe(false);
      await store.jobLocks.release('deadlines', 'run-1', 'late');
      await store.jobLocks.release('deadlines', 'run-2', 'done');
      expect(await store.jobLocks.acquire('deadlines', 'run-3', at(8), at(13))).toEqual({ checkpoint: 'done' });
      expect(await store.jobLocks.acquire('deadlines', 'run-3', at(9), at(14))).toEqual({ checkpoint: 'done' });
    });

    it('lets exactly one of several concurrent runs take a lock', async () => {
      const won = await Promise.all(Array.from({ length: 6 }, (_, i) => store.jobLocks.acquire('dispatch', `run-${i}`, at(0), at(1))));
      expect(won.filter((w) => w !== null)).toHaveLength(1);
    });
  });

  describe('deadline settings', () => {
    it('a street whose settings were stored before the deadline settings existed gets their defaults', async () => {
      const old = { streetId: 'st-old', confirmWindowDays: 4, ratingWindowDays: 7, rateLimits: [], blockedWords: [] } as unknown as RequestSettings;
      await harness().seed({ ...emptyImport(), requestSettings: [old] });
      expect(await store.requestConfig.settings('st-old')).toEqual({
        ...old,
        deadlineWarningMinutes: DEFAULT_REQUEST_SETTINGS.deadlineWarningMinutes,
        streetEscalationMinutes: DEFAULT_REQUEST_SETTINGS.streetEscalationMinutes,
      });
    });
  });
}

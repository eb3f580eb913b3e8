import { AUDIENCE_RECIPIENT, outboxId, type OutboxRecord } from '@core/messages/message';
import type { Deps } from '../context';
import type { AudienceSource } from '../../ports/audience.port';
import type { SendResult, SubscribeMessage, SubscribeSender } from '../../ports/subscribe-sender.port';
import { createCloudbaseStore, importIntoCloudbase } from '../../adapters/cloudbase/cloudbase-store';
import { FakeCloudbaseDb } from '../../adapters/cloudbase/testing/fake-cloudbase-db';
import { functionHarness, type Harness } from '../../testing/function-harness';
import { smallStreet } from '../../testing/small-street.fixture';
import { backoffMs, dispatchOutbox, type Pace } from './dispatch-outbox';

const AT = new Date('2026-11-23T02:00:00Z');
const USERS = ['r1', 'r2', 'r3', 'r4', 'w1', 'w2', 'w3', 'w4', 'w5', 'cs1', 'cs2', 'ss'];

/** A sender that records every call; `script` may answer a call differently, or never. */
function recordingSender(script: (m: SubscribeMessage, n: number) => SendResult | 'hang' = () => ({ ok: true })) {
  const calls: SubscribeMessage[] = [];
  const sender: SubscribeSender = {
    send(m) {
      calls.push(m);
      const answer = script(m, calls.length);
      return answer === 'hang' ? new Promise<SendResult>(() => undefined) : Promise.resolve(answer);
    },
  };
  return { sender, calls };
}

/**
 * Virtual monotonic time: a sleep wakes when the time reaches its end, earliest first, one at a time (the
 * woken lane runs on until it waits again before the next wakes); `advance` moves time by hand.
 */
function fakePace(lateBy = 0) {
  let t = 0;
  const sleeps: number[] = [];
  const sleepers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const wakeNext = () => {
    scheduled = false;
    sleepers.sort((a, b) => a.at - b.at);
    const next = sleepers.shift();
    if (!next) return;
    t = Math.max(t, next.at);
    next.wake();
    if (sleepers.length) schedule();
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(wakeNext);
    }
  };
  const pace: Pace = {
    now: () => t,
    sleep(ms) {
      sleeps.push(ms);
      return new Promise<void>((wake) => {
        sleepers.push({ at: t + ms + lateBy, wake });
        schedule();
      });
    },
  };
  return { pace, sleeps, advance: (ms: number) => void (t += ms) };
}

function record(recipientId: string, over: Partial<OutboxRecord> = {}): OutboxRecord {
  const at = AT.toISOString();
  return {
    id: outboxId(over.eventId ?? 'ev1', recipientId, 'subscribe'),
    eventId: 'ev1',
    recipientId,
    channel: 'subscribe',
    template: 'request_status',
    payload: { title: '诉求已受理', category: '环境卫生', status: '已受理', time: '2026年11月23日 10:00', requestId: 'rq1' },
    status: 'pending',
    attempts: 0,
    nextTryAt: at,
    lastError: null,
    createdAt: at,
    ...over,
  };
}

/** What a run leaves behind that matters: each record's final state, each person's credits, who got what. */
async function snapshot(deps: Deps, sent: SubscribeMessage[]) {
  const records = await Promise.all(USERS.map(async (u) => (await deps.store.outbox.get(record(u).id)) ?? null));
  const credits = await Promise.all(USERS.map(async (u) => (await deps.store.subscriptions.credits(u)).request_status));
  return {
    records: records.map((r) => r && { id: r.id, status: r.status, lastError: r.lastError }),
    credits,
    phones: sent.map((m) => m.userId).sort(),
  };
}

describe('dispatchOutbox', () => {
  let h: Harness;
  const withSender = (sender: SubscribeSender, extra: Partial<Deps> = {}): Deps => ({ ...h.deps, subscribe: sender, ...extra });

  async function queueEveryone(): Promise<void> {
    for (const [i, u] of USERS.entries()) {
      // Everyone but the last two allowed the template once; r2 twice.
      if (i < USERS.length - 2) await h.deps.store.subscriptions.grant(u, ['request_status'], AT.toISOString());
      if (u === 'r2') await h.deps.store.subscriptions.grant(u, ['request_status'], AT.toISOString());
      await h.deps.store.outbox.enqueue({ message: null, record: record(u) });
    }
  }

  beforeEach(async () => {
    h = await functionHarness(AT);
  });
  afterEach(() => h.close());

  it('sends each due record once, shaped, to the right phone and page; without consent it is skipped', async () => {
    await queueEveryone();
    const { sender, calls } = recordingSender();
    const report = await dispatchOutbox(withSender(sender));
    expect(report).toMatchObject({ ran: true, sent: 10, skipped: 2, failed: 0, retried: 0 });
    expect(calls.map((c) => c.userId).sort()).toEqual(USERS.slice(0, 10).sort());
    expect(calls.find((c) => c.userId === 'r1')).toMatchObject({
      touser: 'open-r1',
      templateId: 'local-request_status',
      page: 'features/requests/pages/detail/index?id=rq1',
      data: { thing1: { value: '环境卫生' }, phrase2: { value: '已受理' }, time3: { value: '2026年11月23日 10:00' }, thing4: { value: '诉求已受理' } },
    });
    const skipped = (await h.deps.store.outbox.get(record('ss').id))!;
    expect(skipped).toMatchObject({ status: 'skipped', lastError: expect.stringMatching(/^no_credit/) });
    expect((await h.deps.store.subscriptions.credits('r2')).request_status).toBe(1);
    expect((await dispatchOutbox(withSender(sender))).sent).toBe(0);
    expect(calls).toHaveLength(10);
  });

  it('a template this environment has no id for is skipped, and nothing is sent', async () => {
    await queueEveryone();
    const { sender, calls } = recordingSender();
    const messages = { ...h.deps.config.messages, templates: {} };
    const report = await dispatchOutbox(withSender(sender, { config: { ...h.deps.config, messages } }));
    expect(report).toMatchObject({ sent: 0, skipped: 12 });
    expect(calls).toEqual([]);
    expect((await h.deps.store.outbox.get(record('r1').id))?.lastError).toMatch(/^template_off/);
    expect((await h.deps.store.subscriptions.credits('r1')).request_status).toBe(1);
  });

  it('retries a transient failure with growing backoff and gives up after the cap; 43101 and 47003 are final', async () => {
    await queueEveryone();
    const { sender } = recordingSender((m) =>
      m.userId === 'r1' ? { ok: false, kind: 'transient', code: '-1', message: 'system error' }
      : m.userId === 'r3' ? { ok: false, kind: 'no_consent', code: '43101', message: 'user refuse' }
      : m.userId === 'r4' ? { ok: false, kind: 'bad_parameter', code: '47003', message: 'argument invalid' }
      : { ok: true },
    );
    const deps = withSender(sender);
    const seen: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await dispatchOutbox(deps, { maxAttempts: 3 });
      const r1 = (await deps.store.outbox.get(record('r1').id))!;
      seen.push(r1.attempts);
      if (attempt < 3) {
        expect(r1).toMatchObject({ status: 'pending', lastError: 'transient: -1 system error' });
        expect(Date.parse(r1.nextTryAt) - h.clock.now().getTime()).toBe(backoffMs(attempt));
        // Not due before its backoff is over.
        expect((await dispatchOutbox(deps, { maxAttempts: 3 })).retried).toBe(0);
        h.clock.set(new Date(r1.nextTryAt));
      }
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(await deps.store.outbox.get(record('r1').id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^gave_up: 3 tries; last transient/) });
    expect(await deps.store.outbox.get(record('r3').id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no_consent: 43101 user refuse' });
    expect(await deps.store.outbox.get(record('r4').id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'bad_parameter: 47003 argument invalid' });
    expect([backoffMs(1), backoffMs(2), backoffMs(3), backoffMs(20)]).toEqual([30_000, 60_000, 120_000, 3_600_000]);
    const credits = async (u: string) => (await deps.store.subscriptions.credits(u)).request_status;
    // 43101: WeChat has no consent, so neither do we; 47003 and the given-up failure used none.
    expect([await credits('r1'), await credits('r3'), await credits('r4')]).toEqual([1, 0, 1]);
  });

  it('keeps to the configured sends per second', async () => {
    await queueEveryone();
    const { pace, sleeps } = fakePace();
    const times: number[] = [];
    const sender: SubscribeSender = {
      async send() {
        times.push(pace.now());
        return { ok: true };
      },
    };
    const messages = { ...h.deps.config.messages, sendsPerSecond: 4 };
    await dispatchOutbox(withSender(sender, { config: { ...h.deps.config, messages } }), { pace, concurrency: 3 });
    expect(times).toHaveLength(10);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(250);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(9 * 250);
  });

  it('a limiter woken late by its timer catches up, but no second carries more than the limit and a tenth', async () => {
    for (let i = 0; i < 300; i++) {
      const u = USERS[i % USERS.length];
      await h.deps.store.subscriptions.grant(u, ['request_status'], AT.toISOString());
      await h.deps.store.outbox.enqueue({ message: null, record: record(u, { eventId: `ev${i}`, id: outboxId(`ev${i}`, u, 'subscribe') }) });
    }
    const { pace } = fakePace(7);
    const times: number[] = [];
    const sender: SubscribeSender = {
      async send() {
        times.push(pace.now());
        return { ok: true };
      },
    };
    const messages = { ...h.deps.config.messages, sendsPerSecond: 100 };
    await dispatchOutbox(withSender(sender, { config: { ...h.deps.config, messages } }), { pace, concurrency: 4 });
    expect(times.length).toBeGreaterThanOrEqual(250);
    const span = times[times.length - 1] - times[0];
    // The long-run rate stays at the limit although every wake-up is 7 ms late …
    expect((times.length - 1) / (span / 1000)).toBeGreaterThan(95);
    // … and no window of one second holds more than 100 + 10.
    for (let i = 0; i < times.length; i++) expect(times.filter((x) => x >= times[i] && x < times[i] + 1000).length).toBeLessThanOrEqual(110);
  });

  it('stops claiming when its time budget is spent, and gives back what it claimed but did not start', async () => {
    await queueEveryone();
    const { pace, advance } = fakePace();
    const sender: SubscribeSender = {
      async send() {
        advance(400);
        return { ok: true };
      },
    };
    const report = await dispatchOutbox(withSender(sender), { pace, budgetMs: 1000, batch: 5, concurrency: 1 });
    expect(report.sent).toBe(3);
    const pending = (await Promise.all(USERS.map((u) => h.deps.store.outbox.get(record(u).id)))).filter((r) => r?.status === 'pending');
    expect(pending).toHaveLength(USERS.length - report.sent - report.skipped);
    // Given back at once and not counted as a try.
    expect(pending.every((r) => r!.attempts === 0 && r!.nextTryAt === AT.toISOString())).toBe(true);
  });

  it('one run at a time holds the lock: a second run started meanwhile does nothing', async () => {
    await queueEveryone();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const calls: string[] = [];
    const sender: SubscribeSender = {
      async send(m) {
        calls.push(m.userId);
        await gate;
        return { ok: true };
      },
    };
    const first = dispatchOutbox(withSender(sender));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await dispatchOutbox(withSender(sender))).toMatchObject({ ran: false, sent: 0 });
    release();
    expect(await first).toMatchObject({ ran: true, sent: 10 });
    expect(calls).toHaveLength(10);
  });

  it('two runs at once, and a run killed midway, end in the same state as one clean run', async () => {
    // One clean run.
    await queueEveryone();
    const clean = recordingSender();
    await dispatchOutbox(withSender(clean.sender));
    const expected = await snapshot(h.deps, clean.calls);
    await h.close();

    // Two runs side by side, without the lock: the claims keep them apart.
    h = await functionHarness(AT);
    await queueEveryone();
    const both = recordingSender();
    await Promise.all([dispatchOutbox(withSender(both.sender), { lock: false, batch: 2 }), dispatchOutbox(withSender(both.sender), { lock: false, batch: 2 })]);
    expect(await snapshot(h.deps, both.calls)).toEqual(expected);
    await h.close();

    // A run that dies at its fourth send (it never comes back); once its lock and leases have expired,
    // the next run finishes the work.
    h = await functionHarness(AT);
    await queueEveryone();
    const dying = recordingSender((_m, n) => (n === 4 ? 'hang' : { ok: true }));
    void dispatchOutbox(withSender(dying.sender), { concurrency: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dying.calls).toHaveLength(4);
    expect((await dispatchOutbox(withSender(recordingSender().sender))).ran).toBe(false);
    h.clock.set(new Date(AT.getTime() + 3 * 60_000));
    const next = recordingSender();
    await dispatchOutbox(withSender(next.sender));
    const delivered = [...dying.calls.slice(0, 3), ...next.calls];
    expect(await snapshot(h.deps, delivered)).toEqual(expected);
    // The message whose send never answered was sent again by the next run, with the same credit.
    expect(next.calls.map((c) => c.key)).toContain(dying.calls[3].key);
  });

  describe('an audience record (urgent notice)', () => {
    const people = Array.from({ length: 1234 }, (_, i) => `p${String(i).padStart(4, '0')}`);
    const fan = (): OutboxRecord => ({
      ...record(AUDIENCE_RECIPIENT, { eventId: 'notice-ev' }),
      template: 'notice_urgent',
      audience: { kind: 'notice', noticeId: 'n1' },
      payload: { title: '明日8:00至18:00停水', publisher: '银杏街道办事处', time: '2026-11-23T02:00:00.000Z', page: 'features/notices/pages/detail/index?id=n1' },
    });

    /** The notice's audience in pages; `failAt` makes the page at that cursor never answer (the run dies there). */
    function source(options: { hangAt?: string } = {}) {
      const asked: (string | null)[] = [];
      const audience: AudienceSource = {
        page(a, cursor, limit) {
          expect(a).toEqual({ kind: 'notice', noticeId: 'n1' });
          asked.push(cursor);
          if (options.hangAt !== undefined && cursor === options.hangAt) return new Promise(() => undefined);
          const start = cursor ? Number(cursor) : 0;
          const userIds = people.slice(start, start + limit);
          return Promise.resolve({ userIds, next: start + limit < people.length ? String(start + limit) : null });
        },
      };
      return { audience, asked };
    }

    async function withConsent(): Promise<string[]> {
      const chosen = people.filter((_, i) => i % 4 === 1);
      for (const p of chosen) await h.deps.store.subscriptions.grant(p, ['notice_urgent'], AT.toISOString());
      // Users must exist to be sent to: the fan-out only queues; delivery looks each person up.
      return chosen;
    }

    it('is expanded in batches into one record per person with consent, and they are sent', async () => {
      const chosen = await withConsent();
      await h.deps.store.outbox.enqueue({ message: null, record: fan() });
      const { audience, asked } = source();
      const { sender } = recordingSender();
      const report = await dispatchOutbox(withSender(sender, { audience }), { fanoutBatch: 100 });
      expect(asked).toEqual([null, ...Array.from({ length: 12 }, (_, i) => String((i + 1) * 100))]);
      expect(report).toMatchObject({ expanded: 1, queued: chosen.length });
      expect(await h.deps.store.outbox.get(fan().id)).toMatchObject({ status: 'sent', progress: { cursor: null, recipients: 1234, queued: chosen.length } });
      const child = (await h.deps.store.outbox.get(outboxId('notice-ev', chosen[0], 'subscribe')))!;
      expect(child).toMatchObject({ recipientId: chosen[0], template: 'notice_urgent', eventId: 'notice-ev', payload: fan().payload });
      expect(child.audience).toBeUndefined();
      // The people in the fixture are not users of the small street: each child is recorded as such, never sent twice.
      expect(child).toMatchObject({ status: 'failed', lastError: `recipient_unknown: ${chosen[0]}` });
    });

    it('a run that dies halfway is resumed from its checkpoint; nobody is queued twice', async () => {
      const chosen = await withConsent();
      await h.deps.store.outbox.enqueue({ message: null, record: fan() });
      const first = source({ hangAt: '700' });
      void dispatchOutbox(withSender(recordingSender().sender, { audience: first.audience }), { fanoutBatch: 100 });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(first.asked.at(-1)).toBe('700');
      const saved = (await h.deps.store.outbox.get(fan().id))!;
      expect(saved.progress).toEqual({ cursor: '700', recipients: 700, queued: chosen.filter((p) => Number(p.slice(1)) < 700).length });

      h.clock.set(new Date(AT.getTime() + 3 * 60_000));
      const second = source();
      const report = await dispatchOutbox(withSender(recordingSender().sender, { audience: second.audience }), { fanoutBatch: 100 });
      expect(second.asked[0]).toBe('700');
      expect(report.queued).toBe(chosen.filter((p) => Number(p.slice(1)) >= 700).length);
      expect(await h.deps.store.outbox.get(fan().id)).toMatchObject({ status: 'sent', progress: { cursor: null, recipients: 1234, queued: chosen.length } });
      expect(await h.deps.store.outbox.count('pending')).toBe(0);
    });

    it('an audience of a kind nobody plugged in reaches no one', async () => {
      await withConsent();
      await h.deps.store.outbox.enqueue({ message: null, record: fan() });
      const report = await dispatchOutbox(h.deps);
      expect(report).toMatchObject({ expanded: 1, queued: 0 });
      expect(await h.deps.store.outbox.get(fan().id)).toMatchObject({ status: 'sent', progress: { cursor: null, recipients: 0, queued: 0 } });
    });
  });

  it('works the same on the CloudBase store: two runs at once send each message once; an audience is expanded', async () => {
    const db = new FakeCloudbaseDb();
    await importIntoCloudbase(db, smallStreet());
    const store = createCloudbaseStore(db);
    const { sender, calls } = recordingSender((_m, n) => (n % 3 === 0 ? { ok: false, kind: 'transient', code: '-1', message: 'busy' } : { ok: true }));
    const people = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const audience: AudienceSource = {
      async page(_a, cursor, limit) {
        const start = cursor ? Number(cursor) : 0;
        return { userIds: [...people.slice(start, start + limit), 'r1'], next: start + limit < people.length ? String(start + limit) : null };
      },
    };
    const deps = withSender(sender, { store, audience });
    for (const u of USERS) {
      await store.subscriptions.grant(u, ['request_status', 'notice_urgent'], AT.toISOString());
      await store.outbox.enqueue({ message: null, record: record(u) });
    }
    await store.outbox.enqueue({ message: null, record: { ...record(AUDIENCE_RECIPIENT, { eventId: 'n-ev' }), template: 'notice_urgent', audience: { kind: 'notice', noticeId: 'n1' } } });
    for (let round = 0; round < 5; round++) {
      await Promise.all([dispatchOutbox(deps, { lock: false, batch: 4, fanoutBatch: 15 }), dispatchOutbox(deps, { lock: false, batch: 4, fanoutBatch: 15 })]);
      h.clock.set(new Date(h.clock.now().getTime() + 60 * 60_000));
    }
    const ok = calls.filter((_, i) => (i + 1) % 3 !== 0);
    expect(ok.filter((m) => m.template === 'request_status').map((m) => m.userId).sort()).toEqual([...USERS].sort());
    // The audience: of its 40 strangers and r1 (listed on every page), only r1 has consent: one message.
    expect(ok.filter((m) => m.template === 'notice_urgent').map((m) => m.userId)).toEqual(['r1']);
    expect(await store.outbox.get(outboxId('n-ev', AUDIENCE_RECIPIENT, 'subscribe'))).toMatchObject({ status: 'sent', progress: { cursor: null, recipients: 43, queued: 1 } });
    expect(await store.outbox.count('pending')).toBe(0);
    expect((await store.subscriptions.credits('r1')).request_status).toBe(0);
  });
});

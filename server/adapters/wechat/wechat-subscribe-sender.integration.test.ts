/**
 * The production sender against WeChat's endpoint faked on loopback, and the dispatcher driving it: each
 * message reaches the phone exactly once, or the outbox says why not.
 */
import type { MessageTemplate, OutboxRecord } from '@core/messages/message';
import { shapeTemplateData } from '@core/messages/subscribe-message';
import type { Deps } from '../../use-cases/context';
import type { SubscribeMessage } from '../../ports/subscribe-sender.port';
import { functionHarness, type Harness } from '../../testing/function-harness';
import { dispatchOutbox } from '../../use-cases/messages/dispatch-outbox';
import { loopbackOpenapi, startFakeWechatApi, type FakeWechatApi } from './testing/fake-wechat-api';
import { classifyWechatError, wechatSubscribeSender } from './wechat-subscribe-sender';

const TEMPLATE_IDS: Record<MessageTemplate, string> = {
  request_status: 'TPL_STATUS_0001',
  request_confirm: 'TPL_CONFIRM_002',
  request_new: 'TPL_NEW_0000003',
  request_overdue: 'TPL_OVERDUE_004',
  notice_urgent: 'TPL_URGENT_0005',
};
const AT = new Date('2026-11-23T02:00:00Z');

function message(touser: string, over: Partial<SubscribeMessage> = {}): SubscribeMessage {
  const payload = { title: '诉求已受理', category: '环境卫生', status: '已受理', time: '2026年11月23日 10:00', requestId: 'rq1' };
  return {
    key: `ev:${touser}:subscribe`,
    userId: touser,
    touser,
    template: 'request_status',
    templateId: TEMPLATE_IDS.request_status,
    page: 'features/requests/pages/detail/index?id=rq1',
    data: shapeTemplateData('request_status', payload, AT),
    miniprogramState: 'formal',
    ...over,
  };
}

describe('WeChat subscribe sender over loopback', () => {
  let api: FakeWechatApi;
  beforeEach(async () => {
    api = await startFakeWechatApi();
  });
  afterEach(() => api.close());

  it('sends the shaped message with its page; the phone shows it once per consent', async () => {
    const sender = wechatSubscribeSender(loopbackOpenapi(api.url), { timeoutMs: 2000 });
    api.grant('o-1', TEMPLATE_IDS.request_status);
    expect(await sender.send(message('o-1'))).toEqual({ ok: true });
    expect(api.delivered).toEqual([
      { touser: 'o-1', template_id: 'TPL_STATUS_0001', page: 'features/requests/pages/detail/index?id=rq1', data: message('o-1').data, miniprogram_state: 'formal', lang: 'zh_CN' },
    ]);
    expect(await sender.send(message('o-1'))).toEqual({ ok: false, kind: 'no_consent', code: '43101', message: expect.stringContaining('refuse') });
  });

  it('sorts refusals: 47003 and 43101 are final, a busy WeChat and a call that never answers are transient', async () => {
    const sender = wechatSubscribeSender(loopbackOpenapi(api.url), { timeoutMs: 200 });
    api.refuseAllWith47003('o-bad');
    expect(await sender.send(message('o-bad'))).toMatchObject({ ok: false, kind: 'bad_parameter', code: '47003' });
    api.failNext('o-busy', 1);
    expect(await sender.send(message('o-busy'))).toMatchObject({ ok: false, kind: 'transient', code: '-1' });
    api.hangNext('o-slow', 1);
    const started = Date.now();
    expect(await sender.send(message('o-slow'))).toMatchObject({ ok: false, kind: 'transient', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect([40003, 40037, 41030, -501007].map(classifyWechatError)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect([-1, 45009, 40001, 12345].map(classifyWechatError)).toEqual(['transient', 'transient', 'transient', 'transient']);
  });

  it('a network failure is transient', async () => {
    const sender = wechatSubscribeSender(loopbackOpenapi('http://127.0.0.1:9'), { timeoutMs: 2000 });
    expect(await sender.send(message('o-1'))).toMatchObject({ ok: false, kind: 'transient', code: 'network' });
  });
});

describe('the dispatcher through the loopback WeChat: exactly once to the phone, or the reason recorded', () => {
  let h: Harness;
  let api: FakeWechatApi;
  let deps: Deps;

  beforeEach(async () => {
    h = await functionHarness(AT);
    api = await startFakeWechatApi();
    deps = {
      ...h.deps,
      // Long enough that a loaded CI machine never times out a call the loopback WeChat answers (that would be a real duplicate).
      subscribe: wechatSubscribeSender(loopbackOpenapi(api.url), { timeoutMs: 1000 }),
      config: { ...h.deps.config, messages: { templates: TEMPLATE_IDS, sendsPerSecond: 0, miniprogramState: 'formal' } },
    };
  });
  afterEach(async () => {
    await api.close();
    await h.close();
  });

  function record(recipientId: string, n = 1): OutboxRecord {
    const at = AT.toISOString();
    return {
      id: `ev${n}:${recipientId}:subscribe`,
      eventId: `ev${n}`,
      recipientId,
      channel: 'subscribe',
      template: 'request_status',
      payload: { title: '诉求已办结', category: '环境卫生', status: '待确认', time: '2026年11月23日 10:00', requestId: 'rq1' },
      status: 'pending',
      attempts: 0,
      nextTryAt: at,
      lastError: null,
      createdAt: at,
    };
  }

  /** Our consent record and WeChat's agree, unless a case says otherwise. */
  async function consent(userId: string, ours: boolean, wechat: boolean): Promise<void> {
    if (ours) await h.deps.store.subscriptions.grant(userId, ['request_status'], AT.toISOString());
    if (wechat) api.grant(`open-${userId}`, TEMPLATE_IDS.request_status);
  }

  /** Runs the timer until nothing is pending, moving the clock past every backoff. */
  async function drain(): Promise<number> {
    let runs = 0;
    while ((await deps.store.outbox.count('pending')) > 0) {
      if (++runs > 20) throw new Error('the outbox does not drain');
      await dispatchOutbox(deps, { maxAttempts: 5 });
      h.clock.set(new Date(h.clock.now().getTime() + 60 * 60_000));
    }
    return runs;
  }

  it('fails k times, answers 43101, times out, refuses with 47003 — each message lands once or is recorded', async () => {
    await consent('r1', true, true);
    api.failNext('open-r1', 3); // busy three times, then fine
    await consent('r2', true, true);
    api.hangNext('open-r2', 2); // two timeouts, then fine
    await consent('r3', true, false); // we think they allowed it; WeChat says 43101
    await consent('r4', false, true); // they never allowed it here: not sent at all
    await consent('w1', true, true);
    api.refuseAllWith47003('open-w1');
    await consent('w2', true, true);
    api.failNext('open-w2', 99); // busy for good: given up after 5 tries
    const people = ['r1', 'r2', 'r3', 'r4', 'w1', 'w2'];
    for (const p of people) await deps.store.outbox.enqueue({ message: null, record: record(p) });

    const runs = await drain();
    expect(runs).toBeGreaterThanOrEqual(4);

    const phone = (p: string) => api.delivered.filter((m) => m.touser === `open-${p}`).length;
    const outcome = async (p: string) => {
      const r = (await deps.store.outbox.get(record(p).id))!;
      return { status: r.status, attempts: r.attempts, error: r.lastError?.split(':')[0] ?? null, phone: phone(p), calls: api.calls.get(`open-${p}`) ?? 0 };
    };
    expect(await outcome('r1')).toEqual({ status: 'sent', attempts: 4, error: null, phone: 1, calls: 4 });
    expect(await outcome('r2')).toEqual({ status: 'sent', attempts: 3, error: null, phone: 1, calls: 3 });
    expect(await outcome('r3')).toEqual({ status: 'failed', attempts: 1, error: 'no_consent', phone: 0, calls: 1 });
    expect(await outcome('r4')).toEqual({ status: 'skipped', attempts: 1, error: 'no_credit', phone: 0, calls: 0 });
    expect(await outcome('w1')).toEqual({ status: 'failed', attempts: 1, error: 'bad_parameter', phone: 0, calls: 1 });
    expect(await outcome('w2')).toEqual({ status: 'failed', attempts: 5, error: 'gave_up', phone: 0, calls: 5 });

    // Credits: used by the sends that landed, cleared by 43101, given back after 47003 and the failures.
    const credits = async (p: string) => (await deps.store.subscriptions.credits(p)).request_status;
    expect(await Promise.all(people.map(credits))).toEqual([0, 0, 0, 0, 1, 1]);
    // Nothing more happens on later runs.
    await dispatchOutbox(deps);
    expect(api.delivered).toHaveLength(2);
  });

  it('two dispatchers side by side (no lock) still deliver each message once', async () => {
    const people = ['r1', 'r2', 'r3', 'r4', 'w1', 'w2', 'w3', 'w4', 'w5', 'cs1', 'cs2', 'ss'];
    for (const p of people) {
      await consent(p, true, true);
      api.failNext(`open-${p}`, 1);
      await deps.store.outbox.enqueue({ message: null, record: record(p) });
    }
    for (let round = 0; round < 4; round++) {
      await Promise.all([dispatchOutbox(deps, { lock: false, batch: 3 }), dispatchOutbox(deps, { lock: false, batch: 3 })]);
      h.clock.set(new Date(h.clock.now().getTime() + 60 * 60_000));
    }
    expect(api.delivered.map((m) => m.touser).sort()).toEqual(people.map((p) => `open-${p}`).sort());
    expect(await deps.store.outbox.count('sent')).toBe(people.length);
  });
});

import type { SentLogView, SubscriptionsView } from '@core/api/message.contract';
import type { RequestDetail } from '@core/api/request.contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}

const credits = (v: SubscriptionsView) => Object.fromEntries(v.templates.map((t) => [t.template, t.credits]));

describe('message function: consent and the local message log', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-11-23T02:00:00Z'));
  });
  afterEach(() => h.close());

  it('lists every template with its label, this environment\'s id and the caller\'s credits', async () => {
    const view = data(await h.call<SubscriptionsView>('r1', 'message', 'subscriptions', {}));
    expect(view.templates).toHaveLength(5);
    expect(view.templates[0]).toEqual({ template: 'request_status', label: '诉求办理进展', templateId: 'local-request_status', credits: 0 });
  });

  it('records what the caller allowed at a moment: one send each, only the moment\'s own templates', async () => {
    const after = data(await h.call<SubscriptionsView>('r1', 'message', 'consent', { moment: 'request_submitted', accepted: ['request_status', 'request_confirm', 'notice_urgent'] }));
    expect(credits(after)).toMatchObject({ request_status: 1, request_confirm: 1, notice_urgent: 0 });
    const again = data(await h.call<SubscriptionsView>('r1', 'message', 'consent', { moment: 'request_submitted', accepted: ['request_status'] }));
    expect(credits(again)).toMatchObject({ request_status: 2, request_confirm: 1 });
    // Declining everything changes nothing.
    expect(credits(data(await h.call<SubscriptionsView>('r1', 'message', 'consent', { moment: 'urgent_notices', accepted: [] })))).toEqual(credits(again));
    // Someone else's credits are their own.
    expect(credits(data(await h.call<SubscriptionsView>('r2', 'message', 'subscriptions', {})))).toMatchObject({ request_status: 0 });
  });

  it('asks each moment of the people it is for: a resident does not go on duty; a worker does', async () => {
    expect(await h.call('r1', 'message', 'consent', { moment: 'on_duty', accepted: ['request_new'] })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await h.call('w1', 'message', 'consent', { moment: 'request_submitted', accepted: ['request_status'] })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(credits(data(await h.call<SubscriptionsView>('w1', 'message', 'consent', { moment: 'on_duty', accepted: ['request_new', 'request_overdue'] })))).toMatchObject({ request_new: 1, request_overdue: 1 });
    expect(await h.call('r1', 'message', 'consent', { moment: 'whenever', accepted: [] })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(await h.call('r1', 'message', 'consent', { moment: 'urgent_notices', accepted: ['spam'] })).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });

  it('an environment without a template id does not count consent for it', async () => {
    h.deps.config.messages = { ...h.deps.config.messages, templates: { request_status: 'T1' } };
    const view = data(await h.call<SubscriptionsView>('r1', 'message', 'consent', { moment: 'request_submitted', accepted: ['request_status', 'request_confirm'] }));
    expect(view.templates.find((t) => t.template === 'request_confirm')).toMatchObject({ templateId: null, credits: 0 });
    expect(credits(view)).toMatchObject({ request_status: 1 });
  });

  it('a resident who consented sees the status message on 消息记录 after the timer runs; the inbox has it too', async () => {
    const r = data(
      await h.call<RequestDetail>('r1', 'request', 'submit', { idempotencyKey: 'msgfn0001', categoryId: 'k-env', description: '楼道里堆满了杂物，影响通行', photoFileIds: [] }),
    );
    await h.call('r1', 'message', 'consent', { moment: 'request_submitted', accepted: ['request_status', 'request_confirm'] });
    await h.call('w1', 'request', 'accept', { id: r.id, version: r.version });
    expect(data(await h.call<SentLogView>('r1', 'message', 'sentLog', {})).items).toEqual([]);
    expect(await h.call('system', 'message', 'dispatch')).toMatchObject({ ok: true, data: { ran: true } });
    const log = data(await h.call<SentLogView>('r1', 'message', 'sentLog', {}));
    expect(log.available).toBe(true);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      template: 'request_status',
      title: '诉求办理进展',
      page: `/features/requests/pages/detail/index?id=${r.id}`,
      fields: [
        { label: '诉求类别', value: '环境卫生' },
        { label: '办理状态', value: '已受理' },
        { label: '更新时间', value: '2026年11月23日 10:00' },
        { label: '温馨提示', value: '诉求已受理' },
      ],
    });
    // The resident's own submission is in the inbox only: the consent was kept for the change that followed.
    const inbox = data(await h.call<{ items: { title: string }[] }>('r1', 'message', 'inbox', {}));
    expect(inbox.items.map((m) => m.title).sort()).toEqual(['诉求已受理', '诉求已提交'].sort());
    expect(credits(data(await h.call<SubscriptionsView>('r1', 'message', 'subscriptions', {})))).toMatchObject({ request_status: 0, request_confirm: 1 });
    // Someone else's log is theirs.
    expect(data(await h.call<SentLogView>('r2', 'message', 'sentLog', {})).items).toEqual([]);
  });

  it('in production there is no local log to show', async () => {
    h.deps.sentLog = null;
    expect(data(await h.call<SentLogView>('r1', 'message', 'sentLog', {}))).toEqual({ available: false, items: [], next: null });
  });
});

/**
 * The request timers on a fake clock across the 2026 National Day holiday (1–7 October; 30 September and
 * 8 October are working days): warnings and escalations count working time, so nothing fires during the
 * holiday that would not have fired on the working days around it.
 */
import type { RequestDetail } from '@core/api/request.contract';
import type { InboxMessage } from '@core/messages/message';
import type { Reply } from '@core/shared/errors';
import { FUNCTIONS } from '../../functions/registry';
import { functionHarness, type Harness } from '../../testing/function-harness';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}

/** A Beijing wall-clock time as an instant. */
const bj = (text: string) => new Date(`${text}+08:00`);

let keySeq = 0;

describe('request timers: deadlines and verification', () => {
  let h: Harness;
  afterEach(() => h.close());

  async function submit(at: string, who = 'r1'): Promise<RequestDetail> {
    h.clock.set(bj(at));
    return data(
      await h.call<RequestDetail>(who, 'request', 'submit', { idempotencyKey: `dl${String(++keySeq).padStart(8, '0')}`, categoryId: 'k-env', description: '楼道里堆满了杂物，影响通行', photoFileIds: [] }),
    );
  }

  async function act(at: string, who: string, action: string, r: RequestDetail, extra: Record<string, unknown> = {}): Promise<RequestDetail> {
    h.clock.set(bj(at));
    return data(await h.call<RequestDetail>(who, 'request', action, { id: r.id, version: r.version, ...extra }));
  }

  type JobsResult = { deadlines: { warned: number; toCommunity: number; toStreet: number } | string; verification: { routed: number } | string };
  async function fire(at: string): Promise<JobsResult> {
    h.clock.set(bj(at));
    return data((await FUNCTIONS.request.handle({ kind: 'system' }, { Type: 'Timer', TriggerName: 'requestJobs' }, h.deps)) as Reply<JobsResult>);
  }

  /** Titles of the messages a person has about a request, oldest first. */
  async function titles(who: string, requestId: string): Promise<string[]> {
    const inbox = data(await h.call<{ items: InboxMessage[] }>(who, 'message', 'inbox', {}));
    return inbox.items.filter((m) => m.link?.id === requestId).map((m) => m.title).reverse();
  }

  it('the response deadline after the holiday: warned on its own morning, escalated to the community when missed, to the street a working day later', async () => {
    h = await functionHarness(bj('2026-09-30T10:00'));
    const r = await submit('2026-09-30T10:00');
    // 24 working hours from Wednesday 10:00: 14 on 30 September, then 10 on 8 October.
    expect(r.dueAt).toBe(bj('2026-10-08T10:00').toISOString());

    expect(await fire('2026-09-30T20:00')).toMatchObject({ deadlines: { warned: 0, toCommunity: 0, toStreet: 0 } });
    // Mid-holiday the deadline is three clock days away but 10 working hours: not near.
    expect(await fire('2026-10-05T12:00')).toMatchObject({ deadlines: { warned: 0, toCommunity: 0, toStreet: 0 } });
    // 4 working hours before: the grid's workers are warned, once.
    expect(await fire('2026-10-08T06:30')).toMatchObject({ deadlines: { warned: 2 } });
    expect(await fire('2026-10-08T07:30')).toMatchObject({ deadlines: { warned: 0 } });
    expect(await titles('w1', r.id)).toEqual(['新诉求待受理', '诉求即将超期']);
    expect(await titles('w2', r.id)).toEqual(['新诉求待受理', '诉求即将超期']);

    // Missed: the community's staff are told, and the workers again.
    expect(await fire('2026-10-08T10:30')).toMatchObject({ deadlines: { toCommunity: 3, toStreet: 0 } });
    expect(await fire('2026-10-08T10:35')).toMatchObject({ deadlines: { toCommunity: 0 } });
    expect(await titles('cs1', r.id)).toEqual(['诉求已超期']);
    expect(await titles('cs2', r.id)).toEqual([]);
    expect(await titles('w1', r.id)).toEqual(['新诉求待受理', '诉求即将超期', '诉求已超期']);

    // The street waits one more working day (24 working hours), then is told, once.
    expect(await fire('2026-10-09T09:00')).toMatchObject({ deadlines: { toStreet: 0 } });
    expect(await titles('ss', r.id)).toEqual([]);
    expect(await fire('2026-10-09T10:30')).toMatchObject({ deadlines: { toStreet: 1 } });
    expect(await fire('2026-10-09T11:00')).toMatchObject({ deadlines: { toCommunity: 0, toStreet: 0 } });
    expect(await titles('ss', r.id)).toEqual(['诉求超期未办']);

    // Each reminder is a subscribe message too, keyed by its stage and deadline.
    const outbox = await h.deps.store.outbox.get(`street-${r.id}-${Date.parse(r.dueAt!)}:ss:subscribe`);
    expect(outbox).toMatchObject({ template: 'request_overdue', payload: { status: '超期未办', category: '环境卫生', time: '2026年10月8日 10:00', requestId: r.id } });
  });

  it('a resolution deadline missed just before the holiday reaches the street only after it', async () => {
    h = await functionHarness(bj('2026-09-28T09:00'));
    let r = await submit('2026-09-28T09:00');
    r = await act('2026-09-28T18:00', 'w1', 'accept', r);
    expect(r.resolutionDueAt).toBe(bj('2026-09-30T18:00').toISOString());

    expect(await fire('2026-09-30T18:30')).toMatchObject({ deadlines: { toCommunity: 2 } });
    expect(await titles('cs1', r.id)).toEqual(['诉求已超期']);
    // 3 October: 72 clock hours late, 6 working hours late.
    expect(await fire('2026-10-03T12:00')).toMatchObject({ deadlines: { toStreet: 0 } });
    expect(await fire('2026-10-08T17:00')).toMatchObject({ deadlines: { toStreet: 0 } });
    expect(await fire('2026-10-08T18:30')).toMatchObject({ deadlines: { toStreet: 1 } });
    expect(await titles('ss', r.id)).toEqual(['诉求超期未办']);

    // Resolved late: no more reminders; a renewed deadline (reopening) is a new one.
    r = await act('2026-10-09T09:00', 'w1', 'resolve', r, { note: '已清理', photoFileIds: [] });
    expect(await fire('2026-10-09T09:30')).toMatchObject({ deadlines: { warned: 0, toCommunity: 0, toStreet: 0 } });
  });

  it('two fires at once, and a run that fails midway, leave every reminder written exactly once', async () => {
    h = await functionHarness(bj('2026-11-23T09:00'));
    const requests: RequestDetail[] = [];
    for (const who of ['r1', 'r2', 'r4', 'r1', 'r2']) requests.push(await submit('2026-11-23T09:00', who));
    // A run that dies after its fourth reminder: the lock is released, the checkpoint kept.
    const enqueue = h.deps.store.outbox.enqueue;
    let written = 0;
    h.deps.store.outbox.enqueue = async (item) => {
      if (written === 4) throw new Error('the function instance was stopped');
      const ok = await enqueue(item);
      if (ok) written += 1;
      return ok;
    };
    h.clock.set(bj('2026-11-24T10:00'));
    const fail = await FUNCTIONS.request.handle({ kind: 'system' }, { Type: 'Timer', TriggerName: 'requestJobs' }, h.deps);
    expect(fail).toMatchObject({ ok: false, code: 'INTERNAL' });
    h.deps.store.outbox.enqueue = enqueue;

    const [a, b] = await Promise.all([fire('2026-11-24T10:05'), fire('2026-11-24T10:05')]);
    expect([typeof a.deadlines, typeof b.deadlines].sort()).toEqual(['object', 'string']);
    await fire('2026-11-24T10:10');
    // Each request: its community's staff and its grid's two workers, once each.
    for (const r of requests) {
      const community = r.gridId === 'g4' || r.gridId === 'g1' || r.gridId === 'g2' ? 'cs1' : 'cs2';
      expect(await titles(community, r.id)).toEqual(['诉求已超期']);
    }
    const perPerson = async (who: string) => (await titles(who, requests[0].id)).filter((t) => t === '诉求已超期').length;
    expect(await perPerson('w1')).toBe(1);
    expect(await perPerson('cs1')).toBe(1);
  });

  it('an unconfirmed result goes to community verification when the street\'s window ends, once', async () => {
    h = await functionHarness(bj('2026-11-23T10:00'));
    let r = await submit('2026-11-23T10:00');
    r = await act('2026-11-23T10:30', 'w1', 'accept', r);
    r = await act('2026-11-23T15:00', 'w1', 'resolve', r, { note: '已清理完毕', photoFileIds: [] });

    expect(await fire('2026-11-25T15:00')).toMatchObject({ verification: { routed: 0 } });
    expect(await fire('2026-11-26T15:30')).toMatchObject({ verification: { routed: 1 } });
    expect(await fire('2026-11-26T16:00')).toMatchObject({ verification: { routed: 0 } });
    expect(await titles('cs1', r.id)).toEqual(['诉求待核查']);
    expect(await titles('r1', r.id)).toContain('已转社区核查');
    const queue = data(await h.call<{ items: { id: string }[] }>('cs1', 'request', 'worklist', { tab: 'verify' }));
    expect(queue.items.map((i) => i.id)).toEqual([r.id]);

    await act('2026-11-26T17:00', 'cs1', 'verify', r, { note: '电话回访，已处理' });
    expect(await fire('2026-11-27T10:00')).toMatchObject({ verification: { routed: 0 } });
  });
});

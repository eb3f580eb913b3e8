/**
 * Fault injection through the whole use case: the store fails at its k-th SQL statement, for every k a
 * submission or a transition runs. Whatever k, nothing is half-written (no request without its event,
 * no event without its messages), and a retry — same idempotency key, same version — finishes cleanly once.
 */
import type { RequestDetail } from '@core/api/request.contract';
import { functionHarness, type Harness } from '../testing/function-harness';

let failAt = 0;
let seen = 0;
const onStatement = () => {
  if (failAt === 0) return;
  seen += 1;
  if (seen === failAt) throw new Error(`injected fault at statement ${seen}`);
};

function counts(h: Harness) {
  const db = (h.deps.store as unknown as { db: { prepare(sql: string): { get(): { n: number } } } }).db;
  const n = (table: string) => db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get().n;
  return { requests: n('requests'), events: n('request_events'), inbox: n('inbox'), outbox: n('outbox') };
}

const input = { idempotencyKey: 'faultkey0001', categoryId: 'k-env', description: '楼道灯坏了，晚上很黑', photoFileIds: [], callbackPhone: '13912345678' };

async function statementsOf(run: (h: Harness) => Promise<unknown>, setup?: (h: Harness) => Promise<void>): Promise<number> {
  const h = await functionHarness(undefined, { onStatement });
  try {
    await setup?.(h);
    failAt = Number.MAX_SAFE_INTEGER;
    seen = 0;
    await run(h);
    return seen;
  } finally {
    failAt = 0;
    await h.close();
  }
}

describe('request use cases under injected store faults', () => {
  it('submit: a fault at any statement writes all or nothing; the retry with the same key ends with exactly one request', async () => {
    const total = await statementsOf((h) => h.call('r1', 'request', 'submit', input));
    expect(total).toBeGreaterThan(3);
    for (let k = 1; k <= total; k++) {
      const h = await functionHarness(undefined, { onStatement });
      try {
        failAt = k;
        seen = 0;
        const before = counts(h);
        const failed = await h.call('r1', 'request', 'submit', input);
        failAt = 0;
        if (!failed.ok) {
          expect(failed).toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
          // All or nothing: either the write did not land, or it landed whole and only the reply failed.
          const after = counts(h);
          if (after.requests === 0) expect(after).toEqual(before);
          else expect(after).toEqual({ requests: 1, events: 1, inbox: 3, outbox: 2 });
        }
        const retried = await h.call<RequestDetail>('r1', 'request', 'submit', input);
        const again = await h.call<RequestDetail>('r1', 'request', 'submit', input);
        expect(retried.ok && again.ok && retried.data.id === again.data.id).toBe(true);
        expect(counts(h)).toMatchObject({ requests: 1, events: 1 });
        // Every message but the submitter's own has its outbox record: nobody is pushed about what they did.
        expect(counts(h).outbox).toBe(counts(h).inbox - 1);
      } finally {
        failAt = 0;
        await h.close();
      }
    }
  });

  it('accept: a fault at any statement writes all or nothing; a retry ends with exactly one acceptance', async () => {
    let ref = { id: '', version: 0 };
    const setup = async (h: Harness) => {
      const r = await h.call<RequestDetail>('r1', 'request', 'submit', input);
      if (!r.ok) throw new Error(r.code);
      ref = { id: r.data.id, version: r.data.version };
    };
    const total = await statementsOf((h) => h.call('w1', 'request', 'accept', ref), setup);
    for (let k = 1; k <= total; k++) {
      const h = await functionHarness(undefined, { onStatement });
      try {
        await setup(h);
        const before = counts(h);
        failAt = k;
        seen = 0;
        const failed = await h.call('w1', 'request', 'accept', ref);
        failAt = 0;
        if (!failed.ok) {
          const after = counts(h);
          // All or nothing: the accept event with its messages, or none of it.
          if (after.events === before.events) expect(after).toEqual(before);
          else expect(after).toEqual({ requests: 1, events: before.events + 1, inbox: before.inbox + 1, outbox: before.outbox + 1 });
        }
        const retried = await h.call<RequestDetail>('w1', 'request', 'accept', ref);
        const detail = await h.call<RequestDetail>('r1', 'request', 'detail', { id: ref.id });
        expect(detail.ok && detail.data.status).toBe('accepted');
        expect(detail.ok && detail.data.timeline.map((e) => e.action)).toEqual(['submit', 'accept']);
        // The retry either lands (first write lost) or is told the request moved on (first write landed).
        if (!failed.ok && !retried.ok) expect(retried).toMatchObject({ code: 'REQUEST.VERSION_CONFLICT' });
      } finally {
        failAt = 0;
        await h.close();
      }
    }
  });
});

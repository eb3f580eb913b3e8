/**
 * TEST CODE ONLY: a small assessment history driven through the real request actions on a fixed clock, for
 * the assessment function tests (embedded) and the same history on the CloudBase store double.
 *
 * November 2026 (Beijing time; no holidays in November; k-env: 1 working day to accept, 2 to resolve):
 *   g1 (w1):  A accepted on time, resolved on time, confirmed 满意
 *             B accepted late, resolved on time, verified by the community, rated 不满意 (which reopens it),
 *               resolved again on time and left unconfirmed (rated 不满意, reopened, not solved)
 *             C accepted on time, resolved late, unrated
 *             D accepted, still open and overdue; P a patrol finding by w1, never accepted (overdue)
 *   g2 (w2):  E accepted, resolved on time, confirmed 满意
 *   g4 (w5):  F accepted, resolved, reopened, resolved again on time, confirmed 基本满意
 *   g3 (w3):  nothing
 * October: g1 G accepted and resolved on time, confirmed 满意 (g1's October score 100).
 * The clock ends at 2026-11-23 10:00 Beijing time.
 */
import type { Reply } from '@core/shared/errors';
import type { FUNCTIONS } from '../functions/registry';

/** What the history needs of a harness: a settable clock and calls as a fixture user. */
export interface Caller {
  clock: { set(d: Date): void };
  call<T = unknown>(who: string, fn: keyof typeof FUNCTIONS, action: string, data?: unknown): Promise<Reply<T>>;
}

export type Ref = { id: string; version: number };
export const NOV = { from: '2026-11-01', to: '2026-11-30' };

export function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  return reply.data;
}
export const code = (reply: Reply<unknown>): string => (reply.ok ? 'ok' : reply.code);

/** Beijing wall-clock time → the harness clock. */
export const at = (h: Caller, local: string): void => h.clock.set(new Date(`${local}:00+08:00`));
let keys = 0;

export async function submit(h: Caller, who: string, local: string, description = '楼道里的灯坏了好几天了'): Promise<Ref> {
  at(h, local);
  return data(await h.call<Ref>(who, 'request', 'submit', { idempotencyKey: `assess${++keys}key`, categoryId: 'k-env', description, photoFileIds: [] }));
}
export async function act(h: Caller, who: string, action: string, local: string, r: Ref, extra: Record<string, unknown> = {}): Promise<Ref> {
  at(h, local);
  return data(await h.call<Ref>(who, 'request', action, { id: r.id, version: r.version, ...extra }));
}
export const resolve = (h: Caller, who: string, local: string, r: Ref) => act(h, who, 'resolve', local, r, { note: '已处理', photoFileIds: [] });

export async function assessmentHistory(h: Caller): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  // October: g1's G, all on time.
  let g = await submit(h, 'r1', '2026-10-12T10:00');
  g = await act(h, 'w1', 'accept', '2026-10-12T11:00', g);
  g = await resolve(h, 'w1', '2026-10-13T10:00', g);
  g = await act(h, 'r1', 'confirm', '2026-10-13T12:00', g, { rating: 'satisfied' });
  ids.G = g.id;

  let a = await submit(h, 'r1', '2026-11-02T10:00', '门口垃圾桶满了，电话13912345678');
  a = await act(h, 'w1', 'accept', '2026-11-02T11:00', a);
  a = await resolve(h, 'w1', '2026-11-03T10:00', a);
  a = await act(h, 'r1', 'confirm', '2026-11-03T12:00', a, { rating: 'satisfied' });
  ids.A = a.id;

  let b = await submit(h, 'r1', '2026-11-03T10:00');
  b = await act(h, 'w1', 'accept', '2026-11-05T12:00', b); // response due 11-04 10:00: late
  b = await resolve(h, 'w1', '2026-11-06T10:00', b); // due 11-09 12:00 (weekend skipped): on time
  b = await act(h, 'cs1', 'verify', '2026-11-10T10:00', b, { note: '电话回访' });
  b = await act(h, 'r1', 'rate', '2026-11-10T11:00', b, { rating: 'unsatisfied' }); // 不满意 reopens: due 11-12 11:00
  b = await resolve(h, 'w1', '2026-11-11T10:00', b);
  ids.B = b.id;

  let c = await submit(h, 'r1', '2026-11-09T10:00');
  c = await act(h, 'w1', 'accept', '2026-11-09T11:00', c);
  c = await resolve(h, 'w1', '2026-11-16T10:00', c); // due 11-11 11:00: late
  ids.C = c.id;

  let d = await submit(h, 'r1', '2026-11-10T10:00');
  d = await act(h, 'w1', 'accept', '2026-11-10T11:00', d); // due 11-12 11:00, never resolved
  ids.D = d.id;

  at(h, '2026-11-12T10:00');
  ids.P = data(await h.call<Ref>('w1', 'request', 'file', {
    idempotencyKey: `assess${++keys}key`, gridId: 'g1', source: 'patrol', categoryId: 'k-env', description: '巡查发现井盖缺失', photoFileIds: [],
  })).id;

  let e = await submit(h, 'r2', '2026-11-02T10:00');
  e = await act(h, 'w2', 'accept', '2026-11-02T11:00', e);
  e = await resolve(h, 'w2', '2026-11-03T10:00', e);
  e = await act(h, 'r2', 'confirm', '2026-11-03T12:00', e, { rating: 'satisfied' });
  ids.E = e.id;

  let f = await submit(h, 'r4', '2026-11-04T10:00');
  f = await act(h, 'w5', 'accept', '2026-11-04T11:00', f);
  f = await resolve(h, 'w5', '2026-11-05T10:00', f);
  f = await act(h, 'r4', 'reopen', '2026-11-05T12:00', f, { comment: '还是有味道' });
  f = await resolve(h, 'w5', '2026-11-06T10:00', f);
  f = await act(h, 'r4', 'confirm', '2026-11-06T12:00', f, { rating: 'basically_satisfied' });
  ids.F = f.id;

  at(h, '2026-11-23T10:00');
  return ids;
}


/**
 * The request fields the 考核 reads, as the use cases set them: buildingId at submission, dueHolderId when a
 * request changes hands after its deadline (here a 网格移交) and cleared on 重办, resolveWorkingMinutes at
 * 办结 on the 2026 calendar (国庆 10-01..10-07 off, Saturday 10-10 worked). Hand-computed.
 */
import type { RequestDetail } from '@core/api/request.contract';
import { functionHarness, type Harness } from '../../testing/function-harness';

const bj = (local: string) => new Date(`${local}+08:00`);

describe('考核 fields set by the request use cases', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(bj('2026-09-30T09:00:00'));
  });
  afterEach(() => h.close());

  const submit = async (who: string, key: string): Promise<RequestDetail> => {
    const reply = await h.call<RequestDetail>(who, 'request', 'submit', { idempotencyKey: key, categoryId: 'k-env', description: '楼道灯不亮了', photoFileIds: [], hideName: false });
    if (!reply.ok) throw new Error(reply.message);
    return reply.data;
  };
  const ok = async <T>(p: Promise<{ ok: boolean; data?: T; message?: string }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(r.message);
    return r.data as T;
  };
  const stored = async (id: string) => (await h.deps.store.requests.get(id))!;

  it('a resident files for their household: the request carries its building; a patrol finding has none', async () => {
    const mine = await submit('r1', 'fields-building-1');
    expect((await stored(mine.id)).buildingId).toBe('b1');
    const patrol = await ok<RequestDetail>(h.call('w1', 'request', 'file', { idempotencyKey: 'fields-patrol-1', categoryId: 'k-env', description: '小区路灯坏了', photoFileIds: [], gridId: 'g1', source: 'patrol' }));
    expect((await stored(patrol.id)).buildingId).toBeUndefined();
    const month = await h.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'building', periods: ['2026-09'] });
    expect(month.map((r) => [r.scopeId, r.counters.filed])).toEqual([['b1', 1]]);
  });

  it('moved to a new grid worker after its deadline it stays counted for the old one; resolved with working minutes across the holiday; reopening releases it', async () => {
    const r = await submit('r1', 'fields-holder-1');
    h.clock.set(bj('2026-09-30T10:00:00'));
    const accepted = await ok<RequestDetail>(h.call('w1', 'request', 'accept', { id: r.id, version: r.version }));
    // 2 working days from Wednesday 10:00: Wed 14 h + Thu 10-08 24 h + Fri 10-09 10 h → due Friday 9 October 10:00.
    expect((await stored(r.id)).resolutionDueAt).toBe(bj('2026-10-09T10:00:00').toISOString());

    h.clock.set(bj('2026-10-09T12:00:00'));
    const g1 = (await h.deps.store.places.getGrid('g1'))!;
    await ok(h.call('cs1', 'grid', 'assign', { gridId: 'g1', primaryWorkerId: 'w5', backupWorkerId: 'w2', version: g1.version }));
    const moved = await stored(r.id);
    expect(moved.handler).toMatchObject({ kind: 'worker', id: 'w5' });
    expect(moved.dueHolderId).toBe('w1');

    h.clock.set(bj('2026-10-10T09:00:00'));
    const resolved = await ok<RequestDetail>(h.call('w5', 'request', 'resolve', { id: r.id, version: moved.version, note: '已修好', photoFileIds: [] }));
    const done = await stored(r.id);
    // Wed 10:00–24:00 (14 h) + Thu 10-08 (24 h) + Fri 10-09 (24 h) + Sat 10-10, a 调休 working day, 00:00–09:00 (9 h) = 71 h.
    expect(done.resolveWorkingMinutes).toBe(71 * 60);
    expect(done.resolvedLate).toBe(true);
    const worker = async (id: string) => (await h.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'worker', scopeIds: [id], periods: ['2026-10'] }))[0]?.counters;
    expect(await worker('w1')).toMatchObject({ resolved: 1, resolvedOnTime: 0, resolveMinutes: 4260 });
    expect((await worker('w5'))?.resolved ?? 0).toBe(0);

    h.clock.set(bj('2026-10-10T15:00:00'));
    await ok(h.call('r1', 'request', 'reopen', { id: r.id, version: resolved.version, comment: '灯还是不亮' }));
    const reopened = await stored(r.id);
    expect(reopened.dueHolderId).toBeNull();
    expect(reopened.resolveWorkingMinutes).toBeNull();
    expect(reopened.handler).toMatchObject({ id: 'w5' });
    // The acceptance now counts for w5 (September, when it was accepted); nothing is left for w1.
    const sept = await h.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'worker', scopeIds: ['w1', 'w5'], periods: ['2026-09', '2026-10'] });
    expect(sept.filter((row) => Object.values(row.counters).some((v) => v !== 0)).map((row) => `${row.scopeId}@${row.period}:${row.counters.accepted}`)).toEqual(['w5@2026-09:1']);
    expect(accepted.version).toBeLessThan(reopened.version);
  });

  it('dispatched to the community after its deadline it stays counted for the worker; the community resolving it counts for them', async () => {
    const r = await submit('r1', 'fields-holder-3');
    h.clock.set(bj('2026-09-30T10:00:00'));
    const accepted = await ok<RequestDetail>(h.call('w1', 'request', 'accept', { id: r.id, version: r.version }));
    h.clock.set(bj('2026-10-09T11:00:00'));
    const dispatched = await ok<RequestDetail>(h.call('w1', 'request', 'dispatch', { id: r.id, version: accepted.version, target: 'community', reason: '需社区协调' }));
    expect(await stored(r.id)).toMatchObject({ handler: { kind: 'community', id: 'c1' }, dueHolderId: 'w1' });
    h.clock.set(bj('2026-10-09T15:00:00'));
    await ok(h.call('cs1', 'request', 'resolve', { id: r.id, version: dispatched.version, note: '社区已处理', photoFileIds: [] }));
    const [w1] = await h.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'worker', scopeIds: ['w1'], periods: ['2026-10'] });
    // Wed 10:00–24:00 (14 h) + Thu 10-08 (24 h) + Fri 00:00–15:00 (15 h) = 53 h, after the Friday 10:00 deadline.
    expect(w1.counters).toMatchObject({ resolved: 1, resolvedOnTime: 0, resolveMinutes: 53 * 60 });
  });

  it('moved before its deadline it counts for the new worker', async () => {
    const r = await submit('r1', 'fields-holder-2');
    const accepted = await ok<RequestDetail>(h.call('w1', 'request', 'accept', { id: r.id, version: r.version }));
    const g1 = (await h.deps.store.places.getGrid('g1'))!;
    h.clock.set(bj('2026-09-30T18:00:00'));
    await ok(h.call('cs1', 'grid', 'assign', { gridId: 'g1', primaryWorkerId: 'w5', backupWorkerId: 'w2', version: g1.version }));
    const moved = await stored(r.id);
    expect(moved.handler).toMatchObject({ id: 'w5' });
    expect(moved.dueHolderId).toBeUndefined();
    expect(accepted.id).toBe(r.id);
  });
});

import type { RequestDetail, RequestPage } from '@core/api/request.contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let keySeq = 0;
const key = () => `key${String(++keySeq).padStart(8, '0')}`;

async function submit(h: Harness, who = 'r1', extra: Record<string, unknown> = {}): Promise<RequestDetail> {
  return data(
    await h.call<RequestDetail>(who, 'request', 'submit', {
      idempotencyKey: key(),
      categoryId: 'k-env',
      description: '3号楼楼道里堆满了杂物，影响通行',
      photoFileIds: [],
      callbackPhone: '13912345678',
      ...extra,
    }),
  );
}

const act = async (h: Harness, who: string, action: string, r: { id: string; version: number }, extra: Record<string, unknown> = {}) =>
  h.call<RequestDetail>(who, 'request', action, { id: r.id, version: r.version, ...extra });

describe('request function: the closed loop', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-11-23T02:00:00Z')); // Monday 10:00 Beijing
  });
  afterEach(() => h.close());

  it('a resident submits with a photo: it goes to their grid with a response deadline on working time, and the grid workers are told', async () => {
    const photo = { fileId: await h.upload('r1', PNG) };
    const r = await submit(h, 'r1', { photoFileIds: [photo.fileId] });
    expect(r).toMatchObject({ status: 'submitted', statusLabel: '待受理', gridId: 'g1', source: 'resident', photoCount: 1, dueKind: 'response' });
    expect(r.photoUrls[0]).toMatch(/^\/files\//);
    expect(r.timeline).toEqual([expect.objectContaining({ action: 'submit', actionLabel: '发现上报', who: '居民 孙*' })]);
    expect(r.actions).toEqual(['withdraw']);
    const inbox = data(await h.call<{ items: { title: string }[] }>('w1', 'message', 'inbox', {}));
    expect(inbox.items[0].title).toBe('新诉求待受理');
    expect(data(await h.call<{ items: { title: string }[] }>('w2', 'message', 'inbox', {})).items[0].title).toBe('新诉求待受理');
  });

  it('refuses someone else\'s photo and nothing is created', async () => {
    const photo = { fileId: await h.upload('r2', PNG) };
    const reply = await h.call('r1', 'request', 'submit', { idempotencyKey: key(), categoryId: 'k-env', description: '路灯坏了好几天了', photoFileIds: [photo.fileId] });
    expect(reply).toMatchObject({ ok: false, code: 'FILE.NOT_OWNED' });
    expect(data(await h.call<RequestPage>('r1', 'request', 'mine', {})).items).toEqual([]);
  });

  it('a retried or double-tapped submit with the same idempotency key creates one request', async () => {
    const input = { idempotencyKey: key(), categoryId: 'k-env', description: '小区门口垃圾没人清理', photoFileIds: [] };
    const replies = await Promise.all([1, 2, 3].map(() => h.call<RequestDetail>('r1', 'request', 'submit', input)));
    const ids = new Set(replies.map((r) => data(r).id));
    expect(ids.size).toBe(1);
    expect(data(await h.call<RequestPage>('r1', 'request', 'mine', {})).items).toHaveLength(1);
  });

  it('limits a resident to 5 submissions in 10 minutes, atomically under concurrency', async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => h.call('r1', 'request', 'submit', { idempotencyKey: key(), categoryId: 'k-env', description: `第${i + 1}个问题需要处理`, photoFileIds: [] })),
    );
    expect(replies.filter((r) => r.ok)).toHaveLength(5);
    expect(replies.filter((r) => !r.ok)).toEqual(Array(3).fill(expect.objectContaining({ code: 'REQUEST.RATE_LIMITED', message: '提交太频繁了：10分钟内最多提交5条，请稍后再提交' })));
  });

  it('ignores status, grid, handler or deadlines in the body: residents cannot set protected fields', async () => {
    const r = await submit(h, 'r1', { status: 'archived', gridId: 'g3', handler: { kind: 'worker', id: 'w3' }, resolutionDueAt: '2030-01-01T00:00:00Z' });
    expect(r).toMatchObject({ status: 'submitted', gridId: 'g1', handlerLabel: '待受理', resolutionDueAt: null });
  });

  it('two workers accepting at once: exactly one wins, the other is told clearly', async () => {
    const r = await submit(h);
    const [a, b] = await Promise.all([act(h, 'w1', 'accept', r), act(h, 'w2', 'accept', r)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((x) => !x.ok)).toMatchObject({ code: 'REQUEST.VERSION_CONFLICT', message: '这条诉求刚被其他人处理过，请刷新后查看' });
    const detail = data(await h.call<RequestDetail>('r1', 'request', 'detail', { id: r.id }));
    expect(detail.timeline.filter((e) => e.action === 'accept')).toHaveLength(1);
  });

  it('a resident withdrawing while a worker accepts: exactly one wins', async () => {
    const r = await submit(h);
    const [w, a] = await Promise.all([act(h, 'r1', 'withdraw', r), act(h, 'w1', 'accept', r)]);
    expect([w.ok, a.ok].filter(Boolean)).toHaveLength(1);
    const detail = data(await h.call<RequestDetail>('r1', 'request', 'detail', { id: r.id }));
    expect(['withdrawn', 'accepted']).toContain(detail.status);
    expect(detail.timeline).toHaveLength(2);
  });

  it('the whole loop: accept → resolve → 不满意 reopens with a new deadline → resolve → 满意 archives', async () => {
    let r = await submit(h);
    r = data(await act(h, 'w1', 'accept', r));
    expect(r).toMatchObject({ status: 'accepted', handlerLabel: '网格员 张伟', dueKind: 'resolution' });
    expect(r.resolutionDueAt).toBe('2026-11-25T02:00:00.000Z'); // 2 working days from Monday 10:00
    expect(r.callbackPhone).toBe('13912345678');
    r = data(await act(h, 'w1', 'progress', r, { note: '已联系物业，明天清理', photoFileIds: [] }));
    expect(r.status).toBe('in_progress');
    const resultPhoto = { fileId: await h.upload('w1', PNG) };
    r = data(await act(h, 'w1', 'resolve', r, { note: '杂物已清理完毕', photoFileIds: [resultPhoto.fileId] }));
    expect(r).toMatchObject({ status: 'resolved', resolvedLate: false });
    expect(r.callbackPhone).toBe('13912345678');

    let mine = data(await h.call<RequestDetail>('r1', 'request', 'detail', { id: r.id }));
    expect(mine.actions.sort()).toEqual(['confirm', 'reopen']);
    h.clock.set(new Date('2026-11-23T06:00:00Z'));
    mine = data(await act(h, 'r1', 'reopen', mine, { comment: '只清理了一半' }));
    expect(mine).toMatchObject({ status: 'in_progress', reopenCount: 1, rating: { value: 'unsatisfied', label: '不满意' } });
    const workerInbox = data(await h.call<{ items: { title: string }[] }>('w1', 'message', 'inbox', {}));
    expect(workerInbox.items[0].title).toBe('居民不满意，诉求重办');

    h.clock.set(new Date('2026-11-24T02:00:00Z'));
    r = data(await act(h, 'w1', 'resolve', { id: r.id, version: mine.version }, { note: '已全部清理', photoFileIds: [] }));
    r = data(await act(h, 'r1', 'confirm', r, { rating: 'satisfied', comment: '谢谢' }));
    expect(r).toMatchObject({ status: 'archived', rating: { value: 'satisfied' }, reopenCount: 1 });
    expect(r.callbackPhone).toBeNull();
    expect(r.timeline.map((e) => e.action)).toEqual(['submit', 'accept', 'progress', 'resolve', 'reopen', 'resolve', 'confirm', 'archive']);
    expect(r.timeline[3].photoUrls).toHaveLength(1);
    expect(await act(h, 'w1', 'progress', r, { note: '再看看', photoFileIds: [] })).toMatchObject({ ok: false });
  });

  it('the callback phone goes only to the current handler while open; hidden names stay hidden from staff', async () => {
    let r = await submit(h, 'r1', { hideName: true });
    expect(data(await h.call<RequestDetail>('cs1', 'request', 'detail', { id: r.id }))).toMatchObject({ callbackPhone: null, residentName: '居民（已选择隐藏姓名）' });
    expect(data(await h.call<RequestDetail>('w1', 'request', 'detail', { id: r.id }))).toMatchObject({ callbackPhone: null, residentName: '孙丽' });
    r = data(await act(h, 'w1', 'accept', r));
    expect(data(await h.call<RequestDetail>('w1', 'request', 'detail', { id: r.id })).callbackPhone).toBe('13912345678');
    expect(data(await h.call<RequestDetail>('w2', 'request', 'detail', { id: r.id })).callbackPhone).toBeNull();
    expect(data(await h.call<RequestDetail>('ss', 'request', 'detail', { id: r.id })).callbackPhone).toBeNull();
  });

  it('a hidden name leaves no trace of the resident in any view staff open — not even the surname', async () => {
    let r = await submit(h, 'r1', { hideName: true });
    r = data(await act(h, 'w1', 'accept', r));
    r = data(await act(h, 'w1', 'resolve', r, { note: '已清理', photoFileIds: [] }));
    r = data(await act(h, 'r1', 'reopen', r, { comment: '还有一些没清理' }));
    const name = '孙丽';
    const surname = Array.from(name)[0];
    for (const viewer of ['cs1', 'ss']) {
      const seen = data(await h.call<RequestDetail>(viewer, 'request', 'detail', { id: r.id }));
      expect(seen.residentName).toBe('居民（已选择隐藏姓名）');
      expect(seen.timeline.filter((e) => e.action === 'submit' || e.action === 'reopen').map((e) => e.who)).toEqual(['居民（已选择隐藏姓名）', '居民（已选择隐藏姓名）']);
      const views = [seen, data(await h.call<RequestPage>(viewer, 'request', 'streetList', {}))];
      if (viewer === 'cs1') views.push(data(await h.call<RequestPage>(viewer, 'request', 'worklist', { tab: 'mine' })));
      for (const v of views) expect(JSON.stringify(v)).not.toContain(surname);
    }
    // The resident and their grid's worker still see who it is (the worker calls and visits them).
    expect(data(await h.call<RequestDetail>('r1', 'request', 'detail', { id: r.id })).timeline[0].who).toBe('居民 孙*');
    expect(data(await h.call<RequestDetail>('w1', 'request', 'detail', { id: r.id })).residentName).toBe(name);
  });

  it("another grid's worker gets the same not-found as for a missing id, and lists never leak", async () => {
    const r = await submit(h);
    const probe = await h.call('w3', 'request', 'detail', { id: r.id });
    const missing = await h.call('w3', 'request', 'detail', { id: 'nosuchrequest' });
    expect(probe).toEqual(missing);
    expect(probe).toMatchObject({ ok: false, code: 'REQUEST.NOT_FOUND' });
    expect(await h.call('r2', 'request', 'detail', { id: r.id })).toEqual(missing);
    expect(data(await h.call<RequestPage>('w3', 'request', 'worklist', { tab: 'new' })).items).toEqual([]);
    expect(data(await h.call<RequestPage>('w1', 'request', 'worklist', { tab: 'new' })).items.map((i) => i.id)).toEqual([r.id]);
    expect(data(await h.call<RequestPage>('cs2', 'request', 'worklist', { tab: 'new' })).items).toEqual([]);
    expect(data(await h.call<RequestPage>('r2', 'request', 'mine', {})).items).toEqual([]);
  });

  it('a grid worker reassigned away from a grid loses its requests at the very next call; the new worker sees them', async () => {
    const r = await submit(h);
    expect(data(await h.call<RequestPage>('w1', 'request', 'worklist', { tab: 'new' })).items.map((i) => i.id)).toEqual([r.id]);
    const g1 = (await h.deps.store.places.getGrid('g1'))!;
    await h.deps.store.places.assignWorkers('g1', { primaryWorkerId: 'w5', backupWorkerId: null }, g1.version, h.clock.now().toISOString());
    for (const former of ['w1', 'w2']) {
      expect(data(await h.call<RequestPage>(former, 'request', 'worklist', { tab: 'new' })).items).toEqual([]);
      expect(await h.call(former, 'request', 'detail', { id: r.id })).toMatchObject({ ok: false, code: 'REQUEST.NOT_FOUND' });
      expect(await act(h, former, 'accept', r)).toMatchObject({ ok: false, code: 'REQUEST.NOT_FOUND' });
    }
    expect(data(await h.call<RequestPage>('w5', 'request', 'worklist', { tab: 'new' })).items.map((i) => i.id)).toEqual([r.id]);
    expect(await act(h, 'w5', 'accept', r)).toMatchObject({ ok: true, data: { status: 'accepted' } });
  });

  it('a rejection carries a reason the resident sees', async () => {
    const r = await submit(h);
    await act(h, 'w1', 'reject', r, { reason: '属于私人财产纠纷，请通过法律途径解决' });
    const seen = data(await h.call<RequestDetail>('r1', 'request', 'detail', { id: r.id }));
    expect(seen).toMatchObject({ status: 'rejected', rejectReason: '属于私人财产纠纷，请通过法律途径解决' });
  });

  it('text the content check flags is held for community review, unseen by workers until released', async () => {
    const r = await submit(h, 'r1', { description: '这里有测试违禁词需要处理一下' });
    expect(r.status).toBe('held');
    expect(await h.call('w1', 'request', 'detail', { id: r.id })).toMatchObject({ ok: false, code: 'REQUEST.NOT_FOUND' });
    expect(data(await h.call<RequestPage>('cs1', 'request', 'worklist', { tab: 'review' })).items.map((i) => i.id)).toEqual([r.id]);
    const released = data(await act(h, 'cs1', 'release', r));
    expect(released.status).toBe('submitted');
    expect(data(await h.call<RequestDetail>('w1', 'request', 'detail', { id: r.id })).actions).toContain('accept');
  });

  it('dispatch to a department: the community works it and resolves it', async () => {
    let r = await submit(h);
    r = data(await act(h, 'w1', 'dispatch', r, { target: 'department', departmentId: 'd-city', reason: '占道经营，需城管处理' }));
    expect(r).toMatchObject({ status: 'dispatched', handlerLabel: '城管执法中队（经社区派遣）' });
    expect(data(await h.call<RequestPage>('cs1', 'request', 'worklist', { tab: 'dispatched' })).items.map((i) => i.id)).toEqual([r.id]);
    const staffView = data(await h.call<RequestDetail>('cs1', 'request', 'detail', { id: r.id }));
    expect(staffView.actions).toContain('resolve');
    expect(data(await act(h, 'cs1', 'resolve', staffView, { note: '城管已清理', photoFileIds: [] })).status).toBe('resolved');
  });

  it('unconfirmed results are verified by the community only after the window; verified ones archive after the rating window', async () => {
    let r = await submit(h);
    r = data(await act(h, 'w1', 'accept', r));
    r = data(await act(h, 'w1', 'resolve', r, { note: '已处理', photoFileIds: [] }));
    expect(await act(h, 'cs1', 'verify', r, { note: '电话回访确认' })).toMatchObject({ ok: false, code: 'REQUEST.CONFIRM_WINDOW_OPEN' });
    h.clock.set(new Date('2026-11-27T03:00:00Z'));
    expect(data(await h.call<RequestPage>('cs1', 'request', 'worklist', { tab: 'verify' })).items.map((i) => i.id)).toEqual([r.id]);
    r = data(await act(h, 'cs1', 'verify', r, { note: '电话回访确认' }));
    expect(r.status).toBe('verified');
    h.clock.set(new Date('2026-12-05T03:00:00Z'));
    const { FUNCTIONS } = await import('./registry');
    const timer = await FUNCTIONS.request.handle({ kind: 'system' }, { Type: 'Timer', TriggerName: 'archive' }, h.deps);
    expect(timer).toMatchObject({ ok: true, data: { archive: { archived: 1 } } });
    expect(data(await h.call<RequestDetail>('r1', 'request', 'detail', { id: r.id })).status).toBe('archived');
  });

  it('a worker files a patrol finding and a proxy request with the resident\'s consent', async () => {
    const patrol = data(
      await h.call<RequestDetail>('w1', 'request', 'file', { idempotencyKey: key(), gridId: 'g1', source: 'patrol', categoryId: 'k-hazard', description: '巡查发现消防通道被占用', photoFileIds: [] }),
    );
    expect(patrol).toMatchObject({ source: 'patrol', status: 'submitted', residentName: null });
    expect(patrol.responseDueAt).toBe('2026-11-23T10:00:00.000Z'); // 8 working hours for hazards
    const noConsent = await h.call('w1', 'request', 'file', { idempotencyKey: key(), gridId: 'g1', source: 'proxy', categoryId: 'k-env', description: '独居老人家里水管漏水', photoFileIds: [] });
    expect(noConsent).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const proxy = data(
      await h.call<RequestDetail>('w1', 'request', 'file', {
        idempotencyKey: key(), gridId: 'g1', source: 'proxy', categoryId: 'k-env', description: '独居老人家里水管漏水', photoFileIds: [], residentName: '王奶奶', consentNote: '居民已口头同意代为上报',
      }),
    );
    expect(proxy).toMatchObject({ source: 'proxy', consentNote: '居民已口头同意代为上报' });
    expect(await h.call('w1', 'request', 'file', { idempotencyKey: key(), gridId: 'g3', source: 'patrol', categoryId: 'k-env', description: '别的网格的问题', photoFileIds: [] })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('street staff filter every request of the street; overdue ones are visible up the chain', async () => {
    const r = await submit(h);
    h.clock.set(new Date('2026-11-25T03:00:00Z'));
    const overdue = data(await h.call<RequestPage & { total: number }>('ss', 'request', 'streetList', { overdue: true }));
    expect(overdue).toMatchObject({ total: 1, items: [expect.objectContaining({ id: r.id, overdue: true })] });
    expect(data(await h.call<RequestPage>('cs1', 'request', 'worklist', { tab: 'overdue' })).items.map((i) => i.id)).toEqual([r.id]);
    expect(data(await h.call<RequestPage & { total: number }>('ss', 'request', 'streetList', { communityId: 'c2' })).total).toBe(0);
    expect(await h.call('cs2', 'request', 'streetList', { communityId: 'c1' })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('a date that does not exist is refused as input, never reaching the query', async () => {
    await submit(h);
    for (const [from, message] of [['2026-02-30', '日期不是有效的日期'], ['2026-13-01', '日期不是有效的日期'], ['2026/11/01', '日期格式应为 2026-01-31']]) {
      expect(await h.call('ss', 'request', 'streetList', { from })).toMatchObject({ ok: false, code: 'INPUT.INVALID', message });
      expect(await h.call('ss', 'request', 'streetList', { to: from })).toMatchObject({ ok: false, code: 'INPUT.INVALID', message });
    }
    expect(data(await h.call<RequestPage & { total: number }>('ss', 'request', 'streetList', { from: '2026-02-28', to: '2026-12-31' })).total).toBe(1);
  });
});

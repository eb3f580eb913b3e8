/**
 * Binding confirmation on the small street: a new binding is 待网格员确认 until a worker of its grid (primary or B角)
 * or its community's staff confirms or rejects it. r1 is confirmed in g1 (b1u1r101); w1 leads g1 and backs up g2,
 * w2 leads g2 and backs up g1, w3 leads g3 (c2); cs1 runs c1, cs2 c2.
 */
import type { PendingBindingsView } from '@core/api/binding.contract';
import type { MeView } from '@core/api/contract';
import type { NoticeCoverage, NoticeDetail } from '@core/api/notice.contract';
import type { RequestDetail as FiledRequest, RequestSummary } from '@core/api/request.contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';
import { household } from '../testing/small-street.fixture';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}
const code = (reply: Reply<unknown>) => (reply.ok ? 'ok' : reply.code);

let h: Harness;
beforeEach(async () => {
  h = await functionHarness();
});
afterEach(() => h.close());

/** A brand-new WeChat user binds r1's own household in g1 (b1u1r101). */
async function newcomerBinds(who = 'newcomer'): Promise<MeView> {
  return data(await h.call<MeView>(who, 'account', 'bindHousehold', { householdId: household('g1').id }));
}
const pending = async (who: string, gridId?: string) => data(await h.call<PendingBindingsView>(who, 'account', 'pendingBindings', gridId ? { gridId } : {}));
const idOf = async (who: string) => data(await h.call<MeView>(who, 'account', 'me')).userId;

describe('binding is 待网格员确认 until the grid worker confirms', () => {
  it('a new binding is pending, reaches the grid only, and shows no household data', async () => {
    const me = await newcomerBinds();
    expect(me.residence).toMatchObject({ gridId: 'g1', householdId: household('g1').id, status: 'pending', statusLabel: '待网格员确认', housemates: [] });
    expect(me.grants).toEqual([{ role: 'resident', streetId: 's1', communityId: 'c1', gridId: 'g1', householdId: null, pending: true }]);
    // The confirmed resident of that household sees no claimant either.
    expect(data(await h.call<MeView>('r1', 'account', 'me')).residence).toMatchObject({ status: 'confirmed', statusLabel: '已确认', housemates: [] });
    // Binding by a poster waits the same way.
    const qr = data(await h.call<MeView>('other', 'account', 'bindByQr', { token: 'qrg1token' }));
    expect(qr.residence).toMatchObject({ status: 'pending', via: 'qr' });
  });

  it('the grid worker lists it (name masked, address shown) and confirms it; then it counts and sees its housemates', async () => {
    await newcomerBinds();
    const userId = await idOf('newcomer');
    const list = await pending('w1');
    expect(list.grids.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(list.items).toEqual([
      { userId, name: '微**', gridId: 'g1', gridName: '东湖社区第1网格', address: '东湖社区1号楼1单元101室', via: 'address', viaLabel: '按地址绑定', boundAt: h.clock.now().toISOString() },
    ]);
    // The B角 of g1 and the community's staff see it too; the worker of another community does not.
    expect((await pending('w2')).items.map((i) => i.userId)).toEqual([userId]);
    expect((await pending('cs1', 'g1')).items.map((i) => i.userId)).toEqual([userId]);
    expect((await pending('w3')).items).toEqual([]);

    expect(data(await h.call('w1', 'account', 'confirmBinding', { userId }))).toEqual({ userId, status: 'confirmed' });
    const me = data(await h.call<MeView>('newcomer', 'account', 'me'));
    expect(me.residence).toMatchObject({ status: 'confirmed', statusLabel: '已确认', housemates: ['孙*'] });
    expect(me.grants).toEqual([{ role: 'resident', streetId: 's1', communityId: 'c1', gridId: 'g1', householdId: household('g1').id }]);
    expect(data(await h.call<MeView>('r1', 'account', 'me')).residence?.housemates).toEqual(['微**']);
    expect((await pending('w1')).items).toEqual([]);
    const audit = await h.deps.store.audit.listFor('user', userId, 10);
    expect(audit.find((a) => a.action === 'binding.confirm')).toMatchObject({ actorId: 'w1', streetId: 's1', detail: { residence: expect.objectContaining({ status: 'pending' }) } });
  });

  it('rejecting clears the residence and 我的 says it was returned, with the reason, until they bind again', async () => {
    await newcomerBinds();
    const userId = await idOf('newcomer');
    h.clock.set(new Date(h.clock.now().getTime() + 60e3));
    expect(data(await h.call('cs1', 'account', 'rejectBinding', { userId, reason: '经核实不住这里' }))).toEqual({ userId, status: 'rejected' });
    const me = data(await h.call<MeView>('newcomer', 'account', 'me'));
    expect(me.residence).toBeNull();
    expect(me.roles).toEqual([]);
    expect(me.bindingRejected).toEqual({ at: h.clock.now().toISOString(), reason: '经核实不住这里' });
    expect((await h.deps.store.audit.listFor('user', userId, 1))[0]).toMatchObject({ action: 'binding.reject', actorId: 'cs1', detail: expect.objectContaining({ reason: '经核实不住这里' }) });
    h.clock.set(new Date(h.clock.now().getTime() + 60e3));
    expect((await newcomerBinds()).bindingRejected).toBeNull();
  });

  it('refuses: a worker of another grid, a resident, staff of another community, an unknown user, one already settled, oneself', async () => {
    await newcomerBinds();
    const userId = await idOf('newcomer');
    // w5 leads g4 of the same community; w3 works in c2; cs2 runs c2.
    expect(code(await h.call('w5', 'account', 'confirmBinding', { userId }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('w3', 'account', 'rejectBinding', { userId }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('cs2', 'account', 'confirmBinding', { userId }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('r1', 'account', 'confirmBinding', { userId }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('r1', 'account', 'pendingBindings', {}))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('newcomer', 'account', 'confirmBinding', { userId }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('w5', 'account', 'pendingBindings', { gridId: 'g1' }))).toBe('GRID.NOT_FOUND');
    expect(code(await h.call('w1', 'account', 'pendingBindings', { gridId: 'nope' }))).toBe('GRID.NOT_FOUND');
    expect(code(await h.call('w1', 'account', 'confirmBinding', { userId: 'nobody' }))).toBe('BINDING.NOT_FOUND');
    // r1 is confirmed already (as every seeded resident is).
    expect(code(await h.call('w1', 'account', 'confirmBinding', { userId: 'r1' }))).toBe('BINDING.NOT_PENDING');
    expect(code(await h.call('w1', 'account', 'rejectBinding', { userId: 'r1' }))).toBe('BINDING.NOT_PENDING');
    expect(code(await h.call('w1', 'account', 'confirmBinding', { userId: '' }))).toBe('INPUT.INVALID');
    // Nothing was written by any refusal.
    expect(data(await h.call<MeView>('newcomer', 'account', 'me')).residence?.status).toBe('pending');
    expect((await h.deps.store.audit.listFor('user', userId, 10)).map((a) => a.action)).toEqual(['household.bind']);
    data(await h.call('w1', 'account', 'confirmBinding', { userId }));
    expect(code(await h.call('w2', 'account', 'confirmBinding', { userId }))).toBe('BINDING.NOT_PENDING');
    expect(code(await h.call('w2', 'account', 'rejectBinding', { userId }))).toBe('BINDING.NOT_PENDING');
    // A worker binding a household of their own grid waits for someone else.
    data(await h.call('w1', 'account', 'bindHousehold', { householdId: household('g1').id }));
    expect((await pending('w1')).items).toEqual([]);
    expect(code(await h.call('w1', 'account', 'confirmBinding', { userId: 'w1' }))).toBe('BINDING.SELF');
    expect(code(await h.call('w2', 'account', 'confirmBinding', { userId: 'w1' }))).toBe('ok');
  });

  it('two workers confirming at once: one confirms, the other is told it was handled; one audit entry', async () => {
    await newcomerBinds();
    const userId = await idOf('newcomer');
    const replies = await Promise.all([h.call('w1', 'account', 'confirmBinding', { userId }), h.call('w2', 'account', 'rejectBinding', { userId })]);
    expect(replies.map(code).sort()).toEqual(['BINDING.NOT_PENDING', 'ok']);
    const audit = await h.deps.store.audit.listFor('user', userId, 10);
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('binding.'))).toHaveLength(1);
  });
});

describe('a pending binding counts for nothing it has not earned', () => {
  it('reads the grid notice without counting for coverage or 已阅读; after confirmation it counts', async () => {
    await newcomerBinds();
    const userId = await idOf('newcomer');
    const id = data(await h.call<{ id: string }>('cs1', 'notice', 'publish', {
      idempotencyKey: 'notice-key-1', scope: { level: 'grids', ids: ['g1'] }, title: '停水通知', body: '明天上午停水。', imageFileIds: [], attachments: [],
      category: 'utility', urgent: false, requireAck: true, pinned: false,
    })).id;
    const seen = data(await h.call<NoticeDetail>('newcomer', 'notice', 'open', { id }));
    expect(seen.title).toBe('停水通知');
    expect(code(await h.call('newcomer', 'notice', 'acknowledge', { id }))).toBe('BINDING.PENDING');
    let cov = data(await h.call<NoticeCoverage>('cs1', 'notice', 'coverage', { id }));
    expect(cov.total).toMatchObject({ households: 8, reached: 0, reads: 0, acks: 0 });

    data(await h.call('w1', 'account', 'confirmBinding', { userId }));
    data(await h.call('newcomer', 'notice', 'acknowledge', { id }));
    cov = data(await h.call<NoticeCoverage>('cs1', 'notice', 'coverage', { id }));
    expect(cov.total).toMatchObject({ reached: 1, acks: 1 });
  });

  it('a building notice does not reach a pending binding; a grid one does', async () => {
    await newcomerBinds();
    const publish = async (key: string, title: string, scope: unknown) =>
      data(await h.call<{ id: string }>('cs1', 'notice', 'publish', {
        idempotencyKey: `notice-key-${key}`, scope, title, body: '正文内容。', imageFileIds: [], attachments: [], category: 'utility', urgent: false, requireAck: false, pinned: false,
      })).id;
    const building = await publish('building', '楼栋通知', { level: 'buildings', ids: ['b1'] });
    const grid = await publish('grid', '网格通知', { level: 'grids', ids: ['g1'] });
    const feed = data(await h.call<{ items: { id: string }[] }>('newcomer', 'notice', 'feed', {}));
    expect(feed.items.map((i) => i.id)).toEqual([grid]);
    expect(data(await h.call<{ items: { id: string }[] }>('r1', 'notice', 'feed', {})).items.map((i) => i.id).sort()).toEqual([building, grid].sort());
  });

  it('files requests marked 未核实住户 on the worker\'s list row and detail; a confirmed resident\'s are not', async () => {
    await newcomerBinds();
    const file = async (who: string, key: string) =>
      data(await h.call<FiledRequest>(who, 'request', 'submit', { idempotencyKey: `request-key-${key}`, categoryId: 'k-env', description: '楼道灯坏了，晚上很黑。', photoFileIds: [], hideName: false }));
    const mine = await file('newcomer', 'k-a');
    const theirs = await file('r1', 'k-b');
    expect(mine.unverifiedResident).toBe(true);
    expect(theirs.unverifiedResident).toBe(false);
    const detail = data(await h.call<FiledRequest>('w1', 'request', 'detail', { id: mine.id }));
    expect(detail.unverifiedResident).toBe(true);
    const rows = data(await h.call<{ items: RequestSummary[] }>('w1', 'request', 'worklist', { tab: 'new' }));
    expect(Object.fromEntries(rows.items.map((r) => [r.id, r.unverifiedResident]))).toEqual({ [mine.id]: true, [theirs.id]: false });
  });
});

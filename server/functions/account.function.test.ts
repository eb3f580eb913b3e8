import type { MeView, QrGridPreview } from '@core/api/contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';
import { household } from '../testing/small-street.fixture';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}

describe('account function', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness();
  });
  afterEach(() => h.close());

  it('registers a first-time WeChat user with no role, then binding a household makes them a resident of its grid', async () => {
    const before = data(await h.call<MeView>('newcomer', 'account', 'me'));
    expect(before.roles).toEqual([]);
    expect(before.residence).toBeNull();
    const after = data(await h.call<MeView>('newcomer', 'account', 'bindHousehold', { householdId: household('g3').id }));
    expect(after.roles).toEqual([{ role: 'resident', label: '居民', where: '西苑社区第1网格' }]);
    expect(after.residence).toMatchObject({ gridId: 'g3', communityName: '西苑社区', address: '西苑社区3号楼1单元101室', via: 'address' });
    expect(data(await h.call<MeView>('newcomer', 'account', 'me')).residence?.gridId).toBe('g3');
  });

  it('ignores an openid, role or grid in the body: identity comes from the platform only', async () => {
    const me = data(await h.call<MeView>('r1', 'account', 'me', { openid: 'open-ss', role: 'street_staff', gridId: 'g3' }));
    expect(me.userId).toBe('r1');
    expect(me.roles.map((r) => r.role)).toEqual(['resident']);
  });

  it('lists rooms of a unit in numeric order, and an unknown building clearly', async () => {
    const rooms = data(await h.call<{ room: string }[]>('r1', 'account', 'households', { buildingId: 'b1', unit: 1 }));
    expect(rooms.map((r) => r.room)).toEqual(['101', '102', '201', '1001']);
    const missing = await h.call('r1', 'account', 'households', { buildingId: 'nope', unit: 1 });
    expect(missing).toMatchObject({ ok: false, code: 'BUILDING.NOT_FOUND', message: '没有找到这栋楼，请重新选择' });
  });

  it('refuses bad input with a Chinese message naming the field, and writes nothing', async () => {
    const reply = await h.call('r1', 'account', 'bindHousehold', { householdId: '' });
    expect(reply).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '请填写房屋' });
    expect(data(await h.call<MeView>('r1', 'account', 'me')).residence?.gridId).toBe('g1');
  });

  it('binds by a poster QR code to its grid, with or without a room, and refuses a room of another grid', async () => {
    const preview = data(await h.call<QrGridPreview>('newcomer', 'account', 'gridByQr', { token: 'qrg1token' }));
    expect(preview).toMatchObject({ gridId: 'g1', gridName: '东湖社区第1网格', communityName: '东湖社区' });
    expect(preview.buildings.map((b) => b.gridId)).toEqual(['g1']);

    const gridOnly = data(await h.call<MeView>('newcomer', 'account', 'bindByQr', { token: 'qrg1token' }));
    expect(gridOnly.residence).toMatchObject({ gridId: 'g1', householdId: null, address: null, via: 'qr' });

    const elsewhere = await h.call('newcomer', 'account', 'bindByQr', { token: 'qrg1token', householdId: household('g3').id });
    expect(elsewhere).toMatchObject({ ok: false, code: 'HOUSEHOLD.NOT_FOUND' });
    expect(data(await h.call<MeView>('newcomer', 'account', 'me')).residence?.householdId).toBeNull();

    const bad = await h.call('newcomer', 'account', 'bindByQr', { token: 'expiredtoken' });
    expect(bad).toMatchObject({ ok: false, code: 'GRID.QR_INVALID' });
  });

  it('leaving a household removes the resident role and the card with it; the change is audited', async () => {
    const me = data(await h.call<MeView>('r1', 'account', 'leaveHousehold'));
    expect(me.residence).toBeNull();
    expect(me.roles).toEqual([]);
    expect(await h.call('r1', 'grid', 'myCard')).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const audit = await h.deps.store.audit.listFor('user', 'r1', 10);
    expect(audit.map((a) => a.action)).toEqual(['household.leave']);
  });

  it('an unknown action is refused with a stable code', async () => {
    expect(await h.call('r1', 'account', 'dropTables')).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
    expect(await h.call('r1', 'account', 'toString')).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
  });
});

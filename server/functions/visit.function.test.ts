import type { DueList, GridHouseholds, HouseholdHistory, RecordVisitResult, VisitCoverage } from '@core/api/visit.contract';
import type { RequestDetail } from '@core/api/request.contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
// g1's households: b1u{1,2}r{101,102,201,1001}; the two 1001 rooms are 独居老人 (每周一次).
const ELDER = 'b1u1r1001';
const door = (over: Record<string, unknown> = {}) => ({
  clientKey: 'client-key-0001',
  kind: 'door',
  gridId: 'g1',
  householdId: ELDER,
  at: '2026-11-23T01:30:00.000Z',
  met: '本人',
  note: '老人身体尚好，暖气正常',
  outcome: 'none',
  ...over,
});

describe('visit function', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-11-23T02:00:00Z')); // Monday 10:00 in Beijing
  });
  afterEach(() => h.close());

  it('lists 今日待访 from the rhythm table: a visit this week takes an elderly household off the list', async () => {
    const before = data(await h.call<DueList>('w1', 'visit', 'due', { gridId: 'g1' }));
    expect(before.today).toBe('2026-11-23');
    expect(before.entries.map((e) => e.householdId).sort()).toEqual(['b1u1r1001', 'b1u2r1001']);
    expect(before.entries[0]).toMatchObject({ tagIds: ['elderly_alone'], dueBy: '2026-11-27', overdue: false, lastVisit: null, keyGroups: ['elderly_alone'] });
    expect(before.entries.find((e) => e.householdId === ELDER)?.label).toBe('1号楼1单元1001室');
    data(await h.call('w1', 'visit', 'record', door()));
    const after = data(await h.call<DueList>('w1', 'visit', 'due', { gridId: 'g1' }));
    expect(after.entries.map((e) => e.householdId)).toEqual(['b1u2r1001']);
  });

  it('records once per client key: a retried send answers the same visit and the history shows one', async () => {
    const first = data(await h.call<RecordVisitResult>('w1', 'visit', 'record', door()));
    const retry = data(await h.call<RecordVisitResult>('w1', 'visit', 'record', door({ note: '网络重发' })));
    expect(first.duplicate).toBe(false);
    expect(retry).toEqual({ visit: first.visit, duplicate: true });
    const history = data(await h.call<HouseholdHistory>('w1', 'visit', 'history', { householdId: ELDER }));
    expect(history.visits).toHaveLength(1);
    expect(history.visits[0]).toMatchObject({ date: '2026-11-23', workerName: '张网格员', met: '本人', note: '老人身体尚好，暖气正常', outcome: 'none' });
    expect(history.household.lastVisit).toBe('2026-11-23');
  });

  it('answers NOT_FOUND for another grid, to its worker and to staff of another community, revealing nothing', async () => {
    data(await h.call('w1', 'visit', 'record', door()));
    // w3 serves g3 (西苑社区) only; cs2 is 西苑社区's staff.
    for (const who of ['w3', 'cs2']) {
      const reply = await h.call(who, 'visit', 'history', { householdId: ELDER });
      expect(reply).toEqual({ ok: false, code: 'HOUSEHOLD.NOT_FOUND', message: '没有找到这个房屋，请重新选择' });
      expect(JSON.stringify(await h.call(who, 'visit', 'history', { householdId: 'no-such-household' }))).toBe(JSON.stringify(reply));
    }
    expect(await h.call('w3', 'visit', 'due', { gridId: 'g1' })).toMatchObject({ ok: false, code: 'GRID.NOT_FOUND' });
    expect(await h.call('w3', 'visit', 'record', door({ clientKey: 'client-key-w3' }))).toMatchObject({ ok: false, code: 'GRID.NOT_FOUND' });
    // A resident of g1 never sees visits, not even their own household's.
    expect(await h.call('r1', 'visit', 'history', { householdId: ELDER })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    // The community's staff do.
    expect(data(await h.call<HouseholdHistory>('cs1', 'visit', 'history', { householdId: ELDER })).visits).toHaveLength(1);
  });

  it('refuses bad input with a Chinese message naming the field', async () => {
    expect(await h.call('w1', 'visit', 'record', door({ note: '' }))).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '请填写走访情况' });
    expect(await h.call('w1', 'visit', 'record', door({ note: '很'.repeat(201) }))).toMatchObject({ code: 'INPUT.INVALID', message: '走访情况不能超过200个字' });
    expect(await h.call('w1', 'visit', 'record', door({ outcome: 'maybe' }))).toMatchObject({ code: 'INPUT.INVALID', message: expect.stringContaining('走访结果') });
    expect(await h.call('w1', 'visit', 'record', door({ outcome: 'follow_up' }))).toMatchObject({ code: 'INPUT.INVALID', message: '请选择回访日期' });
    expect(await h.call('w1', 'visit', 'record', door({ at: '2026-11-24T09:00:00.000Z' }))).toMatchObject({ code: 'INPUT.INVALID', message: '走访时间不能晚于现在' });
    expect(await h.call('w1', 'visit', 'record', door({ householdId: undefined }))).toMatchObject({ code: 'INPUT.INVALID', message: '请选择走访的房屋' });
    // A household of another grid, recorded under my grid: not found.
    expect(await h.call('w1', 'visit', 'record', door({ householdId: 'b3u1r101' }))).toMatchObject({ code: 'HOUSEHOLD.NOT_FOUND' });
    expect(await h.call('w1', 'visit', 'record', door({ location: { latitude: 200, longitude: 1 } }))).toMatchObject({ code: 'INPUT.INVALID', message: '纬度无效' });
  });

  it('links a request filed on the spot (主动发现) and a follow-up that puts the household back on the list on its date', async () => {
    const req = data(await h.call<RequestDetail>('w1', 'request', 'file', {
      idempotencyKey: 'visit-file-0001', gridId: 'g1', source: 'patrol', categoryId: 'k-hazard', description: '走访发现楼道灯不亮', photoFileIds: [],
    }));
    const photo = await h.upload('w1', PNG);
    const filed = data(await h.call<RecordVisitResult>('w1', 'visit', 'record', door({ householdId: 'b1u1r101', outcome: 'request', requestId: req.id, photoFileIds: [photo] })));
    expect(filed.visit).toMatchObject({ outcome: 'request', requestId: req.id });
    expect(filed.visit.photoUrls).toHaveLength(1);
    // Not a request of mine filed on patrol: refused.
    expect(await h.call('w1', 'visit', 'record', door({ clientKey: 'client-key-0002', outcome: 'request', requestId: 'nope' }))).toMatchObject({ code: 'REQUEST.NOT_FOUND' });

    data(await h.call('w1', 'visit', 'record', door({ clientKey: 'client-key-0003', householdId: 'b1u1r102', outcome: 'follow_up', followUpOn: '2026-11-25' })));
    expect(data(await h.call<DueList>('w1', 'visit', 'due', { gridId: 'g1' })).entries.map((e) => e.householdId)).not.toContain('b1u1r102');
    h.clock.set(new Date('2026-11-25T02:00:00Z'));
    const due = data(await h.call<DueList>('w1', 'visit', 'due', { gridId: 'g1' }));
    expect(due.entries.find((e) => e.householdId === 'b1u1r102')).toMatchObject({ followUp: true, dueBy: '2026-11-25', tagIds: [] });
  });

  it('lists the grid\'s households with the last visit, by building and key group', async () => {
    data(await h.call('w1', 'visit', 'record', door()));
    const all = data(await h.call<GridHouseholds>('w1', 'visit', 'households', { gridId: 'g1' }));
    expect(all.households).toHaveLength(8);
    expect(all.buildings).toEqual([{ id: 'b1', name: '1号楼' }]);
    expect(all.households.find((x) => x.id === ELDER)?.lastVisit).toBe('2026-11-23');
    const elders = data(await h.call<GridHouseholds>('w1', 'visit', 'households', { gridId: 'g1', keyGroup: 'elderly_alone' }));
    expect(elders.households.map((x) => x.id)).toEqual(['b1u1r1001', 'b1u2r1001']);
    expect(data(await h.call<GridHouseholds>('w1', 'visit', 'households', { gridId: 'g1', buildingId: 'b2' })).households).toEqual([]);
  });

  it('gives staff coverage per grid: households visited, and key-group households on rhythm for the weeks that ended', async () => {
    const range = { from: '2026-11-16', to: '2026-11-29', communityId: 'c1' };
    const g1 = (c: VisitCoverage) => c.grids.find((g) => g.gridId === 'g1');
    expect(g1(data(await h.call<VisitCoverage>('cs1', 'visit', 'coverage', range)))).toMatchObject({ households: 8, visited: 0, keyHouseholds: 2, keptRhythm: 0 });
    data(await h.call('w1', 'visit', 'record', door()));
    data(await h.call('w1', 'visit', 'record', door({ clientKey: 'client-key-0009', at: '2026-11-17T02:00:00.000Z' })));
    const after = g1(data(await h.call<VisitCoverage>('cs1', 'visit', 'coverage', range)));
    expect(after).toMatchObject({ households: 8, visited: 1, keyHouseholds: 2, keptRhythm: 1 });
    expect(data(await h.call<VisitCoverage>('ss', 'visit', 'coverage', { from: '2026-11-16', to: '2026-11-29' })).grids.map((g) => g.gridId).sort()).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(await h.call('cs1', 'visit', 'coverage', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({ code: 'INPUT.INVALID', message: '开始日期不能晚于结束日期' });
  });

  it('purges visits past the retention (3 years by default) with their photos, and a second run removes nothing', async () => {
    h.clock.set(new Date('2026-11-20T02:00:00Z'));
    const photo = await h.upload('w1', PNG);
    data(await h.call('w1', 'visit', 'record', door({ at: '2026-11-20T01:00:00.000Z', photoFileIds: [photo] })));
    h.clock.set(new Date('2029-11-19T20:00:00Z')); // 2029-11-20 in Beijing: exactly three years on, still kept
    expect(data(await h.call('system', 'housekeeping', 'purgeOldVisits'))).toEqual({ removed: 0 });
    h.clock.set(new Date('2029-11-21T02:00:00Z'));
    expect(data(await h.call('system', 'housekeeping', 'purgeOldVisits'))).toEqual({ removed: 1 });
    expect(await h.files.info(photo)).toBeNull();
    expect(data(await h.call('system', 'housekeeping', 'purgeOldVisits'))).toEqual({ removed: 0 });
  });
});

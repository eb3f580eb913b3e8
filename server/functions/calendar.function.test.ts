import type { CalendarStatus } from '@core/calendar/calendar-status';
import type { CalendarImportView, RequestDetail, RequestPage } from '@core/api/request.contract';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}

/** Beijing wall time → instant. */
const bj = (s: string) => new Date(`${s}+08:00`);
const YEAR_2027 = { year: 2027, calendar: { year: 2027, holidays: ['2027-01-01'], workdays: [] } };
let keySeq = 0;

async function addStreetAdmin(h: Harness, alsoStaff: boolean): Promise<void> {
  await h.deps.store.users.ensure({
    id: 'sa', openid: 'open-sa', name: '吴敏', phone: null, residence: null, createdAt: '2026-01-01T00:00:00.000Z',
    posts: [{ role: 'street_admin', streetId: 's1' }, ...(alsoStaff ? [{ role: 'street_staff' as const, streetId: 's1' }] : [])],
  });
}

/** A hazard (1 working day to resolve, 8 working hours to accept) filed by r1 in g1 and accepted by w1 now. */
async function acceptedHazard(h: Harness): Promise<RequestDetail> {
  const r = data(
    await h.call<RequestDetail>('r1', 'request', 'submit', {
      idempotencyKey: `cal${String(++keySeq).padStart(8, '0')}`, categoryId: 'k-hazard', description: '小区路口井盖松动，有安全隐患', photoFileIds: [],
    }),
  );
  return data(await h.call<RequestDetail>('w1', 'request', 'accept', { id: r.id, version: r.version }));
}

describe('deadlines through a year with no holiday calendar are flagged 未按节假日校准', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(bj('2026-12-31T10:00')); // the small street has 2025 and 2026 only
  });
  afterEach(() => h.close());

  it('accepted on 2026-12-31 with one working day and no 2027 calendar: weekends only, and the deadline is flagged on the detail and the worker list', async () => {
    const r = await acceptedHazard(h);
    expect(r.resolutionDueAt).toBe(bj('2027-01-01T10:00').toISOString());
    expect(r).toMatchObject({ dueKind: 'resolution', dueUncalibrated: true });
    expect((await h.deps.store.requests.get(r.id))?.dueUncalibrated).toBe(true);
    const list = data(await h.call<RequestPage>('w1', 'request', 'worklist', { tab: 'mine' }));
    expect(list.items.find((i) => i.id === r.id)).toMatchObject({ dueUncalibrated: true });
  });

  it('once a 2027 calendar with 元旦 is loaded, the same acceptance skips 2027-01-01 and is not flagged', async () => {
    await addStreetAdmin(h, false);
    data(await h.call<CalendarImportView>('sa', 'request', 'importCalendar', YEAR_2027));
    const r = await acceptedHazard(h);
    expect(r.resolutionDueAt).toBe(bj('2027-01-04T10:00').toISOString());
    expect(r.dueUncalibrated).toBe(false);
  });

  it('a submission whose response deadline stays within 2026 is not flagged; one filed on 31 December whose 24 working hours reach 2027 is', async () => {
    const hazard = data(
      await h.call<RequestDetail>('r1', 'request', 'submit', { idempotencyKey: 'calsubmit01', categoryId: 'k-hazard', description: '楼道灭火器过期了，需要更换', photoFileIds: [] }),
    );
    expect(hazard).toMatchObject({ dueKind: 'response', dueUncalibrated: false }); // 18:00 the same day
    const env = data(
      await h.call<RequestDetail>('r1', 'request', 'submit', { idempotencyKey: 'calsubmit02', categoryId: 'k-env', description: '楼下垃圾桶满了好几天没人清理', photoFileIds: [] }),
    );
    expect(env).toMatchObject({ dueKind: 'response', dueUncalibrated: true });
  });

  it('reopening counts a new resolution deadline and its flag in the same write', async () => {
    h.clock.set(bj('2026-12-21T10:00'));
    const accepted = await acceptedHazard(h);
    expect(accepted.dueUncalibrated).toBe(false);
    const resolved = data(await h.call<RequestDetail>('w1', 'request', 'resolve', { id: accepted.id, version: accepted.version, note: '已经固定好井盖', photoFileIds: [] }));
    h.clock.set(bj('2026-12-31T10:00'));
    const reopened = data(await h.call<RequestDetail>('r1', 'request', 'reopen', { id: resolved.id, version: resolved.version, comment: '井盖还是松的' }));
    expect(reopened).toMatchObject({ status: 'in_progress', dueUncalibrated: true, resolutionDueAt: bj('2027-01-01T10:00').toISOString() });
  });
});

describe('calendar status and loading a year', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(bj('2026-12-06T10:00'));
  });
  afterEach(() => h.close());

  it('from 1 November staff are warned that 2027 is missing; before it they are not', async () => {
    const status = data(await h.call<CalendarStatus>('ss', 'request', 'calendarStatus', {}));
    expect(status).toEqual({
      years: [2025, 2026], currentYear: 2026, missing: [2027], warn: true,
      message: '2027 年节假日安排尚未导入，期限将只按周末计算，请在国务院公布后导入',
    });
    expect(data(await h.call<CalendarStatus>('cs1', 'request', 'calendarStatus', {})).warn).toBe(true);
    h.clock.set(bj('2026-10-31T23:59'));
    expect(data(await h.call<CalendarStatus>('ss', 'request', 'calendarStatus', {})).warn).toBe(false);
  });

  it('a street administrator (even one holding no other post) sees the status, loads 2027, and the warning is gone; the change is audited', async () => {
    await addStreetAdmin(h, false);
    expect(data(await h.call<CalendarStatus>('sa', 'request', 'calendarStatus', {})).warn).toBe(true);
    const result = data(await h.call<CalendarImportView>('sa', 'request', 'importCalendar', YEAR_2027));
    expect(result).toEqual({ year: 2027, source: 'json', holidays: 1, workdays: 0, replaced: false, warnings: [], dryRun: false });
    expect(data(await h.call<CalendarStatus>('ss', 'request', 'calendarStatus', {}))).toMatchObject({ years: [2025, 2026, 2027], warn: false, message: null });
    const [entry] = await h.deps.store.audit.listFor('calendar', '2027', 10);
    expect(entry).toMatchObject({ actorId: 'sa', action: 'calendar.import', detail: { source: 'json', from: null, to: { holidays: ['2027-01-01'], workdays: [] } } });
    expect((await h.deps.store.requestConfig.calendarYears()).find((y) => y.year === 2027)).toMatchObject({ source: 'json', loadedBy: 'sa', loadedAt: h.clock.now().toISOString() });
  });

  it.each([
    ['a workday on a weekday', { year: 2027, calendar: { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-05'] } }, 'CALENDAR.WORKDAY_NOT_WEEKEND'],
    ['a calendar of another year', { year: 2027, calendar: { year: 2026, holidays: ['2026-01-01'], workdays: [] } }, 'CALENDAR.YEAR_MISMATCH'],
    ['a date outside the year', { year: 2027, calendar: { year: 2027, holidays: ['2026-12-31'], workdays: [] } }, 'CALENDAR.DATE_OUTSIDE_YEAR'],
    ['a date both off and on', { year: 2027, calendar: { year: 2027, holidays: ['2027-02-06'], workdays: ['2027-02-06'] } }, 'CALENDAR.DATE_CONFLICT'],
    ['an impossible date', { year: 2027, calendar: { year: 2027, holidays: ['2027-13-01'], workdays: [] } }, 'CALENDAR.DATE_INVALID'],
    ['a year out of range', { year: 1999, calendar: { year: 1999, holidays: [], workdays: [] } }, 'INPUT.INVALID'],
  ])('refuses %s and writes nothing', async (_what, input, code) => {
    await addStreetAdmin(h, true);
    expect(await h.call('sa', 'request', 'importCalendar', input)).toMatchObject({ ok: false, code });
    expect((await h.deps.store.requestConfig.calendars()).map((y) => y.year)).toEqual([2025, 2026]);
    expect(await h.deps.store.audit.listFor('calendar', String(input.year), 10)).toEqual([]);
  });
});

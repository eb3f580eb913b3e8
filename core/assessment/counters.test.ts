/**
 * The counting rules with hand-computed expectations: which counter, which day and month, which metric.
 * Times are written in Beijing time (+08:00) so the day a counter lands on can be read off the test.
 * The calendar is the State Council's 2026 arrangement: 国庆 10-01..10-07 off, Saturday 10-10 worked (调休).
 */
import { addWorkingDays, createCalendar, workingMinutesBetween } from '../calendar/working-days';
import { OFFICIAL_CALENDARS } from '../calendar/official-calendar';
import {
  addCounters,
  assessedWorkerId,
  contributionsOf,
  counterDelta,
  counterId,
  emptyCounters,
  nextDueHolderId,
  type AssessedRequest,
  type Contribution,
  type Counters,
} from './counters';

const bj = (local: string): string => new Date(`${local}+08:00`).toISOString();
const calendar = createCalendar(OFFICIAL_CALENDARS);

/** What a stored request gives the counters, plus the resolution deadline nextDueHolderId reads. */
type Req = AssessedRequest & { resolutionDueAt: string | null };

function request(over: Partial<Req> = {}): Req {
  return {
    streetId: 'st', communityId: 'cm', gridId: 'gd', status: 'submitted', source: 'resident', handler: null, resolutionDueAt: null,
    createdAt: bj('2026-03-02T09:00:00'), responseDueAt: bj('2026-03-03T09:00:00'),
    acceptedAt: null, resolvedAt: null, resolvedLate: null, reopenCount: 0, rating: null, categoryId: 'cat', ...over,
  };
}

const zhao = { kind: 'worker', id: 'w-zhao' };
const qian = { kind: 'worker', id: 'w-qian' };

/** Contributions as `kind:id@period` → metrics (what a test reads). */
function byKey(list: Contribution[]): Record<string, Partial<Counters>> {
  const out: Record<string, Partial<Counters>> = {};
  for (const c of list) out[`${c.key.scope.kind}:${c.key.scope.id}@${c.key.period}`] = c.metrics;
  return out;
}

/** Applies a sequence of states as the store does (delta after delta) and returns the counters, zero ones dropped. */
function applyHistory(states: (AssessedRequest | null)[]): Record<string, Counters> {
  const acc: Record<string, Counters> = {};
  let before: AssessedRequest | null = null;
  for (const after of states) {
    for (const c of counterDelta(before, after)) {
      const k = `${c.key.scope.kind}:${c.key.scope.id}@${c.key.period}`;
      acc[k] = addCounters(acc[k] ?? emptyCounters(), c.metrics);
    }
    before = after;
  }
  for (const [k, v] of Object.entries(acc)) if (Object.values(v).every((x) => x === 0)) delete acc[k];
  return acc;
}

function sumOf(list: Contribution[]): Record<string, Counters> {
  const acc: Record<string, Counters> = {};
  for (const c of list) {
    const k = `${c.key.scope.kind}:${c.key.scope.id}@${c.key.period}`;
    acc[k] = addCounters(acc[k] ?? emptyCounters(), c.metrics);
  }
  return acc;
}

describe('contributionsOf', () => {
  it('a new request counts as filed for street, community and grid on its Beijing day and month, and for its grid category', () => {
    expect(byKey(contributionsOf(request()))).toEqual({
      'street:st@2026-03-02': { filed: 1 }, 'street:st@2026-03': { filed: 1 },
      'community:cm@2026-03-02': { filed: 1 }, 'community:cm@2026-03': { filed: 1 },
      'grid:gd@2026-03-02': { filed: 1 }, 'grid:gd@2026-03': { filed: 1 },
      'grid_category:gd/cat@2026-03': { filed: 1 },
    });
  });

  it('lands on the Beijing date: 31 March 17:00 UTC is 1 April in Beijing (April counters, April facets)', () => {
    const c = byKey(contributionsOf(request({ createdAt: '2026-03-31T17:00:00.000Z', source: 'patrol', buildingId: 'bd-1' })));
    expect(c['street:st@2026-04-01']).toEqual({ filed: 1, filedPatrol: 1 });
    expect(c['street:st@2026-04']).toEqual({ filed: 1, filedPatrol: 1 });
    expect(c['building:bd-1@2026-04']).toEqual({ filed: 1 });
    expect(Object.keys(c).some((k) => k.includes('2026-03'))).toBe(false);
  });

  it('requests from the 12345 hotline and city platforms count as filed, never as found on patrol (主动发现)', () => {
    for (const source of ['hotline', 'platform']) {
      const c = byKey(contributionsOf(request({ source })));
      expect(c['street:st@2026-03-02']).toEqual({ filed: 1 });
      expect(c['grid:gd@2026-03']).toEqual({ filed: 1 });
    }
  });

  it('a held request (under review) counts nowhere; releasing it adds exactly what a submitted one adds', () => {
    const held = request({ status: 'held' });
    expect(contributionsOf(held)).toEqual([]);
    expect(contributionsOf(null)).toEqual([]);
    expect(sumOf(counterDelta(held, { ...held, status: 'submitted' }))).toEqual(sumOf(contributionsOf({ ...held, status: 'submitted' })));
  });

  it('accepted within the response deadline counts as on time; one minute after does not', () => {
    const onTime = byKey(contributionsOf(request({ status: 'accepted', handler: zhao, acceptedAt: bj('2026-03-03T09:00:00') })));
    expect(onTime['street:st@2026-03-03']).toEqual({ accepted: 1, acceptedOnTime: 1 });
    expect(onTime['worker:w-zhao@2026-03']).toEqual({ filed: 1, accepted: 1, acceptedOnTime: 1 });
    const late = byKey(contributionsOf(request({ status: 'accepted', handler: zhao, acceptedAt: bj('2026-03-03T09:01:00') })));
    expect(late['street:st@2026-03-03']).toEqual({ accepted: 1 });
  });

  it('resolved on its deadline day, before the deadline instant: on time (2 working days from Monday 15:00 is Wednesday 15:00)', () => {
    const acceptedAt = bj('2026-03-02T15:00:00');
    const due = addWorkingDays(calendar, new Date(acceptedAt), 2).toISOString();
    expect(due).toBe(bj('2026-03-04T15:00:00'));
    const resolvedAt = bj('2026-03-04T14:59:00');
    // The use case's rule: late means resolved after the deadline instant.
    const resolvedLate = Date.parse(resolvedAt) > Date.parse(due);
    expect(resolvedLate).toBe(false);
    const minutes = workingMinutesBetween(calendar, new Date(acceptedAt), new Date(resolvedAt));
    expect(minutes).toBe(9 * 60 + 24 * 60 + 14 * 60 + 59); // Mon 15:00–24:00, all of Tue, Wed 00:00–14:59
    const r = request({ status: 'resolved', handler: zhao, acceptedAt, resolutionDueAt: due, resolvedAt, resolvedLate, resolveWorkingMinutes: minutes });
    const c = byKey(contributionsOf(r));
    expect(c['grid:gd@2026-03-04']).toEqual({ resolved: 1, resolvedOnTime: 1, resolveMinutes: 2879 });
    // Resolved two minutes later, after the deadline: resolved, not on time.
    const lateAt = bj('2026-03-04T15:01:00');
    const late = byKey(contributionsOf({ ...r, resolvedAt: lateAt, resolvedLate: Date.parse(lateAt) > Date.parse(due) }));
    expect(late['grid:gd@2026-03-04']).toEqual({ resolved: 1, resolveMinutes: 2879 });
  });

  it('resolved after a 调休 Saturday: the make-up working day counts, the National Day holiday does not', () => {
    // Accepted Friday 9 October 10:00; 2 working days: Saturday 10-10 (调休上班) and Monday 10-12 → due Monday 10:00.
    const acceptedAt = bj('2026-10-09T10:00:00');
    const due = addWorkingDays(calendar, new Date(acceptedAt), 2).toISOString();
    expect(due).toBe(bj('2026-10-12T10:00:00'));
    const resolvedAt = bj('2026-10-12T09:00:00');
    // Fri 10:00–24:00 (14 h) + Sat (24 h) + Sun (0) + Mon 00:00–09:00 (9 h) = 47 h.
    const minutes = workingMinutesBetween(calendar, new Date(acceptedAt), new Date(resolvedAt));
    expect(minutes).toBe(47 * 60);
    const r = request({
      createdAt: bj('2026-09-30T20:00:00'), responseDueAt: bj('2026-10-09T20:00:00'), status: 'resolved', handler: zhao,
      acceptedAt, resolvedAt, resolvedLate: Date.parse(resolvedAt) > Date.parse(due), resolveWorkingMinutes: minutes,
    });
    const c = byKey(contributionsOf(r));
    // Filed in September, accepted and resolved in October: each figure in its own month.
    expect(c['street:st@2026-09']).toEqual({ filed: 1 });
    expect(c['street:st@2026-10']).toEqual({ accepted: 1, acceptedOnTime: 1, resolved: 1, resolvedOnTime: 1, resolveMinutes: 2820 });
    expect(c['street:st@2026-10-12']).toEqual({ resolved: 1, resolvedOnTime: 1, resolveMinutes: 2820 });
    // Without the 调休 Saturday the same resolution would have been due Tuesday: the calendar decides.
    const plain = createCalendar([{ year: 2026, holidays: [], workdays: [] }]);
    expect(addWorkingDays(plain, new Date(acceptedAt), 2).toISOString()).toBe(bj('2026-10-13T10:00:00'));
  });

  it('a reopened request counts once, on its latest resolution, as resolved and reopened', () => {
    const accepted = request({ status: 'accepted', handler: zhao, acceptedAt: bj('2026-03-02T10:00:00'), resolutionDueAt: bj('2026-03-04T10:00:00') });
    const first = { ...accepted, status: 'resolved', resolvedAt: bj('2026-03-03T10:00:00'), resolvedLate: false, resolveWorkingMinutes: 1440 };
    const reopened = { ...first, status: 'in_progress', resolvedAt: null, resolvedLate: null, resolveWorkingMinutes: null, reopenCount: 1, rating: { value: 'unsatisfied' as const }, resolutionDueAt: bj('2026-03-06T10:00:00') };
    const second = { ...reopened, status: 'resolved', resolvedAt: bj('2026-03-05T16:00:00'), resolvedLate: false, resolveWorkingMinutes: 3 * 1440 + 360, rating: null };
    const counters = applyHistory([request(), accepted, first, reopened, second]);
    // Nothing is left on the first resolution's day.
    expect(counters['street:st@2026-03-03']).toBeUndefined();
    expect(counters['street:st@2026-03-05']).toEqual({ ...emptyCounters(), resolved: 1, resolvedOnTime: 1, reopened: 1, resolveMinutes: 4680 });
    expect(counters['street:st@2026-03']).toEqual({
      ...emptyCounters(), filed: 1, accepted: 1, acceptedOnTime: 1, resolved: 1, resolvedOnTime: 1, reopened: 1, resolveMinutes: 4680,
    });
    // The same as counting the final state from nothing.
    expect(counters).toEqual(applyHistory([second]));
  });

  it('an unrated resolution is resolved but not rated; a verified one is solved', () => {
    const resolved = request({ status: 'resolved', handler: zhao, acceptedAt: bj('2026-03-02T10:00:00'), resolvedAt: bj('2026-03-02T18:00:00'), resolvedLate: false });
    expect(byKey(contributionsOf(resolved))['street:st@2026-03-02']).toEqual({ filed: 1, accepted: 1, acceptedOnTime: 1, resolved: 1, resolvedOnTime: 1 });
    expect(byKey(contributionsOf({ ...resolved, status: 'verified' }))['street:st@2026-03-02']).toMatchObject({ resolved: 1, solved: 1 });
    expect(byKey(contributionsOf({ ...resolved, status: 'verified' }))['street:st@2026-03-02'].rated).toBeUndefined();
  });

  it('a rating given in the next month counts for the month of the resolution', () => {
    // Resolved 30 November 23:00 Beijing (15:00 UTC), rated 2 December.
    const resolved = request({
      createdAt: bj('2026-11-27T09:00:00'), responseDueAt: bj('2026-11-28T09:00:00'), status: 'resolved', handler: zhao,
      acceptedAt: bj('2026-11-27T10:00:00'), resolvedAt: bj('2026-11-30T23:00:00'), resolvedLate: false,
    });
    const rated = { ...resolved, status: 'archived', rating: { value: 'basically_satisfied' as const } };
    const delta = byKey(counterDelta(resolved, rated));
    expect(delta).toEqual({
      'street:st@2026-11-30': { solved: 1, rated: 1, satisfied: 1 }, 'street:st@2026-11': { solved: 1, rated: 1, satisfied: 1 },
      'community:cm@2026-11-30': { solved: 1, rated: 1, satisfied: 1 }, 'community:cm@2026-11': { solved: 1, rated: 1, satisfied: 1 },
      'grid:gd@2026-11-30': { solved: 1, rated: 1, satisfied: 1 }, 'grid:gd@2026-11': { solved: 1, rated: 1, satisfied: 1 },
      'worker:w-zhao@2026-11-30': { solved: 1, rated: 1, satisfied: 1 }, 'worker:w-zhao@2026-11': { solved: 1, rated: 1, satisfied: 1 },
    });
    const unsatisfied = byKey(counterDelta(resolved, { ...resolved, rating: { value: 'unsatisfied' } }));
    expect(unsatisfied['street:st@2026-11']).toEqual({ rated: 1, unsatisfied: 1 });
    expect(Object.keys(unsatisfied).some((k) => k.includes('2026-12'))).toBe(false);
  });

  it('a transfer after the deadline leaves the lateness with the worker who held it (dueHolder), a reopening releases it', () => {
    const overdue = request({ status: 'accepted', handler: qian, acceptedAt: bj('2026-03-02T10:00:00'), resolutionDueAt: bj('2026-03-04T10:00:00') });
    const at = bj('2026-03-05T09:00:00');
    expect(nextDueHolderId(overdue, at)).toBe('w-qian');
    // Before the deadline: nobody is held accountable apart from the next handler.
    expect(nextDueHolderId(overdue, bj('2026-03-04T09:59:00'))).toBeNull();
    // Already held: kept through further moves; a community or department handler is never a due holder.
    expect(nextDueHolderId({ ...overdue, handler: zhao, dueHolderId: 'w-qian' }, at)).toBe('w-qian');
    expect(nextDueHolderId({ ...overdue, handler: { kind: 'community', id: 'cm' } }, at)).toBeNull();

    const transferred = { ...overdue, handler: zhao, dueHolderId: nextDueHolderId(overdue, at) };
    expect(assessedWorkerId(transferred)).toBe('w-qian');
    const resolved = { ...transferred, status: 'resolved', resolvedAt: bj('2026-03-06T10:00:00'), resolvedLate: true };
    const c = byKey(contributionsOf(resolved));
    expect(c['worker:w-qian@2026-03']).toEqual({ filed: 1, accepted: 1, acceptedOnTime: 1, resolved: 1 });
    expect(c['worker:w-zhao@2026-03']).toBeUndefined();
    // Moving the accountability moves every figure of the request from one worker to the other.
    const delta = byKey(counterDelta(overdue, transferred));
    expect(delta).toEqual({});
    const back = byKey(counterDelta({ ...overdue, handler: zhao }, transferred));
    expect(back['worker:w-zhao@2026-03']).toEqual({ filed: -1, accepted: -1, acceptedOnTime: -1 });
    expect(back['worker:w-qian@2026-03']).toEqual({ filed: 1, accepted: 1, acceptedOnTime: 1 });
    // A reopening clears dueHolderId (the caller does): the new deadline belongs to whoever handles it.
    expect(assessedWorkerId({ ...resolved, dueHolderId: null })).toBe('w-zhao');
  });

  it('facets: the grid category and the building, by month only, as filed', () => {
    const c = byKey(contributionsOf(request({ buildingId: 'bd-7', categoryId: 'noise', status: 'resolved', handler: zhao, acceptedAt: bj('2026-03-02T10:00:00'), resolvedAt: bj('2026-04-02T10:00:00'), resolvedLate: true })));
    expect(c['grid_category:gd/noise@2026-03']).toEqual({ filed: 1 });
    expect(c['building:bd-7@2026-03']).toEqual({ filed: 1 });
    expect(Object.keys(c).filter((k) => k.startsWith('grid_category') || k.startsWith('building'))).toEqual(['grid_category:gd/noise@2026-03', 'building:bd-7@2026-03']);
  });
});

describe('counterDelta', () => {
  it('leaves out counters that net to zero, and undoes a request entirely when it goes away', () => {
    const r = request({ status: 'accepted', handler: zhao, acceptedAt: bj('2026-03-02T10:00:00') });
    expect(counterDelta(r, { ...r, description: 'x' } as AssessedRequest)).toEqual([]);
    const removed = counterDelta(r, null);
    expect(removed.map((c) => counterId(c.key))).toEqual(contributionsOf(r).map((c) => counterId(c.key)));
    expect(removed.flatMap((c) => Object.values(c.metrics)).every((v) => (v as number) < 0)).toBe(true);
    expect(applyHistory([r, null])).toEqual({});
  });

  it('counter ids are stable text: street|kind|scope|period', () => {
    expect(counterId({ streetId: 'st', scope: { kind: 'grid_category', id: 'gd/cat' }, period: '2026-03' })).toBe('st|grid_category|gd/cat|2026-03');
  });

  it('addCounters adds into a partial or empty set of metrics (a missing metric counts as 0)', () => {
    expect(addCounters({} as Counters, { filed: 2, resolved: 1 })).toEqual({ filed: 2, resolved: 1 });
    expect(addCounters({ ...emptyCounters(), filed: 3 }, { filed: 1 }, -1).filed).toBe(2);
  });
});

describe('merged requests (合并)', () => {
  it('a merged duplicate counts nowhere: not filed, not accepted, not resolved, not on time or late, no facet', () => {
    const merged = request({ status: 'merged', handler: zhao, acceptedAt: bj('2026-03-02T10:00:00'), buildingId: 'bd-1' });
    expect(contributionsOf(merged)).toEqual([]);
  });

  it('merging an accepted, overdue request takes back every figure it had added, for the worker too', () => {
    const accepted = request({ status: 'in_progress', handler: zhao, acceptedAt: bj('2026-03-03T10:00:00'), resolutionDueAt: bj('2026-03-05T10:00:00'), buildingId: 'bd-1' });
    const before = sumOf(contributionsOf(accepted));
    expect(before['worker:w-zhao@2026-03']).toMatchObject({ filed: 1, accepted: 1 });
    const delta = byKey(counterDelta(accepted, { ...accepted, status: 'merged' }));
    expect(delta['street:st@2026-03']).toEqual({ filed: -1, accepted: -1 });
    expect(delta['worker:w-zhao@2026-03']).toEqual({ filed: -1, accepted: -1 });
    expect(delta['building:bd-1@2026-03']).toEqual({ filed: -1 });
    expect(applyHistory([accepted, { ...accepted, status: 'merged' }])).toEqual({});
  });

  it('a merged request is never counted as resolved, even if a stale resolvedAt were kept on it', () => {
    const odd = request({ status: 'merged', handler: zhao, acceptedAt: bj('2026-03-02T10:00:00'), resolvedAt: bj('2026-03-03T10:00:00'), resolvedLate: false });
    expect(contributionsOf(odd)).toEqual([]);
  });
});

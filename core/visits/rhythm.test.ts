import { createCalendar } from '../calendar/working-days';
import { OFFICIAL_CALENDARS } from '../calendar/official-calendar';
import { dueList, keptRhythms, lastWorkingDay, periodOf, periodsEndingIn, rhythmLabel, rhythmState, type RoundHousehold } from './rhythm';

const cal = createCalendar(OFFICIAL_CALENDARS);
const weekly = { period: 'week', times: 1 } as const;
const monthly = { period: 'month', times: 1 } as const;

describe('natural periods', () => {
  it('weeks run Monday to Sunday, also across a month and a year end', () => {
    expect(periodOf('week', '2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-13' }); // a Monday
    expect(periodOf('week', '2026-12-13')).toEqual({ from: '2026-12-07', to: '2026-12-13' }); // its Sunday
    expect(periodOf('week', '2026-12-01')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodOf('week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('months and quarters', () => {
    expect(periodOf('month', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(periodOf('quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('a period is due by its last working day: a make-up Saturday counts, a holiday Friday does not', () => {
    expect(lastWorkingDay(cal, periodOf('week', '2026-12-07'))).toBe('2026-12-11'); // plain Friday
    // 国庆 2026: 1–7 October off; Saturday 10 October is a working day (调休).
    expect(lastWorkingDay(cal, periodOf('week', '2026-10-06'))).toBe('2026-10-10');
    expect(lastWorkingDay(cal, periodOf('week', '2026-09-29'))).toBe('2026-09-30');
    // 春节 2026: 15–23 February off; the week of 16–22 February has no working day at all.
    expect(lastWorkingDay(cal, periodOf('week', '2026-02-18'))).toBeNull();
  });

  it('labels a rhythm as streets write it', () => {
    expect(rhythmLabel(weekly)).toBe('每周1次');
    expect(rhythmLabel({ period: 'month', times: 2 })).toBe('每月2次');
  });
});

describe('where a household stands on a rhythm', () => {
  it('met once visited in the current week, whatever the day', () => {
    expect(rhythmState(cal, weekly, ['2026-12-08'], '2026-12-10').kind).toBe('met');
    // last week's visit does not carry over
    expect(rhythmState(cal, weekly, ['2026-12-04'], '2026-12-07')).toMatchObject({ kind: 'due', dueBy: '2026-12-11', visits: 0 });
  });

  it('missed after the last working day of the week has passed', () => {
    expect(rhythmState(cal, weekly, [], '2026-12-12')).toMatchObject({ kind: 'missed', dueBy: '2026-12-11' });
    // but due on that Friday itself
    expect(rhythmState(cal, weekly, [], '2026-12-11').kind).toBe('due');
  });

  it('the week before 国庆 is due on its Wednesday, the holiday week on its make-up Saturday', () => {
    expect(rhythmState(cal, weekly, [], '2026-09-30')).toMatchObject({ kind: 'due', dueBy: '2026-09-30' });
    expect(rhythmState(cal, weekly, [], '2026-10-08')).toMatchObject({ kind: 'due', dueBy: '2026-10-10' });
  });

  it('asks nothing in a week with no working day (春节)', () => {
    expect(rhythmState(cal, weekly, [], '2026-02-19').kind).toBe('exempt');
  });

  it('counts several visits against a rhythm of more than one', () => {
    const twice = { period: 'week', times: 2 } as const;
    expect(rhythmState(cal, twice, ['2026-12-07'], '2026-12-09')).toMatchObject({ kind: 'due', visits: 1 });
    expect(rhythmState(cal, twice, ['2026-12-07', '2026-12-09'], '2026-12-09').kind).toBe('met');
  });
});

describe('今日待访', () => {
  const h = (householdId: string, over: Partial<RoundHousehold> = {}): RoundHousehold => ({
    householdId,
    rhythms: [{ tagId: 'elderly_alone', rhythm: weekly }],
    visitDates: [],
    followUpOn: null,
    ...over,
  });

  it('lists households whose rhythm is not met, overdue first, then by due date, then the longest unvisited', () => {
    const list = dueList(
      cal,
      [
        h('visited', { visitDates: ['2026-12-08'] }),
        h('weekly-recent', { visitDates: ['2026-12-03'] }),
        h('weekly-old', { visitDates: ['2026-11-20'] }),
        h('monthly', { rhythms: [{ tagId: 'low_income', rhythm: monthly }] }),
        h('untagged', { rhythms: [] }),
      ],
      '2026-12-09',
    );
    expect(list.map((e) => e.householdId)).toEqual(['weekly-old', 'weekly-recent', 'monthly']);
    expect(list[0]).toMatchObject({ dueBy: '2026-12-11', overdue: false, lastVisit: '2026-11-20', tagIds: ['elderly_alone'] });
    expect(list[2]).toMatchObject({ dueBy: '2026-12-31', tagIds: ['low_income'] });
  });

  it('a visit counts for every tag: a weekly visit this month also keeps the monthly rhythm', () => {
    const both = h('both', {
      rhythms: [
        { tagId: 'low_income', rhythm: monthly },
        { tagId: 'elderly_alone', rhythm: weekly },
      ],
      visitDates: ['2026-12-02'],
    });
    expect(dueList(cal, [both], '2026-12-09')).toEqual([
      expect.objectContaining({ householdId: 'both', tagIds: ['elderly_alone'], dueBy: '2026-12-11' }),
    ]);
  });

  it('a follow-up date that has come puts the household on the list, first when it has passed', () => {
    const list = dueList(
      cal,
      [
        h('rhythm', { visitDates: [] }),
        h('follow-up-today', { rhythms: [], followUpOn: '2026-12-09' }),
        h('follow-up-late', { rhythms: [], followUpOn: '2026-12-04', visitDates: ['2026-12-01'] }),
        h('follow-up-later', { rhythms: [], followUpOn: '2026-12-15' }),
      ],
      '2026-12-09',
    );
    expect(list.map((e) => [e.householdId, e.overdue, e.followUp])).toEqual([
      ['follow-up-late', true, true],
      ['follow-up-today', false, true],
      ['rhythm', false, false],
    ]);
  });

  it('over a weekend a missed week shows as overdue until the new week starts', () => {
    expect(dueList(cal, [h('a')], '2026-12-13')[0]).toMatchObject({ overdue: true, dueBy: '2026-12-11' });
    expect(dueList(cal, [h('a')], '2026-12-14')[0]).toMatchObject({ overdue: false, dueBy: '2026-12-18' });
  });

  it('is empty during 春节 for weekly households', () => {
    expect(dueList(cal, [h('a')], '2026-02-18')).toEqual([]);
  });
});

describe('按节奏走访 over an assessment period', () => {
  it('counts the weeks that end in the month', () => {
    // December 2026: weeks ending 6, 13, 20, 27 December (the week of 28 Dec ends in January).
    expect(periodsEndingIn('week', { from: '2026-12-01', to: '2026-12-31' }).map((p) => p.to)).toEqual([
      '2026-12-06',
      '2026-12-13',
      '2026-12-20',
      '2026-12-27',
    ]);
    expect(periodsEndingIn('month', { from: '2026-12-01', to: '2026-12-31' })).toEqual([{ from: '2026-12-01', to: '2026-12-31' }]);
    expect(periodsEndingIn('quarter', { from: '2026-12-01', to: '2026-12-30' })).toEqual([]);
  });

  it('kept when every counted week had a visit, not kept when one was missed', () => {
    const dec = { from: '2026-12-01', to: '2026-12-31' };
    const everyWeek = ['2026-12-02', '2026-12-09', '2026-12-16', '2026-12-23'];
    expect(keptRhythms(cal, [weekly], everyWeek, dec)).toEqual({ kept: true, counted: 4 });
    expect(keptRhythms(cal, [weekly], everyWeek.slice(1), dec)).toEqual({ kept: false, counted: 4 });
  });

  it('leaves a week with no working day out of the count (春节)', () => {
    const feb = { from: '2026-02-01', to: '2026-02-28' };
    // weeks ending 1, 8, 15, 22 February; the week of 16–22 is all holiday.
    const visits = ['2026-01-28', '2026-02-04', '2026-02-13'];
    expect(keptRhythms(cal, [weekly], visits, feb)).toEqual({ kept: true, counted: 3 });
  });

  it('a household asked nothing in the period is not counted as kept', () => {
    expect(keptRhythms(cal, [], [], { from: '2026-12-01', to: '2026-12-31' })).toEqual({ kept: false, counted: 0 });
  });
});

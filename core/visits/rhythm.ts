/**
 * 走访节奏: how often a grid worker looks in on a key-group household (独居老人 每周一次, 低保户 每月一次).
 *
 * A rhythm is "at least `times` visits in every natural period" — the week (Monday–Sunday), the month or
 * the quarter in Beijing dates — because that is how streets write their rules and how workers plan
 * their rounds. Working days shape it in two ways:
 * - a period is due by its last working day (a week whose Friday is 国庆 is due on Thursday);
 * - a period with no working day at all (the week inside 春节) asks for nothing: no one is on duty,
 *   and the assessment does not count it against anyone.
 * A household with several tags answers to each tag's rhythm separately; a visit counts for all of them.
 */
import dayjs from 'dayjs';
import type { WorkingCalendar } from '../calendar/working-days';
import type { DateRange } from '../assessment/periods';

export const RHYTHM_PERIODS = ['week', 'month', 'quarter'] as const;
export type RhythmPeriod = (typeof RHYTHM_PERIODS)[number];

export const RHYTHM_PERIOD_LABELS: Record<RhythmPeriod, string> = { week: '每周', month: '每月', quarter: '每季度' };

export interface VisitRhythm {
  period: RhythmPeriod;
  /** Visits asked for in each period, at least 1. */
  times: number;
}

/** The most visits a rhythm may ask for per period: more is a schedule no worker keeps. */
export const MAX_RHYTHM_TIMES: Record<RhythmPeriod, number> = { week: 7, month: 31, quarter: 92 };

/** 每周1次, 每月2次. */
export function rhythmLabel(r: VisitRhythm): string {
  return `${RHYTHM_PERIOD_LABELS[r.period]}${r.times}次`;
}

/** The natural period `date` ('YYYY-MM-DD', Beijing) falls in, both ends included. */
export function periodOf(period: RhythmPeriod, date: string): DateRange {
  const d = dayjs(date);
  if (period === 'week') {
    // ISO weeks start on Monday; dayjs counts Sunday as 0.
    const monday = d.subtract((d.day() + 6) % 7, 'day');
    return { from: monday.format('YYYY-MM-DD'), to: monday.add(6, 'day').format('YYYY-MM-DD') };
  }
  if (period === 'month') {
    return { from: d.startOf('month').format('YYYY-MM-DD'), to: d.endOf('month').format('YYYY-MM-DD') };
  }
  const firstMonth = Math.floor(d.month() / 3) * 3;
  const start = d.month(firstMonth).startOf('month');
  return { from: start.format('YYYY-MM-DD'), to: start.add(2, 'month').endOf('month').format('YYYY-MM-DD') };
}

/** The last working day of a range, or null when the range has none. */
export function lastWorkingDay(calendar: WorkingCalendar, range: DateRange): string | null {
  for (let d = dayjs(range.to); !d.isBefore(range.from, 'day'); d = d.subtract(1, 'day')) {
    const date = d.format('YYYY-MM-DD');
    if (calendar.isWorkingDay(date)) return date;
  }
  return null;
}

export type RhythmState =
  /** Enough visits in this period. */
  | { kind: 'met'; period: DateRange; visits: number }
  /** Visits still owed in this period, due by its last working day. */
  | { kind: 'due'; period: DateRange; visits: number; dueBy: string }
  /** The period's last working day has passed without enough visits. */
  | { kind: 'missed'; period: DateRange; visits: number; dueBy: string }
  /** No working day in the period: nothing is asked. */
  | { kind: 'exempt'; period: DateRange };

/** Where a household stands on one rhythm on `today`, given the Beijing dates of its visits. */
export function rhythmState(calendar: WorkingCalendar, rhythm: VisitRhythm, visitDates: readonly string[], today: string): RhythmState {
  const period = periodOf(rhythm.period, today);
  const dueBy = lastWorkingDay(calendar, period);
  if (!dueBy) return { kind: 'exempt', period };
  const visits = visitDates.filter((d) => d >= period.from && d <= period.to).length;
  if (visits >= rhythm.times) return { kind: 'met', period, visits };
  return { kind: today > dueBy ? 'missed' : 'due', period, visits, dueBy };
}

/** One household as the due list sees it. */
export interface RoundHousehold {
  householdId: string;
  /** The rhythms of its tags (with the tag's id, to say why it is due). */
  rhythms: { tagId: string; rhythm: VisitRhythm }[];
  /** Beijing dates of its visits, at least those of the longest period any rhythm looks at. */
  visitDates: readonly string[];
  /** A follow-up date a visit set (回访), if any is pending. */
  followUpOn: string | null;
}

export interface DueEntry {
  householdId: string;
  /** 回访: a visit asked to come back on or before today. */
  followUp: boolean;
  /** The tags whose rhythm is not met this period, soonest first. */
  tagIds: string[];
  /** The earliest date it is due by (today for a follow-up that has come). */
  dueBy: string;
  /** The period's last working day already passed (or a follow-up date passed). */
  overdue: boolean;
  lastVisit: string | null;
}

/**
 * 今日待访: the households owed a visit on `today` — follow-ups whose date has come and rhythms not met in
 * their current period — most pressing first: overdue, then by due date, then the longest unvisited.
 * The caller passes only follow-ups that no later visit has answered.
 */
export function dueList(calendar: WorkingCalendar, households: readonly RoundHousehold[], today: string): DueEntry[] {
  const entries: DueEntry[] = [];
  for (const h of households) {
    const lastVisit = h.visitDates.reduce<string | null>((max, d) => (max === null || d > max ? d : max), null);
    const owed = h.rhythms
      .map((r) => ({ tagId: r.tagId, state: rhythmState(calendar, r.rhythm, h.visitDates, today) }))
      .filter((x): x is { tagId: string; state: Extract<RhythmState, { dueBy: string }> } => x.state.kind === 'due' || x.state.kind === 'missed')
      .sort((a, b) => a.state.dueBy.localeCompare(b.state.dueBy));
    const followUp = h.followUpOn !== null && h.followUpOn <= today;
    if (!owed.length && !followUp) continue;
    const dueDates = [...owed.map((o) => o.state.dueBy), ...(followUp ? [h.followUpOn as string] : [])].sort();
    entries.push({
      householdId: h.householdId,
      followUp,
      tagIds: owed.map((o) => o.tagId),
      dueBy: dueDates[0],
      overdue: owed.some((o) => o.state.kind === 'missed') || (followUp && (h.followUpOn as string) < today),
      lastVisit,
    });
  }
  return entries.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      a.dueBy.localeCompare(b.dueBy) ||
      (a.lastVisit ?? '').localeCompare(b.lastVisit ?? '') ||
      a.householdId.localeCompare(b.householdId),
  );
}

/** Every natural period that ends inside `range` (a period is counted in the range it ends in). */
export function periodsEndingIn(period: RhythmPeriod, range: DateRange): DateRange[] {
  const out: DateRange[] = [];
  // The first period holds range.from, so every period met here ends on or after it.
  for (let p = periodOf(period, range.from); p.from <= range.to; p = periodOf(period, dayjs(p.to).add(1, 'day').format('YYYY-MM-DD'))) {
    if (p.to <= range.to) out.push(p);
  }
  return out;
}

/**
 * 按节奏走访: whether a household kept every rhythm in `range` — each period ending in it that has a
 * working day had enough visits. `counted` is how many periods were looked at (0: nothing was asked,
 * the household is left out of the rate rather than counted as kept).
 */
export function keptRhythms(
  calendar: WorkingCalendar,
  rhythms: readonly VisitRhythm[],
  visitDates: readonly string[],
  range: DateRange,
): { kept: boolean; counted: number } {
  let counted = 0;
  let kept = true;
  for (const rhythm of rhythms) {
    for (const p of periodsEndingIn(rhythm.period, range)) {
      if (!lastWorkingDay(calendar, p)) continue;
      counted += 1;
      const visits = visitDates.filter((d) => d >= p.from && d <= p.to).length;
      if (visits < rhythm.times) kept = false;
    }
  }
  return { kept: counted > 0 && kept, counted };
}

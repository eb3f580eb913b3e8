/** A grid's households with their recent visits: what the due list and the household list are built from. */
import { beijingDate } from '@core/calendar/working-days';
import type { WorkingCalendar } from '@core/calendar/working-days';
import type { Building, Grid, Household } from '@core/places/place';
import type { RoundHousehold } from '@core/visits/rhythm';
import { DEFAULT_KEY_GROUP_RHYTHMS, RHYTHM_LOOKBACK_DAYS, type VisitMark } from '@core/visits/visit';
import type { Deps } from '../context';
import { streetRules } from '../requests/street-rules';

/** The last-visit column looks back a year; an older visit shows as 近一年未走访. */
export const LAST_VISIT_LOOKBACK_DAYS = 366;

export function daysBefore(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00.000Z`) - days * 24 * 3600 * 1000;
  return new Date(t).toISOString().slice(0, 10);
}

export interface GridRounds {
  today: string;
  calendar: WorkingCalendar;
  households: Household[];
  buildings: Map<string, Building>;
  /** Visit dates per household, ascending. */
  datesOf: Map<string, string[]>;
  /** The pending 回访 of each household: its latest visit's follow-up date, if that visit set one. */
  followUpOf: Map<string, string>;
}

export function groupMarks(marks: readonly VisitMark[]): { datesOf: Map<string, string[]>; followUpOf: Map<string, string> } {
  const datesOf = new Map<string, string[]>();
  const latest = new Map<string, VisitMark>();
  for (const m of marks) {
    if (!m.householdId) continue;
    const list = datesOf.get(m.householdId) ?? [];
    list.push(m.date);
    datesOf.set(m.householdId, list);
    const prev = latest.get(m.householdId);
    // Same-day visits: one that set a follow-up counts as the latest word only if no other visit that day answered it.
    if (!prev || m.date > prev.date || (m.date === prev.date && !m.followUpOn)) latest.set(m.householdId, m);
  }
  const followUpOf = new Map<string, string>();
  for (const [id, m] of latest) if (m.followUpOn) followUpOf.set(id, m.followUpOn);
  return { datesOf, followUpOf };
}

export async function gridRounds(deps: Deps, grid: Grid, now: Date, lookbackDays = RHYTHM_LOOKBACK_DAYS): Promise<GridRounds> {
  const today = beijingDate(now);
  const { places, visits } = deps.store;
  const [rules, households, buildings, marks] = await Promise.all([
    streetRules(deps, grid.streetId),
    places.listGridHouseholds(grid.id),
    places.listBuildings({ gridId: grid.id }),
    visits.marksForGrid(grid.id, daysBefore(today, lookbackDays)),
  ]);
  return { today, calendar: rules.calendar, households, buildings: new Map(buildings.map((b) => [b.id, b])), ...groupMarks(marks) };
}

export function roundHousehold(h: Household, rounds: Pick<GridRounds, 'datesOf' | 'followUpOf'>): RoundHousehold {
  return {
    householdId: h.id,
    rhythms: h.keyGroups.map((g) => ({ tagId: g, rhythm: DEFAULT_KEY_GROUP_RHYTHMS[g] })),
    visitDates: rounds.datesOf.get(h.id) ?? [],
    followUpOn: rounds.followUpOf.get(h.id) ?? null,
  };
}

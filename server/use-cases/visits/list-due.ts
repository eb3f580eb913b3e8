/** 今日待访: the grid's households owed a visit today (回访 that has come, key-group rhythms not met), most pressing first. */
import type { DueList } from '@core/api/visit.contract';
import { dueList } from '@core/visits/rhythm';
import type { UserContext } from '../context';
import { visibleGrid } from './visit-access';
import { gridRounds, roundHousehold } from './grid-rounds';
import { householdLabel } from './visit-views';

export async function listDue(ctx: UserContext, input: { gridId: string }): Promise<DueList> {
  const grid = await visibleGrid(ctx, input.gridId, 'visit.read');
  const rounds = await gridRounds(ctx.deps, grid, ctx.now);
  const byId = new Map(rounds.households.map((h) => [h.id, h]));
  // Only households the rhythm table or a follow-up asks about are looked at.
  const asked = rounds.households.filter((h) => h.keyGroups.length > 0 || rounds.followUpOf.has(h.id));
  const entries = dueList(rounds.calendar, asked.map((h) => roundHousehold(h, rounds)), rounds.today).map((e) => {
    const h = byId.get(e.householdId)!;
    return { ...e, label: householdLabel(rounds.buildings.get(h.buildingId), h), keyGroups: [...h.keyGroups] };
  });
  return { gridId: grid.id, gridName: grid.name, today: rounds.today, entries };
}

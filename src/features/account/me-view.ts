import type { MeView } from '@core/api/contract';
import { grantOf, type Actor } from '@core/people/role';

export { grantOf };

/**
 * The signed-in person as the permission table sees them. The app asks `can(actorOf(me), verb)` only to decide
 * what to show; the server asks the same table again in every action.
 */
export function actorOf(me: MeView): Actor {
  return { userId: me.userId, name: me.name, grants: me.grants };
}

/** Grids a worker answers for, their own first, then those they back up (B角), without repeats. */
export function workerGrids(me: MeView): { gridId: string; asBackup: boolean }[] {
  const g = grantOf(me, 'grid_worker');
  if (!g) return [];
  const seen = new Set<string>();
  const out: { gridId: string; asBackup: boolean }[] = [];
  const add = (gridId: string, asBackup: boolean) => {
    if (seen.has(gridId)) return;
    seen.add(gridId);
    out.push({ gridId, asBackup });
  };
  g.gridIds.forEach((id) => add(id, false));
  g.backupGridIds.forEach((id) => add(id, true));
  return out;
}

/** Holds any post (worker or staff) as opposed to being only a resident or nobody yet. */
export function isStaff(me: MeView): boolean {
  return me.grants.some((g) => g.role !== 'resident');
}

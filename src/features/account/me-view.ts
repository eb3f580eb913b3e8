import type { MeView } from '@core/api/contract';
import type { RoleGrant } from '@core/people/role';

export type GrantOf<R extends RoleGrant['role']> = Extract<RoleGrant, { role: R }>;

export function grantOf<R extends RoleGrant['role']>(me: MeView, role: R): GrantOf<R> | undefined {
  return me.grants.find((g): g is GrantOf<R> => g.role === role);
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

import type { GridSummary } from '@core/api/contract';

export interface CommunityTab {
  id: string;
  name: string;
  count: number;
}

/** The communities present in a street-wide list, in the order they first appear (the server sorts by code). */
export function communityTabs(grids: GridSummary[]): CommunityTab[] {
  const tabs = new Map<string, CommunityTab>();
  for (const g of grids) {
    const tab = tabs.get(g.communityId);
    if (tab) tab.count += 1;
    else tabs.set(g.communityId, { id: g.communityId, name: g.communityName, count: 1 });
  }
  return [...tabs.values()];
}

/** Grids still missing a 网格员 or a B角 — what staff need to fix first. */
export function unassignedCount(grids: GridSummary[]): { noPrimary: number; noBackup: number } {
  return {
    noPrimary: grids.filter((g) => !g.primary).length,
    noBackup: grids.filter((g) => !g.backup).length,
  };
}

/** Client-side check before sending an assignment; the function checks the same and more. */
export function assignmentProblem(primaryId: string | null, backupId: string | null): string | null {
  if (!primaryId) return '请选择网格员';
  if (backupId && backupId === primaryId) return '网格员和B角不能是同一个人';
  return null;
}

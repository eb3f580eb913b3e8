import type { GridSummary, PosterView, WorkerSummary } from '@core/api/contract';
import { cloud } from '../../lib/cloud';

export const adminApi = {
  grids: (communityId?: string): Promise<GridSummary[]> => cloud.call('grid', 'list', communityId ? { communityId } : {}),
  workers: (communityId?: string): Promise<WorkerSummary[]> => cloud.call('grid', 'workers', communityId ? { communityId } : {}),
  assign: (input: { gridId: string; primaryWorkerId: string; backupWorkerId: string | null; version: number }): Promise<GridSummary> =>
    cloud.call('grid', 'assign', input),
  poster: (gridId: string): Promise<PosterView> => cloud.call('grid', 'poster', { gridId }),
};

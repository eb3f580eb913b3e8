import type { GridSummary } from '@core/api/contract';
import type { DueList, GridHouseholds, HouseholdHistory, RecordVisitInput, RecordVisitResult, VisitCoverage } from '@core/api/visit.contract';
import type { KeyGroup } from '@core/places/place';
import { cloud } from '../../lib/cloud';

export const visitApi = {
  grids: (): Promise<GridSummary[]> => cloud.call('grid', 'list', {}),
  record: (input: RecordVisitInput): Promise<RecordVisitResult> => cloud.call('visit', 'record', input),
  due: (gridId: string): Promise<DueList> => cloud.call('visit', 'due', { gridId }),
  households: (gridId: string, filter: { buildingId?: string; keyGroup?: KeyGroup }): Promise<GridHouseholds> =>
    cloud.call('visit', 'households', { gridId, ...filter }),
  history: (householdId: string): Promise<HouseholdHistory> => cloud.call('visit', 'history', { householdId }),
  coverage: (from: string, to: string, communityId?: string): Promise<VisitCoverage> =>
    cloud.call('visit', 'coverage', communityId ? { from, to, communityId } : { from, to }),
};

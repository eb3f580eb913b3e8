import type { BuildingOption, CommunityOption, HouseholdOption, MeView, QrGridPreview } from '@core/api/contract';
import { cloud } from '../../lib/cloud';

export const householdApi = {
  communities: (): Promise<CommunityOption[]> => cloud.call('account', 'communities', {}),
  buildings: (communityId: string): Promise<BuildingOption[]> => cloud.call('account', 'buildings', { communityId }),
  households: (buildingId: string, unit: number): Promise<HouseholdOption[]> => cloud.call('account', 'households', { buildingId, unit }),
  gridByQr: (token: string): Promise<QrGridPreview> => cloud.call('account', 'gridByQr', { token }),
  bindHousehold: (householdId: string): Promise<MeView> => cloud.call('account', 'bindHousehold', { householdId }),
  bindByQr: (token: string, householdId?: string): Promise<MeView> =>
    cloud.call('account', 'bindByQr', householdId ? { token, householdId } : { token }),
};

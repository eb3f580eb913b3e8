import type { MeView } from '@core/api/contract';
import { cloud } from '../../lib/cloud';

export const accountApi = {
  me: (): Promise<MeView> => cloud.call('account', 'me', {}),
  leaveHousehold: (): Promise<MeView> => cloud.call('account', 'leaveHousehold', {}),
};

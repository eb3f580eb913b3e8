import type { PendingBindingsView } from '@core/api/binding.contract';
import { cloud } from '../../lib/cloud';

/** 住户绑定确认: the bindings waiting in the caller's grids, and settling one. */
export const bindingApi = {
  pending: (): Promise<PendingBindingsView> => cloud.call('account', 'pendingBindings', {}),
  confirm: (userId: string) => cloud.call('account', 'confirmBinding', { userId }),
  reject: (userId: string, reason?: string) => cloud.call('account', 'rejectBinding', reason ? { userId, reason } : { userId }),
};

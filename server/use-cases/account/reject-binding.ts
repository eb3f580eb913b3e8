import type { UserContext } from '../context';
import { pendingBindingFor, settleBinding } from './pending-binding';

/** 退回: the residence is cleared; the resident reads 被退回 (and the reason) on 我的 until they bind again. */
export async function rejectBinding(ctx: UserContext, input: { userId: string; reason?: string }): Promise<{ userId: string; status: 'rejected' }> {
  const { user, residence } = await pendingBindingFor(ctx, input.userId);
  const reason = input.reason?.trim() || null;
  await settleBinding(ctx, user, residence, null, 'binding.reject', { reason });
  return { userId: user.id, status: 'rejected' };
}

import type { UserContext } from '../context';
import { pendingBindingFor, settleBinding } from './pending-binding';

/** 确认: the resident now counts for coverage and 已阅读 and sees their household. */
export async function confirmBinding(ctx: UserContext, input: { userId: string }): Promise<{ userId: string; status: 'confirmed' }> {
  const { user, residence } = await pendingBindingFor(ctx, input.userId);
  await settleBinding(ctx, user, residence, { ...residence, status: 'confirmed' }, 'binding.confirm', {});
  return { userId: user.id, status: 'confirmed' };
}

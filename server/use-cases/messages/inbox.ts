import type { InboxMessage } from '@core/messages/message';
import type { UserContext } from '../context';

/** 站内消息: always delivered, newest first; a person reads only their own. */
export async function listInbox(ctx: UserContext, input: { cursor?: string }): Promise<{ items: InboxMessage[]; next: string | null; unread: number }> {
  const [page, unread] = await Promise.all([
    ctx.deps.store.inbox.list(ctx.user.id, { limit: 20, cursor: input.cursor ?? null }),
    ctx.deps.store.inbox.unreadCount(ctx.user.id),
  ]);
  return { items: page.items, next: page.next, unread };
}

export async function markRead(ctx: UserContext, input: { ids: string[] }): Promise<{ unread: number }> {
  await ctx.deps.store.inbox.markRead(ctx.user.id, input.ids, ctx.now.toISOString());
  return { unread: await ctx.deps.store.inbox.unreadCount(ctx.user.id) };
}

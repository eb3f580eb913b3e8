import type { InboxMessage } from '@core/messages/message';
import { cloud } from '../../lib/cloud';

export interface InboxPage {
  items: InboxMessage[];
  next: string | null;
  unread: number;
}

export const messageApi = {
  inbox: (cursor?: string): Promise<InboxPage> => cloud.call('message', 'inbox', cursor ? { cursor } : {}),
  markRead: (ids: string[]): Promise<{ unread: number }> => cloud.call('message', 'markRead', { ids }),
};

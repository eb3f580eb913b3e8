import type { SentLogView, SubscriptionsView } from '@core/api/message.contract';
import type { ConsentMoment } from '@core/messages/consent';
import type { InboxMessage, MessageTemplate } from '@core/messages/message';
import { cloud } from '../../lib/cloud';

export interface InboxPage {
  items: InboxMessage[];
  next: string | null;
  unread: number;
}

export const messageApi = {
  inbox: (cursor?: string): Promise<InboxPage> => cloud.call('message', 'inbox', cursor ? { cursor } : {}),
  markRead: (ids: string[]): Promise<{ unread: number }> => cloud.call('message', 'markRead', { ids }),
  /** The templates this environment sends, their WeChat ids and the person's remaining sends of each. */
  subscriptions: (): Promise<SubscriptionsView> => cloud.call('message', 'subscriptions', {}),
  /** Records what the person allowed in the consent dialog of a moment. */
  consent: (moment: ConsentMoment, accepted: MessageTemplate[]): Promise<SubscriptionsView> => cloud.call('message', 'consent', { moment, accepted }),
  /** 消息记录 (local runtime): the subscribe messages that would have reached the person's phone. */
  sentLog: (cursor?: string): Promise<SentLogView> => cloud.call('message', 'sentLog', cursor ? { cursor } : {}),
};

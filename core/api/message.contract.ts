/**
 * The `message` function's contract: the in-app inbox (站内消息), consent to WeChat subscribe messages,
 * and the local runtime's record of what was sent (消息记录).
 */
import type { ConsentMoment } from '../messages/consent';
import type { InboxMessage, MessageTemplate } from '../messages/message';

export interface ConsentTemplateView {
  template: MessageTemplate;
  label: string;
  /** The WeChat template id the app asks about; null when this environment sends no such message. */
  templateId: string | null;
  /** Sends of this template the person has allowed and not used yet. */
  credits: number;
}

export interface SubscriptionsView {
  templates: ConsentTemplateView[];
}

export interface SentMessageView {
  key: string;
  template: MessageTemplate;
  title: string;
  /** The keywords as the phone shows them, in the template's order. */
  fields: { label: string; value: string }[];
  /** The app page the message opens, e.g. /features/requests/pages/detail/index?id=… */
  page: string;
  at: string;
}

export interface SentLogView {
  /** False in production: WeChat's 服务通知 is the record there. */
  available: boolean;
  items: SentMessageView[];
  next: string | null;
}

export interface MessageContract {
  message: {
    inbox: { input: { cursor?: string }; output: { items: InboxMessage[]; next: string | null; unread: number } };
    markRead: { input: { ids: string[] }; output: { unread: number } };
    subscriptions: { input: Record<string, never>; output: SubscriptionsView };
    consent: { input: { moment: ConsentMoment; accepted: MessageTemplate[] }; output: SubscriptionsView };
    sentLog: { input: { cursor?: string }; output: SentLogView };
  };
}

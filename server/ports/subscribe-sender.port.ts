/**
 * Sending one WeChat subscribe message. Production: `cloud.openapi.subscribeMessage.send` through
 * wx-server-sdk (server/adapters/wechat/wechat-subscribe-sender.ts). Locally: a log of what would have
 * been sent, shown on the 消息记录 page (server/runtime/local-subscribe-sender.ts).
 *
 * The dispatcher hands each message to the sender at least once; `key` (the outbox id) is the same on
 * every try of one message. WeChat's API takes no such key, so the one case where a phone could see a
 * message twice is a run that dies after WeChat accepted a send and before the outcome was recorded.
 */
import type { MessageTemplate } from '@core/messages/message';
import type { TemplateData } from '@core/messages/subscribe-message';
import type { Page } from './request.port';

export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface SubscribeMessage {
  /** The outbox id: the same for every try of this message. */
  key: string;
  userId: string;
  /** The recipient's openid. */
  touser: string;
  template: MessageTemplate;
  templateId: string;
  /** The app page the message opens, without a leading slash. */
  page: string;
  data: TemplateData;
  miniprogramState: MiniprogramState;
}

/**
 * no_consent: 43101, the person has no consent left — not retried; bad_parameter: 47003 — not retried;
 * rejected: another refusal that a retry cannot fix (40003 bad openid, 41030 page not published, 40037
 * bad template id…); transient: anything else (busy, rate limited, network, timeout) — retried.
 */
export type SendFailureKind = 'no_consent' | 'bad_parameter' | 'rejected' | 'transient';

export type SendResult = { ok: true } | { ok: false; kind: SendFailureKind; code: string; message: string };

export interface SubscribeSender {
  send(message: SubscribeMessage): Promise<SendResult>;
}

/** One message the local sender recorded: what the person's phone would have shown. */
export interface SentMessage {
  key: string;
  userId: string;
  template: MessageTemplate;
  templateId: string;
  page: string;
  data: TemplateData;
  at: string;
}

/** The local sender's record, newest first; production has none (WeChat's 服务通知 is the record). */
export interface SentMessageLog {
  list(userId: string, page: { limit: number; cursor?: string | null }): Promise<Page<SentMessage>>;
}

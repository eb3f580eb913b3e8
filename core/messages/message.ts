/**
 * In-app messages are the reliable channel: always written, in the same write as their cause. Delivery
 * beyond the app (WeChat subscribe messages) is queued as an outbox record in that same write, keyed
 * (event, recipient, channel) so that the same cause reaches a person once per channel; the dispatcher
 * (server/use-cases/messages/dispatch-outbox.ts) delivers it.
 */
export interface InboxMessage {
  id: string;
  userId: string;
  title: string;
  body: string;
  /** The page the message opens, e.g. the request's detail. */
  link: { kind: 'request'; id: string } | null;
  at: string;
  readAt: string | null;
}

export const OUTBOX_CHANNELS = ['subscribe'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export const MESSAGE_TEMPLATES = ['request_status', 'request_confirm', 'request_new', 'request_overdue', 'notice_urgent'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];

/** What each template tells, as the person choosing whether to receive it reads it. */
export const TEMPLATE_LABELS: Record<MessageTemplate, string> = {
  request_status: '诉求办理进展',
  request_confirm: '诉求办结待确认',
  request_new: '网格新诉求待受理',
  request_overdue: '诉求即将超期或已超期',
  notice_urgent: '紧急通知',
};

/**
 * pending: waiting for its next try (or held by a dispatcher run's claim); sent: handed to WeChat;
 * failed: WeChat refused it or the retries ran out (lastError says why); skipped: not sent on purpose —
 * no consent left, template not configured — the in-app message is all the person gets.
 */
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A record addressed to a whole audience instead of one person: an urgent notice queues ONE such record
 * (recipientId AUDIENCE_RECIPIENT) in the write that publishes it, and the dispatcher expands it, batch by
 * batch, into one record per recipient.
 */
export type OutboxAudience = { kind: 'notice'; noticeId: string };
export const AUDIENCE_RECIPIENT = '*';

/** How far the expansion of an audience record has got: saved after every batch, so a run that dies resumes there. */
export interface FanoutProgress {
  /** The audience source's cursor for the next batch; null before the first and after the last. */
  cursor: string | null;
  /** People the audience listed so far. */
  recipients: number;
  /** Of those, the ones with consent left, for whom a record was queued. */
  queued: number;
}

export interface OutboxRecord {
  /** `${eventId}:${recipientId}:${channel}` — unique, so the same cause never queues twice. */
  id: string;
  eventId: string;
  recipientId: string;
  channel: OutboxChannel;
  template: MessageTemplate;
  /** Template values before WeChat's keyword shaping (done at delivery). */
  payload: Record<string, string>;
  status: OutboxStatus;
  /** Claims so far (each try, and each run that took the record and died). */
  attempts: number;
  nextTryAt: string;
  /** Why the last try did not deliver, or why the record is failed/skipped: `<code>: <detail>`. */
  lastError: string | null;
  createdAt: string;
  /** Set only on a record for a whole audience (recipientId AUDIENCE_RECIPIENT); absent or null otherwise. */
  audience?: OutboxAudience | null;
  /** Audience records only: the expansion's checkpoint. */
  progress?: FanoutProgress | null;
}

export function outboxId(eventId: string, recipientId: string, channel: OutboxChannel): string {
  return `${eventId}:${recipientId}:${channel}`;
}

/**
 * In-app messages are the reliable channel: always written, in the same write as their cause. Delivery
 * beyond the app (WeChat subscribe messages) is queued as an outbox record in that same write, keyed
 * (event, recipient, channel) so that a dispatcher delivers each at most once.
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

export interface OutboxRecord {
  /** `${eventId}:${recipientId}:${channel}` — unique, so the same cause never queues twice. */
  id: string;
  eventId: string;
  recipientId: string;
  channel: OutboxChannel;
  template: MessageTemplate;
  /** Template values before WeChat's keyword shaping (done at delivery). */
  payload: Record<string, string>;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  nextTryAt: string;
  lastError: string | null;
  createdAt: string;
}

export function outboxId(eventId: string, recipientId: string, channel: OutboxChannel): string {
  return `${eventId}:${recipientId}:${channel}`;
}

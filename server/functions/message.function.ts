import { MESSAGE_SCHEMAS } from '@core/api/message.schemas';
import { getSubscriptions, recordConsent } from '../use-cases/messages/consent';
import { dispatchOutbox } from '../use-cases/messages/dispatch-outbox';
import { listInbox, markRead } from '../use-cases/messages/inbox';
import { listSentLog } from '../use-cases/messages/sent-log';
import { defineFunction } from './define-function';

const s = MESSAGE_SCHEMAS.message;

/**
 * 消息: the in-app inbox (the channel that always delivers), consent to WeChat subscribe messages, the
 * local record of what was sent, and the dispatcher that sends them (timer, every minute: config.json).
 */
export const messageFunction = defineFunction(
  'message',
  {
    inbox: { permission: 'message.read', input: s.inbox, run: listInbox },
    markRead: { permission: 'message.read', input: s.markRead, run: markRead },
    subscriptions: { permission: 'message.subscribe', input: s.subscriptions, run: (ctx) => getSubscriptions(ctx) },
    consent: { permission: 'message.subscribe', input: s.consent, run: recordConsent },
    sentLog: { permission: 'message.read', input: s.sentLog, run: listSentLog },
    dispatch: { permission: 'system', run: (ctx) => dispatchOutbox(ctx.deps) },
  },
  { timerAction: 'dispatch' },
);

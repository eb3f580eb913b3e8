import { REQUEST_SCHEMAS } from '@core/api/request.schemas';
import { listInbox, markRead } from '../use-cases/messages/inbox';
import { defineFunction } from './define-function';

const s = REQUEST_SCHEMAS.message;

/** 站内消息: the in-app inbox, the channel that always delivers. */
export const messageFunction = defineFunction('message', {
  inbox: { permission: 'message.read', input: s.inbox, run: listInbox },
  markRead: { permission: 'message.read', input: s.markRead, run: markRead },
});

/** Input schemas of the `message` function. */
import { CONSENT_MOMENTS } from '../messages/consent';
import { MESSAGE_TEMPLATES } from '../messages/message';
import { id, list, none, obj, oneOf, optional, str } from '../validation/schema';

const cursor = optional(str('分页参数', { max: 500 }));

export const MESSAGE_SCHEMAS = {
  message: {
    inbox: obj('参数', { cursor }),
    markRead: obj('参数', { ids: list('消息', id('消息'), { min: 1, max: 100 }) }),
    subscriptions: none,
    consent: obj('订阅', {
      moment: oneOf('订阅场景', CONSENT_MOMENTS),
      accepted: list('同意接收的消息', oneOf('消息类型', MESSAGE_TEMPLATES), { max: MESSAGE_TEMPLATES.length }),
    }),
    sentLog: obj('参数', { cursor }),
  },
} as const;

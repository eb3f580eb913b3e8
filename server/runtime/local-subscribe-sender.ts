/**
 * The local runtime's WeChat: instead of a phone, a log (the embedded store's `local_sends`) of what each
 * send would have shown, which the 消息记录 page reads. It answers as WeChat would where it can: data that
 * breaks a keyword rule is refused with 47003, and a message recorded before (same outbox id) is not
 * recorded twice.
 */
import { MESSAGE_TEMPLATES, type MessageTemplate } from '@core/messages/message';
import { templateDataProblems } from '@core/messages/subscribe-message';
import type { EmbeddedStore } from '../adapters/embedded/embedded-store';
import type { Clock } from '../ports/clock.port';
import type { SubscribeSender } from '../ports/subscribe-sender.port';

/** Every template is "configured" locally, so every message shows on the 消息记录 page. */
export const LOCAL_TEMPLATE_IDS: Record<MessageTemplate, string> = Object.fromEntries(MESSAGE_TEMPLATES.map((t) => [t, `local-${t}`])) as Record<
  MessageTemplate,
  string
>;

export function localSubscribeSender(log: EmbeddedStore['localSends'], clock: Clock): SubscribeSender {
  return {
    async send(m) {
      const problems = templateDataProblems(m.template, m.data);
      if (problems.length) return { ok: false, kind: 'bad_parameter', code: '47003', message: `argument invalid! ${problems.join('; ')}` };
      await log.record({ key: m.key, userId: m.userId, template: m.template, templateId: m.templateId, page: m.page, data: m.data, at: clock.now().toISOString() });
      return { ok: true };
    },
  };
}

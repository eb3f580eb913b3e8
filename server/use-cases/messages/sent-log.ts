/**
 * 消息记录: the subscribe messages the local runtime "sent" to the caller — what their phone would have
 * shown in WeChat's 服务通知, keyword by keyword. In production WeChat keeps that record itself, so the
 * answer says the log is not available here.
 */
import type { SentLogView } from '@core/api/message.contract';
import { TEMPLATE_LABELS } from '@core/messages/message';
import { TEMPLATE_KEYWORDS } from '@core/messages/subscribe-message';
import type { UserContext } from '../context';

export async function listSentLog(ctx: UserContext, input: { cursor?: string }): Promise<SentLogView> {
  const log = ctx.deps.sentLog;
  if (!log) return { available: false, items: [], next: null };
  const page = await log.list(ctx.user.id, { limit: 20, cursor: input.cursor ?? null });
  return {
    available: true,
    items: page.items.map((m) => ({
      key: m.key,
      template: m.template,
      title: TEMPLATE_LABELS[m.template],
      fields: TEMPLATE_KEYWORDS[m.template].map((k) => ({ label: k.label, value: m.data[k.key]?.value ?? '' })),
      page: `/${m.page}`,
      at: m.at,
    })),
    next: page.next,
  };
}

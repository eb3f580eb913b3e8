/**
 * 订阅消息 consent, as the app reports it: the person tapped a consent button, WeChat showed its dialog
 * (locally: the app's own sheet) and they allowed some of the templates. The server cannot see WeChat's
 * dialog, so it records what the app reports, for the caller only; if that ever runs ahead of what WeChat
 * knows, WeChat answers 43101 and the dispatcher records it and clears the credit.
 */
import type { SubscriptionsView } from '@core/api/message.contract';
import { CONSENT_MOMENT_SPECS, type ConsentMoment, type Credits } from '@core/messages/consent';
import { MESSAGE_TEMPLATES, TEMPLATE_LABELS, type MessageTemplate } from '@core/messages/message';
import { hasRole } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';

function view(ctx: UserContext, credits: Credits): SubscriptionsView {
  const ids = ctx.deps.config.messages.templates;
  return {
    templates: MESSAGE_TEMPLATES.map((t) => ({ template: t, label: TEMPLATE_LABELS[t], templateId: ids[t] ?? null, credits: credits[t] })),
  };
}

/** The templates this environment sends, their ids (which the app passes to WeChat's dialog) and the caller's credits. */
export async function getSubscriptions(ctx: UserContext): Promise<SubscriptionsView> {
  return view(ctx, await ctx.deps.store.subscriptions.credits(ctx.user.id));
}

/**
 * Records the templates the caller allowed at a consent moment: one more send of each. Only the moment's
 * own templates count, and only for someone the moment is for (a resident is not asked to go on duty);
 * a template this environment does not send is left out.
 */
export async function recordConsent(ctx: UserContext, input: { moment: ConsentMoment; accepted: MessageTemplate[] }): Promise<SubscriptionsView> {
  const spec = CONSENT_MOMENT_SPECS[input.moment];
  if (!spec.roles.some((r) => hasRole(ctx.actor, r))) throw new DomainError('AUTH.FORBIDDEN');
  const ids = ctx.deps.config.messages.templates;
  const accepted = input.accepted.filter((t) => spec.templates.includes(t) && ids[t]);
  const credits = accepted.length
    ? await ctx.deps.store.subscriptions.grant(ctx.user.id, accepted, ctx.now.toISOString())
    : await ctx.deps.store.subscriptions.credits(ctx.user.id);
  return view(ctx, credits);
}

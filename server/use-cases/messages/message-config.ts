/**
 * Subscribe-message settings from the environment. Template ids differ per mini-program (each environment
 * picks its templates in 公众平台 → 订阅消息), so they are configuration, never code:
 *
 *   WGT_SUBSCRIBE_TEMPLATES  request_status=<id>,request_confirm=<id>,request_new=<id>,request_overdue=<id>,notice_urgent=<id>
 *                            (any subset; `off` or empty: no subscribe messages, the in-app inbox only)
 *   WGT_SEND_RATE            sends per second at most across a dispatcher run (default 20; 0: no limit)
 *   WGT_MINIPROGRAM_STATE    developer | trial | formal: which version a message opens (default formal)
 */
import { MESSAGE_TEMPLATES, type MessageTemplate } from '@core/messages/message';
import type { MessageConfig } from '../context';
import type { MiniprogramState } from '../../ports/subscribe-sender.port';

export const DEFAULT_SENDS_PER_SECOND = 20;
const STATES: readonly MiniprogramState[] = ['developer', 'trial', 'formal'];

export const NO_SUBSCRIBE_MESSAGES: MessageConfig = { templates: {}, sendsPerSecond: DEFAULT_SENDS_PER_SECOND, miniprogramState: 'formal' };

/** `name=id,…` → ids per template, and what was wrong with the text (unknown names, bad ids, repeats). */
export function parseTemplateIds(text: string | undefined): { templates: Partial<Record<MessageTemplate, string>>; problems: string[] } {
  const templates: Partial<Record<MessageTemplate, string>> = {};
  const problems: string[] = [];
  const value = (text ?? '').trim();
  if (value === '' || value.toLowerCase() === 'off') return { templates, problems };
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, id, ...rest] = part.split('=').map((x) => x.trim());
    if (!(MESSAGE_TEMPLATES as readonly string[]).includes(name)) {
      problems.push(`unknown template "${name}" (known: ${MESSAGE_TEMPLATES.join(', ')})`);
    } else if (rest.length || !id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      problems.push(`template ${name}: "${id ?? ''}" is not a template id`);
    } else if (templates[name as MessageTemplate] !== undefined) {
      problems.push(`template ${name} is given twice`);
    } else {
      templates[name as MessageTemplate] = id;
    }
  }
  return { templates, problems };
}

/** The settings a function runs with; a problem in the text is logged and that part ignored. */
export function messageConfigFromEnv(env: Record<string, string | undefined>, log: { error(m: string): void } = console): MessageConfig {
  const { templates, problems } = parseTemplateIds(env.WGT_SUBSCRIBE_TEMPLATES);
  for (const p of problems) log.error(`[messages] WGT_SUBSCRIBE_TEMPLATES: ${p}`);
  const rate = env.WGT_SEND_RATE === undefined || env.WGT_SEND_RATE.trim() === '' ? DEFAULT_SENDS_PER_SECOND : Number(env.WGT_SEND_RATE);
  if (!Number.isFinite(rate) || rate < 0) log.error(`[messages] WGT_SEND_RATE must be a number ≥ 0; using ${DEFAULT_SENDS_PER_SECOND}`);
  const state = (env.WGT_MINIPROGRAM_STATE ?? '').trim() as MiniprogramState;
  return {
    templates,
    sendsPerSecond: Number.isFinite(rate) && rate >= 0 ? rate : DEFAULT_SENDS_PER_SECOND,
    miniprogramState: STATES.includes(state) ? state : 'formal',
  };
}

/**
 * Consent to WeChat subscribe messages. A one-time subscription allows ONE send of a template to the person
 * per "allow" they tap, so the app asks at the moments where a person wants to hear back — and only from a
 * tap (WeChat refuses the dialog otherwise): right after a resident submits a request, in the 我的 page's
 * message settings for urgent notices, and for staff when they go on duty. The server keeps the count
 * of sends each person allowed per template (their credits); a send uses one, and with none left the
 * message reaches the person in the app only.
 */
import type { Role } from '../people/role';
import type { MessageTemplate } from './message';

export const CONSENT_MOMENTS = ['request_submitted', 'urgent_notices', 'on_duty'] as const;
export type ConsentMoment = (typeof CONSENT_MOMENTS)[number];

export interface ConsentMomentSpec {
  /** The button a person taps. */
  label: string;
  /** What the person is told the messages are for. */
  hint: string;
  /** At most 3: WeChat asks about at most three templates in one dialog. */
  templates: readonly MessageTemplate[];
  /** Who is asked at this moment; the server refuses the others. */
  roles: readonly Role[];
}

export const CONSENT_MOMENT_SPECS: Record<ConsentMoment, ConsentMomentSpec> = {
  request_submitted: {
    label: '状态变化时通知我',
    hint: '诉求受理、办结时，通过微信「服务通知」告诉您',
    templates: ['request_status', 'request_confirm'],
    roles: ['resident'],
  },
  urgent_notices: {
    label: '接收紧急通知',
    hint: '停水停电、防汛等紧急通知发布时提醒您',
    templates: ['notice_urgent'],
    roles: ['resident', 'grid_worker', 'community_staff', 'street_staff'],
  },
  on_duty: {
    label: '上岗接收提醒',
    hint: '有新诉求待受理、诉求即将超期或已超期时提醒您',
    templates: ['request_new', 'request_overdue'],
    roles: ['grid_worker', 'community_staff', 'street_staff'],
  },
};

/** One allowed send per tap; a person who taps "allow" many times still holds at most this many. */
export const MAX_CREDITS = 50;

export type Credits = Record<MessageTemplate, number>;

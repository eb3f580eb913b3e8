import type { InvitationView } from '@core/api/people.contract';
import { OFFICIAL_CALENDARS } from '@core/calendar/official-calendar';
import { MOBILE_PATTERN } from '@core/people/phone';
import { unboundOpenid, type User } from '@core/people/user';
import { DEFAULT_REQUEST_SETTINGS, type Category } from '@core/requests/request';
import type { CategoryKind } from '@core/requests/request.status';
import { DomainError } from '@core/shared/errors';
import type { Deps } from '../context';
import { issueInvitation } from './create-invitation';

/** The categories a new street starts with (the street edits them later); deadlines as the demo street's. */
const DEFAULT_CATEGORIES: { name: string; kind: CategoryKind; responseMinutes: number; resolutionDays: number }[] = [
  { name: '矛盾纠纷', kind: 'dispute', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '安全隐患', kind: 'hazard', responseMinutes: 8 * 60, resolutionDays: 1 },
  { name: '环境卫生', kind: 'complaint', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '设施报修', kind: 'help', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '困难求助', kind: 'help', responseMinutes: 24 * 60, resolutionDays: 2 },
  { name: '意见建议', kind: 'suggestion', responseMinutes: 24 * 60, resolutionDays: 2 },
];

export interface InitStreetInput {
  name: string;
  /** The 12-digit 统计用区划代码 of the street. */
  code: string;
  district?: string;
  adminName?: string;
  adminMobile?: string;
}

export interface InitStreetResult {
  streetId: string;
  adminUserId: string;
  invitation: InvitationView;
}

/**
 * `wgt street init`: a street that can take requests (settings, default categories, the official working-day
 * calendars), and its first administrator as a person of the register (posts street_staff + street_admin, no
 * WeChat identity, no password) with a one-time invitation. A second street with the same code is refused.
 * Audited as done by 'system' (the command line holds the deploy credentials, not a person's session).
 */
export async function initStreet(deps: Deps, now: Date, input: InitStreetInput): Promise<InitStreetResult> {
  const code = input.code.trim();
  if (!/^\d{12}$/.test(code)) throw new DomainError('STREET.CODE_INVALID');
  const name = input.name.trim();
  if (!name || name.length > 30) throw new DomainError('INPUT.INVALID', '请填写街道名称（30字以内）');
  const mobile = (input.adminMobile ?? '').trim();
  // Redeeming asks for the last 4 digits of this number: without one, the admin could not redeem.
  if (!mobile) throw new DomainError('INPUT.INVALID', '请填写管理员手机号（--admin-mobile），接受邀请时要核对后四位');
  if (!MOBILE_PATTERN.test(mobile)) throw new DomainError('INPUT.INVALID', '管理员手机号应为11位手机号');
  if (await deps.store.people.findStreetByCode(code)) throw new DomainError('STREET.EXISTS');

  const streetId = `street-${code}`;
  const categories: Category[] = DEFAULT_CATEGORIES.map((c, i) => ({ id: `${streetId}-category-${i + 1}`, streetId, ...c, active: true, seq: i + 1 }));
  await deps.store.people.createStreet({
    street: { id: streetId, code, name, district: (input.district ?? '').trim() },
    categories,
    departments: [],
    settings: { ...structuredClone(DEFAULT_REQUEST_SETTINGS), streetId },
    calendars: structuredClone(OFFICIAL_CALENDARS),
  });
  const adminId = deps.newId();
  const admin: User = {
    id: adminId,
    openid: unboundOpenid(adminId),
    name: (input.adminName ?? '').trim() || '街道管理员',
    phone: mobile,
    residence: null,
    posts: [{ role: 'street_staff', streetId }, { role: 'street_admin', streetId }],
    createdAt: now.toISOString(),
  };
  await deps.store.transact(async (tx) => {
    await tx.people.createUser(admin);
    await tx.audit.append({
      id: deps.newId(), at: now.toISOString(), actorId: 'system', action: 'street.init', targetType: 'street', targetId: streetId, streetId,
      detail: { name, code, to: { street: name, admin: admin.name } },
    });
  });
  const invitation = await issueInvitation(deps, now, 'system', admin);
  return { streetId, adminUserId: adminId, invitation };
}

import { ROLES } from '../people/role';
import { id, obj, oneOf, optional, str } from '../validation/schema';

export const PEOPLE_SCHEMAS = {
  list: obj('参数', { communityId: optional(id('社区')), role: optional(oneOf('岗位', ROLES)), cursor: optional(str('页码', { max: 200 })) }),
  invite: obj('参数', { userId: id('人员') }),
  revoke: obj('参数', { userId: id('人员') }),
  audit: obj('参数', { cursor: optional(str('页码', { max: 200 })) }),
} as const;

/** account.redeemInvitation: the code as typed (case and spaces ignored) and the last 4 digits of the invited mobile. */
export const redeemInvitationSchema = obj('参数', {
  code: str('邀请码', { min: 6, max: 16, pattern: /^[0-9A-Za-z\s-]+$/, patternMessage: '邀请码只包含字母和数字' }),
  mobileLast4: str('手机号后四位', { min: 4, max: 4, pattern: /^\d{4}$/, patternMessage: '请输入手机号的后四位数字' }),
});

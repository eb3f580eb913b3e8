import type { MeView } from '@core/api/contract';
import { CallError } from '../../lib/cloud/call-error';
import { checkRedeemInput, codeFromQuery, grantedLines, normalizeCode, redeemProblemOf } from './redeem-form';

describe('redeem form', () => {
  it('takes the code as typed: case, spaces and dashes do not matter', () => {
    expect(normalizeCode(' abcd-2345 ')).toBe('ABCD2345');
  });

  it('fills the code from the invitation link, and ignores anything that is not a code', () => {
    expect(codeFromQuery({ code: 'ABCD2345' })).toBe('ABCD2345');
    expect(codeFromQuery({ code: 'abcd%202345' })).toBe('ABCD2345');
    expect(codeFromQuery({ code: '<script>' })).toBe('');
    expect(codeFromQuery({ code: '%E0%A4%A' })).toBe('');
    expect(codeFromQuery({})).toBe('');
  });

  it('points at the field to fix before sending', () => {
    expect(checkRedeemInput('', '1234')).toMatchObject({ field: 'code', message: '请输入邀请码' });
    expect(checkRedeemInput('ABC', '1234')).toMatchObject({ field: 'code' });
    expect(checkRedeemInput('ABCD2345', '12a4')).toMatchObject({ field: 'last4' });
    expect(checkRedeemInput('abcd 2345', '1234')).toBeNull();
  });

  it('says each refusal in Chinese: a wrong code or last 4 can be retyped, a closed invitation cannot', () => {
    expect(redeemProblemOf(new CallError('INVITATION.NOT_FOUND'))).toEqual({ field: 'code', message: '邀请码不正确，请核对后重新输入', closed: false });
    expect(redeemProblemOf(new CallError('INVITATION.MOBILE_MISMATCH', '手机号后四位不正确，还可以再试 3 次'))).toEqual({
      field: 'last4', message: '手机号后四位不正确，还可以再试 3 次', closed: false,
    });
    expect(redeemProblemOf(new CallError('INVITATION.EXPIRED'))).toEqual({ field: null, message: '邀请码已过期，请联系管理员重新邀请', closed: true });
    expect(redeemProblemOf(new CallError('INVITATION.USED'))).toMatchObject({ closed: true, message: '邀请码已被使用，不能重复使用' });
    expect(redeemProblemOf(new CallError('INVITATION.BURNT'))).toMatchObject({ closed: true, message: expect.stringContaining('输错次数太多') });
    expect(redeemProblemOf(new CallError('INVITATION.CALLER_HAS_POSTS'))).toMatchObject({ field: null, closed: false });
    expect(redeemProblemOf(new CallError('INPUT.INVALID', '有误', [{ path: 'mobileLast4', message: '4 位' }]))).toMatchObject({ field: 'last4' });
    expect(redeemProblemOf(new Error('bug'))).toMatchObject({ field: null, closed: false });
  });

  it('lists the posts granted, leaving out a residence', () => {
    const me = {
      roles: [
        { role: 'resident', label: '居民', where: '第1网格' },
        { role: 'grid_worker', label: '网格员', where: '银杏社区' },
      ],
    } as unknown as MeView;
    expect(grantedLines(me)).toEqual(['网格员 · 银杏社区']);
  });
});

import type { InvitationView, PersonRow } from '@core/api/people.contract';
import { inviteShareText, revokeConfirmText, revokeResultText, shortTime } from './people-view';

const person = (over: Partial<PersonRow> = {}): PersonRow => ({
  id: 'u1', name: '王建国', mobile: '139****5678', status: 'active', roles: ['grid_worker'], roleLabels: ['网格员'],
  communityId: 'c1', communityName: '银杏社区', grids: [], backupGrids: [], manageable: true, ...over,
});

describe('people view texts', () => {
  it('reads times on the street clock (UTC+8)', () => {
    expect(shortTime('2026-12-14T03:40:00.000Z')).toBe('12月14日 11:40');
    expect(shortTime('2026-12-31T16:05:00.000Z')).toBe('1月1日 00:05');
    expect(shortTime('nonsense')).toBe('');
  });

  it('says in the confirm that every role goes at once and which grids lose their worker', () => {
    const text = revokeConfirmText(person({ grids: ['第1网格', '第2网格'], backupGrids: ['第3网格'], roleLabels: ['网格员', '社区工作人员'] }));
    expect(text).toContain('全部权限（网格员、社区工作人员）将立即一并移除');
    expect(text).toContain('第1网格、第2网格将显示“无网格员”');
    expect(revokeConfirmText(person({ backupGrids: ['第3网格'] }))).toContain('第3网格将没有B角');
    expect(revokeConfirmText(person())).not.toContain('网格将');
  });

  it('reports the grids left without a worker and the codes burnt', () => {
    expect(revokeResultText(person({ backupGrids: ['第1网格'] }), { userId: 'u1', clearedGrids: ['g1'], burntInvitations: 2 })).toBe(
      '已停用王建国的全部权限。以下网格暂无网格员或B角：第1网格。作废未使用的邀请码 2 个。',
    );
    expect(revokeResultText(person(), { userId: 'u1', clearedGrids: ['g1', 'g2'], burntInvitations: 0 })).toBe('已停用王建国的全部权限。2 个网格暂无网格员或B角。');
    expect(revokeResultText(person(), { userId: 'u1', clearedGrids: [], burntInvitations: 0 })).toBe('已停用王建国的全部权限。');
  });

  it('puts the code, the link and the expiry in the text to send', () => {
    const inv: InvitationView = { code: 'ABCD2345', link: 'http://x/#/r?code=ABCD2345', qr: '', expiresAt: '2026-12-14T03:40:00.000Z', userId: 'u1', name: '王建国' };
    const text = inviteShareText(inv);
    expect(text).toContain('ABCD2345');
    expect(text).toContain('http://x/#/r?code=ABCD2345');
    expect(text).toContain('12月14日 11:40 前');
  });
});

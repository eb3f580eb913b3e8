/** 人员管理: the words of the confirm and result dialogs and of a shared invitation, kept out of the page to be tested. */
import type { InvitationView, PersonRow, RevokeResult } from '@core/api/people.contract';

/** 2026-12-14T03:40:00.000Z → 12月14日 11:40 (China time, the street's clock). */
export function shortTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The confirm dialog of 停用: what goes away, all at once, before the admin agrees. */
export function revokeConfirmText(p: PersonRow): string {
  const roles = p.roleLabels.length ? p.roleLabels.join('、') : '工作身份';
  const grids = [...p.grids, ...p.backupGrids];
  const gridPart = p.grids.length
    ? `${p.grids.join('、')}将显示“无网格员”，请尽快指派新的网格员。`
    : grids.length
      ? `${grids.join('、')}将没有B角。`
      : '';
  return `停用后，${p.name}的全部权限（${roles}）将立即一并移除，未使用的邀请码作废。${gridPart}确定停用吗？`;
}

/** After 停用: what happened, so the admin knows which grids to staff now. */
export function revokeResultText(p: Pick<PersonRow, 'name' | 'grids' | 'backupGrids'>, r: RevokeResult): string {
  const parts = [`已停用${p.name}的全部权限。`];
  // The reply names grids by id; the row the admin tapped has their names.
  const names = [...p.grids, ...p.backupGrids];
  if (r.clearedGrids.length) {
    parts.push(names.length === r.clearedGrids.length ? `以下网格暂无网格员或B角：${names.join('、')}。` : `${r.clearedGrids.length} 个网格暂无网格员或B角。`);
  }
  if (r.burntInvitations > 0) parts.push(`作废未使用的邀请码 ${r.burntInvitations} 个。`);
  return parts.join('');
}

/** What the admin sends the person (WeChat chat, SMS): the code, the link and until when it works. */
export function inviteShareText(inv: InvitationView): string {
  return `${inv.name}您好，邀请您加入网格通。请在 ${shortTime(inv.expiresAt)} 前打开链接：${inv.link} ，或在小程序「我的 → 我有邀请码」输入邀请码 ${inv.code} 和您登记手机号的后四位。`;
}

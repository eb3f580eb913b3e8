import type { PartnerKeyView } from '@core/api/open311.contract';
import { shortTime } from './people-view';

/** 使用中 / 已停用 and what the key did lately, in one line under its name. */
export function partnerKeyMeta(k: PartnerKeyView): string {
  const created = `${shortTime(k.createdAt)}创建`;
  const calls = k.recentCalls ? `近期调用${k.recentCalls}次，最近 ${shortTime(k.lastCallAt ?? k.createdAt)}` : '还没有调用';
  return `${k.kindLabel} · ${k.prefix} · ${created} · ${calls}`;
}

export function revokePartnerConfirmText(k: PartnerKeyView): string {
  return `停用后「${k.name}」用这个密钥提交和查询会立即被拒绝，不能恢复；如需继续对接，请新建密钥发给对方。已提交的诉求不受影响。`;
}

import type { AuditPageView } from '@core/api/people.contract';
import { auditActionLabel } from '@core/people/audit-labels';
import { grantOf, ROLE_LABELS } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';

const PAGE = 30;

function words(value: unknown): string {
  if (value === null || value === undefined) return '无';
  if (Array.isArray(value)) return value.length ? value.map(words).join('、') : '无';
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).map(words).join('，');
  // Role codes in a detail (grid_worker…) read as their Chinese names.
  const text = String(value);
  return (ROLE_LABELS as Record<string, string>)[text] ?? text;
}

/** `people.audit`: the street's audit log, newest first, who (by name), when, what, and before → after. */
export async function listAudit(ctx: UserContext, input: { cursor?: string }): Promise<AuditPageView> {
  const streetId = (grantOf(ctx.actor, 'street_admin') ?? grantOf(ctx.actor, 'street_staff'))?.streetId;
  if (!streetId) throw new DomainError('AUTH.FORBIDDEN');
  const page = await ctx.deps.store.people.auditPage(streetId, input.cursor ?? null, PAGE);
  const ids = [...new Set(page.items.flatMap((e) => [e.actorId, e.targetType === 'user' ? e.targetId : '']).filter(Boolean))];
  const names = new Map((await ctx.deps.store.users.getMany(ids)).map((u) => [u.id, u.name]));
  return {
    entries: page.items.map((e) => {
      const d = e.detail as { from?: unknown; to?: unknown; name?: unknown };
      const summary = d.from !== undefined || d.to !== undefined ? `${words(d.from)} → ${words(d.to)}` : '';
      return {
        id: e.id,
        at: e.at,
        actorName: e.actorId === 'system' ? '系统（命令行）' : (names.get(e.actorId) ?? '未知人员'),
        action: e.action,
        actionLabel: auditActionLabel(e.action),
        targetName: e.targetType === 'user' ? (names.get(e.targetId) ?? (typeof d.name === 'string' ? d.name : e.targetId)) : typeof d.name === 'string' ? d.name : e.targetId,
        summary,
      };
    }),
    next: page.next,
  };
}

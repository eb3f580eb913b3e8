import type { CategoryOption, DepartmentOption, RequestDetail } from '@core/api/request.contract';
import type { UserContext } from '../context';
import { visibleRequest } from './request-access';
import { streetRules } from './street-rules';
import { toDetail } from './request-views';

export async function getRequest(ctx: UserContext, input: { id: string }): Promise<RequestDetail> {
  const request = await visibleRequest(ctx.deps, ctx.actor, input.id);
  return toDetail(ctx.deps, ctx.actor, request, await streetRules(ctx.deps, request.streetId), ctx.now);
}

function streetOf(ctx: UserContext): string | null {
  return ctx.user.residence?.streetId ?? ctx.actor.grants[0]?.streetId ?? null;
}

export async function listCategories(ctx: UserContext): Promise<CategoryOption[]> {
  const streetId = streetOf(ctx);
  if (!streetId) return [];
  const categories = await ctx.deps.store.requestConfig.categories(streetId);
  return categories.filter((c) => c.active).map((c) => ({ id: c.id, name: c.name, kind: c.kind, resolutionDays: c.resolutionDays }));
}

export async function listDepartments(ctx: UserContext): Promise<DepartmentOption[]> {
  const streetId = streetOf(ctx);
  if (!streetId) return [];
  return (await ctx.deps.store.requestConfig.departments(streetId)).map((d) => ({ id: d.id, name: d.name }));
}

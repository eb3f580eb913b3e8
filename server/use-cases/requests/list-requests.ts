import type { RequestContract, RequestPage, WorklistTab } from '@core/api/request.contract';
import { grantOf, workerGridIds } from '@core/people/role';
import { OPEN_STATUSES, REQUEST_STATUSES, STATUS_KIND, type RequestStatus } from '@core/requests/request.status';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { RequestQuery } from '../../ports/request.port';
import { streetRules } from './street-rules';
import { gridNames, toSummary } from './request-views';

const PAGE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
const CLOSED: RequestStatus[] = REQUEST_STATUSES.filter((s) => STATUS_KIND[s] === 'closed');
const DONE: RequestStatus[] = ['resolved', ...CLOSED];

async function page(ctx: UserContext, query: RequestQuery, cursor?: string): Promise<RequestPage> {
  const result = await ctx.deps.store.requests.listItems(query, { limit: PAGE, cursor: cursor ?? null });
  const names = await gridNames(ctx.deps, result.items.map((r) => r.gridId));
  return { items: result.items.map((r) => toSummary(r, names.get(r.gridId) ?? '', ctx.now)), next: result.next };
}

/**
 * 我的诉求: what the resident filed or what was filed for them, newest first; or (list 'following', 我同问的)
 * the requests they follow, most recently followed first, each marked with how they follow it.
 */
export async function listMine(ctx: UserContext, input: RequestContract['request']['mine']['input']): Promise<RequestPage> {
  if (input.list === 'following') {
    const result = await ctx.deps.store.followers.listForUser(ctx.user.id, { limit: PAGE, cursor: input.cursor ?? null });
    const names = await gridNames(ctx.deps, result.items.map((r) => r.item.gridId));
    return {
      items: result.items.map(({ item, follower }) => ({ ...toSummary(item, names.get(item.gridId) ?? '', ctx.now), followVia: follower.via })),
      next: result.next,
    };
  }
  const streetId = ctx.user.residence?.streetId ?? ctx.actor.grants[0]?.streetId;
  if (!streetId) return { items: [], next: null };
  return page(ctx, { streetId, residentId: ctx.user.id, sort: 'newest' }, input.cursor);
}

type Scope = Pick<RequestQuery, 'streetId' | 'communityId' | 'gridIds'>;

/** Lists are filtered on the server to the caller's reach: the street, their community, or their grids. */
function workScope(ctx: UserContext): { scope: Scope; kind: 'street' | 'community' | 'worker' } {
  const street = grantOf(ctx.actor, 'street_staff');
  if (street) return { scope: { streetId: street.streetId }, kind: 'street' };
  const community = grantOf(ctx.actor, 'community_staff');
  if (community) return { scope: { streetId: community.streetId, communityId: community.communityId }, kind: 'community' };
  const worker = grantOf(ctx.actor, 'grid_worker');
  if (worker) return { scope: { streetId: worker.streetId, gridIds: workerGridIds(ctx.actor) }, kind: 'worker' };
  throw new DomainError('AUTH.FORBIDDEN');
}

/** 工作台 tabs, sorted by deadline where a deadline runs. */
export async function listWork(ctx: UserContext, input: { tab: WorklistTab; cursor?: string }): Promise<RequestPage> {
  const { scope, kind } = workScope(ctx);
  if (kind === 'worker' && scope.gridIds?.length === 0) return { items: [], next: null };
  const staffOnly: WorklistTab[] = ['verify', 'dispatched', 'review'];
  if (kind === 'worker' && staffOnly.includes(input.tab)) throw new DomainError('AUTH.FORBIDDEN');
  const now = ctx.now.toISOString();
  let query: RequestQuery;
  switch (input.tab) {
    case 'new':
      query = { ...scope, statuses: ['submitted'], sort: 'deadline' };
      break;
    case 'mine':
      query = kind === 'worker'
        ? { ...scope, statuses: ['accepted', 'dispatched', 'in_progress'], handlerId: ctx.user.id, sort: 'deadline' }
        : { ...scope, statuses: ['accepted', 'dispatched', 'in_progress'], sort: 'deadline' };
      break;
    case 'overdue':
      query = { ...scope, statuses: OPEN_STATUSES, overdueAt: now, sort: 'deadline' };
      break;
    case 'done':
      query = { ...scope, statuses: DONE, sort: 'newest' };
      break;
    case 'verify': {
      const rules = await streetRules(ctx.deps, scope.streetId);
      const before = new Date(ctx.now.getTime() - rules.settings.confirmWindowDays * DAY_MS).toISOString();
      query = { ...scope, statuses: ['resolved'], resolvedBefore: before, sort: 'deadline' };
      break;
    }
    case 'dispatched':
      query = { ...scope, statuses: ['dispatched'], sort: 'deadline' };
      break;
    case 'review':
      query = { ...scope, statuses: ['held'], sort: 'newest' };
      break;
  }
  return page(ctx, query, input.cursor);
}

/** 诉求总览 for street staff (the whole street) and community staff (their community), with filters. */
export async function listStreet(ctx: UserContext, input: RequestContract['request']['streetList']['input']): Promise<RequestPage & { total: number }> {
  const { scope, kind } = workScope(ctx);
  if (kind === 'worker') throw new DomainError('AUTH.FORBIDDEN');
  if (kind === 'community' && input.communityId && input.communityId !== scope.communityId) throw new DomainError('AUTH.FORBIDDEN');
  const beijingStart = (d: string) => new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString();
  const query: RequestQuery = {
    ...scope,
    communityId: scope.communityId ?? input.communityId,
    gridIds: input.gridId ? [input.gridId] : undefined,
    categoryId: input.categoryId,
    statuses: input.overdue ? OPEN_STATUSES : input.status ? [input.status] : undefined,
    overdueAt: input.overdue ? ctx.now.toISOString() : undefined,
    createdFrom: input.from ? beijingStart(input.from) : undefined,
    createdTo: input.to ? new Date(Date.parse(beijingStart(input.to)) + DAY_MS).toISOString() : undefined,
    sort: input.overdue ? 'deadline' : 'newest',
  };
  const { sort: _sort, ...countQuery } = query;
  const [result, total] = await Promise.all([page(ctx, query, input.cursor), ctx.deps.store.requests.count(countQuery)]);
  return { ...result, total };
}

/**
 * 诉求台账: one row per request of the scope filed (createdAt) in the period,
 * with its timestamps, handler, deadlines, outcome and rating, newest first (the order the request index serves).
 *
 * What a file leaving the system may carry is less than a screen shows:
 * - no phone number, ever: not the callback phone, and no free text (description, notes, comments) that
 *   a resident may have typed one into;
 * - the reporter's name masked (张*) for every exporting role, and 匿名 when the resident chose to hide
 *   it from handlers other than their grid worker (request-views' rule, applied to everyone reading the
 *   file, since a file is passed on); patrol findings have no reporter.
 *
 * Rows stream: pages of requests are read as the writer asks for rows, so memory stays flat at any size.
 */
import { assessedWorkerId } from '@core/assessment/counters';
import { maskName } from '@core/people/phone';
import { currentDue, type ServiceRequest } from '@core/requests/request';
import { RATING_LABELS, SOURCE_LABELS, STATUS_LABELS } from '@core/requests/request.status';
import { handlerLabel } from '@core/requests/request.transitions';
import type { Deps } from '../context';
import type { RequestQuery } from '../../ports/request.port';
import { tableOf, type SheetData, type TableColumn } from '@core/exports/sheet';
import type { ExportScope } from './export-scope';

/**
 * Requests per requests.scan page: 100,000 rows are 400 queries, not the 1,000 that list's 100 would cost
 * on CloudBase. Not scan's 500: with 500 whole requests held per page the XLSX export's peak RSS went
 * past 200 MB (211–223 MB measured, 164–179 MB at 250; docs/BENCHMARKS.md).
 */
export const REQUEST_PAGE = 250;

/** 匿名 when hidden, 张* otherwise, empty for a patrol finding. */
export function reporterLabel(r: Pick<ServiceRequest, 'residentName' | 'hideName'>): string {
  if (!r.residentName) return '';
  return r.hideName ? '匿名' : maskName(r.residentName);
}

/** 及时 / 超时 for an accepted request; 超时未受理 / 未受理 for one still waiting; '' for one never to be accepted. */
export function responseOutcome(r: ServiceRequest, now: Date): string {
  if (r.acceptedAt) return Date.parse(r.acceptedAt) <= Date.parse(r.responseDueAt) ? '及时' : '超时';
  if (r.status !== 'submitted' && r.status !== 'held') return '';
  return Date.parse(r.responseDueAt) < now.getTime() ? '超时未受理' : '未受理';
}

/** 按期 / 超期 for a resolved request; 超期未办结 / 办理中 while the resolution deadline runs; '' otherwise. */
export function resolutionOutcome(r: ServiceRequest, now: Date): string {
  if (r.resolvedAt) return r.resolvedLate ? '超期' : '按期';
  const due = currentDue(r);
  if (due?.kind !== 'resolution') return '';
  return Date.parse(due.at) < now.getTime() ? '超期未办结' : '办理中';
}

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

export interface LedgerNames {
  community(id: string): string;
  grid(id: string): string;
}

export function ledgerColumns(names: LedgerNames, now: Date): TableColumn<ServiceRequest>[] {
  return [
    { header: '诉求编号', width: 26, kind: 'text', value: (r) => r.id },
    { header: '类别', width: 14, kind: 'text', value: (r) => r.categoryName },
    { header: '社区', width: 14, kind: 'text', value: (r) => names.community(r.communityId) },
    { header: '网格', width: 20, kind: 'text', value: (r) => names.grid(r.gridId) },
    { header: '来源', width: 11, kind: 'text', value: (r) => SOURCE_LABELS[r.source] },
    { header: '状态', width: 10, kind: 'text', value: (r) => STATUS_LABELS[r.status] },
    { header: '反映人', width: 9, kind: 'text', value: reporterLabel },
    { header: '提交时间', width: 17, kind: 'datetime', value: (r) => date(r.createdAt) },
    { header: '受理期限', width: 17, kind: 'datetime', value: (r) => date(r.responseDueAt) },
    { header: '受理时间', width: 17, kind: 'datetime', value: (r) => date(r.acceptedAt) },
    { header: '受理是否及时', width: 12, kind: 'text', value: (r) => responseOutcome(r, now) },
    { header: '办结期限', width: 17, kind: 'datetime', value: (r) => date(r.resolutionDueAt) },
    { header: '办结时间', width: 17, kind: 'datetime', value: (r) => date(r.resolvedAt) },
    { header: '是否按期办结', width: 12, kind: 'text', value: (r) => resolutionOutcome(r, now) },
    { header: '关闭时间', width: 17, kind: 'datetime', value: (r) => date(r.closedAt) },
    { header: '处理人', width: 22, kind: 'text', value: (r) => (r.handler ? handlerLabel(r.handler) : '') },
    { header: '评价', width: 10, kind: 'text', value: (r) => (r.rating ? RATING_LABELS[r.rating.value] : '') },
    { header: '重办次数', width: 9, kind: 'integer', value: (r) => r.reopenCount },
  ];
}

/**
 * The scope's requests filed in [from, to), newest first, page after page through requests.scan (list's
 * filters, order and index with larger pages: the internal path for readers that walk a whole selection).
 * The worker scope is also checked row by row against core's assessedWorkerId, so the export is right
 * whatever an adapter does with the filter.
 */
export async function* scopeRequests(deps: Deps, scope: ExportScope, range: { from: string; to: string }): AsyncIterable<ServiceRequest> {
  const query: RequestQuery = { ...scope.requests, createdFrom: range.from, createdTo: range.to, sort: 'newest' };
  const worker = scope.requests.assessedWorkerId;
  let cursor: string | null = null;
  do {
    const page = await deps.store.requests.scan(query, { limit: REQUEST_PAGE, cursor });
    for (const r of page.items) if (!worker || assessedWorkerId(r) === worker) yield r;
    cursor = page.next;
  } while (cursor);
}

export function requestsSheet(deps: Deps, scope: ExportScope, range: { from: string; to: string }, title: string, now: Date): SheetData {
  const names: LedgerNames = {
    community: (id) => scope.places.communities.get(id)?.name ?? '',
    grid: (id) => scope.places.grids.get(id)?.name ?? '',
  };
  return tableOf({ name: '诉求台账', title, columns: ledgerColumns(names, now) }, scopeRequests(deps, scope, range));
}

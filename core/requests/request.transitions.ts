/**
 * The request lifecycle: one table, one `transition()`. Nothing else writes a status. Every transition
 * returns the event that records it, and the store writes both in the same write.
 */
import { DomainError } from '../shared/errors';
import type { Actor } from '../people/role';
import { grantOf } from '../people/role';
import type { Handler, RequestEvent, ServiceRequest } from './request';
import type { RequestStatus } from './request.status';

/** The parts a caller can play towards one request. */
export type Party = 'resident' | 'grid_worker' | 'handler' | 'community' | 'system';

export const REQUEST_ACTIONS = [
  'submit',
  'hold',
  'release',
  'refuse',
  'accept',
  'dispatch',
  'reject',
  'withdraw',
  'progress',
  'resolve',
  'confirm',
  'rate',
  'reopen',
  'verify',
  'reassign',
  'archive',
  'merge',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

interface Rule {
  /** The timeline's name for the step. */
  label: string;
  /** The app's button, where it asks in other words than the timeline tells (重办 is asked as 不满意，申请重办). */
  button?: string;
  from: readonly (RequestStatus | null)[];
  to: RequestStatus;
  by: readonly Party[];
}

export const TRANSITIONS: Record<RequestAction, Rule> = {
  // system: a partner system (12345热线, 城市平台) posting over Open311 with its api_key.
  submit: { label: '发现上报', from: [null], to: 'submitted', by: ['resident', 'grid_worker', 'system'] },
  // Text the content check flags is held for community review instead of reaching the handlers.
  hold: { label: '提交待审核', from: [null], to: 'held', by: ['resident', 'grid_worker', 'system'] },
  release: { label: '审核通过', from: ['held'], to: 'submitted', by: ['community'] },
  refuse: { label: '审核不通过', from: ['held'], to: 'rejected', by: ['community'] },
  accept: { label: '受理', from: ['submitted'], to: 'accepted', by: ['grid_worker', 'community'] },
  dispatch: { label: '派遣', from: ['submitted', 'accepted'], to: 'dispatched', by: ['grid_worker', 'community'] },
  reject: { label: '不予受理', from: ['submitted'], to: 'rejected', by: ['grid_worker', 'community'] },
  withdraw: { label: '撤回', from: ['held', 'submitted'], to: 'withdrawn', by: ['resident'] },
  progress: { label: '处置反馈', from: ['accepted', 'dispatched', 'in_progress'], to: 'in_progress', by: ['handler'] },
  resolve: { label: '办结', from: ['accepted', 'dispatched', 'in_progress'], to: 'resolved', by: ['handler'] },
  confirm: { label: '确认办结', from: ['resolved'], to: 'verified', by: ['resident'] },
  rate: { label: '评价', from: ['verified'], to: 'archived', by: ['resident'] },
  reopen: { label: '重办', button: '不满意，申请重办', from: ['resolved', 'verified'], to: 'in_progress', by: ['resident'] },
  verify: { label: '任务核查', button: '核查', from: ['resolved'], to: 'verified', by: ['community'] },
  reassign: { label: '改派', from: ['submitted', 'accepted', 'dispatched', 'in_progress'], to: 'submitted', by: ['community'] },
  archive: { label: '事件归档', from: ['verified'], to: 'archived', by: ['system', 'community'] },
  // 合并: a duplicate of another open request goes into it. Only the community's staff: merging takes a request
  // out of the 考核 figures (core/assessment contributionsOf), which its own grid worker must not decide.
  // Not once resolved: a result exists then, and the resident confirms or rates it.
  merge: { label: '合并到其他诉求', from: ['held', 'submitted', 'accepted', 'dispatched', 'in_progress'], to: 'merged', by: ['community'] },
};

export const ACTION_LABELS: Record<RequestAction, string> = Object.fromEntries(
  Object.entries(TRANSITIONS).map(([k, v]) => [k, v.label]),
) as Record<RequestAction, string>;

/** The app's button for an action: its own wording where it has one, else the timeline's name. */
export function actionButtonLabel(action: RequestAction): string {
  return TRANSITIONS[action].button ?? TRANSITIONS[action].label;
}

/** Timeline entries that change no status: written by the system around the request, not by a transition. */
const EVENT_ONLY_LABELS: Record<string, string> = { transfer: '网格移交', merge_in: '合并同类诉求' };

/** The Chinese name of a timeline entry; an action this version does not know reads 「其他处理」, never its code. */
export function eventLabel(action: string): string {
  return ACTION_LABELS[action as RequestAction] ?? EVENT_ONLY_LABELS[action] ?? '其他处理';
}

/** What a caller is to this request. Pure: the same answer hides buttons in the app and refuses on the server. */
export function partiesOf(actor: Actor | 'system', request: ServiceRequest): Set<Party> {
  const parties = new Set<Party>();
  if (actor === 'system') return new Set(['system']);
  if (request.residentId !== null && request.residentId === actor.userId) parties.add('resident');
  const worker = grantOf(actor, 'grid_worker');
  if (worker && worker.streetId === request.streetId && (worker.gridIds.includes(request.gridId) || worker.backupGridIds.includes(request.gridId))) {
    parties.add('grid_worker');
  }
  const community = grantOf(actor, 'community_staff');
  if (community && community.streetId === request.streetId && community.communityId === request.communityId) parties.add('community');
  const h = request.handler;
  if (h) {
    if (h.kind === 'worker' && h.id === actor.userId) parties.add('handler');
    // Requests dispatched to the community or to a department through it are worked by the community's staff.
    if (h.kind !== 'worker' && parties.has('community')) parties.add('handler');
    // The community may step in for an absent worker.
    if (h.kind === 'worker' && parties.has('community')) parties.add('handler');
  }
  return parties;
}

export function allowedActions(actor: Actor | 'system', request: ServiceRequest): RequestAction[] {
  const parties = partiesOf(actor, request);
  return REQUEST_ACTIONS.filter((a) => {
    const rule = TRANSITIONS[a];
    return !rule.from.includes(null) && rule.from.includes(request.status) && rule.by.some((p) => parties.has(p));
  });
}

/** Fields a transition may change besides the status, which only the table sets. */
export type TransitionPatch = Partial<
  Pick<
    ServiceRequest,
    | 'handler'
    | 'gridId'
    | 'communityId'
    | 'responseDueAt'
    | 'resolutionDueAt'
    | 'dueUncalibrated'
    | 'reopenCount'
    | 'rating'
    | 'rejectReason'
    | 'acceptedAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'resolvedLate'
    | 'mergedInto'
  >
>;

export interface TransitionInput {
  action: RequestAction;
  actor: { role: RequestEvent['actor']['role']; id: string; name: string };
  parties: Set<Party>;
  at: string;
  eventId: string;
  /** Sequence number of the new event: one more than the last event of the request. */
  seq: number;
  note?: string;
  photoFileIds?: string[];
  patch?: TransitionPatch;
}

/** A request before its first event: everything but the status, which the table decides. */
export type RequestDraft = Omit<ServiceRequest, 'status' | 'version'>;

/** The first transition: `submit` (or `hold` when the content check flagged the text) creates the request. */
export function openRequest(
  draft: RequestDraft,
  input: Omit<TransitionInput, 'action' | 'seq' | 'patch'> & { action: 'submit' | 'hold' },
): { request: ServiceRequest; event: RequestEvent } {
  const rule = TRANSITIONS[input.action];
  if (!rule.by.some((p) => input.parties.has(p))) throw new DomainError('AUTH.FORBIDDEN');
  const request: ServiceRequest = { ...draft, status: rule.to, version: 1, updatedAt: input.at };
  const event: RequestEvent = {
    id: input.eventId,
    requestId: draft.id,
    seq: 1,
    action: input.action,
    from: null,
    to: rule.to,
    actor: input.actor,
    note: input.note ?? '',
    photoFileIds: input.photoFileIds ?? [],
    at: input.at,
  };
  return { request, event };
}

/**
 * Applies one action. Refuses (REQUEST.ILLEGAL_TRANSITION) an action the table does not allow from the
 * current status, and (AUTH.FORBIDDEN) a caller who plays none of the parties the action needs.
 */
export function transition(request: ServiceRequest, input: TransitionInput): { request: ServiceRequest; event: RequestEvent } {
  const rule = TRANSITIONS[input.action];
  if (!rule.by.some((p) => input.parties.has(p))) throw new DomainError('AUTH.FORBIDDEN');
  if (rule.from.includes(null) || !rule.from.includes(request.status)) throw new DomainError('REQUEST.ILLEGAL_TRANSITION');
  const next: ServiceRequest = {
    ...request,
    ...input.patch,
    status: rule.to,
    version: request.version + 1,
    updatedAt: input.at,
  };
  const event: RequestEvent = {
    id: input.eventId,
    requestId: request.id,
    seq: input.seq,
    action: input.action,
    from: request.status,
    to: rule.to,
    actor: input.actor,
    note: input.note ?? '',
    photoFileIds: input.photoFileIds ?? [],
    at: input.at,
  };
  return { request: next, event };
}

export function handlerLabel(h: Handler | null): string {
  if (!h) return '待受理';
  return h.kind === 'worker' ? `网格员 ${h.name}` : h.kind === 'community' ? h.name : `${h.name}（经社区派遣）`;
}

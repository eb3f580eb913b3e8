/**
 * Every transition tells whoever must act or wants to know: the resident on each step; the grid's
 * workers when a request is new for them (submitted, released after review, reassigned to their grid);
 * the handler when the resident sends it back (重办). Each in-app message gets an outbox record for the
 * WeChat subscribe channel in the same write — except for the person who acted; delivery is the
 * dispatcher's job.
 */
import type { InboxMessage, MessageTemplate, OutboxRecord } from '@core/messages/message';
import { outboxId } from '@core/messages/message';
import type { RequestEvent, ServiceRequest } from '@core/requests/request';
import { STATUS_LABELS } from '@core/requests/request.status';
import type { Deps } from '../context';

const RESIDENT_TITLES: Record<string, string> = {
  submit: '诉求已提交',
  hold: '诉求已提交，正在审核',
  release: '诉求已通过审核',
  refuse: '诉求未通过审核',
  accept: '诉求已受理',
  dispatch: '诉求已派遣',
  reject: '诉求不予受理',
  withdraw: '诉求已撤回',
  progress: '诉求有新进展',
  resolve: '诉求已办结，请确认',
  confirm: '感谢您的确认',
  rate: '感谢您的评价',
  reopen: '已申请重办',
  verify: '诉求已由社区核查',
  reassign: '诉求已改派',
  archive: '诉求已归档',
  merge: '诉求已合并办理',
};

interface Recipient {
  userId: string;
  title: string;
  body: string;
  template: MessageTemplate;
}

function beijingTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

async function gridWorkers(deps: Deps, gridId: string): Promise<string[]> {
  const grid = await deps.store.places.getGrid(gridId);
  return [grid?.primaryWorkerId, grid?.backupWorkerId].filter((x): x is string => Boolean(x));
}

export async function noticesFor(
  deps: Deps,
  request: ServiceRequest,
  event: RequestEvent,
): Promise<{ messages: InboxMessage[]; outbox: OutboxRecord[] }> {
  const recipients: Recipient[] = [];
  const subject = `「${request.categoryName}」`;
  if (request.residentId) {
    let body = `您反映的${subject}${STATUS_LABELS[request.status]}。`;
    if (event.action === 'accept' && request.resolutionDueAt) body = `您反映的${subject}已受理，将在${beijingTime(request.resolutionDueAt)}前办结。`;
    if (event.action === 'resolve') body = `您反映的${subject}已办结，请查看办理结果并确认、评价。`;
    if ((event.action === 'reject' || event.action === 'refuse') && request.rejectReason) body = `您反映的${subject}不予受理。原因：${request.rejectReason}`;
    if (event.action === 'progress' && event.note) body = `${subject}处置进展：${event.note}`;
    if (event.action === 'merge') body = `您反映的${subject}与附近的同类诉求是同一问题，已合并办理；您会以「同问」身份收到办理进展。`;
    const title = RESIDENT_TITLES[event.action] ?? '诉求状态更新';
    recipients.push({ userId: request.residentId, title, body, template: event.action === 'resolve' ? 'request_confirm' : 'request_status' });
  }
  if (event.action === 'submit' || event.action === 'release' || event.action === 'reassign') {
    const due = beijingTime(request.responseDueAt);
    for (const workerId of await gridWorkers(deps, request.gridId)) {
      if (workerId === event.actor.id) continue;
      recipients.push({ userId: workerId, title: '新诉求待受理', body: `${subject}${request.address ? `（${request.address}）` : ''}，请在${due}前受理。`, template: 'request_new' });
    }
  }
  if (event.action === 'reopen' && request.handler?.kind === 'worker' && request.resolutionDueAt) {
    recipients.push({
      userId: request.handler.id,
      title: '居民不满意，诉求重办',
      body: `${subject}已重办（第${request.reopenCount}次），请在${beijingTime(request.resolutionDueAt)}前办结。`,
      template: 'request_new',
    });
  }

  // 同问: every follower hears of the resolution (the handler's result, and that they may rate it), in the
  // inbox always and by subscribe message where they consented; bounded by the followers one request can have.
  if (event.action === 'resolve' && (request.followerCount ?? 0) > 0) {
    for (const f of await deps.store.followers.listForRequest(request.id, 1000)) {
      if (f.userId === request.residentId) continue;
      recipients.push({ userId: f.userId, title: '您同问的诉求已办结', body: `您同问的${subject}已办结，可以查看办理结果并评价。`, template: 'request_status' });
    }
  }

  const messages: InboxMessage[] = [];
  const outbox: OutboxRecord[] = [];
  for (const r of recipients) {
    messages.push({ id: deps.newId(), userId: r.userId, title: r.title, body: r.body, link: { kind: 'request', id: request.id }, at: event.at, readAt: null });
    // Nobody is pushed about what they just did themselves (submitting, confirming, withdrawing): they are
    // in the app and the inbox has it. A push would also spend the consent they gave for the next change.
    if (r.userId === event.actor.id) continue;
    outbox.push({
      id: outboxId(event.id, r.userId, 'subscribe'),
      eventId: event.id,
      recipientId: r.userId,
      channel: 'subscribe',
      template: r.template,
      payload: { title: r.title, category: request.categoryName, status: STATUS_LABELS[request.status], time: beijingTime(event.at), requestId: request.id },
      status: 'pending',
      attempts: 0,
      nextTryAt: event.at,
      lastError: null,
      createdAt: event.at,
    });
  }
  return { messages, outbox };
}

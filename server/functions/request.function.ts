import { REQUEST_SCHEMAS } from '@core/api/request.schemas';
import { getCalendarStatus } from '../use-cases/calendar/calendar-status';
import { importCalendar } from '../use-cases/calendar/import-calendar';
import { archiveRated } from '../use-cases/requests/archive-rated';
import { remindDeadlines, requestJobs, routeUnconfirmed } from '../use-cases/requests/deadline-jobs';
import { getRequest, listCategories, listDepartments } from '../use-cases/requests/get-request';
import { listMine, listStreet, listWork } from '../use-cases/requests/list-requests';
import { fileRequest, submitRequest } from '../use-cases/requests/submit-request';
import {
  acceptRequest,
  confirmRequest,
  dispatchRequest,
  progressRequest,
  rateRequest,
  refuseRequest,
  reassignRequest,
  rejectRequest,
  releaseRequest,
  reopenRequest,
  resolveRequest,
  verifyRequest,
  withdrawRequest,
} from '../use-cases/requests/transition-request';
import { mergeRequest } from '../use-cases/requests/merge-request';
import { metooRequest } from '../use-cases/requests/metoo-request';
import { rateFollowed } from '../use-cases/requests/rate-followed';
import { mergeCandidates, similarRequests } from '../use-cases/requests/similar-requests';
import { defineFunction } from './define-function';

const s = REQUEST_SCHEMAS.request;

/**
 * 诉求: the six-step loop. Each action names the permission it needs anywhere; the use case then checks
 * the caller's part in this very request (resident, grid worker, handler, community) on the server.
 */
export const requestFunction = defineFunction(
  'request',
  {
    categories: { permission: 'request.view', input: s.categories, run: (ctx) => listCategories(ctx) },
    departments: { permission: 'request.handle', input: s.departments, run: (ctx) => listDepartments(ctx) },
    submit: { permission: 'request.submit', input: s.submit, run: (ctx, i) => submitRequest(ctx, { ...i, hideName: i.hideName ?? false }) },
    file: { permission: 'request.file', input: s.file, run: fileRequest },
    mine: { permission: 'request.view', input: s.mine, run: listMine },
    worklist: { permission: 'request.handle', input: s.worklist, run: listWork },
    streetList: { permission: 'request.list_street', input: s.streetList, run: listStreet },
    detail: { permission: 'request.view', input: s.detail, run: getRequest },
    accept: { permission: 'request.handle', input: s.accept, run: acceptRequest },
    dispatch: { permission: 'request.handle', input: s.dispatch, run: dispatchRequest },
    reject: { permission: 'request.handle', input: s.reject, run: rejectRequest },
    withdraw: { permission: 'request.follow', input: s.withdraw, run: withdrawRequest },
    progress: { permission: 'request.handle', input: s.progress, run: progressRequest },
    resolve: { permission: 'request.handle', input: s.resolve, run: resolveRequest },
    confirm: { permission: 'request.follow', input: s.confirm, run: confirmRequest },
    rate: { permission: 'request.follow', input: s.rate, run: rateRequest },
    reopen: { permission: 'request.follow', input: s.reopen, run: reopenRequest },
    verify: { permission: 'request.verify', input: s.verify, run: verifyRequest },
    reassign: { permission: 'request.verify', input: s.reassign, run: reassignRequest },
    release: { permission: 'request.verify', input: s.release, run: releaseRequest },
    refuse: { permission: 'request.verify', input: s.refuse, run: refuseRequest },
    // 同问 and 合并 (docs/SAME-ISSUE.md).
    similar: { permission: 'request.metoo', input: s.similar, run: similarRequests },
    metoo: { permission: 'request.metoo', input: s.metoo, run: metooRequest },
    rateFollowed: { permission: 'request.metoo', input: s.rateFollowed, run: rateFollowed },
    mergeCandidates: { permission: 'request.merge', input: s.mergeCandidates, run: mergeCandidates },
    merge: { permission: 'request.merge', input: s.merge, run: mergeRequest },
    // The working-day calendar deadlines are counted on: its status for staff, loading a year for a street administrator.
    calendarStatus: { permission: 'calendar.view', input: s.calendarStatus, run: getCalendarStatus },
    importCalendar: { permission: 'calendar.manage', input: s.importCalendar, run: importCalendar },
    // Timer jobs (config.json: every 5 minutes runs them all); each also callable alone by the platform.
    archiveRated: { permission: 'system', run: archiveRated },
    remindDeadlines: { permission: 'system', run: remindDeadlines },
    routeUnconfirmed: { permission: 'system', run: routeUnconfirmed },
    timerJobs: { permission: 'system', run: requestJobs },
  },
  { timerAction: 'timerJobs' },
);

import { NOTICE_SCHEMAS as s } from '@core/api/notice.schemas';
import { gridReach, listManagedNotices, markReached, noticeCoverage } from '../use-cases/notices/notice-coverage';
import { acknowledgeNotice, noticeFeed, noticeUnread, openNotice } from '../use-cases/notices/notice-feed';
import { editNotice, publishNotice, scopeOptions, withdrawNotice } from '../use-cases/notices/publish-notice';
import { defineFunction } from './define-function';

/**
 * 通知公告: publish once to a scope, residents pull what reaches their household, coverage shows who has not
 * been reached. Each action names its permission; the use case checks the exact scope on the server.
 */
export const noticeFunction = defineFunction('notice', {
  feed: { permission: 'notice.read', input: s.feed, run: noticeFeed },
  unread: { permission: 'notice.read', input: s.unread, run: (ctx) => noticeUnread(ctx) },
  open: { permission: 'notice.read', input: s.open, run: openNotice },
  acknowledge: { permission: 'notice.read', input: s.acknowledge, run: acknowledgeNotice },
  scopeOptions: { permission: 'notice.publish', input: s.scopeOptions, run: (ctx) => scopeOptions(ctx) },
  publish: { permission: 'notice.publish', input: s.publish, run: publishNotice },
  edit: { permission: 'notice.publish', input: s.edit, run: editNotice },
  withdraw: { permission: 'notice.publish', input: s.withdraw, run: withdrawNotice },
  manageList: { permission: 'notice.coverage', input: s.manageList, run: listManagedNotices },
  coverage: { permission: 'notice.coverage', input: s.coverage, run: noticeCoverage },
  gridReach: { permission: 'notice.coverage', input: s.gridReach, run: gridReach },
  markReached: { permission: 'notice.reach', input: s.markReached, run: markReached },
});

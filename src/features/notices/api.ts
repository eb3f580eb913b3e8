import type {
  EditNoticeInput,
  GridReach,
  NoticeCoverage,
  NoticeDetail,
  NoticeFeed,
  NoticeManageItem,
  PublishNoticeInput,
  ScopeOptions,
} from '@core/api/notice.contract';
import { cloud } from '../../lib/cloud';

export interface ManagePage {
  items: NoticeManageItem[];
  next: string | null;
}

/**
 * 通知公告. The tab page (main package) uses feed and unread only; everything else is called from the
 * notices subpackage.
 */
export const noticeApi = {
  feed: (cursor?: string): Promise<NoticeFeed> => cloud.call('notice', 'feed', cursor ? { cursor } : {}),
  unread: (): Promise<{ count: number }> => cloud.call('notice', 'unread', {}),
  /** Opening is what records the read (a resident in scope); staff see it without leaving a receipt. */
  open: (id: string): Promise<NoticeDetail> => cloud.call('notice', 'open', { id }),
  acknowledge: (id: string): Promise<NoticeDetail> => cloud.call('notice', 'acknowledge', { id }),
  scopeOptions: (): Promise<ScopeOptions> => cloud.call('notice', 'scopeOptions', {}),
  /** Carries an idempotency key: sending it again (a retry after a lost reply) gives back the same notice. */
  publish: (input: PublishNoticeInput): Promise<{ id: string; duplicate: boolean }> => cloud.call('notice', 'publish', input),
  edit: (input: EditNoticeInput): Promise<NoticeDetail> => cloud.call('notice', 'edit', input),
  withdraw: (id: string, version: number, reason: string): Promise<NoticeDetail> => cloud.call('notice', 'withdraw', { id, version, reason }),
  manageList: (cursor?: string): Promise<ManagePage> => cloud.call('notice', 'manageList', cursor ? { cursor } : {}),
  coverage: (id: string): Promise<NoticeCoverage> => cloud.call('notice', 'coverage', { id }),
  gridReach: (id: string, gridId: string): Promise<GridReach> => cloud.call('notice', 'gridReach', { id, gridId }),
  markReached: (input: { id: string; householdId: string; method: 'visit' | 'phone'; note?: string }): Promise<GridReach> =>
    cloud.call('notice', 'markReached', input),
  uploadPhoto: (localPath: string): Promise<string> => cloud.uploadImage(localPath),
  uploadPdf: (localPath: string): Promise<string> => cloud.uploadFile(localPath),
};

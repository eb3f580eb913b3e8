import type { CalendarStatus } from '@core/calendar/calendar-status';
import type { ActionInput, GridSummary } from '@core/api/contract';
import type {
  CategoryOption,
  DepartmentOption,
  FileInput,
  RequestContract,
  RequestDetail,
  RequestPage,
  SimilarSuggestion,
  SubmitInput,
  WorklistTab,
} from '@core/api/request.contract';
import type { Rating } from '@core/requests/request.status';
import { cloud } from '../../lib/cloud';

/** The actions a person takes on an open request from its detail page; each answers with the new detail. */
export type DetailAction = Exclude<keyof RequestContract['request'], 'categories' | 'departments' | 'submit' | 'file' | 'mine' | 'worklist' | 'streetList' | 'detail' | 'calendarStatus' | 'importCalendar'
  | 'similar' | 'metoo' | 'rateFollowed' | 'mergeCandidates' | 'merge'>;

export type StreetFilter = ActionInput<'request', 'streetList'>;

export const requestApi = {
  categories: (): Promise<CategoryOption[]> => cloud.call('request', 'categories', {}),
  departments: (): Promise<DepartmentOption[]> => cloud.call('request', 'departments', {}),
  /** Carries an idempotency key: sending it again (a retry after a lost reply) gives back the same request. */
  submit: (input: SubmitInput): Promise<RequestDetail> => cloud.call('request', 'submit', input),
  file: (input: FileInput): Promise<RequestDetail> => cloud.call('request', 'file', input),
  mine: (cursor?: string, list: 'filed' | 'following' = 'filed'): Promise<RequestPage> =>
    cloud.call('request', 'mine', { ...(cursor ? { cursor } : {}), ...(list === 'following' ? { list } : {}) }),
  /** 附近已有相似诉求 while writing (nothing is stored). */
  similar: (categoryId: string, description: string): Promise<{ items: SimilarSuggestion[] }> => cloud.call('request', 'similar', { categoryId, description }),
  metoo: (id: string): Promise<RequestDetail> => cloud.call('request', 'metoo', { id }),
  rateFollowed: (id: string, rating: Rating, comment?: string): Promise<RequestDetail> =>
    cloud.call('request', 'rateFollowed', { id, rating, ...(comment ? { comment } : {}) }),
  mergeCandidates: (id: string): Promise<{ items: SimilarSuggestion[] }> => cloud.call('request', 'mergeCandidates', { id }),
  merge: (ref: { id: string; version: number }, targetId: string, note?: string): Promise<RequestDetail> =>
    cloud.call('request', 'merge', { ...ref, targetId, ...(note ? { note } : {}) }),
  worklist: (tab: WorklistTab, cursor?: string): Promise<RequestPage> => cloud.call('request', 'worklist', cursor ? { tab, cursor } : { tab }),
  streetList: (filter: StreetFilter): Promise<RequestPage & { total: number }> => cloud.call('request', 'streetList', filter),
  detail: (id: string): Promise<RequestDetail> => cloud.call('request', 'detail', { id }),
  /** Staff only: which years' 放假/调休 calendar is missing, with the warning to show. */
  calendarStatus: (): Promise<CalendarStatus> => cloud.call('request', 'calendarStatus', {}),
  act: <A extends DetailAction>(action: A, input: ActionInput<'request', A>): Promise<RequestDetail> => cloud.call('request', action, input) as Promise<RequestDetail>,
  /** Grids the caller may see: a worker's own, a community's, or the street's. */
  grids: (): Promise<GridSummary[]> => cloud.call('grid', 'list', {}),
  uploadPhoto: (localPath: string): Promise<string> => cloud.uploadImage(localPath),
};

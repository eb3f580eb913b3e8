/**
 * The `request` function's contract: the six-step loop as the app sees it (the inbox is in message.contract.ts).
 */
import type { CalendarStatus } from '../calendar/calendar-status';
import type { YearCalendar } from '../calendar/working-days';
import type { GeoPoint } from '../requests/request';
import type { CategoryKind, Rating, RequestSource, RequestStatus } from '../requests/request.status';
import type { RequestAction } from '../requests/request.transitions';
import type { SimilarSuggestion } from '../requests/similar';

export type { SimilarSuggestion } from '../requests/similar';

export interface CategoryOption {
  id: string;
  name: string;
  kind: CategoryKind;
  resolutionDays: number;
}

export interface DepartmentOption {
  id: string;
  name: string;
}

export interface RequestSummary {
  id: string;
  categoryName: string;
  /** First 60 characters. */
  excerpt: string;
  status: RequestStatus;
  statusLabel: string;
  source: RequestSource;
  gridId: string;
  gridName: string;
  createdAt: string;
  /** The deadline that matters now: response before acceptance, resolution after; null once closed. */
  dueAt: string | null;
  dueKind: 'response' | 'resolution' | null;
  /** The deadline was counted through a year with no holiday calendar (weekends only): show 期限未按节假日校准. */
  dueUncalibrated: boolean;
  /** 未核实住户: the resident's binding was not confirmed by the grid worker when they filed it. */
  unverifiedResident: boolean;
  overdue: boolean;
  reopenCount: number;
  photoCount: number;
  /** 同问人数: residents following it besides its reporter (同问, or reporters of duplicates merged into it). */
  followerCount: number;
  /** In 我同问的: how the caller follows it (同问 or 合并); absent elsewhere. */
  followVia?: 'metoo' | 'merge';
}

/** The caller's own 同问 of a request (null when they do not follow it). */
export interface FollowView {
  via: 'metoo' | 'merge';
  /** 同问 / 诉求合并后转为同问 */
  viaLabel: string;
  at: string;
  rating: { value: Rating; label: string; comment: string; at: string } | null;
  /** The handler resolved it and the caller has not rated it yet. */
  canRate: boolean;
}

export interface TimelineEntry {
  action: string;
  actionLabel: string;
  from: RequestStatus | null;
  to: RequestStatus;
  /** Role label + masked name, e.g. 网格员 张*. */
  who: string;
  note: string;
  photoUrls: string[];
  at: string;
}

export interface RequestDetail extends RequestSummary {
  description: string;
  photoUrls: string[];
  location: GeoPoint | null;
  address: string | null;
  /** Present only for the current handler while the request is open. */
  callbackPhone: string | null;
  /** The resident's name as this viewer may see it (masked or hidden per the resident's choice). */
  residentName: string | null;
  consentNote: string | null;
  handlerLabel: string;
  rating: { value: Rating; label: string; comment: string; at: string } | null;
  rejectReason: string | null;
  communityName: string;
  responseDueAt: string;
  resolutionDueAt: string | null;
  resolvedLate: boolean | null;
  flagged: boolean;
  version: number;
  timeline: TimelineEntry[];
  /** What this viewer may do now (the server checks again on every action). */
  actions: RequestAction[];
  /** 已合并: the request it went into. */
  mergedInto: string | null;
  /** The caller follows it (同问): they see status and timeline, never the reporter's name, address or photos. */
  follow: FollowView | null;
  /** Followers' own ratings, for its handlers and staff only (no names); the assessment counts the reporter's rating. */
  followerRatings: { value: Rating; label: string; comment: string; at: string }[];
}

export interface RequestPage {
  items: RequestSummary[];
  next: string | null;
}

export const WORKLIST_TABS = ['new', 'mine', 'overdue', 'done', 'verify', 'dispatched', 'review'] as const;
export type WorklistTab = (typeof WORKLIST_TABS)[number];
export const WORKLIST_TAB_LABELS: Record<WorklistTab, string> = {
  new: '待受理',
  mine: '处理中',
  overdue: '已超期',
  done: '已办结',
  verify: '待核查',
  dispatched: '派遣给社区',
  review: '待审核',
};

export interface SubmitInput {
  idempotencyKey: string;
  categoryId: string;
  description: string;
  photoFileIds: string[];
  location?: GeoPoint;
  address?: string;
  callbackPhone?: string;
  hideName: boolean;
}

export interface FileInput extends Omit<SubmitInput, 'hideName'> {
  gridId: string;
  source: 'patrol' | 'proxy';
  /** Proxy filings: who it is for and their consent as noted. */
  residentName?: string;
  consentNote?: string;
}

type Ref = { id: string; version: number };
type Empty = Record<string, never>;

export interface RequestContract {
  request: {
    categories: { input: Empty; output: CategoryOption[] };
    departments: { input: Empty; output: DepartmentOption[] };
    submit: { input: SubmitInput; output: RequestDetail };
    file: { input: FileInput; output: RequestDetail };
    /** 我的诉求: what the caller filed (list 'filed', the default), or what they follow (list 'following', 我同问的). */
    mine: { input: { cursor?: string; list?: 'filed' | 'following' }; output: RequestPage };
    /** While writing: open requests of the category in the caller's building or grid from the last 30 days, best first, at most 5. */
    similar: { input: { categoryId: string; description: string }; output: { items: SimilarSuggestion[] } };
    /** 同问: follow this request instead of filing a new one. */
    metoo: { input: { id: string }; output: RequestDetail };
    /** A follower's own rating once the request is resolved (once). */
    rateFollowed: { input: { id: string; rating: Rating; comment?: string }; output: RequestDetail };
    /** Staff: open requests like this one in its grid (what it may be merged into). */
    mergeCandidates: { input: { id: string }; output: { items: SimilarSuggestion[] } };
    /** 合并: this duplicate goes into `targetId`; its reporter and followers follow the target. */
    merge: { input: Ref & { targetId: string; note?: string }; output: RequestDetail };
    worklist: { input: { tab: WorklistTab; cursor?: string }; output: RequestPage };
    streetList: {
      input: {
        communityId?: string;
        gridId?: string;
        categoryId?: string;
        status?: RequestStatus;
        overdue?: boolean;
        from?: string;
        to?: string;
        cursor?: string;
      };
      output: RequestPage & { total: number };
    };
    detail: { input: { id: string }; output: RequestDetail };
    accept: { input: Ref; output: RequestDetail };
    dispatch: { input: Ref & { target: 'community' | 'department'; departmentId?: string; reason: string }; output: RequestDetail };
    reject: { input: Ref & { reason: string }; output: RequestDetail };
    withdraw: { input: Ref; output: RequestDetail };
    progress: { input: Ref & { note: string; photoFileIds: string[] }; output: RequestDetail };
    resolve: { input: Ref & { note: string; photoFileIds: string[] }; output: RequestDetail };
    confirm: { input: Ref & { rating: 'satisfied' | 'basically_satisfied'; comment?: string }; output: RequestDetail };
    rate: { input: Ref & { rating: Rating; comment?: string }; output: RequestDetail };
    reopen: { input: Ref & { comment: string }; output: RequestDetail };
    verify: { input: Ref & { note: string }; output: RequestDetail };
    reassign: { input: Ref & { gridId: string; reason: string }; output: RequestDetail };
    release: { input: Ref; output: RequestDetail };
    refuse: { input: Ref & { reason: string }; output: RequestDetail };
    /** Years with holiday data and whether staff are warned that next year's is missing (the server's clock decides). */
    calendarStatus: { input: Empty; output: CalendarStatus };
    /** A street administrator loads one year's 放假/调休 arrangement (replaces that year). */
    importCalendar: { input: { year: number; calendar: YearCalendar }; output: CalendarImportView };
  };
}

export interface CalendarImportView {
  year: number;
  source: 'chinese-days' | 'json' | 'csv';
  holidays: number;
  workdays: number;
  replaced: boolean;
  warnings: string[];
  dryRun: boolean;
}

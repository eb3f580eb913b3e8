/**
 * The `notice` function's contract: publishing to a scope, residents' feeds, and coverage (到户率).
 */
import type { NoticeBlock, NoticeCategory, NoticeLevel, NoticeState, ReachMethod } from '../notices/notice';

export interface NoticeFeedItem {
  id: string;
  title: string;
  /** First 60 characters of the body. */
  excerpt: string;
  category: NoticeCategory;
  categoryLabel: string;
  urgent: boolean;
  pinned: boolean;
  requireAck: boolean;
  publishedAt: string;
  publisherLabel: string;
  read: boolean;
  acknowledged: boolean;
  /** Read before its latest edit. */
  changedSinceRead: boolean;
  imageCount: number;
  attachmentCount: number;
}

export interface NoticeFeed {
  items: NoticeFeedItem[];
  next: string | null;
  /** Of the latest 30 notices in force in the resident's scope, those they have not opened. */
  unread: number;
}

export interface NoticeAttachmentView {
  fileId: string;
  name: string;
  size: number;
  /** Short-lived; null when the file is gone. */
  url: string | null;
}

export interface NoticeRevisionView {
  version: number;
  title: string;
  editedAt: string;
  editorLabel: string;
  note: string;
}

export interface NoticeDetail {
  id: string;
  title: string;
  body: NoticeBlock[];
  category: NoticeCategory;
  categoryLabel: string;
  urgent: boolean;
  pinned: boolean;
  requireAck: boolean;
  publishAt: string;
  expiresAt: string | null;
  publisherLabel: string;
  state: NoticeState;
  stateLabel: string;
  /** 全街道 / 东湖社区、西苑社区 / 东湖社区第1网格 / 东湖社区3号楼… */
  scopeText: string;
  scope: { level: NoticeLevel; ids: string[] };
  imageUrls: string[];
  imageFileIds: string[];
  attachments: NoticeAttachmentView[];
  version: number;
  /** Earlier versions, newest first: readers see that (and when, and why) it changed. */
  revisions: NoticeRevisionView[];
  updatedAt: string;
  withdrawnReason: string | null;
  /** The resident's own receipt; null for staff. */
  mine: { readAt: string; acknowledgedAt: string | null; changedSinceRead: boolean } | null;
  /** Staff who may edit and withdraw it (the server checks again). */
  canManage: boolean;
}

export interface NoticeManageItem {
  id: string;
  title: string;
  category: NoticeCategory;
  categoryLabel: string;
  urgent: boolean;
  pinned: boolean;
  requireAck: boolean;
  publishAt: string;
  state: NoticeState;
  stateLabel: string;
  scopeText: string;
  publisherLabel: string;
  /** Coverage of the part of the scope the viewer looks after. */
  coverage: CoverageRow | null;
}

export interface CoverageRow {
  id: string;
  name: string;
  households: number;
  reached: number;
  /** 0..1 */
  rate: number;
  rateText: string;
  reads: number;
  acks: number;
  byVisit: number;
  byPhone: number;
}

export interface NoticeCoverage {
  noticeId: string;
  title: string;
  scopeText: string;
  requireAck: boolean;
  /** Over the grids the viewer looks after (the whole scope for its publisher's level). */
  total: CoverageRow;
  communities: CoverageRow[];
  grids: CoverageRow[];
}

export interface UnreachedHousehold {
  householdId: string;
  address: string;
  keyGroups: string[];
  /** Residents bound to the household, names masked; empty when none has bound. */
  residents: string[];
}

export interface ReachedHousehold {
  householdId: string;
  address: string;
  method: ReachMethod;
  methodLabel: string;
  at: string;
  note: string;
}

export interface GridReach {
  noticeId: string;
  title: string;
  gridId: string;
  gridName: string;
  total: CoverageRow;
  buildings: CoverageRow[];
  /** Key-group households first, then by building, unit and room. */
  notReached: UnreachedHousehold[];
  reached: ReachedHousehold[];
}

export interface ScopeOptions {
  streetId: string;
  streetName: string;
  /** Street staff only. */
  canStreet: boolean;
  communities: { id: string; name: string }[];
  grids: { id: string; name: string; communityId: string; communityName: string }[];
  buildings: { id: string; name: string; gridId: string; gridName: string; communityName: string }[];
}

export interface PublishNoticeInput {
  idempotencyKey: string;
  scope: { level: NoticeLevel; ids: string[] };
  title: string;
  /** Plain text (blank lines between paragraphs; "- " / "1. " lines make lists) or pasted HTML, sanitized to text. */
  body: string;
  imageFileIds: string[];
  attachments: { fileId: string; name: string }[];
  category: NoticeCategory;
  urgent: boolean;
  requireAck: boolean;
  pinned: boolean;
  /** ISO instant; absent: now. */
  publishAt?: string;
  expiresAt?: string;
}

export interface EditNoticeInput extends Omit<PublishNoticeInput, 'idempotencyKey' | 'scope' | 'publishAt'> {
  id: string;
  version: number;
  /** Why it changed: readers are shown it. */
  note: string;
}

type Empty = Record<string, never>;

export interface NoticeContract {
  notice: {
    feed: { input: { cursor?: string }; output: NoticeFeed };
    unread: { input: Empty; output: { count: number } };
    open: { input: { id: string }; output: NoticeDetail };
    acknowledge: { input: { id: string }; output: NoticeDetail };
    scopeOptions: { input: Empty; output: ScopeOptions };
    publish: { input: PublishNoticeInput; output: { id: string; duplicate: boolean } };
    edit: { input: EditNoticeInput; output: NoticeDetail };
    withdraw: { input: { id: string; version: number; reason: string }; output: NoticeDetail };
    manageList: { input: { cursor?: string }; output: { items: NoticeManageItem[]; next: string | null } };
    coverage: { input: { id: string }; output: NoticeCoverage };
    gridReach: { input: { id: string; gridId: string }; output: GridReach };
    markReached: { input: { id: string; householdId: string; method: 'visit' | 'phone'; note?: string }; output: GridReach };
  };
}

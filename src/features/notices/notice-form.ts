/**
 * The 发布通知 / 修改通知 form as it is kept on the phone until it is sent: the scope, the text, uploaded
 * images and PDFs, the flags and times, and the idempotency key. The key is made when the form opens and kept
 * through every retry (and a restart), so a publish whose reply was lost can be sent again and still
 * publishes once. Times are picked and shown in Beijing time, whatever the phone's time zone.
 */
import type { EditNoticeInput, NoticeDetail, PublishNoticeInput } from '@core/api/notice.contract';
import { NOTICE_SCHEMAS } from '@core/api/notice.schemas';
import { NOTICE_CATEGORIES, NOTICE_LEVELS, type NoticeCategory, type NoticeLevel } from '@core/notices/notice';
import { toPlainText } from '@core/notices/sanitize';
import type { FieldIssue } from '@core/shared/errors';
import { parse } from '@core/validation/schema';
import { newIdempotencyKey, PHOTO_KEEP_MS, type DraftPhoto } from '../requests/request-draft';
import type { PickedAttachment } from './attachment-rules';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead a notice may be scheduled (the server's limit). */
export const MAX_SCHEDULE_DAYS = 90;

export type DraftAttachment = PickedAttachment & { fileId: string };

export interface NoticeDraft {
  key: string;
  level: NoticeLevel | null;
  ids: string[];
  title: string;
  body: string;
  photos: DraftPhoto[];
  attachments: DraftAttachment[];
  category: NoticeCategory | null;
  urgent: boolean;
  requireAck: boolean;
  pinned: boolean;
  /** 定时发布: publish at publishDate publishTime (Beijing) instead of now. */
  scheduled: boolean;
  publishDate: string;
  publishTime: string;
  /** 设置有效期: hidden from residents' feeds after expireDate expireTime (Beijing). */
  expires: boolean;
  expireDate: string;
  expireTime: string;
  /** 修改说明: editing only, shown to readers. */
  note: string;
  /** When images or PDFs were last added (ms): uploads nothing refers to are purged after a day. */
  filesAt: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The Beijing calendar date and clock time of an instant: { date: '2026-03-05', time: '09:30' }. */
export function beijingParts(ms: number): { date: string; time: string } {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return {
    date: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`,
  };
}

/** A Beijing date and time as an ISO instant with its offset ('2026-03-05T09:30:00+08:00'); null when malformed. */
export function beijingInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const iso = `${date}T${time}:00+08:00`;
  const ms = Date.parse(iso);
  // Date.parse rolls 02-30 over into March: a date that does not come back the same is not a date.
  if (Number.isNaN(ms) || beijingParts(ms).date !== date) return null;
  return iso;
}

/** Defaults for the time pickers: the next whole hour, and a week after it for the expiry. */
function defaultTimes(now: number) {
  const nextHour = Math.ceil((now + 1) / 3600000) * 3600000;
  const publish = beijingParts(nextHour);
  const expire = beijingParts(nextHour + 7 * DAY_MS);
  return { publishDate: publish.date, publishTime: publish.time, expireDate: expire.date, expireTime: expire.time };
}

export function emptyNoticeDraft(now: number, random: () => number = Math.random): NoticeDraft {
  return {
    key: newIdempotencyKey(random),
    level: null,
    ids: [],
    title: '',
    body: '',
    photos: [],
    attachments: [],
    category: null,
    urgent: false,
    requireAck: false,
    pinned: false,
    scheduled: false,
    expires: false,
    ...defaultTimes(now),
    note: '',
    filesAt: 0,
  };
}

/** Nothing typed or picked yet: not worth keeping. */
export function isBlankNotice(d: NoticeDraft): boolean {
  return !d.title.trim() && !d.body.trim() && d.photos.length === 0 && d.attachments.length === 0 && d.ids.length === 0;
}

/** The edit form, filled from the notice as it stands (staff see its image file ids; PDFs keep theirs). */
export function draftFromDetail(detail: NoticeDetail, now: number): NoticeDraft {
  const base = emptyNoticeDraft(now);
  const urlFor = (i: number) => (detail.imageUrls.length === detail.imageFileIds.length ? detail.imageUrls[i] : '');
  const expire = detail.expiresAt ? beijingParts(Date.parse(detail.expiresAt)) : null;
  return {
    ...base,
    level: detail.scope.level,
    ids: detail.scope.ids,
    title: detail.title,
    body: toPlainText(detail.body),
    photos: detail.imageFileIds.map((fileId, i) => ({ fileId, preview: urlFor(i) })),
    attachments: detail.attachments.map((a) => ({ fileId: a.fileId, name: a.name, size: a.size })),
    category: detail.category,
    urgent: detail.urgent,
    requireAck: detail.requireAck,
    pinned: detail.pinned,
    expires: expire !== null,
    ...(expire ? { expireDate: expire.date, expireTime: expire.time } : {}),
    filesAt: now,
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * Reads a kept draft back. Anything malformed is dropped rather than trusted; a draft without a valid key is
 * no draft. Uploads older than PHOTO_KEEP_MS are dropped (`filesDropped` says so, to tell the person).
 */
export function restoreNoticeDraft(raw: unknown, now: number): { draft: NoticeDraft; filesDropped: boolean } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isString(r.key) || !/^[A-Za-z0-9]{8,64}$/.test(r.key)) return null;
  const base = emptyNoticeDraft(now);
  const photos = Array.isArray(r.photos)
    ? r.photos.filter((p): p is DraftPhoto => typeof p === 'object' && p !== null && isString((p as DraftPhoto).fileId) && isString((p as DraftPhoto).preview))
    : [];
  const attachments = Array.isArray(r.attachments)
    ? r.attachments.filter(
        (a): a is DraftAttachment =>
          typeof a === 'object' && a !== null && isString((a as DraftAttachment).fileId) && isString((a as DraftAttachment).name) && typeof (a as DraftAttachment).size === 'number',
      )
    : [];
  const filesAt = typeof r.filesAt === 'number' ? r.filesAt : 0;
  const stale = photos.length + attachments.length > 0 && now - filesAt > PHOTO_KEEP_MS;
  const level = NOTICE_LEVELS.find((l) => l === r.level) ?? null;
  const date = (v: unknown, fallback: string) => (isString(v) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : fallback);
  const time = (v: unknown, fallback: string) => (isString(v) && /^\d{2}:\d{2}$/.test(v) ? v : fallback);
  const draft: NoticeDraft = {
    key: r.key,
    level,
    ids: level && Array.isArray(r.ids) ? r.ids.filter(isString) : [],
    title: isString(r.title) ? r.title : '',
    body: isString(r.body) ? r.body : '',
    photos: stale ? [] : photos.map((p) => ({ fileId: p.fileId, preview: p.preview })),
    attachments: stale ? [] : attachments.map((a) => ({ fileId: a.fileId, name: a.name, size: a.size })),
    category: NOTICE_CATEGORIES.find((c) => c === r.category) ?? null,
    urgent: r.urgent === true,
    requireAck: r.requireAck === true,
    pinned: r.pinned === true,
    scheduled: r.scheduled === true,
    publishDate: date(r.publishDate, base.publishDate),
    publishTime: time(r.publishTime, base.publishTime),
    expires: r.expires === true,
    expireDate: date(r.expireDate, base.expireDate),
    expireTime: time(r.expireTime, base.expireTime),
    note: '',
    filesAt: stale ? 0 : filesAt,
  };
  return { draft, filesDropped: stale };
}

function content(d: NoticeDraft) {
  const expiresAt = d.expires ? beijingInstant(d.expireDate, d.expireTime) : null;
  return {
    title: d.title.trim(),
    body: d.body.trim(),
    imageFileIds: d.photos.map((p) => p.fileId),
    attachments: d.attachments.map((a) => ({ fileId: a.fileId, name: a.name })),
    category: d.category ?? ('' as NoticeCategory),
    urgent: d.urgent,
    requireAck: d.requireAck,
    pinned: d.pinned,
    ...(expiresAt ? { expiresAt } : {}),
  };
}

export function toPublishInput(d: NoticeDraft): PublishNoticeInput {
  const publishAt = d.scheduled ? beijingInstant(d.publishDate, d.publishTime) : null;
  return {
    idempotencyKey: d.key,
    scope: { level: d.level ?? 'street', ids: d.level === 'street' ? [] : d.ids },
    ...content(d),
    ...(publishAt ? { publishAt } : {}),
  };
}

export function toEditInput(d: NoticeDraft, id: string, version: number): EditNoticeInput {
  return { id, version, ...content(d), note: d.note.trim() };
}

/** Field key → first problem, in Chinese. Keys: scope, title, body, photos, attachments, category, publishAt, expiresAt, note, form. */
export type NoticeErrors = Record<string, string>;

const FIELD_OF: Record<string, string> = {
  imageFileIds: 'photos',
  idempotencyKey: 'form',
  id: 'form',
  version: 'form',
  urgent: 'form',
  requireAck: 'form',
  pinned: 'form',
};

export function noticeErrorsFromIssues(issues: FieldIssue[]): NoticeErrors {
  const errors: NoticeErrors = {};
  for (const issue of issues) {
    const head = issue.path.split('.')[0];
    const key = FIELD_OF[head] ?? (head || 'form');
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

const SCOPE_PROMPT: Record<Exclude<NoticeLevel, 'street'>, string> = {
  communities: '请至少选择一个社区',
  grids: '请至少选择一个网格',
  buildings: '请至少选择一栋楼',
};

function checkTimes(d: NoticeDraft, publishMs: number | null, now: number, errors: NoticeErrors): void {
  if (d.expires) {
    const expire = beijingInstant(d.expireDate, d.expireTime);
    if (!expire) errors.expiresAt = '请选择有效期';
    else if (Date.parse(expire) <= (publishMs ?? now)) errors.expiresAt = '有效期应晚于发布时间';
  }
}

/** The function's own checks (core's schema), with the wording a person needs for what they forgot to pick. */
export function checkPublish(d: NoticeDraft, now: number): NoticeErrors {
  const result = parse(NOTICE_SCHEMAS.publish, toPublishInput(d));
  const errors = result.ok ? {} : noticeErrorsFromIssues(result.issues);
  if (!d.level) errors.scope = '请选择发布范围';
  else if (d.level !== 'street' && d.ids.length === 0) errors.scope = SCOPE_PROMPT[d.level];
  if (!d.category) errors.category = '请选择通知类别';
  let publishMs: number | null = null;
  if (d.scheduled) {
    const at = beijingInstant(d.publishDate, d.publishTime);
    if (!at) errors.publishAt = '请选择发布时间';
    else {
      publishMs = Date.parse(at);
      if (publishMs < now) errors.publishAt = '定时发布的时间已经过了，请重新选择，或改为立即发布';
      else if (publishMs > now + MAX_SCHEDULE_DAYS * DAY_MS) errors.publishAt = `发布时间不能晚于${MAX_SCHEDULE_DAYS}天后`;
    }
  }
  checkTimes(d, publishMs, now, errors);
  return errors;
}

/** Editing: the same content rules, a 修改说明 for readers, and an expiry after the notice's own publish time. */
export function checkEdit(d: NoticeDraft, publishAt: string, now: number): NoticeErrors {
  const result = parse(NOTICE_SCHEMAS.edit, toEditInput(d, 'x', 1));
  const errors = result.ok ? {} : noticeErrorsFromIssues(result.issues);
  if (!d.category) errors.category = '请选择通知类别';
  if (!d.note.trim()) errors.note = '请写明修改了什么，居民会看到这条说明';
  const publishMs = Date.parse(publishAt);
  checkTimes(d, Number.isNaN(publishMs) ? null : publishMs, now, errors);
  return errors;
}

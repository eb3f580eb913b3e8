/**
 * The 我要反映 / 巡查上报 form as it is kept on the phone until the request is sent: everything typed, the
 * uploaded photos, and the idempotency key. The key is made once when the form opens and kept through every
 * retry and restart, so a submit whose reply was lost can be sent again without creating a second request.
 */
import type { FileInput, SubmitInput } from '@core/api/request.contract';
import { REQUEST_SCHEMAS } from '@core/api/request.schemas';
import type { GeoPoint } from '@core/requests/request';
import type { FieldIssue } from '@core/shared/errors';
import { parse } from '@core/validation/schema';

export const KEY_LENGTH = 24;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uploads no request refers to are purged after 24 h: photos of an older draft would be refused, so they are dropped. */
export const PHOTO_KEEP_MS = 20 * 60 * 60 * 1000;

export const CONSENT_DEFAULT = '居民已口头同意代为上报';
export const CONSENT_CHOICES = [CONSENT_DEFAULT, '居民已书面同意代为上报'] as const;

export function newIdempotencyKey(random: () => number = Math.random): string {
  let key = '';
  for (let i = 0; i < KEY_LENGTH; i++) key += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length) % KEY_ALPHABET.length];
  return key;
}

export interface DraftPhoto {
  fileId: string;
  /** What to show: the local path the photo was picked from (may be gone after a restart). */
  preview: string;
}

export interface RequestDraft {
  key: string;
  categoryId: string | null;
  description: string;
  photos: DraftPhoto[];
  location: GeoPoint | null;
  address: string;
  callbackPhone: string;
  hideName: boolean;
  /** 巡查上报 only. */
  gridId: string | null;
  source: 'patrol' | 'proxy';
  residentName: string;
  consentNote: string;
  /** When the photos were last added (ms), to know whether the uploads still exist. */
  photosAt: number;
}

export function emptyDraft(random: () => number = Math.random): RequestDraft {
  return {
    key: newIdempotencyKey(random),
    categoryId: null,
    description: '',
    photos: [],
    location: null,
    address: '',
    callbackPhone: '',
    hideName: false,
    gridId: null,
    source: 'patrol',
    residentName: '',
    consentNote: CONSENT_DEFAULT,
    photosAt: 0,
  };
}

/** Nothing typed or picked yet: not worth keeping. */
export function isBlank(d: RequestDraft): boolean {
  return !d.categoryId && !d.description.trim() && d.photos.length === 0 && !d.location && !d.address.trim() && !d.callbackPhone.trim() && !d.residentName.trim();
}

const isString = (v: unknown): v is string => typeof v === 'string';

function geoOf(v: unknown): GeoPoint | null {
  if (typeof v !== 'object' || v === null) return null;
  const g = v as Record<string, unknown>;
  if (typeof g.latitude !== 'number' || typeof g.longitude !== 'number') return null;
  return { latitude: g.latitude, longitude: g.longitude, name: isString(g.name) ? g.name : null };
}

/**
 * Reads a kept draft back. Anything malformed is dropped rather than trusted; a draft without a valid key
 * is no draft. Photos older than PHOTO_KEEP_MS are dropped (`photosDropped` says so, to tell the person).
 */
export function restoreDraft(raw: unknown, now: number): { draft: RequestDraft; photosDropped: boolean } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!isString(r.key) || !/^[A-Za-z0-9]{8,64}$/.test(r.key)) return null;
  const base = emptyDraft();
  const photos = Array.isArray(r.photos)
    ? r.photos.filter((p): p is DraftPhoto => typeof p === 'object' && p !== null && isString((p as DraftPhoto).fileId) && isString((p as DraftPhoto).preview))
    : [];
  const photosAt = typeof r.photosAt === 'number' ? r.photosAt : 0;
  const stale = photos.length > 0 && now - photosAt > PHOTO_KEEP_MS;
  const draft: RequestDraft = {
    key: r.key,
    categoryId: isString(r.categoryId) ? r.categoryId : null,
    description: isString(r.description) ? r.description : '',
    photos: stale ? [] : photos.map((p) => ({ fileId: p.fileId, preview: p.preview })),
    location: geoOf(r.location),
    address: isString(r.address) ? r.address : '',
    callbackPhone: isString(r.callbackPhone) ? r.callbackPhone : '',
    hideName: r.hideName === true,
    gridId: isString(r.gridId) ? r.gridId : null,
    source: r.source === 'proxy' ? 'proxy' : 'patrol',
    residentName: isString(r.residentName) ? r.residentName : '',
    consentNote: isString(r.consentNote) ? r.consentNote : base.consentNote,
    photosAt: stale ? 0 : photosAt,
  };
  return { draft, photosDropped: stale };
}

/** Characters as a person counts them (一个汉字算一个字), ignoring surrounding spaces, like the server does. */
export function charCount(text: string): number {
  return Array.from(text.trim()).length;
}

const optionalText = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);

export function toSubmitInput(d: RequestDraft): SubmitInput {
  return {
    idempotencyKey: d.key,
    categoryId: d.categoryId ?? '',
    description: d.description.trim(),
    photoFileIds: d.photos.map((p) => p.fileId),
    ...(d.location ? { location: d.location } : {}),
    ...(optionalText(d.address) ? { address: optionalText(d.address) } : {}),
    ...(optionalText(d.callbackPhone) ? { callbackPhone: optionalText(d.callbackPhone) } : {}),
    hideName: d.hideName,
  };
}

export function toFileInput(d: RequestDraft): FileInput {
  const { hideName: _hideName, ...base } = toSubmitInput(d);
  const proxy = d.source === 'proxy';
  return {
    ...base,
    gridId: d.gridId ?? '',
    source: d.source,
    ...(proxy && optionalText(d.residentName) ? { residentName: optionalText(d.residentName) } : {}),
    ...(proxy && optionalText(d.consentNote) ? { consentNote: optionalText(d.consentNote) } : {}),
  };
}

/** Field key → first problem, in Chinese. Keys: category, description, photos, location, address, callbackPhone, grid, residentName, consentNote, form. */
export type DraftErrors = Record<string, string>;

const FIELD_OF: Record<string, string> = {
  categoryId: 'category',
  photoFileIds: 'photos',
  gridId: 'grid',
  idempotencyKey: 'form',
};

export function draftErrorsFromIssues(issues: FieldIssue[]): DraftErrors {
  const errors: DraftErrors = {};
  for (const issue of issues) {
    const head = issue.path.split('.')[0];
    const key = FIELD_OF[head] ?? (head || 'form');
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** The function's own checks (core's schema), with the wording a person needs for what they forgot to pick. */
export function checkSubmit(d: RequestDraft): DraftErrors {
  const result = parse(REQUEST_SCHEMAS.request.submit, toSubmitInput(d));
  const errors = result.ok ? {} : draftErrorsFromIssues(result.issues);
  if (!d.categoryId) errors.category = '请选择诉求类别';
  return errors;
}

export function checkFile(d: RequestDraft): DraftErrors {
  const result = parse(REQUEST_SCHEMAS.request.file, toFileInput(d));
  const errors = result.ok ? {} : draftErrorsFromIssues(result.issues);
  if (!d.categoryId) errors.category = '请选择诉求类别';
  if (!d.gridId) errors.grid = '请选择网格';
  if (d.source === 'proxy') {
    if (!d.residentName.trim()) errors.residentName = '请填写居民姓名';
    if (!d.consentNote.trim()) errors.consentNote = '请说明居民是否同意代为上报';
  }
  return errors;
}

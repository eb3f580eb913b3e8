/**
 * Publishing, editing and withdrawing notices. Publishing costs the same for a building as for a street:
 * the notice, one key per targeted place, and for an urgent notice one outbox record for the whole audience.
 */
import type { EditNoticeInput, NoticeDetail, PublishNoticeInput, ScopeOptions } from '@core/api/notice.contract';
import { AUDIENCE_RECIPIENT, outboxId, type OutboxRecord } from '@core/messages/message';
import { BODY_MAX, type Notice, type NoticeAttachment, type PublisherRole } from '@core/notices/notice';
import { blocksLength, toBlocks } from '@core/notices/sanitize';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { Deps } from '../context';
import { isImageType } from '../../ports/file-storage.port';
import { useOwnUploads } from '../uploads/use-uploads';
import {
  manageRole,
  publisherLabel,
  resolveScope,
  scopeGrids,
  staffStreet,
  streetPlaces,
  viewerGrids,
  type StreetPlaces,
} from './notice-scope';
import { noticeDetail } from './notice-views';

const MAX_SCHEDULE_DAYS = 90;
/** A publish time a little in the past (a slow network, a phone's clock) means now. */
const PAST_TOLERANCE_MS = 10 * 60 * 1000;

async function placesOfActor(ctx: UserContext): Promise<StreetPlaces> {
  const streetId = staffStreet(ctx.actor);
  if (!streetId) throw new DomainError('AUTH.FORBIDDEN');
  return streetPlaces(ctx.deps, streetId);
}

function bodyBlocks(body: string) {
  const blocks = toBlocks(body);
  if (blocks.length === 0) throw new DomainError('NOTICE.BODY_EMPTY');
  if (blocksLength(blocks) > BODY_MAX) throw new DomainError('NOTICE.BODY_TOO_LONG');
  return blocks;
}

async function ownFiles(deps: Deps, userId: string, now: Date, imageIds: string[], attachments: { fileId: string; name: string }[]): Promise<{ images: string[]; attachments: NoticeAttachment[] }> {
  const images = await useOwnUploads(deps, userId, imageIds, now, {
    check: (r) => {
      if (!isImageType(r.contentType)) throw new DomainError('FILE.NOT_IMAGE');
    },
  });
  const names = new Map<string, string>();
  for (const a of attachments) if (!names.has(a.fileId)) names.set(a.fileId, a.name);
  const pdfs = await useOwnUploads(deps, userId, [...names.keys()], now, {
    notFound: new DomainError('FILE.NOT_FOUND', '附件不存在或已过期，请重新上传'),
    notOwned: new DomainError('FILE.NOT_OWNED', '只能使用您本人上传的附件'),
    check: (r) => {
      if (r.contentType !== 'application/pdf') throw new DomainError('FILE.NOT_PDF');
    },
  });
  const out: NoticeAttachment[] = pdfs.map((r) => {
    const name = names.get(r.fileId) ?? '附件';
    return { fileId: r.fileId, name: /\.pdf$/i.test(name) ? name : `${name}.pdf`, size: r.size };
  });
  return { images: images.map((r) => r.fileId), attachments: out };
}

function times(now: Date, publishAt: string | undefined, expiresAt: string | undefined): { publishAt: string; expiresAt: string | null } {
  const nowMs = now.getTime();
  let at = nowMs;
  if (publishAt !== undefined) {
    const t = Date.parse(publishAt);
    if (Number.isNaN(t) || t < nowMs - PAST_TOLERANCE_MS || t > nowMs + MAX_SCHEDULE_DAYS * 86400000) throw new DomainError('NOTICE.TIME_INVALID');
    at = Math.max(t, nowMs);
  }
  let expires: string | null = null;
  if (expiresAt !== undefined) {
    const t = Date.parse(expiresAt);
    if (Number.isNaN(t) || t <= at) throw new DomainError('NOTICE.TIME_INVALID');
    expires = new Date(t).toISOString();
  }
  return { publishAt: new Date(at).toISOString(), expiresAt: expires };
}

/** The one outbox record an urgent notice leaves: the dispatcher expands it over the residents in scope. */
export function urgentFanOut(n: Notice, now: Date): OutboxRecord {
  const eventId = `notice-${n.id}-v1`;
  return {
    id: outboxId(eventId, AUDIENCE_RECIPIENT, 'subscribe'),
    eventId,
    recipientId: AUDIENCE_RECIPIENT,
    channel: 'subscribe',
    template: 'notice_urgent',
    audience: { kind: 'notice', noticeId: n.id },
    payload: { title: n.title, publisher: n.publisherLabel, time: n.publishAt, page: `features/notices/pages/detail/index?id=${n.id}` },
    status: 'pending',
    attempts: 0,
    nextTryAt: n.publishAt,
    lastError: null,
    createdAt: now.toISOString(),
  };
}

export async function publishNotice(ctx: UserContext, input: PublishNoticeInput): Promise<{ id: string; duplicate: boolean }> {
  const sp = await placesOfActor(ctx);
  const resolved = await resolveScope(ctx.deps, ctx.actor, sp, input.scope);
  const body = bodyBlocks(input.body);
  const files = await ownFiles(ctx.deps, ctx.user.id, ctx.now, input.imageFileIds, input.attachments);
  const when = times(ctx.now, input.publishAt, input.expiresAt);
  const at = ctx.now.toISOString();
  const notice: Notice = {
    id: ctx.deps.newId(),
    streetId: sp.streetId,
    scope: resolved.scope,
    title: input.title,
    body,
    imageFileIds: files.images,
    attachments: files.attachments,
    category: input.category,
    urgent: input.urgent,
    requireAck: input.requireAck,
    pinned: input.pinned,
    publishAt: when.publishAt,
    expiresAt: when.expiresAt,
    publisherId: ctx.user.id,
    publisherRole: resolved.role,
    publisherLabel: publisherLabel(ctx.actor, resolved.role, sp),
    withdrawn: null,
    version: 1,
    revisions: [],
    idempotencyKey: input.idempotencyKey,
    createdAt: at,
    updatedAt: at,
  };
  const res = await ctx.deps.store.notices.create(notice, resolved.keys, notice.urgent ? [urgentFanOut(notice, ctx.now)] : []);
  return { id: res.notice.id, duplicate: res.kind === 'duplicate' };
}

async function managedNotice(ctx: UserContext, id: string): Promise<{ notice: Notice; sp: StreetPlaces; role: PublisherRole }> {
  const sp = await placesOfActor(ctx);
  const notice = await ctx.deps.store.notices.get(id);
  if (!notice || notice.streetId !== sp.streetId) throw new DomainError('NOTICE.NOT_FOUND');
  const role = await manageRole(ctx.deps, ctx.actor, notice, sp);
  if (!role) {
    // Someone who can see it (it reaches their grids) is told they may not change it; others learn nothing.
    const grids = viewerGrids(ctx.actor, sp) ?? new Set<string>();
    const touched = await scopeGrids(ctx.deps, notice, sp);
    if ([...touched].some((g) => grids.has(g))) throw new DomainError('AUTH.FORBIDDEN');
    throw new DomainError('NOTICE.NOT_FOUND');
  }
  return { notice, sp, role };
}

async function save(ctx: UserContext, next: Notice, expectedVersion: number, sp: StreetPlaces): Promise<NoticeDetail> {
  const stored = await ctx.deps.store.notices.update(next, expectedVersion);
  if (!stored) throw new DomainError('NOTICE.VERSION_CONFLICT');
  return noticeDetail(ctx.deps, stored, sp, ctx.now, { receipt: null, canManage: true });
}

export async function editNotice(ctx: UserContext, input: EditNoticeInput): Promise<NoticeDetail> {
  const { notice, sp, role } = await managedNotice(ctx, input.id);
  if (notice.withdrawn) throw new DomainError('NOTICE.WITHDRAWN');
  if (notice.version !== input.version) throw new DomainError('NOTICE.VERSION_CONFLICT');
  const body = bodyBlocks(input.body);
  const files = await ownFilesKeepingOld(ctx, notice, input);
  const publishMs = Date.parse(notice.publishAt);
  let expiresAt: string | null = null;
  if (input.expiresAt !== undefined) {
    const t = Date.parse(input.expiresAt);
    if (Number.isNaN(t) || t <= publishMs) throw new DomainError('NOTICE.TIME_INVALID');
    expiresAt = new Date(t).toISOString();
  }
  const at = ctx.now.toISOString();
  const next: Notice = {
    ...notice,
    title: input.title,
    body,
    imageFileIds: files.images,
    attachments: files.attachments,
    category: input.category,
    urgent: input.urgent,
    requireAck: input.requireAck,
    pinned: input.pinned,
    expiresAt,
    version: notice.version + 1,
    revisions: [
      ...notice.revisions,
      { version: notice.version + 1, title: notice.title, body: notice.body, editedAt: at, editorId: ctx.user.id, editorName: publisherLabel(ctx.actor, role, sp), note: input.note },
    ],
    updatedAt: at,
  };
  return save(ctx, next, notice.version, sp);
}

/** Files already on the notice stay (whoever uploaded them); new ones must be the editor's own. */
async function ownFilesKeepingOld(ctx: UserContext, notice: Notice, input: EditNoticeInput) {
  const oldImages = new Set(notice.imageFileIds);
  const oldAttachments = new Map(notice.attachments.map((a) => [a.fileId, a]));
  const fresh = await ownFiles(
    ctx.deps,
    ctx.user.id,
    ctx.now,
    input.imageFileIds.filter((id) => !oldImages.has(id)),
    input.attachments.filter((a) => !oldAttachments.has(a.fileId)),
  );
  const freshAttachments = new Map(fresh.attachments.map((a) => [a.fileId, a]));
  return {
    images: [...new Set(input.imageFileIds)],
    attachments: [...new Map(input.attachments.map((a) => [a.fileId, a])).values()].map((a) => {
      const old = oldAttachments.get(a.fileId);
      return old ? { ...old, name: /\.pdf$/i.test(a.name) ? a.name : `${a.name}.pdf` } : freshAttachments.get(a.fileId)!;
    }),
  };
}

export async function withdrawNotice(ctx: UserContext, input: { id: string; version: number; reason: string }): Promise<NoticeDetail> {
  const { notice, sp } = await managedNotice(ctx, input.id);
  if (notice.withdrawn) throw new DomainError('NOTICE.WITHDRAWN');
  if (notice.version !== input.version) throw new DomainError('NOTICE.VERSION_CONFLICT');
  const at = ctx.now.toISOString();
  const next: Notice = { ...notice, withdrawn: { at, byId: ctx.user.id, reason: input.reason }, version: notice.version + 1, updatedAt: at };
  return save(ctx, next, notice.version, sp);
}

/** Where this person may publish: the street (street staff), communities, grids and buildings within reach. */
export async function scopeOptions(ctx: UserContext): Promise<ScopeOptions> {
  const sp = await placesOfActor(ctx);
  const canStreet = grantOf(ctx.actor, 'street_staff')?.streetId === sp.streetId;
  const cs = grantOf(ctx.actor, 'community_staff');
  const communities = [...sp.communities.values()].filter((c) => canStreet || cs?.communityId === c.id);
  const gridIds = viewerGrids(ctx.actor, sp) ?? new Set<string>();
  const grids = [...sp.grids.values()].filter((g) => gridIds.has(g.id));
  const buildingLists = await Promise.all(grids.map((g) => ctx.deps.store.places.listBuildings({ gridId: g.id })));
  return {
    streetId: sp.streetId,
    streetName: sp.streetName,
    canStreet,
    communities: communities.map((c) => ({ id: c.id, name: c.name })),
    grids: grids.map((g) => ({ id: g.id, name: g.name, communityId: g.communityId, communityName: sp.communities.get(g.communityId)?.name ?? '' })),
    buildings: buildingLists.flat().map((b) => ({
      id: b.id,
      name: b.name,
      gridId: b.gridId,
      gridName: sp.grids.get(b.gridId)?.name ?? '',
      communityName: sp.communities.get(b.communityId)?.name ?? '',
    })),
  };
}

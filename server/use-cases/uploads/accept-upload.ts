/**
 * Accepting an upload: who may upload, the person's limits, what the file really is, and the record that
 * makes it usable. Two ways in, one rule:
 *
 * - Locally the bytes arrive at the gateway (`storeUpload`): inspected, counted and recorded before a byte is
 *   written, so a refused upload leaves nothing behind.
 * - On CloudBase the app writes to cloud storage itself, then calls `account.claimUpload` (`claimUpload`):
 *   the function reads the object back, inspects and counts it, and records it; a refused object is deleted
 *   at once. Only a recorded file is ever attached (use-uploads.ts), so an object written without a claim
 *   is never shown to anyone.
 */
import { can } from '@core/people/permission';
import { DomainError } from '@core/shared/errors';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '@core/shared/rate-limit';
import type { UserContext } from '../context';
import type { StoredContentType } from '../../ports/file-storage.port';
import type { UploadRecord } from '../../ports/upload.port';
import { inspectUpload } from './inspect-upload';

/** Writes accepted bytes under a file id chosen beforehand (the local file store). */
export interface UploadWriter {
  newFileId(): string;
  put(ownerId: string, bytes: Uint8Array, fileId: string): Promise<unknown>;
}

/**
 * The caller's limits, from the street of their first role (DEFAULT_UPLOAD_LIMITS unless the street set its
 * own). A signed-in user with no role has nothing to attach a file to and may not upload at all.
 */
export async function uploadLimitsOf(ctx: UserContext): Promise<UploadLimits> {
  if (!can(ctx.actor, 'file.upload')) throw new DomainError('UPLOAD.NOT_ALLOWED');
  const streetId = ctx.actor.grants[0].streetId;
  const settings = await ctx.deps.store.requestConfig.settings(streetId);
  return settings.uploadLimits ?? DEFAULT_UPLOAD_LIMITS;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))}MB` : `${Math.floor(bytes / 1024)}KB`;
}

async function register(ctx: UserContext, limits: UploadLimits, fileId: string, contentType: StoredContentType, size: number): Promise<UploadRecord> {
  const record: UploadRecord = { fileId, ownerId: ctx.user.id, contentType, size, createdAt: ctx.now.toISOString(), referencedAt: null };
  const result = await ctx.deps.store.uploads.register(record, limits);
  switch (result.kind) {
    case 'registered':
    case 'duplicate':
      return result.record;
    case 'rate_limited':
      throw new DomainError('UPLOAD.RATE_LIMITED', `上传太频繁了：${result.limit.windowMinutes}分钟内最多上传${result.limit.max}个，请过一会儿再上传`);
    case 'quota_exceeded':
      throw new DomainError('UPLOAD.QUOTA_EXCEEDED', `今天的上传已达上限（每天${sizeText(result.max)}），请明天再上传`);
  }
}

/** The local way in: inspect, count and record, then write; a refusal at any step writes nothing. */
export async function storeUpload(ctx: UserContext, bytes: Uint8Array, writer: UploadWriter): Promise<{ fileId: string }> {
  const limits = await uploadLimitsOf(ctx);
  const contentType = await inspectUpload(bytes);
  const fileId = writer.newFileId();
  await register(ctx, limits, fileId, contentType, bytes.length);
  try {
    await writer.put(ctx.user.id, bytes, fileId);
  } catch (e) {
    // The record without its file would only be purged later; take it back now (its count stays taken).
    await ctx.deps.store.uploads.removeUnreferenced([fileId]).catch(() => undefined);
    throw e;
  }
  return { fileId };
}

/**
 * The CloudBase way in: the object is already in the caller's folder. It is read back whole (at most 10 MB),
 * inspected and counted; anything refused is deleted from storage before the refusal is answered.
 * Claiming a file twice answers the first claim and counts once.
 */
export async function claimUpload(ctx: UserContext, input: { fileId: string }): Promise<{ fileId: string }> {
  const limits = await uploadLimitsOf(ctx);
  const known = await ctx.deps.store.uploads.get(input.fileId);
  if (known) {
    if (known.ownerId !== ctx.user.id) throw new DomainError('FILE.NOT_OWNED', '只能使用您本人上传的文件');
    return { fileId: known.fileId };
  }
  const info = await ctx.deps.files.info(input.fileId);
  if (!info) throw new DomainError('FILE.NOT_FOUND', '没有找到刚上传的文件，请重新上传');
  // Someone else's folder: not the caller's to claim, and not the caller's to delete either.
  if (info.ownerId !== ctx.user.id) throw new DomainError('FILE.NOT_OWNED', '只能使用您本人上传的文件');
  try {
    const bytes = await ctx.deps.files.read(input.fileId);
    if (!bytes) throw new DomainError('FILE.NOT_FOUND', '没有找到刚上传的文件，请重新上传');
    const contentType = await inspectUpload(bytes);
    await register(ctx, limits, input.fileId, contentType, bytes.length);
  } catch (e) {
    if (e instanceof DomainError) await ctx.deps.files.remove([input.fileId]);
    throw e;
  }
  return { fileId: input.fileId };
}

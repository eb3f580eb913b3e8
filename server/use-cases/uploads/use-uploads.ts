/**
 * Attaching uploads: a file is used only if it has an upload record owned by the caller (accept-upload.ts);
 * using it marks the record, so the daily purge leaves it alone. Marking happens before the write that
 * attaches the file: the purge removes only records still unused, so it never takes a file from under that
 * write. (A write refused after marking leaves the file kept but unused: a small leak, never a lost photo.)
 */
import { DomainError } from '@core/shared/errors';
import type { Deps } from '../context';
import type { UploadRecord } from '../../ports/upload.port';

export interface UploadRefusals {
  notFound?: DomainError;
  notOwned?: DomainError;
  /** Refuses a record of the wrong kind (throws); runs on every record before any is marked. */
  check?: (record: UploadRecord) => void;
}

/** The caller's own uploads for these ids (each once, in order), marked as used. */
export async function useOwnUploads(deps: Deps, userId: string, fileIds: string[], now: Date, refusals: UploadRefusals = {}): Promise<UploadRecord[]> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return [];
  const records = await Promise.all(unique.map((id) => deps.store.uploads.get(id)));
  for (const r of records) {
    if (!r) throw refusals.notFound ?? new DomainError('FILE.NOT_FOUND');
    if (r.ownerId !== userId) throw refusals.notOwned ?? new DomainError('FILE.NOT_OWNED');
    refusals.check?.(r);
  }
  const marked = new Set(await deps.store.uploads.markReferenced(unique, now.toISOString()));
  // Purged between the read and the mark: gone for good.
  if (unique.some((id) => !marked.has(id))) throw refusals.notFound ?? new DomainError('FILE.NOT_FOUND');
  return records as UploadRecord[];
}

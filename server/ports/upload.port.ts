/**
 * Upload records: one per file a person brought in (a photo, a notice's PDF, a register), written when the
 * upload is accepted — with the person's upload limits taken in the same atomic write — and marked when
 * something first uses the file. The daily housekeeping removes files no one used within the grace period
 * by these records, so it never needs to list storage (CloudBase's node SDK cannot).
 *
 * A function attaches a file only if it has a record owned by the caller: on CloudBase, where the app
 * writes to storage itself, a file that never went through `account.claimUpload` is never used.
 */
import type { UploadLimits, RateLimit } from '@core/shared/rate-limit';
import type { StoredContentType } from './file-storage.port';

export interface UploadRecord {
  /** The FileStorage id (locally 32 hex characters; on CloudBase `cloud://…/uploads/<userId>/…`). */
  fileId: string;
  ownerId: string;
  contentType: StoredContentType;
  size: number;
  createdAt: string;
  /** When something (a request, a notice, a card, an import) first used the file; null: unused so far. */
  referencedAt: string | null;
}

export type RegisterUploadResult =
  | { kind: 'registered'; record: UploadRecord }
  /** The same file registered before (a retried claim): answered, never counted twice. */
  | { kind: 'duplicate'; record: UploadRecord }
  | { kind: 'rate_limited'; limit: RateLimit }
  | { kind: 'quota_exceeded'; used: number; max: number };

export interface UploadRepository {
  /**
   * Takes the owner's upload limits (the rate log `upload:<ownerId>`, core/shared/rate-limit takeUpload) and
   * creates the record in one atomic write: concurrent uploads of one person conflict instead of overshooting,
   * and a refused upload writes nothing.
   */
  register(record: UploadRecord, limits: UploadLimits): Promise<RegisterUploadResult>;
  get(fileId: string): Promise<UploadRecord | null>;
  /**
   * Sets referencedAt on the records that have none yet and answers the ids that have a record (marked now
   * or before). An id missing from the answer has no record — never uploaded here, or already purged — and
   * must not be attached. Marking comes before the write that attaches the file, so the purge, which removes
   * only records still unused (removeUnreferenced), never takes a file from under that write.
   */
  markReferenced(fileIds: string[], at: string): Promise<string[]>;
  /** Clears referencedAt (a card photo replaced): the file becomes due for the purge. */
  release(fileIds: string[]): Promise<void>;
  /** Unused records created before `before`, oldest first (ties in an order of the adapter's own), at most `limit` (cut to 1..500). */
  listUnreferenced(before: string, limit: number): Promise<UploadRecord[]>;
  /**
   * Deletes those of the records that are still unused, each conditionally, and answers the ids it deleted:
   * only their files may be removed. Unknown or meanwhile used ids are left alone (a second purge deletes nothing more).
   */
  removeUnreferenced(fileIds: string[]): Promise<string[]>;
}

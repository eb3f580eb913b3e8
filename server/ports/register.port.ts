/**
 * Bringing a street's registers in: what the planner reads (snapshot), the single-document writes an
 * import plan consists of, the import jobs that carry a long import across function calls, and the column
 * mappings an admin corrected once (offered again for a file with the same headers). Both adapters
 * implement it; `server/adapters/register-store.contract.ts` holds them to the same behaviour.
 */
import type { RegisterKind, RegisterReport, ImportJobStatus, SheetMapping } from '@core/api/register.contract';
import type { RegisterOp, RegisterSnapshot } from '@core/registers/plan';

export interface ImportJob {
  id: string;
  streetId: string;
  fileId: string;
  /** The mappings the dry run used (null: the reader's own). */
  mappings: SheetMapping[] | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  status: ImportJobStatus;
  /** Ops written so far / ops the dry run planned (the progress bar). */
  done: number;
  total: number;
  report: RegisterReport;
  error: string | null;
  /** Bumped on every update: a batch lands only with the job version it started from. */
  version: number;
}

/** A mapping the admin corrected, found again by street, kind and the file's headers (in any order). */
export interface RememberedMapping {
  streetId: string;
  kind: RegisterKind;
  headers: string[];
  columns: Record<string, string | null>;
  savedAt: string;
}

/** The key a remembered mapping is stored under: headers sorted, so their order in the file does not matter. */
export function mappingKey(streetId: string, kind: RegisterKind, headers: string[]): string {
  return [streetId, kind, ...[...headers].sort()].join('\u0001');
}

/** A plan's op as the store writes it: a new grid carries the QR token the use case drew for it. */
export type StoreRegisterOp = RegisterOp & { qrToken?: string };

export interface RegisterRepository {
  /**
   * Everything the planner compares a file with: the street's communities, grids, buildings and households
   * (each household flagged when residents are bound to it or its residents filed requests), the users
   * holding a post in the street, and the users anywhere whose phone is one of `mobiles` (query; pages).
   * Null when the street does not exist.
   */
  snapshot(streetId: string, mobiles: string[]): Promise<RegisterSnapshot | null>;
  /**
   * Writes the ops, each a single-document write (call inside `transact` so they land together):
   * upserts keep what the register does not set (a grid's QR token, counters and workers; a user's openid,
   * residence and creation time); `gridCounters` and a changed grid bump the grid's version.
   */
  applyOps(ops: StoreRegisterOp[], at: string): Promise<void>;
  /** Creates the job; throws when the id is taken. */
  createJob(job: ImportJob): Promise<void>;
  getJob(id: string): Promise<ImportJob | null>;
  /** Writes `next` (version = expectedVersion + 1) if the stored version is still `expectedVersion`; false when it moved. */
  updateJob(next: ImportJob, expectedVersion: number): Promise<boolean>;
  getMapping(streetId: string, kind: RegisterKind, headers: string[]): Promise<RememberedMapping | null>;
  saveMapping(mapping: RememberedMapping): Promise<void>;
}

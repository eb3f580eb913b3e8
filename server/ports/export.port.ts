/**
 * Export files (考核评价 exports): one record per file written, kept beside the file in storage so the
 * housekeeping job can find what expired without listing storage (CloudBase's node SDK cannot list).
 * A record is written in the same atomic write as the export's audit entry.
 */
import type { ExportKind, PeriodInput, ScopeInput } from '@core/api/assessment.contract';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportRecord {
  id: string;
  streetId: string;
  /** The FileStorage id of the file (locally `exports/<hex>`, on CloudBase `cloud://…/exports/…`). */
  fileId: string;
  /** The Chinese name the file downloads under (诉求台账_东湖社区_2026年11月.xlsx). */
  fileName: string;
  kind: ExportKind;
  format: ExportFormat;
  scope: ScopeInput;
  period: PeriodInput;
  noticeId: string | null;
  rows: number;
  createdBy: string;
  createdAt: string;
  /** After this the URL no longer works and the housekeeping job deletes the file and this record. */
  expiresAt: string;
}

export interface ExportRepository {
  /** Single-document write (usable inside `transact`, beside the audit entry); fails on a duplicate id. */
  create(record: ExportRecord): Promise<void>;
  get(id: string): Promise<ExportRecord | null>;
  /** Records with expiresAt <= `before`, by expiresAt then id ascending, at most `limit` (cut to 1..500). */
  listExpired(before: string, limit: number): Promise<ExportRecord[]>;
  /** Deletes the records; unknown ids are ignored (a second purge run deletes nothing more). */
  remove(ids: string[]): Promise<void>;
}

/** An export stays downloadable for a day. */
export const EXPORT_TTL_MS = 24 * 60 * 60 * 1000;

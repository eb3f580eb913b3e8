/**
 * The embedded side of the upload port: table `uploads`, and the person's upload log in `rate_logs`
 * (key upload:<userId>, with the day's bytes in `day`/`bytes`). `register` reads and writes both in one
 * IMMEDIATE transaction, so two uploads of one person never both pass a limit only one of them fits.
 */
import { takeUpload, uploadRateKey, type UploadLimits } from '@core/shared/rate-limit';
import type { StoredContentType } from '../../ports/file-storage.port';
import type { RegisterUploadResult, UploadRecord } from '../../ports/upload.port';
import type { SqlAccess } from './sql-access';

interface UploadRow {
  file_id: string;
  owner_id: string;
  content_type: string;
  size: number;
  created_at: string;
  referenced_at: string | null;
}

const LIST_MAX = 500;

function toRecord(r: UploadRow): UploadRecord {
  return {
    fileId: r.file_id,
    ownerId: r.owner_id,
    contentType: r.content_type as StoredContentType,
    size: r.size,
    createdAt: r.created_at,
    referencedAt: r.referenced_at,
  };
}

export class SqliteUploads {
  constructor(private readonly sql: SqlAccess) {}

  register(record: UploadRecord, limits: UploadLimits): RegisterUploadResult {
    return this.sql.db.transaction((): RegisterUploadResult => {
      const existing = this.get(record.fileId);
      if (existing) return { kind: 'duplicate', record: existing };
      const key = uploadRateKey(record.ownerId);
      const row = this.sql.one<{ times: string; day: string; bytes: number }>('SELECT times, day, bytes FROM rate_logs WHERE key = ?', [key]);
      const decision = takeUpload(row ? { times: JSON.parse(row.times) as string[], day: row.day, bytes: row.bytes } : null, record.createdAt, record.size, limits);
      if (!decision.ok) {
        return decision.reason === 'rate' ? { kind: 'rate_limited', limit: decision.limit } : { kind: 'quota_exceeded', used: decision.used, max: decision.max };
      }
      this.sql.run(
        `INSERT INTO rate_logs (key, times, until, day, bytes) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET times = excluded.times, until = excluded.until, day = excluded.day, bytes = excluded.bytes`,
        [key, JSON.stringify(decision.log.times), decision.until, decision.log.day, decision.log.bytes],
      );
      this.sql.run('INSERT INTO uploads (file_id, owner_id, content_type, size, created_at, referenced_at) VALUES (?, ?, ?, ?, ?, ?)', [
        record.fileId, record.ownerId, record.contentType, record.size, record.createdAt, record.referencedAt,
      ]);
      return { kind: 'registered', record: structuredClone(record) };
    }).immediate();
  }

  get(fileId: string): UploadRecord | null {
    const row = this.sql.one<UploadRow>('SELECT * FROM uploads WHERE file_id = ?', [fileId]);
    return row ? toRecord(row) : null;
  }

  markReferenced(fileIds: string[], at: string): string[] {
    if (fileIds.length === 0) return [];
    const ids = JSON.stringify([...new Set(fileIds)]);
    return this.sql.db.transaction(() => {
      this.sql.run('UPDATE uploads SET referenced_at = ? WHERE referenced_at IS NULL AND file_id IN (SELECT value FROM json_each(?))', [at, ids]);
      return this.sql.all<{ file_id: string }>('SELECT file_id FROM uploads WHERE file_id IN (SELECT value FROM json_each(?))', [ids]).map((r) => r.file_id);
    })();
  }

  release(fileIds: string[]): void {
    if (fileIds.length === 0) return;
    this.sql.run('UPDATE uploads SET referenced_at = NULL WHERE file_id IN (SELECT value FROM json_each(?))', [JSON.stringify(fileIds)]);
  }

  listUnreferenced(before: string, limit: number): UploadRecord[] {
    const n = Math.max(1, Math.min(LIST_MAX, Math.floor(limit)));
    return this.sql
      .all<UploadRow>('SELECT * FROM uploads WHERE referenced_at IS NULL AND created_at < ? ORDER BY created_at, file_id LIMIT ?', [before, n])
      .map(toRecord);
  }

  removeUnreferenced(fileIds: string[]): string[] {
    if (fileIds.length === 0) return [];
    return this.sql
      .all<{ file_id: string }>('DELETE FROM uploads WHERE referenced_at IS NULL AND file_id IN (SELECT value FROM json_each(?)) RETURNING file_id', [
        JSON.stringify([...new Set(fileIds)]),
      ])
      .map((r) => r.file_id);
  }
}

/** The embedded side of the export port: one row per export file, found by its expiry for housekeeping. */
import type { ExportRecord } from '../../ports/export.port';
import type { SqlAccess } from './sql-access';

interface ExportRow {
  data: string;
}

const LIST_MAX = 500;

export class SqliteExports {
  constructor(private readonly sql: SqlAccess) {}

  create(record: ExportRecord): void {
    this.sql.run('INSERT INTO export_files (id, street_id, expires_at, data) VALUES (?, ?, ?, ?)', [
      record.id,
      record.streetId,
      record.expiresAt,
      JSON.stringify(record),
    ]);
  }

  get(id: string): ExportRecord | null {
    const row = this.sql.one<ExportRow>('SELECT data FROM export_files WHERE id = ?', [id]);
    return row ? (JSON.parse(row.data) as ExportRecord) : null;
  }

  listExpired(before: string, limit: number): ExportRecord[] {
    const n = Math.max(1, Math.min(LIST_MAX, Math.floor(limit)));
    return this.sql
      .all<ExportRow>('SELECT data FROM export_files WHERE expires_at <= ? ORDER BY expires_at, id LIMIT ?', [before, n])
      .map((r) => JSON.parse(r.data) as ExportRecord);
  }

  remove(ids: string[]): void {
    if (ids.length === 0) return;
    this.sql.run('DELETE FROM export_files WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
  }
}

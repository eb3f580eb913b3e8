/** The embedded side of the partner port: api_keys by their hash, and the append-only access log per key. */
import type { PartnerAccessEntry, PartnerKey } from '../../ports/partner.port';
import type { SqlAccess } from './sql-access';

interface DataRow {
  data: string;
}

const LOG_MAX = 200;

export class SqlitePartners {
  constructor(private readonly sql: SqlAccess) {}

  create(key: PartnerKey): void {
    this.sql.run('INSERT INTO partner_keys (id, street_id, created_at, revoked_at, data) VALUES (?, ?, ?, ?, ?)', [
      key.id,
      key.streetId,
      key.createdAt,
      key.revokedAt,
      JSON.stringify(key),
    ]);
  }

  get(id: string): PartnerKey | null {
    const row = this.sql.one<DataRow>('SELECT data FROM partner_keys WHERE id = ?', [id]);
    return row ? (JSON.parse(row.data) as PartnerKey) : null;
  }

  revoke(id: string, at: string, by: string): boolean {
    const current = this.get(id);
    if (!current || current.revokedAt) return false;
    const next: PartnerKey = { ...current, revokedAt: at, revokedBy: by };
    return this.sql.run('UPDATE partner_keys SET revoked_at = ?, data = ? WHERE id = ? AND revoked_at IS NULL', [at, JSON.stringify(next), id]).changes === 1;
  }

  list(streetId: string): PartnerKey[] {
    return this.sql
      .all<DataRow>('SELECT data FROM partner_keys WHERE street_id = ? ORDER BY created_at DESC, id DESC', [streetId])
      .map((r) => JSON.parse(r.data) as PartnerKey);
  }

  logAccess(e: PartnerAccessEntry): void {
    this.sql.run('INSERT INTO partner_access_log (id, key_id, street_id, at, method, path, status) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      e.id, e.keyId, e.streetId, e.at, e.method, e.path, e.status,
    ]);
  }

  accessLog(keyId: string, limit: number): PartnerAccessEntry[] {
    const n = Math.max(1, Math.min(LOG_MAX, Math.floor(limit)));
    return this.sql.all<PartnerAccessEntry & { key_id: string; street_id: string }>(
      'SELECT id, key_id, street_id, at, method, path, status FROM partner_access_log WHERE key_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      [keyId, n],
    ).map((r) => ({ id: r.id, keyId: r.key_id, streetId: r.street_id, at: r.at, method: r.method, path: r.path, status: r.status }));
  }
}

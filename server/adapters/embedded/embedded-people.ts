/**
 * The embedded side of the people port: invitations, user identity and post writes, new streets and the
 * audit log by street. Each method is one statement or one small group inside the caller's transaction.
 */
import type { Street } from '@core/places/place';
import type { StaffPost, User } from '@core/people/user';
import type { Invitation, InvitationStatus, StreetSetup } from '../../ports/people.port';
import type { Page } from '../../ports/request.port';
import type { AuditEntry } from '../../ports/store.port';
import type { StoreImport } from '../store-import';
import type { SqlAccess } from './sql-access';

interface InvitationRow {
  id: string; user_id: string; street_id: string; community_id: string | null; created_by: string; created_at: string;
  expires_at: string; status: string; attempts: number; redeemed_at: string | null; version: number;
}
interface AuditRow { id: string; at: string; actor_id: string; action: string; target_type: string; target_id: string; detail: string; street_id: string | null }

const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id, userId: r.user_id, streetId: r.street_id, communityId: r.community_id, createdBy: r.created_by, createdAt: r.created_at,
  expiresAt: r.expires_at, status: r.status as InvitationStatus, attempts: r.attempts, redeemedAt: r.redeemed_at, version: r.version,
});

/** Audit cursor: `${at}|${id}` of the last entry shown. */
function splitCursor(cursor: string | null): [string, string] | null {
  if (!cursor) return null;
  const i = cursor.lastIndexOf('|');
  return i > 0 ? [cursor.slice(0, i), cursor.slice(i + 1)] : null;
}

export class SqlitePeople {
  constructor(
    private readonly sql: SqlAccess,
    private readonly importConfig: (data: Pick<StoreImport, 'categories' | 'departments' | 'requestSettings' | 'calendars'>) => void,
  ) {}

  createInvitation(i: Invitation): void {
    this.sql.run(
      `INSERT INTO invitations (id, user_id, street_id, community_id, created_by, created_at, expires_at, status, attempts, redeemed_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [i.id, i.userId, i.streetId, i.communityId, i.createdBy, i.createdAt, i.expiresAt, i.status, i.attempts, i.redeemedAt, i.version],
    );
  }

  getInvitation(id: string): Invitation | null {
    const r = this.sql.one<InvitationRow>('SELECT * FROM invitations WHERE id = ?', [id]);
    return r ? toInvitation(r) : null;
  }

  updateInvitation(n: Invitation, expectedVersion: number): boolean {
    const res = this.sql.run(
      'UPDATE invitations SET status = ?, attempts = ?, redeemed_at = ?, expires_at = ?, version = ? WHERE id = ? AND version = ?',
      [n.status, n.attempts, n.redeemedAt, n.expiresAt, expectedVersion + 1, n.id, expectedVersion],
    );
    return res.changes === 1;
  }

  listOpenForUser(userId: string): Invitation[] {
    return this.sql
      .all<InvitationRow>("SELECT * FROM invitations WHERE user_id = ? AND status = 'open' ORDER BY created_at DESC, id DESC", [userId])
      .map(toInvitation);
  }

  createUser(u: User): void {
    this.sql.run(
      `INSERT INTO users (id, openid, name, phone, residence, residence_community_id, residence_grid_id, residence_household_id, posts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        u.id, u.openid, u.name, u.phone, u.residence ? JSON.stringify(u.residence) : null, u.residence?.communityId ?? null,
        u.residence?.gridId ?? null, u.residence?.householdId ?? null, JSON.stringify(u.posts), u.createdAt,
      ],
    );
    this.writePostRows(u.id, u.posts);
  }

  setOpenid(userId: string, openid: string, expected: string): boolean {
    return this.sql.run('UPDATE users SET openid = ? WHERE id = ? AND openid = ?', [openid, userId, expected]).changes === 1;
  }

  setPosts(userId: string, posts: StaffPost[]): void {
    this.sql.run('UPDATE users SET posts = ? WHERE id = ?', [JSON.stringify(posts), userId]);
    this.sql.run('DELETE FROM user_posts WHERE user_id = ?', [userId]);
    this.writePostRows(userId, posts);
  }

  private writePostRows(userId: string, posts: StaffPost[]): void {
    posts.forEach((p, seq) => {
      this.sql.run('INSERT INTO user_posts (user_id, seq, role, street_id, community_id) VALUES (?, ?, ?, ?, ?)', [
        userId, seq, p.role, p.streetId, 'communityId' in p ? p.communityId : null,
      ]);
    });
  }

  findStreetByCode(code: string): Street | null {
    return this.sql.one<Street>('SELECT id, code, name, district FROM streets WHERE code = ? ORDER BY id LIMIT 1', [code]) ?? null;
  }

  createStreet(setup: StreetSetup): void {
    const known = new Set(this.sql.all<{ year: number }>('SELECT year FROM calendars').map((r) => r.year));
    this.sql.db.transaction(() => {
      const s = setup.street;
      this.sql.run('INSERT INTO streets (id, code, name, district) VALUES (?, ?, ?, ?)', [s.id, s.code, s.name, s.district]);
      this.importConfig({
        categories: setup.categories,
        departments: setup.departments,
        requestSettings: [setup.settings],
        calendars: setup.calendars.filter((y) => !known.has(y.year)),
      });
    }).immediate();
  }

  auditPage(streetId: string, cursor: string | null, limit: number): Page<AuditEntry> {
    const n = Math.max(1, Math.min(100, Math.floor(limit)));
    const after = splitCursor(cursor);
    const rows = after
      ? this.sql.all<AuditRow>(
          'SELECT * FROM audit WHERE street_id = ? AND (at < ? OR (at = ? AND id < ?)) ORDER BY at DESC, id DESC LIMIT ?',
          [streetId, after[0], after[0], after[1], n + 1],
        )
      : this.sql.all<AuditRow>('SELECT * FROM audit WHERE street_id = ? ORDER BY at DESC, id DESC LIMIT ?', [streetId, n + 1]);
    const items = rows.slice(0, n).map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, action: r.action, targetType: r.target_type, targetId: r.target_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>, ...(r.street_id ? { streetId: r.street_id } : {}),
    }));
    const last = items[items.length - 1];
    return { items, next: rows.length > n && last ? `${last.at}|${last.id}` : null };
  }
}

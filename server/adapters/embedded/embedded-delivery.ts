/**
 * Delivery in SQLite: the outbox as the dispatcher works it, subscribe credits, job locks, and the local
 * sender's log. Every operation is one statement or one IMMEDIATE transaction, so each is atomic on its
 * own and two callers (two dispatcher runs, two timer fires) can never both win the same record or lock.
 */
import { MAX_CREDITS, type Credits } from '@core/messages/consent';
import { MESSAGE_TEMPLATES, type FanoutProgress, type InboxMessage, type MessageTemplate, type OutboxRecord, type OutboxStatus } from '@core/messages/message';
import type { TemplateData } from '@core/messages/subscribe-message';
import type { ClaimRequest, OutboxOutcome } from '../../ports/outbox.port';
import type { Page } from '../../ports/request.port';
import type { CreditOutcome } from '../../ports/subscription.port';
import type { SentMessage } from '../../ports/subscribe-sender.port';
import { decodeCursor, encodeCursor, pageLimit } from '../request-paging';
import type { SqlAccess } from './sql-access';

export interface OutboxRow {
  id: string;
  event_id: string;
  recipient_id: string;
  channel: string;
  template: string;
  payload: string;
  status: string;
  attempts: number;
  next_try_at: string;
  last_error: string | null;
  created_at: string;
  audience: string | null;
  progress: string | null;
}

/** A stored row as a record; audience and progress appear only when set, as callers wrote them. */
export function toOutboxRecord(r: OutboxRow): OutboxRecord {
  const record: OutboxRecord = {
    id: r.id,
    eventId: r.event_id,
    recipientId: r.recipient_id,
    channel: r.channel as OutboxRecord['channel'],
    template: r.template as MessageTemplate,
    payload: JSON.parse(r.payload) as Record<string, string>,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextTryAt: r.next_try_at,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
  if (r.audience !== null) record.audience = JSON.parse(r.audience) as OutboxRecord['audience'];
  if (r.progress !== null) record.progress = JSON.parse(r.progress) as FanoutProgress;
  return record;
}

export const INSERT_OUTBOX = `INSERT INTO outbox (id, event_id, recipient_id, channel, template, payload, status, attempts, next_try_at, last_error, created_at, audience, progress)
  VALUES (@id, @event_id, @recipient_id, @channel, @template, @payload, @status, @attempts, @next_try_at, @last_error, @created_at, @audience, @progress)`;

export function outboxParams(o: OutboxRecord): Record<string, unknown> {
  return {
    id: o.id, event_id: o.eventId, recipient_id: o.recipientId, channel: o.channel, template: o.template, payload: JSON.stringify(o.payload),
    status: o.status, attempts: o.attempts, next_try_at: o.nextTryAt, last_error: o.lastError, created_at: o.createdAt,
    audience: o.audience ? JSON.stringify(o.audience) : null, progress: o.progress ? JSON.stringify(o.progress) : null,
  };
}

function noCredits(): Credits {
  return Object.fromEntries(MESSAGE_TEMPLATES.map((t) => [t, 0])) as Credits;
}

interface LocalSendRow { key: string; user_id: string; template: string; template_id: string; page: string; data: string; at: string }

export class SqliteDelivery {
  constructor(private readonly sql: SqlAccess) {}

  // ---- outbox ----

  claim(r: ClaimRequest): OutboxRecord[] {
    const limit = Math.min(500, Math.max(1, Math.floor(r.limit)));
    // One transaction: the due ids are chosen and leased together, so a concurrent claim cannot take them too.
    return this.sql.db.transaction((): OutboxRecord[] => {
      const due = this.sql.all<{ id: string }>(
        "SELECT id FROM outbox INDEXED BY outbox_by_status_next_try_id WHERE status = 'pending' AND next_try_at <= ? ORDER BY next_try_at, id LIMIT ?",
        [r.now, limit],
      );
      if (due.length === 0) return [];
      const rows = this.sql.all<OutboxRow>(
        `UPDATE outbox SET claim = @token, next_try_at = @lease, attempts = attempts + 1
         WHERE id IN (SELECT value FROM json_each(@ids)) RETURNING *`,
        { token: r.token, lease: r.leaseUntil, ids: JSON.stringify(due.map((d) => d.id)) },
      );
      const byId = new Map(rows.map((row) => [row.id, toOutboxRecord(row)]));
      return due.map((d) => byId.get(d.id)).filter((x): x is OutboxRecord => x !== undefined);
    }).immediate();
  }

  settle(id: string, token: string, o: OutboxOutcome): boolean {
    const res = this.sql.run(
      `UPDATE outbox SET status = @status, next_try_at = CASE WHEN @next IS NULL THEN next_try_at ELSE @next END,
         attempts = CASE WHEN @attempts IS NULL THEN attempts ELSE @attempts END, last_error = @lastError,
         progress = CASE WHEN @progress IS NULL THEN progress ELSE @progress END, claim = NULL
       WHERE id = @id AND claim = @token AND status = 'pending'`,
      {
        id, token, status: o.status, lastError: o.lastError,
        next: o.status === 'pending' ? o.nextTryAt : null,
        attempts: o.status === 'pending' && o.attempts !== undefined ? o.attempts : null,
        progress: o.progress ? JSON.stringify(o.progress) : null,
      },
    );
    return res.changes === 1;
  }

  checkpoint(id: string, token: string, progress: FanoutProgress, leaseUntil: string): boolean {
    const res = this.sql.run("UPDATE outbox SET progress = ?, next_try_at = ? WHERE id = ? AND claim = ? AND status = 'pending'", [
      JSON.stringify(progress), leaseUntil, id, token,
    ]);
    return res.changes === 1;
  }

  enqueue(item: { message: InboxMessage | null; record: OutboxRecord }): boolean {
    return this.sql.db.transaction((): boolean => {
      const res = this.sql.run(`${INSERT_OUTBOX} ON CONFLICT (id) DO NOTHING`, outboxParams(item.record));
      if (res.changes === 0) return false;
      const m = item.message;
      if (m) {
        this.sql.run('INSERT INTO inbox (id, user_id, title, body, link, at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          m.id, m.userId, m.title, m.body, m.link === null ? null : JSON.stringify(m.link), m.at, m.readAt,
        ]);
      }
      return true;
    }).immediate();
  }

  enqueueMany(records: OutboxRecord[]): number {
    return this.sql.db.transaction((): number => {
      let added = 0;
      for (const o of records) added += this.sql.run(`${INSERT_OUTBOX} ON CONFLICT (id) DO NOTHING`, outboxParams(o)).changes;
      return added;
    }).immediate();
  }

  getOutbox(id: string): OutboxRecord | null {
    const r = this.sql.one<OutboxRow>('SELECT * FROM outbox WHERE id = ?', [id]);
    return r ? toOutboxRecord(r) : null;
  }

  countOutbox(status: OutboxStatus): number {
    return this.sql.one<{ n: number }>('SELECT COUNT(*) AS n FROM outbox INDEXED BY outbox_by_status_next_try_id WHERE status = ?', [status])?.n ?? 0;
  }

  // ---- subscribe credits ----

  grant(userId: string, templates: readonly MessageTemplate[], at: string): Credits {
    this.sql.db.transaction(() => {
      for (const t of new Set(templates)) {
        this.sql.run(
          `INSERT INTO subscriptions (user_id, template, count, held, updated_at) VALUES (?, ?, 1, '[]', ?)
           ON CONFLICT (user_id, template) DO UPDATE SET count = MIN(count + 1, ?), updated_at = excluded.updated_at`,
          [userId, t, at, MAX_CREDITS],
        );
      }
    }).immediate();
    return this.credits(userId);
  }

  credits(userId: string): Credits {
    const out = noCredits();
    for (const r of this.sql.all<{ template: string; count: number }>('SELECT template, count FROM subscriptions WHERE user_id = ?', [userId])) {
      if ((MESSAGE_TEMPLATES as readonly string[]).includes(r.template)) out[r.template as MessageTemplate] = r.count;
    }
    return out;
  }

  hold(userId: string, template: MessageTemplate, key: string, at: string): boolean {
    return this.sql.db.transaction((): boolean => {
      const row = this.sql.one<{ count: number; held: string }>('SELECT count, held FROM subscriptions WHERE user_id = ? AND template = ?', [userId, template]);
      if (!row) return false;
      const held = JSON.parse(row.held) as string[];
      if (held.includes(key)) return true;
      if (row.count <= 0) return false;
      this.sql.run('UPDATE subscriptions SET count = count - 1, held = ?, updated_at = ? WHERE user_id = ? AND template = ?', [
        JSON.stringify([...held, key]), at, userId, template,
      ]);
      return true;
    }).immediate();
  }

  settleCredit(userId: string, template: MessageTemplate, key: string, outcome: CreditOutcome, at: string): void {
    this.sql.db.transaction(() => {
      const row = this.sql.one<{ count: number; held: string }>('SELECT count, held FROM subscriptions WHERE user_id = ? AND template = ?', [userId, template]);
      if (!row) return;
      const held = JSON.parse(row.held) as string[];
      if (!held.includes(key)) return;
      // A returned credit is the one held: it comes back as it was (the cap is for grants).
      const count = outcome === 'returned' ? row.count + 1 : outcome === 'refused' ? 0 : row.count;
      this.sql.run('UPDATE subscriptions SET count = ?, held = ?, updated_at = ? WHERE user_id = ? AND template = ?', [
        count, JSON.stringify(held.filter((k) => k !== key)), at, userId, template,
      ]);
    }).immediate();
  }

  holders(template: MessageTemplate, userIds: readonly string[]): string[] {
    if (userIds.length === 0) return [];
    return this.sql
      .all<{ user_id: string }>(
        'SELECT user_id FROM subscriptions WHERE user_id IN (SELECT DISTINCT value FROM json_each(?)) AND template = ? AND count > 0',
        [JSON.stringify(userIds), template],
      )
      .map((r) => r.user_id);
  }

  // ---- job locks ----

  acquire(job: string, owner: string, now: string, until: string): { checkpoint: string | null } | null {
    return this.sql.db.transaction((): { checkpoint: string | null } | null => {
      const row = this.sql.one<{ owner: string | null; until: string; checkpoint: string | null }>('SELECT owner, until, checkpoint FROM job_locks WHERE job = ?', [job]);
      if (row && row.owner !== null && row.owner !== owner && row.until > now) return null;
      this.sql.run(
        `INSERT INTO job_locks (job, owner, until, checkpoint, updated_at) VALUES (?, ?, ?, NULL, ?)
         ON CONFLICT (job) DO UPDATE SET owner = excluded.owner, until = excluded.until, updated_at = excluded.updated_at`,
        [job, owner, until, now],
      );
      return { checkpoint: row?.checkpoint ?? null };
    }).immediate();
  }

  checkpointJob(job: string, owner: string, checkpoint: string | null, until: string): boolean {
    return this.sql.run('UPDATE job_locks SET checkpoint = ?, until = ? WHERE job = ? AND owner = ?', [checkpoint, until, job, owner]).changes === 1;
  }

  release(job: string, owner: string, checkpoint: string | null): void {
    this.sql.run("UPDATE job_locks SET owner = NULL, until = '', checkpoint = ? WHERE job = ? AND owner = ?", [checkpoint, job, owner]);
  }

  // ---- the local sender's log ----

  recordLocalSend(m: SentMessage): boolean {
    return (
      this.sql.run('INSERT INTO local_sends (key, user_id, template, template_id, page, data, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING', [
        m.key, m.userId, m.template, m.templateId, m.page, JSON.stringify(m.data), m.at,
      ]).changes === 1
    );
  }

  listLocalSends(userId: string, page: { limit: number; cursor?: string | null }): Page<SentMessage> {
    const limit = pageLimit(page.limit);
    const cursor = decodeCursor('sent', page.cursor);
    const rows = cursor
      ? this.sql.all<LocalSendRow>('SELECT * FROM local_sends WHERE user_id = ? AND (at, key) < (?, ?) ORDER BY at DESC, key DESC LIMIT ?', [userId, cursor.key, cursor.id, limit + 1])
      : this.sql.all<LocalSendRow>('SELECT * FROM local_sends WHERE user_id = ? ORDER BY at DESC, key DESC LIMIT ?', [userId, limit + 1]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({ key: r.key, userId: r.user_id, template: r.template as MessageTemplate, templateId: r.template_id, page: r.page, data: JSON.parse(r.data) as TemplateData, at: r.at })),
      next: rows.length > limit && last ? encodeCursor('sent', { key: last.at, id: last.key }) : null,
    };
  }

  countLocalSends(): number {
    return this.sql.one<{ n: number }>('SELECT COUNT(*) AS n FROM local_sends')?.n ?? 0;
  }
}

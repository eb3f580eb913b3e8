/**
 * Delivery in CloudBase: the outbox as the dispatcher works it, subscribe credits and job locks.
 *
 * - A claim is a conditional update per record: `where({ _id, status: 'pending', nextTryAt: <as read> })`
 *   — the nextTryAt it was read with is the compare-and-set, so of two runs reading the same record only
 *   one update matches. Settling is conditional on the claim token the same way.
 * - Credits (`subscriptions`, _id `${userId}:${template}`), lock documents (`job_locks`, _id the job) and
 *   an outbox checkpoint are read and rewritten in one `runTransaction` each: a concurrent change aborts
 *   one of two writers, which re-runs and sees the other's write.
 * - `enqueue` writes the message and the record in one transaction, and only when the record's id is free.
 */
import { MAX_CREDITS, type Credits } from '@core/messages/consent';
import { MESSAGE_TEMPLATES, type FanoutProgress, type InboxMessage, type MessageTemplate, type OutboxRecord, type OutboxStatus } from '@core/messages/message';
import type { JobLockRepository } from '../../ports/job-lock.port';
import type { OutboxRepository } from '../../ports/outbox.port';
import type { SubscriptionRepository } from '../../ports/subscription.port';
import { transactionAccess } from './cloudbase-access';
import { checked, errorCode, type CloudbaseDb, type DbDocument, type DbTransaction } from './cloudbase-db';

const OUTBOX_FIELDS = ['eventId', 'recipientId', 'channel', 'template', 'payload', 'status', 'attempts', 'nextTryAt', 'lastError', 'createdAt'] as const;
const INBOX_FIELDS = ['userId', 'title', 'body', 'link', 'at', 'readAt'] as const;
/** Documents per `_.in` query and per `add`. */
const CHUNK = 100;
/** Conditional updates in flight at once during a claim. */
const CLAIM_PARALLEL = 16;
/** Lock and credit transactions re-run on a conflict this many times. */
const RETRIES = 10;

function copy(source: object, fields: readonly string[]): Record<string, unknown> {
  const e = source as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = e[f] === undefined ? null : structuredClone(e[f]);
  return out;
}

/** An outbox document's fields (without `_id`); the audience fields only when set. */
export function outboxFields(o: OutboxRecord): Record<string, unknown> {
  return { ...copy(o, OUTBOX_FIELDS), audience: o.audience ? structuredClone(o.audience) : null, progress: o.progress ? structuredClone(o.progress) : null };
}

/** A stored document as a record; the claim token stays in the database, audience and progress appear only when set. */
export function toOutbox(d: DbDocument): OutboxRecord {
  const record = { id: d._id, ...copy(d, OUTBOX_FIELDS) } as unknown as OutboxRecord;
  if (d.audience) record.audience = structuredClone(d.audience) as OutboxRecord['audience'];
  if (d.progress) record.progress = structuredClone(d.progress) as FanoutProgress;
  return record;
}

export function inboxFields(m: InboxMessage): Record<string, unknown> {
  return copy(m, INBOX_FIELDS);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}

const creditId = (userId: string, template: MessageTemplate) => `${userId}:${template}`;

function noCredits(): Credits {
  return Object.fromEntries(MESSAGE_TEMPLATES.map((t) => [t, 0])) as Credits;
}

export function deliveryRepositories(db: CloudbaseDb): { outbox: OutboxRepository; subscriptions: SubscriptionRepository; jobLocks: JobLockRepository } {
  const _ = db.command;
  const outboxes = () => db.collection('outbox');

  const inTransaction = <T>(work: (t: DbTransaction) => Promise<T>) => db.runTransaction(work, RETRIES);
  const txGet = async (t: DbTransaction, name: string, id: string) => checked(await t.collection(name).doc(id).get()).data ?? null;

  const outbox: OutboxRepository = {
    async claim(r) {
      const limit = Math.min(500, Math.max(1, Math.floor(r.limit)));
      const due = checked(
        await outboxes().where({ status: 'pending', nextTryAt: _.lte(r.now) }).orderBy('nextTryAt', 'asc').orderBy('_id', 'asc').limit(limit).get(),
      ).data;
      const won = new Set<string>();
      await inParallel(due, CLAIM_PARALLEL, async (d) => {
        const res = checked(
          await outboxes()
            .where({ _id: d._id, status: 'pending', nextTryAt: d.nextTryAt })
            .update({ claim: r.token, nextTryAt: r.leaseUntil, attempts: _.inc(1) }),
        );
        if (res.updated === 1) won.add(d._id);
      });
      // In the order they were due; a record another claim took first is left out.
      return due.filter((d) => won.has(d._id)).map((d) => ({ ...toOutbox(d), nextTryAt: r.leaseUntil, attempts: Number(d.attempts) + 1 }));
    },
    async settle(id, token, o) {
      const change: Record<string, unknown> = { status: o.status, lastError: o.lastError, claim: null };
      if (o.status === 'pending') {
        change.nextTryAt = o.nextTryAt;
        if (o.attempts !== undefined) change.attempts = o.attempts;
      }
      // `_.set`: a plain object would be merged field by field into the stored progress.
      if (o.progress) change.progress = _.set(o.progress);
      const res = checked(await outboxes().where({ _id: id, claim: token, status: 'pending' }).update(change));
      return res.updated === 1;
    },
    checkpoint(id, token, progress, leaseUntil) {
      return inTransaction(async (t) => {
        const d = await txGet(t, 'outbox', id);
        if (!d || d.claim !== token || d.status !== 'pending') return false;
        checked(await t.collection('outbox').doc(id).update({ progress: _.set(progress), nextTryAt: leaseUntil }));
        return true;
      });
    },
    enqueue({ message, record }) {
      return inTransaction(async (t) => {
        if (await txGet(t, 'outbox', record.id)) return false;
        if (message) await transactionAccess(t).create('inbox', message.id, inboxFields(message));
        checked(await t.collection('outbox').doc(record.id).set(outboxFields(record)));
        return true;
      });
    },
    async enqueueMany(records) {
      let added = 0;
      for (const part of chunks(records, CHUNK)) {
        const ids = [...new Set(part.map((r) => r.id))];
        const existing = new Set(checked(await outboxes().where({ _id: _.in(ids) }).limit(ids.length).get()).data.map((d) => d._id));
        const seen = new Set<string>();
        const missing = part.filter((r) => !existing.has(r.id) && !seen.has(r.id) && seen.add(r.id));
        if (missing.length === 0) continue;
        try {
          checked(await outboxes().add(missing.map((r) => ({ _id: r.id, ...outboxFields(r) }))));
          added += missing.length;
        } catch (e) {
          if (errorCode(e) !== 'DATABASE_DUPLICATE_WRITE') throw e;
          // Another writer queued some of them meanwhile: add the rest one by one.
          for (const r of missing) {
            try {
              checked(await outboxes().add({ _id: r.id, ...outboxFields(r) }));
              added += 1;
            } catch (e2) {
              if (errorCode(e2) !== 'DATABASE_DUPLICATE_WRITE') throw e2;
            }
          }
        }
      }
      return added;
    },
    async get(id) {
      const d = checked(await outboxes().doc(id).get()).data[0];
      return d ? toOutbox(d) : null;
    },
    async count(status: OutboxStatus) {
      return checked(await outboxes().where({ status }).count()).total;
    },
  };

  const subscriptions: SubscriptionRepository = {
    async grant(userId, templates, at) {
      await inTransaction(async (t) => {
        for (const template of new Set(templates)) {
          const d = await txGet(t, 'subscriptions', creditId(userId, template));
          const count = Math.min(Number(d?.count ?? 0) + 1, MAX_CREDITS);
          checked(await t.collection('subscriptions').doc(creditId(userId, template)).set({ userId, template, count, held: (d?.held as string[] | undefined) ?? [], updatedAt: at }));
        }
      });
      return subscriptions.credits(userId);
    },
    async credits(userId) {
      const out = noCredits();
      const docs = checked(await db.collection('subscriptions').where({ userId }).limit(100).get()).data;
      for (const d of docs) if ((MESSAGE_TEMPLATES as readonly unknown[]).includes(d.template)) out[d.template as MessageTemplate] = Number(d.count);
      return out;
    },
    hold(userId, template, key, at) {
      return inTransaction(async (t) => {
        const d = await txGet(t, 'subscriptions', creditId(userId, template));
        if (!d) return false;
        const held = (d.held as string[] | undefined) ?? [];
        if (held.includes(key)) return true;
        if (Number(d.count) <= 0) return false;
        checked(await t.collection('subscriptions').doc(creditId(userId, template)).update({ count: Number(d.count) - 1, held: _.set([...held, key]), updatedAt: at }));
        return true;
      });
    },
    async settle(userId, template, key, outcome, at) {
      await inTransaction(async (t) => {
        const d = await txGet(t, 'subscriptions', creditId(userId, template));
        const held = (d?.held as string[] | undefined) ?? [];
        if (!d || !held.includes(key)) return;
        // A returned credit is the one held: it comes back as it was (the cap is for grants).
        const count = outcome === 'returned' ? Number(d.count) + 1 : outcome === 'refused' ? 0 : Number(d.count);
        checked(await t.collection('subscriptions').doc(creditId(userId, template)).update({ count, held: _.set(held.filter((k) => k !== key)), updatedAt: at }));
      });
    },
    async holders(template, userIds) {
      const out = new Set<string>();
      for (const part of chunks([...new Set(userIds)], CHUNK)) {
        const docs = checked(
          await db.collection('subscriptions').where({ _id: _.in(part.map((u) => creditId(u, template))), count: _.gt(0) }).limit(part.length).get(),
        ).data;
        for (const d of docs) out.add(String(d.userId));
      }
      return [...out];
    },
  };

  const jobLocks: JobLockRepository = {
    acquire(job, owner, now, until) {
      return inTransaction(async (t) => {
        const d = await txGet(t, 'job_locks', job);
        if (d && d.owner !== null && d.owner !== owner && String(d.until) > now) return null;
        const checkpoint = (d?.checkpoint as string | null | undefined) ?? null;
        checked(await t.collection('job_locks').doc(job).set({ owner, until, checkpoint, updatedAt: now }));
        return { checkpoint };
      });
    },
    checkpoint(job, owner, checkpoint, until) {
      return inTransaction(async (t) => {
        const d = await txGet(t, 'job_locks', job);
        if (!d || d.owner !== owner) return false;
        checked(await t.collection('job_locks').doc(job).update({ checkpoint, until }));
        return true;
      });
    },
    async release(job, owner, checkpoint) {
      await inTransaction(async (t) => {
        const d = await txGet(t, 'job_locks', job);
        if (!d || d.owner !== owner) return;
        checked(await t.collection('job_locks').doc(job).update({ owner: null, until: '', checkpoint }));
      });
    },
  };

  return { outbox, subscriptions, jobLocks };
}

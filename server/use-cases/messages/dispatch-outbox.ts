/**
 * The dispatcher (timer, every minute): delivers queued outbox records as WeChat subscribe messages.
 *
 * - At least once to the sender, once to the person: a record is claimed by one run at a time (a lease;
 *   a run that dies gives it back when the lease ends), and the id (event, recipient, channel) was unique
 *   from the start, so the same cause never reaches the same person twice through this channel.
 * - A send uses one of the person's credits for the template (held under the record's id, so a retry
 *   never takes a second one). With none left the record is skipped: the in-app message is what they get.
 * - 43101 (no consent left) and 47003 (bad parameter) are recorded and not retried; other refusals a retry
 *   cannot fix (bad openid, unpublished page) likewise. Transient failures (busy, rate limited, network,
 *   timeout) are retried with exponential backoff, up to `maxAttempts` claims.
 * - Sends keep to `config.messages.sendsPerSecond` across the run (0: no limit). One run at a time holds
 *   the dispatch lock, so that is the global rate; a second run started meanwhile does nothing.
 * - A record addressed to an audience (an urgent notice) is expanded batch by batch into one record per
 *   person with consent, checkpointing the audience source's cursor after each batch (see audience.port.ts).
 * - A run stops claiming when its time budget is spent; what it claimed and did not start goes back at once.
 */
import { AUDIENCE_RECIPIENT, outboxId, type FanoutProgress, type OutboxRecord } from '@core/messages/message';
import { shapeTemplateData, templatePage } from '@core/messages/subscribe-message';
import type { Deps } from '../context';
import type { OutboxOutcome } from '../../ports/outbox.port';
import type { SendResult } from '../../ports/subscribe-sender.port';
import { runJob } from '../jobs/run-job';

/** Monotonic time and waiting, for the rate limit and the time budget (tests pass a fake). */
export interface Pace {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPace: Pace = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface DispatchOptions {
  /** Records claimed at a time. */
  batch: number;
  /** Sends in flight at once (within the rate limit). */
  concurrency: number;
  /** How long a claim holds a record; longer than any run, so a live run never loses its records. */
  leaseMs: number;
  /** The run stops claiming after this long (the message function's timeout is 60 s). */
  budgetMs: number;
  /** Claims of one record before a transient failure is given up as failed. */
  maxAttempts: number;
  /** People per page of an audience. */
  fanoutBatch: number;
  /** Take the dispatch lock (off only in tests that run dispatchers side by side on purpose). */
  lock: boolean;
  pace: Pace;
}

export const DISPATCH_DEFAULTS: DispatchOptions = {
  batch: 50,
  concurrency: 4,
  leaseMs: 2 * 60_000,
  budgetMs: 40_000,
  maxAttempts: 8,
  fanoutBatch: 500,
  lock: true,
  pace: realPace,
};

export const DISPATCH_JOB = 'outbox.dispatch';

/** Wait before try n+1 after n failed tries: 30 s, 1 min, 2 min, … up to 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export interface DispatchReport {
  /** False when another run held the dispatch lock. */
  ran: boolean;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Audience records whose expansion finished in this run. */
  expanded: number;
  /** Records queued for people by expansions in this run. */
  queued: number;
}

/**
 * Spaces sends `1000 / perSecond` ms apart on the pace's clock, shared by every lane of the run. A lane that
 * wakes late may catch up, but by at most a tenth of a second's worth of sends at once, so timer jitter
 * does not lower the rate and no second ever carries more than the limit plus that tenth.
 */
function rateLimiter(perSecond: number, pace: Pace): () => Promise<void> {
  if (!(perSecond > 0)) return async () => undefined;
  const interval = 1000 / perSecond;
  const slack = (Math.max(1, Math.floor(perSecond / 10)) - 1) * interval;
  let next = pace.now();
  return async () => {
    const now = pace.now();
    const at = Math.max(next, now - slack);
    next = at + interval;
    if (at > now) await pace.sleep(at - now);
  };
}

async function inLanes<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(width, items.length)) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

function failure(r: Extract<SendResult, { ok: false }>): string {
  return `${r.kind}: ${r.code} ${r.message}`.trim().slice(0, 300);
}

export async function dispatchOutbox(deps: Deps, options: Partial<DispatchOptions> = {}): Promise<DispatchReport> {
  const o: DispatchOptions = { ...DISPATCH_DEFAULTS, ...options };
  const report: DispatchReport = { ran: true, sent: 0, retried: 0, failed: 0, skipped: 0, expanded: 0, queued: 0 };
  if (!o.lock) {
    await dispatchRun(deps, o, report, async () => true);
    return report;
  }
  const outcome = await runJob(deps, DISPATCH_JOB, o.budgetMs + o.leaseMs, (job) => dispatchRun(deps, o, report, () => job.save(null).then(() => true)));
  // A run that lost its lock midway did run: what it did is in the report.
  return outcome.ran || outcome.reason === 'lock_lost' ? report : { ...report, ran: false };
}

async function dispatchRun(deps: Deps, o: DispatchOptions, report: DispatchReport, renewLock: () => Promise<boolean>): Promise<void> {
  const { outbox, subscriptions } = deps.store;
  const token = deps.newId();
  const started = o.pace.now();
  const limit = rateLimiter(deps.config.messages.sendsPerSecond, o.pace);
  const iso = (plusMs = 0) => new Date(deps.clock.now().getTime() + plusMs).toISOString();
  const budgetLeft = () => o.pace.now() - started < o.budgetMs;
  // A claim is trusted for its lease minus a margin for the send in flight.
  const margin = Math.min(10_000, o.leaseMs / 4);

  async function settle(rec: OutboxRecord, outcome: OutboxOutcome): Promise<void> {
    if (!(await outbox.settle(rec.id, token, outcome))) {
      deps.log.error(`[dispatch] ${rec.id}: the claim was lost before "${outcome.status}" was recorded`);
    }
  }

  /** Gives an unstarted record back without counting the claim as a try. */
  function giveBack(rec: OutboxRecord, progress?: FanoutProgress): Promise<void> {
    return settle(rec, { status: 'pending', nextTryAt: iso(), lastError: rec.lastError, attempts: rec.attempts - 1, ...(progress ? { progress } : {}) });
  }

  async function retryOrFail(rec: OutboxRecord, why: string): Promise<void> {
    if (rec.attempts >= o.maxAttempts) {
      report.failed += 1;
      await settle(rec, { status: 'failed', lastError: `gave_up: ${rec.attempts} tries; last ${why}`.slice(0, 300) });
    } else {
      report.retried += 1;
      await settle(rec, { status: 'pending', nextTryAt: iso(backoffMs(rec.attempts)), lastError: why });
    }
  }

  async function deliver(rec: OutboxRecord, claimedAt: number): Promise<void> {
    const leaseHolds = () => o.pace.now() - claimedAt < o.leaseMs - margin;
    if (!budgetLeft() || !leaseHolds()) return giveBack(rec);
    const final = async (status: 'failed' | 'skipped', why: string) => {
      report[status] += 1;
      await settle(rec, { status, lastError: why });
    };
    if (rec.channel !== 'subscribe') return final('skipped', `channel: ${String(rec.channel)} is not delivered by this dispatcher`);
    const templateId = deps.config.messages.templates[rec.template];
    if (!templateId) return final('skipped', `template_off: no WeChat template configured for ${rec.template}`);
    const user = await deps.store.users.getById(rec.recipientId);
    if (!user) return final('failed', `recipient_unknown: ${rec.recipientId}`);
    if (!(await subscriptions.hold(user.id, rec.template, rec.id, iso()))) {
      return final('skipped', 'no_credit: the person has no subscribe consent left for this template; the in-app message stands');
    }
    const message = {
      key: rec.id,
      userId: user.id,
      touser: user.openid,
      template: rec.template,
      templateId,
      page: templatePage(rec.template, rec.payload),
      data: shapeTemplateData(rec.template, rec.payload, new Date(rec.createdAt)),
      miniprogramState: deps.config.messages.miniprogramState,
    };
    await limit();
    // Too late to send safely: the next run takes the record over (and the credit held under its id).
    if (!leaseHolds()) return;
    let result: SendResult;
    try {
      result = await deps.subscribe.send(message);
    } catch (e) {
      result = { ok: false, kind: 'transient', code: 'exception', message: e instanceof Error ? e.message : String(e) };
    }
    const at = iso();
    // The record is settled first: a run that dies in between leaves the credit held under the record's
    // id, and the retry of the same record reuses that credit instead of taking another.
    if (result.ok) {
      report.sent += 1;
      await settle(rec, { status: 'sent', lastError: null });
      await subscriptions.settle(user.id, rec.template, rec.id, 'used', at);
      return;
    }
    switch (result.kind) {
      case 'no_consent':
        await final('failed', failure(result));
        await subscriptions.settle(user.id, rec.template, rec.id, 'refused', at);
        return;
      case 'bad_parameter':
      case 'rejected':
        await final('failed', failure(result));
        await subscriptions.settle(user.id, rec.template, rec.id, 'returned', at);
        return;
      case 'transient':
        await retryOrFail(rec, failure(result));
        await subscriptions.settle(user.id, rec.template, rec.id, 'returned', at);
        return;
    }
  }

  async function expand(rec: OutboxRecord, claimedAt: number): Promise<void> {
    const audience = rec.audience;
    if (!audience) return;
    let progress: FanoutProgress = rec.progress ?? { cursor: null, recipients: 0, queued: 0 };
    let since = claimedAt;
    for (;;) {
      if (!budgetLeft() || o.pace.now() - since >= o.leaseMs - margin) return giveBack(rec, progress);
      let page: { userIds: string[]; next: string | null };
      try {
        page = await deps.audience.page(audience, progress.cursor, o.fanoutBatch);
      } catch (e) {
        deps.log.error(`[dispatch] ${rec.id}: the audience source failed`, e);
        await retryOrFail(rec, `audience: ${e instanceof Error ? e.message : String(e)}`.slice(0, 300));
        return;
      }
      const people = [...new Set(page.userIds)].filter((u) => u && u !== AUDIENCE_RECIPIENT);
      const withConsent = new Set(people.length ? await subscriptions.holders(rec.template, people) : []);
      const now = iso();
      const records: OutboxRecord[] = people
        .filter((u) => withConsent.has(u))
        .map((userId) => ({
          id: outboxId(rec.eventId, userId, rec.channel),
          eventId: rec.eventId,
          recipientId: userId,
          channel: rec.channel,
          template: rec.template,
          payload: rec.payload,
          status: 'pending',
          attempts: 0,
          nextTryAt: now,
          lastError: null,
          createdAt: rec.createdAt,
        }));
      const queued = records.length ? await outbox.enqueueMany(records) : 0;
      report.queued += queued;
      progress = { cursor: page.next, recipients: progress.recipients + page.userIds.length, queued: progress.queued + queued };
      if (page.next === null) {
        report.expanded += 1;
        await settle(rec, { status: 'sent', lastError: null, progress });
        return;
      }
      if (!(await outbox.checkpoint(rec.id, token, progress, iso(o.leaseMs)))) {
        deps.log.error(`[dispatch] ${rec.id}: the claim was lost during the expansion; the next holder resumes from its checkpoint`);
        return;
      }
      since = o.pace.now();
    }
  }

  while (budgetLeft()) {
    const claimedAt = o.pace.now();
    const claimed = await outbox.claim({ now: iso(), leaseUntil: iso(o.leaseMs), token, limit: o.batch });
    if (claimed.length === 0) break;
    await inLanes(claimed, o.concurrency, (rec) => (rec.audience ? expand(rec, claimedAt) : deliver(rec, claimedAt)));
    if (!(await renewLock())) break;
  }
}

/**
 * The outbox as the dispatcher works it. Records are written by the writes that cause them (a request's
 * transition, a notice's publication) and by `enqueue` (timer jobs, fan-out); after that only the
 * dispatcher changes them, and only through claims:
 *
 * - `claim` leases due records to one run. A record goes to at most one claim at a time (a conditional
 *   update per record, so two runs at once split the work and never share a record); its attempts count
 *   up and its nextTryAt moves to the lease's end — so a run that dies leaves its records to be claimed
 *   again once the lease is over.
 * - `settle` and `checkpoint` change a record only while the caller's claim still holds it (same token,
 *   still pending); a run whose lease was overtaken changes nothing.
 *
 * The id `${eventId}:${recipientId}:${channel}` is unique: the same cause can never queue the same
 * delivery twice, however often a job or an expansion runs.
 */
import type { FanoutProgress, InboxMessage, OutboxRecord, OutboxStatus } from '@core/messages/message';

/** What a try ended in. `pending`: try again at nextTryAt; the others are final. */
export type OutboxOutcome =
  | {
      status: 'pending';
      nextTryAt: string;
      lastError: string | null;
      /** An audience record that stopped for time, not for a failure, gives its claim back without counting it. */
      attempts?: number;
      progress?: FanoutProgress;
    }
  | { status: Exclude<OutboxStatus, 'pending'>; lastError: string | null; progress?: FanoutProgress };

export interface ClaimRequest {
  /** Records with nextTryAt at or before this instant are due. */
  now: string;
  /** The claim lasts until this instant. */
  leaseUntil: string;
  /** The claiming run's own token: settle and checkpoint name it. */
  token: string;
  /** How many to claim at most (1..500). */
  limit: number;
}

export interface OutboxRepository {
  /** Claims up to `limit` due pending records, earliest nextTryAt first (ties by id); returns them as claimed. */
  claim(request: ClaimRequest): Promise<OutboxRecord[]>;
  /** Records the outcome of a try; false (nothing changed) when the claim no longer holds the record. */
  settle(id: string, token: string, outcome: OutboxOutcome): Promise<boolean>;
  /** Saves an expansion's progress and extends the claim to `leaseUntil`; false when the claim was lost. */
  checkpoint(id: string, token: string, progress: FanoutProgress, leaseUntil: string): Promise<boolean>;
  /**
   * Writes an in-app message and its outbox record together, once: if the record's id is already queued,
   * nothing is written and the answer is false.
   */
  enqueue(item: { message: InboxMessage | null; record: OutboxRecord }): Promise<boolean>;
  /** Queues records whose ids are not queued yet (the others are left as they are); returns how many were new. */
  enqueueMany(records: OutboxRecord[]): Promise<number>;
  get(id: string): Promise<OutboxRecord | null>;
  /** How many records are in this status. */
  count(status: OutboxStatus): Promise<number>;
}

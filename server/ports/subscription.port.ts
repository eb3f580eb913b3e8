/**
 * Subscribe-message credits: how many sends of each template a person has allowed (core/messages/consent.ts).
 * One record per (user, template). A send holds a credit under its outbox id before calling WeChat and
 * then settles it: used when WeChat took the message, returned when WeChat refused it without using the
 * consent (a transient failure, 47003), cleared when WeChat says there is no consent (43101). Holding is
 * idempotent per key: a run that died after holding, and the run that retries the same record, hold one
 * credit between them, never two.
 */
import type { Credits } from '@core/messages/consent';
import type { MessageTemplate } from '@core/messages/message';

export type CreditOutcome = 'used' | 'returned' | 'refused';

export interface SubscriptionRepository {
  /** One more allowed send of each template (capped at MAX_CREDITS); returns the person's credits after. */
  grant(userId: string, templates: readonly MessageTemplate[], at: string): Promise<Credits>;
  /** Every template, 0 where the person allowed none. */
  credits(userId: string): Promise<Credits>;
  /** Holds one credit for `key`: true if one is held for it now (newly or already), false when none is left. */
  hold(userId: string, template: MessageTemplate, key: string, at: string): Promise<boolean>;
  /** Settles the credit held for `key` (a returned one counts again, even above the grant cap); nothing happens when none is held for it. */
  settle(userId: string, template: MessageTemplate, key: string, outcome: CreditOutcome, at: string): Promise<void>;
  /** Those of `userIds` with at least one credit for `template` (any order, no duplicates). */
  holders(template: MessageTemplate, userIds: readonly string[]): Promise<string[]>;
}

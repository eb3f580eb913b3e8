/**
 * The seam between publishing to many people and delivering to each of them.
 *
 * Publishing an urgent notice writes no per-resident rows. In the same write as the notice it queues ONE
 * outbox record addressed to the notice's audience:
 *
 *   { id: outboxId(eventId, AUDIENCE_RECIPIENT, 'subscribe'), eventId, recipientId: AUDIENCE_RECIPIENT ('*'),
 *     channel: 'subscribe', template: 'notice_urgent', audience: { kind: 'notice', noticeId },
 *     payload: { title, publisher, time, page }, status: 'pending', attempts: 0, nextTryAt: <publish time>, … }
 *
 * The dispatcher (server/use-cases/messages/dispatch-outbox.ts) claims that record and expands it: it asks
 * the AudienceSource for the audience one page at a time, keeps those who allowed `notice_urgent` sends,
 * and queues one ordinary record per person — id outboxId(eventId, userId, channel), so a person gets it
 * once however often a page is read again. After every page it checkpoints the source's cursor on the
 * audience record (`progress`), so a run that dies halfway resumes where it stopped; when the source says
 * there is no next page, the audience record is settled `sent` with the totals in `progress`.
 *
 * `Deps.audience` is the source the functions run with: `audienceByKind({...})` routes each audience kind
 * to its source and lists no one for a kind without one. The default is `audienceByKind({})` — no one for
 * every audience; the notices feature plugs its source in where the deps are built (local-deps.ts,
 * cloudbase-deps.ts): `audience: audienceByKind({ notice: noticeAudience(store, clock) })`, for the functions
 * whose composition declares `audience` (server/composition/compositions.ts; only `message`).
 */
import type { OutboxAudience } from '@core/messages/message';

export interface AudiencePage {
  /** User ids (not openids); may be empty mid-way, duplicates are harmless. */
  userIds: string[];
  /** Pass back for the next page; null after the last. */
  next: string | null;
}

export interface AudienceSource {
  /**
   * One page of the audience, at most `limit` people, in a stable order: reading the same cursor again
   * gives the same people (as far as the audience itself has not changed).
   */
  page(audience: OutboxAudience, cursor: string | null, limit: number): Promise<AudiencePage>;
}

const NO_ONE: AudiencePage = { userIds: [], next: null };

/** Routes each audience to the source for its kind; an audience of a kind without a source lists no one. */
export function audienceByKind(sources: Partial<Record<OutboxAudience['kind'], AudienceSource>>): AudienceSource {
  return {
    async page(audience, cursor, limit) {
      const source = Object.prototype.hasOwnProperty.call(sources, audience.kind) ? sources[audience.kind] : undefined;
      return source ? source.page(audience, cursor, limit) : { ...NO_ONE, userIds: [] };
    },
  };
}

/** The default: no source plugged in, so every audience lists no one. */
export const noAudience: AudienceSource = audienceByKind({});

import { OPEN_STATUSES } from '@core/requests/request.status';
import type { RequestEvent } from '@core/requests/request';
import type { Deps } from '../../functions/deps';

/** Requests moved per page: each is its own conditional write, so a big grid never makes one huge write. */
export const TRANSFER_BATCH = 50;

/**
 * 网格移交: when a grid's primary worker changes, the open requests of that grid the old worker handles move
 * to the new one, each with a history entry 「网格移交：由 A 转给 B」. Each request is one conditional write
 * (request + event); one that moved meanwhile is left to whoever moved it. Returns how many moved.
 */
export async function transferGridRequests(
  deps: Deps,
  input: { streetId: string; gridId: string; from: { id: string; name: string }; to: { id: string; name: string }; actor: { id: string; name: string }; at: string },
): Promise<number> {
  const { store } = deps;
  let moved = 0;
  let cursor: string | null = null;
  const query = { streetId: input.streetId, gridIds: [input.gridId], handlerId: input.from.id, statuses: [...OPEN_STATUSES], sort: 'newest' as const };
  do {
    const page = await store.requests.list(query, { limit: TRANSFER_BATCH, cursor });
    for (const r of page.items) {
      if (r.handler?.kind !== 'worker' || r.handler.id !== input.from.id) continue;
      const history = await store.requests.events(r.id);
      const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
      const event: RequestEvent = {
        id: deps.newId(), requestId: r.id, seq, action: 'transfer', from: r.status, to: r.status,
        actor: { role: 'community_staff', id: input.actor.id, name: input.actor.name },
        note: `网格移交：由 ${input.from.name} 转给 ${input.to.name}`, photoFileIds: [], at: input.at,
      };
      const stored = await store.requests.commit({
        request: { ...r, handler: { kind: 'worker', id: input.to.id, name: input.to.name }, version: r.version + 1, updatedAt: input.at },
        expectedVersion: r.version, events: [event], messages: [], outbox: [],
      });
      if (stored) moved++;
    }
    // Moved requests leave the handler filter, but the keyset cursor still walks forward over the rest.
    cursor = page.next;
  } while (cursor);
  return moved;
}

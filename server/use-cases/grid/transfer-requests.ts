import { nextDueHolderId } from '@core/assessment/counters';
import { OPEN_STATUSES } from '@core/requests/request.status';
import type { RequestEvent } from '@core/requests/request';
import type { Deps } from '../context';

/** Requests moved per page: each is its own conditional write, so a big grid never makes one huge write. */
export const TRANSFER_BATCH = 50;

/**
 * 网格移交: when a grid gets a new primary worker, the grid's open requests handled by a worker who no longer
 * looks after it follow the grid to the new one: the previous primary worker's, and those of anyone who has left
 * (revoked: no grid_worker post in the street any more). A B角 who still backs the grid up, and a worker of another
 * grid a request was dispatched to, keep theirs. Each moved request gets a history entry 「网格移交：由 A 转给 B」 and is its own
 * conditional write (request + event); one that moved meanwhile is left to whoever moved it. Returns how many moved.
 * One moved after its resolution deadline keeps the previous worker as its dueHolderId (考核 counts it for them).
 */
export async function transferGridRequests(
  deps: Deps,
  input: {
    streetId: string; gridId: string; previousPrimaryId: string | null; to: { id: string; name: string };
    /** The grid's B角 after the change: keeps what was dispatched to them. */
    backupId: string | null;
    actor: { id: string; name: string }; at: string;
  },
): Promise<number> {
  const { store } = deps;
  const stillHere = new Set([input.to.id, input.backupId].filter((x): x is string => x !== null));
  /** Whether a handler has left this grid, asked once per person. */
  const left = new Map<string, Promise<boolean>>();
  const hasLeft = (id: string): Promise<boolean> => {
    let answer = left.get(id);
    if (!answer) {
      answer = store.users.getById(id).then((u) => !u || !u.posts.some((p) => p.role === 'grid_worker' && p.streetId === input.streetId));
      left.set(id, answer);
    }
    return answer;
  };
  let moved = 0;
  let cursor: string | null = null;
  const query = { streetId: input.streetId, gridIds: [input.gridId], statuses: [...OPEN_STATUSES], sort: 'newest' as const };
  do {
    const page = await store.requests.list(query, { limit: TRANSFER_BATCH, cursor });
    for (const r of page.items) {
      if (r.handler?.kind !== 'worker' || stillHere.has(r.handler.id)) continue;
      if (r.handler.id !== input.previousPrimaryId && !(await hasLeft(r.handler.id))) continue;
      const history = await store.requests.events(r.id);
      const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1;
      const event: RequestEvent = {
        id: deps.newId(), requestId: r.id, seq, action: 'transfer', from: r.status, to: r.status,
        actor: { role: 'community_staff', id: input.actor.id, name: input.actor.name },
        note: `网格移交：由 ${r.handler.name} 转给 ${input.to.name}`, photoFileIds: [], at: input.at,
      };
      // 考核: a request moved after its resolution deadline stays counted for the worker who let it pass.
      const holder = nextDueHolderId(r, input.at);
      const stored = await store.requests.commit({
        request: {
          ...r, handler: { kind: 'worker', id: input.to.id, name: input.to.name }, version: r.version + 1, updatedAt: input.at,
          ...(holder !== (r.dueHolderId ?? null) ? { dueHolderId: holder } : {}),
        },
        expectedVersion: r.version, events: [event], messages: [], outbox: [],
      });
      if (stored) moved++;
    }
    cursor = page.next;
  } while (cursor);
  return moved;
}

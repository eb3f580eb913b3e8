/**
 * Timer: a verified request whose rating window has passed is archived (事件归档) without a rating. Safe to
 * run twice or concurrently: each archive is a version-conditional commit, a lost race is skipped.
 */
import type { ServiceRequest } from '@core/requests/request';
import { transition } from '@core/requests/request.transitions';
import type { SystemContext } from '../context';
import { noticesFor } from './request-notices';
import { streetRules } from './street-rules';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function archiveRated(ctx: SystemContext): Promise<{ archived: number }> {
  const { deps, now } = ctx;
  let archived = 0;
  for (const street of await deps.store.places.listStreets()) {
    const rules = await streetRules(deps, street.id);
    const before = now.getTime() - rules.settings.ratingWindowDays * DAY_MS;
    let cursor: string | null = null;
    do {
      const page: { items: ServiceRequest[]; next: string | null } = await deps.store.requests.list(
        { streetId: street.id, statuses: ['verified'], resolvedBefore: new Date(before).toISOString(), sort: 'newest' },
        { limit: 100, cursor },
      );
      for (const r of page.items) {
        if (!r.closedAt || Date.parse(r.closedAt) > before) continue;
        const seq = (await deps.store.requests.events(r.id)).reduce((m, e) => Math.max(m, e.seq), 0) + 1;
        const at = now.toISOString();
        const out = transition(r, {
          action: 'archive',
          actor: { role: 'system', id: 'system', name: '系统' },
          parties: new Set(['system']),
          at,
          eventId: deps.newId(),
          seq,
        });
        const notices = await noticesFor(deps, out.request, out.event);
        const stored = await deps.store.requests.commit({ request: out.request, expectedVersion: r.version, events: [out.event], ...notices });
        if (stored) archived += 1;
      }
      cursor = page.next;
    } while (cursor);
  }
  return { archived };
}

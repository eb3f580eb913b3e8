/**
 * Retention: visit notes are kept for the street's visitRetentionYears (default 3), then deleted by the daily
 * housekeeping, photos with them. Each round lists what is older than the cut-off, removes its photos first, then
 * the visits: a run stopped between the two leaves visits whose photos are gone, which the next run removes
 * (removing a file already gone is a no-op), so running twice or concurrently is safe and rounds are bounded.
 */
import { beijingDate } from '@core/calendar/working-days';
import { DEFAULT_VISIT_RETENTION_YEARS } from '@core/visits/visit';
import type { SystemContext } from '../context';

const ROUND = 500;
const ROUNDS_MAX = 20;

/** The first date kept on `today` for a retention of `years`: the same calendar date `years` back. */
export function retentionCutoff(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const shifted = new Date(Date.UTC(y - years, m - 1, d));
  // 2029-02-29 less a year is 2028-02-29 (exists) or rolls into March: keep the roll, a day more is kept, never less.
  return shifted.toISOString().slice(0, 10);
}

export async function purgeOldVisits(ctx: SystemContext): Promise<{ removed: number }> {
  const today = beijingDate(ctx.now);
  const { store } = ctx.deps;
  let removed = 0;
  for (const street of await store.places.listStreets()) {
    const settings = await store.requestConfig.settings(street.id);
    const years = settings.visitRetentionYears ?? DEFAULT_VISIT_RETENTION_YEARS;
    const cutoff = retentionCutoff(today, years);
    for (let round = 0; round < ROUNDS_MAX; round++) {
      const old = await store.visits.listBefore(street.id, cutoff, ROUND);
      if (!old.length) break;
      const photos = old.flatMap((v) => v.photoFileIds);
      if (photos.length) await ctx.deps.files.remove(photos);
      removed += await store.visits.remove(old.map((v) => v.id));
      if (old.length < ROUND) break;
    }
  }
  return { removed };
}

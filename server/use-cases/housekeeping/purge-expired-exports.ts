import type { SystemContext } from '../context';

const BATCH = 200;
/** A run stops after this many batches; the next run (or the next timer) takes the rest. */
const MAX_BATCHES = 50;

/**
 * Deletes export files past their expiry (24 h after they were written), then their records. The file
 * goes first: a run interrupted between the two leaves a record whose file is already gone, and the next
 * run removes it again (removing a missing file is a no-op), so running twice, or two runs at once, is safe.
 */
export async function purgeExpiredExports(ctx: SystemContext): Promise<{ removed: number }> {
  const now = ctx.now.toISOString();
  let removed = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const due = await ctx.deps.store.exports.listExpired(now, BATCH);
    if (due.length === 0) break;
    await ctx.deps.files.remove(due.map((r) => r.fileId));
    await ctx.deps.store.exports.remove(due.map((r) => r.id));
    removed += due.length;
    if (due.length < BATCH) break;
  }
  if (removed) ctx.deps.log.info(`[housekeeping] removed ${removed} expired exports`);
  return { removed };
}

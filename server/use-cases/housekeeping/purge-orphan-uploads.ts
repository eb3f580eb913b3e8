import type { SystemContext } from '../context';

/** An upload gets a day to be used (a request, a notice, a card, an import); after that an unused one is deleted. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
/** Records per round: one read well under CloudBase's 1,000 documents, one deleteFile call per 50 files. */
export const PURGE_BATCH = 100;
/** Rounds per run and the time they may take: the daily function has other jobs after this one and a time limit. */
export const PURGE_MAX_ROUNDS = 20;
// The recount after it has 40 s of the function's 60 s (NIGHTLY_BUDGET_MS); this leaves room for the export purge.
export const PURGE_TIME_BUDGET_MS = 10_000;

/**
 * Finds unused uploads by their records (server/ports/upload.port.ts), so it works the same on CloudBase,
 * whose storage cannot be listed from a function, and locally. Each round removes the records still unused
 * at that moment (conditional deletes) and then exactly their files: a file marked used meanwhile stays.
 * Safe to run twice; what one run leaves (the round or time limit) the next run takes.
 *
 * Files from before upload records existed have none and are never purged (they may be in use).
 */
export async function purgeOrphanUploads(ctx: SystemContext): Promise<{ checked: number; removed: number; more: boolean }> {
  const before = new Date(ctx.now.getTime() - ORPHAN_GRACE_MS).toISOString();
  const started = Date.now();
  let checked = 0;
  let removed = 0;
  let more = false;
  for (let round = 0; round < PURGE_MAX_ROUNDS; round++) {
    if (Date.now() - started > PURGE_TIME_BUDGET_MS) {
      more = true;
      break;
    }
    const due = await ctx.deps.store.uploads.listUnreferenced(before, PURGE_BATCH);
    checked += due.length;
    const gone = due.length ? await ctx.deps.store.uploads.removeUnreferenced(due.map((r) => r.fileId)) : [];
    if (gone.length) await ctx.deps.files.remove(gone);
    removed += gone.length;
    if (due.length < PURGE_BATCH) break;
    if (round === PURGE_MAX_ROUNDS - 1) more = true;
  }
  ctx.deps.log.info(`[housekeeping] checked ${checked} unused uploads, removed ${removed}${more ? ' (more left for the next run)' : ''}`);
  return { checked, removed, more };
}

import type { SystemContext } from '../../functions/define-function';

/** An upload gets a day to be attached; after that, a photo no card references is deleted. */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export async function purgeOrphanUploads(ctx: SystemContext): Promise<{ checked: number; removed: number }> {
  const before = new Date(ctx.now.getTime() - ORPHAN_GRACE_MS).toISOString();
  const candidates = await ctx.deps.files.listCreatedBefore(before, BATCH);
  if (candidates.length === 0) return { checked: 0, removed: 0 };
  const referenced = new Set(await ctx.deps.store.cards.listPhotoFileIds());
  const orphans = candidates.filter((f) => !referenced.has(f.fileId)).map((f) => f.fileId);
  if (orphans.length) await ctx.deps.files.remove(orphans);
  ctx.deps.log.info(`[housekeeping] checked ${candidates.length} uploads, removed ${orphans.length}`);
  return { checked: candidates.length, removed: orphans.length };
}

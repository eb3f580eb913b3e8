import type { MyCardEdit, UpdateCardInput } from '@core/api/contract';
import { slotProblem } from '@core/contact-card/duty-hours';
import { grantOf } from '@core/people/role';
import { isImageType } from '../../ports/file-storage.port';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import { cardOrDefault } from './card-view';
import { useOwnUploads } from '../uploads/use-uploads';

function requireWorker(ctx: UserContext) {
  const grant = grantOf(ctx.actor, 'grid_worker');
  if (!grant) throw new DomainError('CARD.NOT_WORKER');
  authorize(ctx.actor, 'card.edit', { streetId: grant.streetId, communityId: grant.communityId, userId: ctx.user.id });
  return grant;
}

async function editView(ctx: UserContext): Promise<MyCardEdit> {
  const grant = requireWorker(ctx);
  const card = cardOrDefault(ctx.user, await ctx.deps.store.cards.get(ctx.user.id), ctx.now.toISOString());
  const [photoUrl] = card.photoFileId ? await ctx.deps.files.tempUrls([card.photoFileId]) : [null];
  const grids = await Promise.all([...grant.gridIds, ...grant.backupGridIds].map((id) => ctx.deps.store.places.getGrid(id)));
  return {
    card,
    photoUrl: photoUrl ?? null,
    grids: grids.filter((g) => g !== null).map((g) => (grant.backupGridIds.includes(g.id) ? `${g.name}（B角）` : g.name)),
  };
}

export function getMyCardEdit(ctx: UserContext): Promise<MyCardEdit> {
  return editView(ctx);
}

/**
 * A worker edits only their own card (the target is always the caller). A new photo must be a file the
 * worker uploaded themselves; the old photo is left for housekeeping to remove once nothing references it.
 */
export async function updateMyCard(ctx: UserContext, input: UpdateCardInput): Promise<MyCardEdit> {
  requireWorker(ctx);
  for (const [i, slot] of input.dutyHours.entries()) {
    const problem = slotProblem(slot);
    if (problem) throw new DomainError('INPUT.INVALID', `第${i + 1}个值班时段：${problem}`, [{ path: `dutyHours.${i}`, message: problem }]);
  }
  // The photo already on the card stays as it is; a new one must be the worker's own upload.
  const before = (await ctx.deps.store.cards.get(ctx.user.id))?.photoFileId ?? null;
  if (input.photoFileId && input.photoFileId !== before) {
    await useOwnUploads(ctx.deps, ctx.user.id, [input.photoFileId], ctx.now, {
      check: (r) => {
        if (!isImageType(r.contentType)) throw new DomainError('FILE.NOT_IMAGE');
      },
    });
  }
  await ctx.deps.store.cards.save({
    workerId: ctx.user.id,
    displayName: input.displayName,
    workPhone: input.workPhone,
    photoFileId: input.photoFileId,
    dutyHours: input.dutyHours.map((s) => ({ days: [...new Set(s.days)].sort((a, b) => a - b), start: s.start, end: s.end })),
    intro: input.intro,
    updatedAt: ctx.now.toISOString(),
  });
  // A replaced photo is no longer used by anything: the daily purge removes it after its grace period.
  if (before && before !== input.photoFileId) await ctx.deps.store.uploads.release([before]);
  return editView(ctx);
}

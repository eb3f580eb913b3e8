import { DomainError } from '@core/shared/errors';
import { isImageType } from '../../ports/file-storage.port';
import type { UserContext } from '../../functions/define-function';

/** Photos attach only if the caller uploaded them themselves; each file once. */
export async function ownPhotos(ctx: UserContext, fileIds: string[]): Promise<string[]> {
  const unique = [...new Set(fileIds)];
  const infos = await Promise.all(unique.map((id) => ctx.deps.files.info(id)));
  for (const info of infos) {
    if (!info) throw new DomainError('FILE.NOT_FOUND');
    if (info.ownerId !== ctx.user.id) throw new DomainError('FILE.NOT_OWNED');
    if (!isImageType(info.contentType)) throw new DomainError('FILE.NOT_IMAGE');
  }
  return unique;
}

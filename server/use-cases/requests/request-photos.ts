import { DomainError } from '@core/shared/errors';
import { isImageType } from '../../ports/file-storage.port';
import type { UserContext } from '../context';
import { useOwnUploads } from '../uploads/use-uploads';

/** Photos attach only if the caller uploaded them themselves (an upload record of theirs); each file once. */
export async function ownPhotos(ctx: UserContext, fileIds: string[]): Promise<string[]> {
  const records = await useOwnUploads(ctx.deps, ctx.user.id, fileIds, ctx.now, {
    check: (r) => {
      if (!isImageType(r.contentType)) throw new DomainError('FILE.NOT_IMAGE');
    },
  });
  return records.map((r) => r.fileId);
}

import { ERROR_MESSAGES } from '@core/shared/errors';
import { IMAGE_MAX_BYTES } from '@core/shared/file-limits';

/** The upload route's own limits (core/shared/file-limits), checked here to spare a wasted upload. */
export { IMAGE_MAX_BYTES };

export interface PickedPhoto {
  path: string;
  size: number;
  /** The file's type when the platform says (H5: `image/png`); weapp gives only the path. */
  mime: string | null;
}

/** JPEG or PNG under 5 MB. A path without an extension and no type (some H5 blobs) is left to the server. */
export function photoProblem(photo: PickedPhoto): string | null {
  if (photo.size > IMAGE_MAX_BYTES) return ERROR_MESSAGES['FILE.TOO_LARGE'];
  if (photo.mime && photo.mime.startsWith('image/')) {
    return /^image\/(jpeg|jpg|png)$/i.test(photo.mime) ? null : ERROR_MESSAGES['FILE.TYPE'];
  }
  const ext = /\.([A-Za-z0-9]{2,5})$/.exec(photo.path.split('?')[0]);
  if (ext && !/^(jpe?g|png)$/i.test(ext[1])) return ERROR_MESSAGES['FILE.TYPE'];
  return null;
}

export type PickFailure = 'cancelled' | 'denied' | 'failed';

/**
 * Why a picker (album, camera, map) closed without a result, from the platform's errMsg: the person closed
 * it (nothing to say), refused the permission (say how to go on without it), or something else broke.
 */
export function pickFailureOf(e: unknown): PickFailure {
  const msg = String((e as { errMsg?: unknown; message?: unknown } | null)?.errMsg ?? (e as { message?: unknown } | null)?.message ?? e ?? '');
  if (/cancel|abort/i.test(msg)) return 'cancelled';
  if (/auth|deny|denied|permission|privacy|scope/i.test(msg)) return 'denied';
  return 'failed';
}

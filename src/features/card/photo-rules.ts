import { ERROR_MESSAGES } from '@core/shared/errors';

/** Same limit the upload route enforces (server/ports/file-storage.port.ts); checked here to spare a wasted upload. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export function photoProblem(size: number): string | null {
  return size > IMAGE_MAX_BYTES ? ERROR_MESSAGES['FILE.TOO_LARGE'] : null;
}

import { ERROR_MESSAGES } from '@core/shared/errors';
import { IMAGE_MAX_BYTES } from '@core/shared/file-limits';

/** The upload route's own limit (core/shared/file-limits), checked here to spare a wasted upload. */

export function photoProblem(size: number): string | null {
  return size > IMAGE_MAX_BYTES ? ERROR_MESSAGES['FILE.TOO_LARGE'] : null;
}

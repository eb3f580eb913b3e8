import type { ErrorCode } from '@core/shared/errors';

/**
 * A refusal in GeoReport v2 terms: the HTTP status and the spec's `{ code, description }` (code is the HTTP
 * status, as the spec's examples do). Descriptions are Chinese: the partners are Chinese systems.
 */
export class Open311Failure extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
    this.name = 'Open311Failure';
  }
}

/** Our stable codes that the shared submit path may answer with, as HTTP statuses. */
export function statusOfDomainCode(code: ErrorCode): number {
  if (code === 'REQUEST.RATE_LIMITED') return 429;
  if (code === 'REQUEST.CATEGORY_NOT_FOUND' || code.endsWith('.NOT_FOUND')) return 404;
  if (code === 'AUTH.FORBIDDEN' || code === 'AUTH.UNAUTHENTICATED') return 403;
  if (code === 'INTERNAL') return 500;
  return 400;
}

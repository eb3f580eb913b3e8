import { BASIC_ERROR_MESSAGES } from '@core/shared/error-basics';
import type { ErrorCode, FieldIssue } from '@core/shared/errors';

/** A refused or failed call, as pages see it: a stable code and a message a person can act on. */
export class CallError extends Error {
  readonly code: ErrorCode;
  /** Per-field problems for `INPUT.INVALID`, keyed by the input path (e.g. `dutyHours.0.end`). */
  readonly issues: FieldIssue[];

  /**
   * `message` is the server's (every refusal carries one); without it the app can only say what it knows
   * itself: no connection, or a generic failure. The main package does not carry the whole message table.
   */
  constructor(code: ErrorCode, message?: string, issues: FieldIssue[] = []) {
    super(message || (code === 'NETWORK' ? BASIC_ERROR_MESSAGES.NETWORK : BASIC_ERROR_MESSAGES.INTERNAL));
    this.name = 'CallError';
    this.code = code;
    this.issues = issues;
  }
}

export function isCallError(e: unknown): e is CallError {
  return e instanceof CallError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'CallError');
}

/** What to show for any thrown value: the call's own message, or a generic one for a bug. */
export function messageOf(e: unknown): string {
  return isCallError(e) ? e.message : BASIC_ERROR_MESSAGES.INTERNAL;
}

/**
 * How both request adapters store and write a request, identically: the fields a request is stored by,
 * the version step of a transition write, the rate-log key of submissions and the settings fallback.
 */
import type { RequestSettings, ServiceRequest } from '@core/requests/request';
import { DEFAULT_REQUEST_SETTINGS } from '@core/requests/request';

/** The rate log of a person's submissions (core/shared/rate-limit.ts); uploads and other actions use their own prefix. */
export function requestRateKey(submitterId: string): string {
  return `request:${submitterId}`;
}

/**
 * A street's settings, or the defaults for a street that has none stored; a setting added after the
 * street's were stored takes its default.
 */
export function settingsOrDefault(streetId: string, stored: RequestSettings | null): RequestSettings {
  if (stored) return { ...structuredClone(DEFAULT_REQUEST_SETTINGS), ...stored };
  return structuredClone({ ...DEFAULT_REQUEST_SETTINGS, streetId });
}

/** A transition write must move the version forward; the stored version becomes `request.version`. */
export function checkVersionStep(request: ServiceRequest, expectedVersion: number): void {
  if (!(request.version > expectedVersion)) {
    throw new Error(`commit: request ${request.id} carries version ${request.version}, not after the expected ${expectedVersion}`);
  }
}

/** Every field of a ServiceRequest, for adapters that store it field by field; a missing one fails the type check. */
export const REQUEST_FIELDS = [
  'id', 'streetId', 'communityId', 'gridId', 'categoryId', 'categoryName', 'description', 'photoFileIds', 'location', 'address',
  'callbackPhone', 'hideName', 'source', 'consentNote', 'submitterId', 'submitterName', 'residentId', 'residentName', 'status',
  'handler', 'responseDueAt', 'resolutionDueAt', 'dueUncalibrated', 'unverifiedResident', 'reopenCount', 'rating', 'flagged', 'rejectReason', 'idempotencyKey', 'version',
  'createdAt', 'updatedAt', 'acceptedAt', 'resolvedAt', 'closedAt', 'resolvedLate', 'dueHolderId', 'resolveWorkingMinutes', 'buildingId',
  'followerCount', 'mergedInto',
] as const satisfies readonly (keyof ServiceRequest)[];
type MissingRequestField = Exclude<keyof ServiceRequest, (typeof REQUEST_FIELDS)[number]>;
// Compile-time completeness check: fails to type-check when ServiceRequest gains a field not listed above.
export const REQUEST_FIELDS_COMPLETE: [MissingRequestField] extends [never] ? true : never = true;

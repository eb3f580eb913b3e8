/**
 * Who may 同问 a request, and who may rate one they follow. Pure: the app hides the button with the same
 * rule the server refuses with.
 * - Only a resident of the request's grid (the caller's scope check, REQUEST.NOT_FOUND otherwise: a request
 *   outside it reads as missing);
 * - not its own reporter (the resident it is for, or whoever filed it): REQUEST.METOO_OWN;
 * - not twice: REQUEST.METOO_TWICE (the store's unique (request, user) keeps this true under races too);
 * - only while it is open and not yet resolved (METOO_STATUSES): REQUEST.METOO_CLOSED.
 * A follower rates once, after the handler resolved it (resolved, verified, archived): their rating is kept
 * on their follower record and shown to staff; the assessment's 满意率 keeps counting the reporter's only.
 */
import type { ErrorCode } from '../shared/errors';
import type { RequestStatus } from './request.status';
import { METOO_STATUSES } from './similar';

export interface FollowTarget {
  status: RequestStatus;
  residentId: string | null;
  submitterId: string;
}

export function metooRefusal(userId: string, r: FollowTarget, alreadyFollowing: boolean): ErrorCode | null {
  if (r.residentId === userId || r.submitterId === userId) return 'REQUEST.METOO_OWN';
  if (alreadyFollowing) return 'REQUEST.METOO_TWICE';
  if (!METOO_STATUSES.includes(r.status)) return 'REQUEST.METOO_CLOSED';
  return null;
}

/** Statuses in which a follower may give their rating: the handler has resolved it. */
export const FOLLOWER_RATE_STATUSES: RequestStatus[] = ['resolved', 'verified', 'archived'];

export function followerRateRefusal(r: { status: RequestStatus }, follower: { rating: unknown } | null): ErrorCode | null {
  if (!follower) return 'REQUEST.NOT_FOLLOWER';
  if (follower.rating) return 'REQUEST.RATED_TWICE';
  if (!FOLLOWER_RATE_STATUSES.includes(r.status)) return 'REQUEST.RATE_NOT_READY';
  return null;
}

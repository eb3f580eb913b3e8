/**
 * 同问 ("me too") and 合并 (merge): residents who follow a request they did not file. A follower record is
 * (request, user) — unique, so nobody counts twice — and the request keeps the count (`followerCount`) in
 * the same atomic write, so a handler's list shows 同问 N人 from the request alone.
 */
import type { RequestListItem } from '@core/requests/request';
import type { Rating, RequestStatus } from '@core/requests/request.status';
import type { Page, TransitionWrite } from './request.port';

export const FOLLOW_VIAS = ['metoo', 'merge'] as const;
/** metoo: the resident tapped 同问; merge: they reported a duplicate that staff merged into this request. */
export type FollowVia = (typeof FOLLOW_VIAS)[number];

export interface RequestFollower {
  requestId: string;
  userId: string;
  at: string;
  via: FollowVia;
  /** via 'merge': the duplicate they came from; null otherwise. */
  fromRequestId: string | null;
  /** Their own rating once the request is resolved; shown to staff, not counted by the assessment. */
  rating: { value: Rating; comment: string; at: string } | null;
}

/**
 * One atomic write: every request write exactly as RequestRepository.commit makes it (conditional on its
 * version, counters changed with it, its events, messages and outbox), plus the new follower records.
 */
export interface FollowWrite {
  requests: TransitionWrite[];
  followers: RequestFollower[];
}

/**
 * 'duplicate': some (request, user) in `followers` exists already — nothing is written. 'conflict': some
 * request's version moved — nothing is written either.
 */
export type FollowResult = { kind: 'written' } | { kind: 'duplicate'; requestId: string; userId: string } | { kind: 'conflict' };

/** What the 同问 suggestion ranks of a candidate (core/requests/similar.ts); never the reporter's data. */
export interface SimilarCandidate {
  id: string;
  status: RequestStatus;
  categoryName: string;
  excerpt: string;
  description: string;
  buildingId: string | null;
  createdAt: string;
  followerCount: number;
  /** Only to refuse the caller their own request; never shown. */
  residentId: string | null;
  submitterId: string;
}

export interface SimilarQuery {
  gridId: string;
  categoryId: string;
  /** Any of these (open) statuses. */
  statuses: RequestStatus[];
  /** createdAt >= this instant. */
  createdFrom: string;
  /** The newest this many (cut to 1..500): the bounded set the ranking runs on. */
  limit: number;
}

export interface FollowerRepository {
  get(requestId: string, userId: string): Promise<RequestFollower | null>;
  /** Oldest first; `limit` is cut to 1..1000. */
  listForRequest(requestId: string, limit: number): Promise<RequestFollower[]>;
  /** Requests the user follows, most recently followed first (keyset on (at, requestId)); `limit` cut to 1..100. */
  listForUser(userId: string, page: { limit: number; cursor?: string | null }): Promise<Page<{ follower: RequestFollower; item: RequestListItem }>>;
  write(w: FollowWrite): Promise<FollowResult>;
  /** Sets the follower's own rating if they have none yet (single document); false when not a follower or already rated. */
  rate(requestId: string, userId: string, rating: NonNullable<RequestFollower['rating']>): Promise<boolean>;
  /** The open requests of one (grid, category) since `createdFrom`, newest first, at most `limit`: index-backed. */
  similarCandidates(q: SimilarQuery): Promise<SimilarCandidate[]>;
}

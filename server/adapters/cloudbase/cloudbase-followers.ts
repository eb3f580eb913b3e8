/**
 * 同问 followers in CloudBase. A follower is one document, `_id` = `${requestId}:${userId}`, so a person
 * follows a request once. A follow write is ONE `runTransaction` of single documents: every follower id is
 * read first (one taken → 'duplicate', nothing written), then each request is committed as
 * RequestRepository.commit does (version read in the transaction, counters rewritten with it), then the
 * follower documents are created. The suggestion's candidates are one bounded query on the
 * gridId_categoryId_status_createdAt index (at most 500 documents: one reply).
 */
import type { RequestListItem } from '@core/requests/request';
import { listItemOf } from '@core/requests/request';
import type { FollowResult, FollowerRepository, FollowVia, FollowWrite, RequestFollower, SimilarCandidate } from '../../ports/follower.port';
import { decodeCursor, encodeCursor, pageLimit } from '../request-paging';
import { transactionAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbDocument } from './cloudbase-db';
import { commitWith, toRequest } from './cloudbase-requests';

const FOLLOW_RETRIES = 3;
const CANDIDATES_MAX = 500;

export const followerDocId = (requestId: string, userId: string): string => `${requestId}:${userId}`;

const toFollower = (d: DbDocument): RequestFollower => ({
  requestId: String(d.requestId),
  userId: String(d.userId),
  at: String(d.at),
  via: d.via as FollowVia,
  fromRequestId: (d.fromRequestId as string | null | undefined) ?? null,
  rating: (d.rating as RequestFollower['rating'] | undefined) ?? null,
});

const followerFields = (f: RequestFollower): Record<string, unknown> => ({
  requestId: f.requestId, userId: f.userId, at: f.at, via: f.via, fromRequestId: f.fromRequestId, rating: f.rating === null ? null : { ...f.rating },
});

class Abort extends Error {
  constructor(readonly result: FollowResult) {
    super(result.kind);
  }
}

export function followerRepository(db: CloudbaseDb): FollowerRepository {
  const _ = db.command;
  return {
    async get(requestId, userId) {
      const d = checked(await db.collection('request_followers').doc(followerDocId(requestId, userId)).get()).data[0];
      return d ? toFollower(d) : null;
    },
    async listForRequest(requestId, limit) {
      const n = Math.max(1, Math.min(1000, Math.floor(limit)));
      const docs = checked(await db.collection('request_followers').where({ requestId }).orderBy('at', 'asc').orderBy('_id', 'asc').limit(n).get()).data;
      return docs.map(toFollower);
    },
    async listForUser(userId, page) {
      const limit = pageLimit(page.limit);
      const cursor = decodeCursor('following', page.cursor);
      const where = cursor
        ? _.and([{ userId }, _.or([{ at: _.lt(cursor.key) }, { at: cursor.key, requestId: _.lt(cursor.id) }])])
        : { userId };
      const docs = checked(
        await db.collection('request_followers').where(where).orderBy('at', 'desc').orderBy('requestId', 'desc').limit(limit + 1).get(),
      ).data;
      const followers = docs.slice(0, limit).map(toFollower);
      const ids = followers.map((f) => f.requestId);
      const requests = ids.length
        ? checked(await db.collection('requests').where({ _id: _.in(ids) }).limit(ids.length).get()).data.map(toRequest)
        : [];
      const byId = new Map<string, RequestListItem>(requests.map((r) => [r.id, listItemOf(r)]));
      const items = followers.flatMap((follower) => {
        const item = byId.get(follower.requestId);
        return item ? [{ follower, item }] : [];
      });
      const last = followers[followers.length - 1];
      return { items, next: docs.length > limit && last ? encodeCursor('following', { key: last.at, id: last.requestId }) : null };
    },
    async write(w: FollowWrite) {
      try {
        return await db.runTransaction(async (t) => {
          const access = transactionAccess(t);
          for (const f of w.followers) {
            if (await access.get('request_followers', followerDocId(f.requestId, f.userId))) {
              throw new Abort({ kind: 'duplicate', requestId: f.requestId, userId: f.userId });
            }
          }
          for (const r of w.requests) if (!(await commitWith(access, r))) throw new Abort({ kind: 'conflict' });
          for (const f of w.followers) await access.create('request_followers', followerDocId(f.requestId, f.userId), followerFields(f));
          return { kind: 'written' } as FollowResult;
        }, FOLLOW_RETRIES);
      } catch (e) {
        if (e instanceof Abort) return e.result;
        throw e;
      }
    },
    async rate(requestId, userId, rating) {
      const res = checked(
        await db.collection('request_followers').where({ _id: followerDocId(requestId, userId), rating: null }).update({ rating: { ...rating } }),
      );
      return (res.updated ?? 0) === 1;
    },
    async similarCandidates(q) {
      if (q.statuses.length === 0) return [];
      const limit = Math.max(1, Math.min(CANDIDATES_MAX, Math.floor(q.limit)));
      const docs = checked(
        await db
          .collection('requests')
          .where({ gridId: q.gridId, categoryId: q.categoryId, status: _.in(q.statuses), createdAt: _.gte(q.createdFrom) })
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit)
          .get(),
      ).data;
      return docs.map((d): SimilarCandidate => {
        const r = toRequest(d);
        const item = listItemOf(r);
        return {
          id: r.id, status: r.status, categoryName: r.categoryName, excerpt: item.excerpt, description: r.description,
          buildingId: r.buildingId ?? null, createdAt: r.createdAt, followerCount: item.followerCount, residentId: r.residentId, submitterId: r.submitterId,
        };
      });
    },
  };
}

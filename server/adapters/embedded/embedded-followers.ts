/**
 * 同问 followers and the 同问 suggestion's candidates in SQLite. A follow write is one transaction: the
 * request writes go through SqliteRequests.commit (the same version check and counter delta, as a
 * savepoint of this transaction) and the follower rows are plain inserts keyed (request_id, user_id).
 */
import type { RequestListItem } from '@core/requests/request';
import { REQUEST_STATUSES, type RequestStatus } from '@core/requests/request.status';
import type { FollowResult, FollowVia, FollowWrite, RequestFollower, SimilarCandidate, SimilarQuery } from '../../ports/follower.port';
import type { Page } from '../../ports/request.port';
import { decodeCursor, encodeCursor, pageLimit } from '../request-paging';
import { LIST_ITEM_COLUMNS, toListItem, type SqliteRequests } from './embedded-requests';
import type { PlannedStatement, SqlAccess } from './sql-access';

interface FollowerRow { request_id: string; user_id: string; at: string; via: string; from_request_id: string | null; rating: string | null }

const toFollower = (r: FollowerRow): RequestFollower => ({
  requestId: r.request_id,
  userId: r.user_id,
  at: r.at,
  via: r.via as FollowVia,
  fromRequestId: r.from_request_id,
  rating: r.rating === null ? null : (JSON.parse(r.rating) as RequestFollower['rating']),
});

/** Thrown inside the write's transaction to roll it back with an answer. */
class Abort extends Error {
  constructor(readonly result: FollowResult) {
    super(result.kind);
  }
}

export const SIMILAR_INDEX = 'requests_by_grid_category_status_created';
const CANDIDATES_MAX = 500;

/**
 * The candidates' statement: one arm per status, each a descending seek on (grid, category, status,
 * created_at) from the lower bound, merged by SQLite (UNION ALL … ORDER BY, no sort) and stopped at the
 * literal limit, so description and building are read from `data` only for the rows returned.
 */
export function planSimilar(q: SimilarQuery): PlannedStatement | null {
  const statuses = q.statuses.filter((s): s is RequestStatus => (REQUEST_STATUSES as readonly string[]).includes(s));
  if (statuses.length === 0) return null;
  const limit = Math.max(1, Math.min(CANDIDATES_MAX, Math.floor(q.limit)));
  const arms = statuses.map(
    (status) => `SELECT id, status, category_name, excerpt, json_extract(data, '$.description') AS description,
      json_extract(data, '$.buildingId') AS building_id, created_at, follower_count, resident_id, submitter_id
      FROM requests INDEXED BY ${SIMILAR_INDEX}
      WHERE grid_id = @gridId AND category_id = @categoryId AND status = '${status}' AND created_at >= @createdFrom`,
  );
  return {
    sql: `${arms.join('\n    UNION ALL ')}\n    ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
    params: { gridId: q.gridId, categoryId: q.categoryId, createdFrom: q.createdFrom },
  };
}

export class SqliteFollowers {
  constructor(
    private readonly sql: SqlAccess,
    private readonly requests: SqliteRequests,
  ) {}

  get(requestId: string, userId: string): RequestFollower | null {
    const r = this.sql.one<FollowerRow>('SELECT * FROM request_followers WHERE request_id = ? AND user_id = ?', [requestId, userId]);
    return r ? toFollower(r) : null;
  }

  listForRequest(requestId: string, limit: number): RequestFollower[] {
    const n = Math.max(1, Math.min(1000, Math.floor(limit)));
    return this.sql.all<FollowerRow>('SELECT * FROM request_followers WHERE request_id = ? ORDER BY at, user_id LIMIT ?', [requestId, n]).map(toFollower);
  }

  /** One statement: a keyset seek on (user_id, at, request_id) joined to the requests' list columns. */
  listForUser(userId: string, page: { limit: number; cursor?: string | null }): Page<{ follower: RequestFollower; item: RequestListItem }> {
    const limit = pageLimit(page.limit);
    const cursor = decodeCursor('following', page.cursor);
    const where = cursor ? 'f.user_id = @userId AND (f.at, f.request_id) < (@key, @id)' : 'f.user_id = @userId';
    const rows = this.sql.rows(
      `SELECT f.request_id, f.user_id, f.at, f.via, f.from_request_id, f.rating, ${LIST_ITEM_COLUMNS}
       FROM request_followers AS f INDEXED BY request_followers_by_user JOIN requests AS r ON r.id = f.request_id
       WHERE ${where} ORDER BY f.at DESC, f.request_id DESC LIMIT ${limit + 1}`,
      { userId, ...(cursor ? { key: cursor.key, id: cursor.id } : {}) },
    );
    const items = rows.slice(0, limit).map((row) => {
      const [request_id, user_id, at, via, from_request_id, rating, ...rest] = row as [string, string, string, string, string | null, string | null, ...unknown[]];
      return { follower: toFollower({ request_id, user_id, at, via, from_request_id, rating }), item: toListItem(rest) };
    });
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor('following', { key: last.follower.at, id: last.follower.requestId }) : null };
  }

  write(w: FollowWrite): FollowResult {
    try {
      return this.sql.db.transaction((): FollowResult => {
        for (const f of w.followers) {
          if (this.get(f.requestId, f.userId)) throw new Abort({ kind: 'duplicate', requestId: f.requestId, userId: f.userId });
        }
        for (const r of w.requests) if (!this.requests.commit(r)) throw new Abort({ kind: 'conflict' });
        for (const f of w.followers) {
          this.sql.run('INSERT INTO request_followers (request_id, user_id, at, via, from_request_id, rating) VALUES (?, ?, ?, ?, ?, ?)', [
            f.requestId, f.userId, f.at, f.via, f.fromRequestId, f.rating === null ? null : JSON.stringify(f.rating),
          ]);
        }
        return { kind: 'written' };
      }).immediate();
    } catch (e) {
      if (e instanceof Abort) return e.result;
      throw e;
    }
  }

  rate(requestId: string, userId: string, rating: NonNullable<RequestFollower['rating']>): boolean {
    const res = this.sql.run('UPDATE request_followers SET rating = ? WHERE request_id = ? AND user_id = ? AND rating IS NULL', [
      JSON.stringify(rating), requestId, userId,
    ]);
    return res.changes === 1;
  }

  similarCandidates(q: SimilarQuery): SimilarCandidate[] {
    const plan = planSimilar(q);
    if (!plan) return [];
    return this.sql.rows(plan.sql, plan.params).map((r) => ({
      id: r[0] as string,
      status: r[1] as RequestStatus,
      categoryName: r[2] as string,
      excerpt: r[3] as string,
      description: (r[4] as string | null) ?? '',
      buildingId: (r[5] as string | null) ?? null,
      createdAt: r[6] as string,
      followerCount: r[7] as number,
      residentId: (r[8] as string | null) ?? null,
      submitterId: r[9] as string,
    }));
  }
}

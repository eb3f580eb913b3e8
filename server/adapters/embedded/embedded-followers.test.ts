/**
 * The 同问 queries' plans: the suggestion's candidates are index seeks on (grid, category, status,
 * created_at), merged without a sort; a person's followed requests are a seek on (user_id, at, request_id)
 * joined to the requests by primary key.
 */
import { METOO_STATUSES } from '@core/requests/similar';
import { openEmbeddedStore, type EmbeddedStore } from './embedded-store';
import { planSimilar, SIMILAR_INDEX } from './embedded-followers';

describe('embedded 同问 queries', () => {
  let store: EmbeddedStore;
  beforeEach(() => {
    store = openEmbeddedStore(':memory:');
  });
  afterEach(() => store.close());

  const details = (sql: string, params: Record<string, unknown> | unknown[]) =>
    (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);

  it('candidates: one descending seek per open status on the (grid, category, status, created_at) index, merged, never a scan or a sort', () => {
    const plan = planSimilar({ gridId: 'g', categoryId: 'k', statuses: METOO_STATUSES, createdFrom: '2026-01-01T00:00:00.000Z', limit: 200 })!;
    const lines = details(plan.sql, plan.params);
    const seeks = lines.filter((l) => l.startsWith('SEARCH requests'));
    expect(seeks).toHaveLength(METOO_STATUSES.length);
    for (const s of seeks) expect(s).toBe(`SEARCH requests USING INDEX ${SIMILAR_INDEX} (grid_id=? AND category_id=? AND status=? AND created_at>?)`);
    expect(lines.join(' | ')).toContain('MERGE (UNION ALL)');
    expect(lines.join(' | ')).not.toMatch(/SCAN requests|TEMP B-TREE/);
    expect(plan.sql).toContain('LIMIT 200');
    expect(planSimilar({ gridId: 'g', categoryId: 'k', statuses: [], createdFrom: '', limit: 5 })).toBeNull();
  });

  it('a person\'s followed requests: a seek on the user index, the requests by primary key', () => {
    const sql = `SELECT f.request_id, r.excerpt FROM request_followers AS f INDEXED BY request_followers_by_user JOIN requests AS r ON r.id = f.request_id
      WHERE f.user_id = @userId AND (f.at, f.request_id) < (@key, @id) ORDER BY f.at DESC, f.request_id DESC LIMIT 21`;
    const lines = details(sql, { userId: 'u', key: 'k', id: 'i' }).join(' | ');
    expect(lines).toMatch(/SEARCH f USING (COVERING )?INDEX request_followers_by_user \(user_id=\?/);
    expect(lines).toMatch(/SEARCH r USING INDEX sqlite_autoindex_requests_1 \(id=\?\)|SEARCH r USING PRIMARY KEY/);
    expect(lines).not.toContain('TEMP B-TREE');
  });
});

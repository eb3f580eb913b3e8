import { openEmbeddedStore } from './embedded-store';
import { VISIT_SQL } from './embedded-visits';

const store = openEmbeddedStore(':memory:');
afterAll(() => store.close());

function plan(sql: string, params: unknown[]): string {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

describe('embedded visits: every query an index answers (no scan, no temporary sort)', () => {
  it.each([
    ['a retried send finds its visit by (worker, client key)', VISIT_SQL.byKey, ['w', 'k'], 'visits_by_worker_key'],
    ['a household history reads its index newest first', VISIT_SQL.history, ['h', 10], 'visits_by_household'],
    ['the due list reads a grid\'s marks from the covering index', VISIT_SQL.gridMarks, ['g', '2026-01-01'], 'COVERING INDEX visits_by_grid_date'],
    ['the purge reads a street\'s oldest visits', VISIT_SQL.before, ['s', '2026-01-01', 10], 'visits_by_street_date'],
  ])('%s', (_name, sql, params, index) => {
    const detail = plan(sql, params);
    expect(detail).toContain(index);
    expect(detail).not.toMatch(/SCAN visits|TEMP B-TREE/);
  });
});

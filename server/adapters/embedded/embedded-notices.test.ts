/** The notice statements read indexes only: no table scan, and a feed page needs no sort of its own. */
import { openEmbeddedStore } from './embedded-store';
import { areaStatements, feedStatement } from './embedded-notices';

const store = openEmbeddedStore(':memory:');
afterAll(() => store.close());

function plan(st: { sql: string; params: Record<string, unknown> }): string[] {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${st.sql}`).all(st.params) as { detail: string }[]).map((r) => r.detail);
}

const keys = [
  { level: 'street', id: 's1' },
  { level: 'communities', id: 'c1' },
  { level: 'grids', id: 'g1' },
  { level: 'buildings', id: 'b1' },
];

it('a feed page merges the place\'s keys in index order, from the covering index, without sorting', () => {
  for (const cursor of [null, { key: '1|2026-11-20T00:00:00.000Z', id: 'n-9' }]) {
    const steps = plan(feedStatement(keys, '2026-11-23T00:00:00.000Z', cursor, 21));
    expect(steps.filter((d) => d.includes('USING COVERING INDEX notice_keys_feed'))).toHaveLength(4);
    expect(steps.some((d) => d.startsWith('MERGE'))).toBe(true);
    expect(steps.join('\n')).not.toMatch(/SCAN|TEMP B-TREE/);
  }
});

it('management lists read their indexes', () => {
  const cursor = { key: '2026-11-20T00:00:00.000Z', id: 'n-9' };
  const areas = [
    { kind: 'street' as const, streetId: 's1' },
    { kind: 'community' as const, streetId: 's1', communityId: 'c1' },
    { kind: 'grids' as const, streetId: 's1', gridIds: ['g1', 'g2'], communityIds: ['c1'] },
  ];
  for (const area of areas) {
    for (const st of areaStatements(area, cursor, 21)) expect(plan(st).join('\n')).not.toMatch(/\bSCAN\b/);
  }
});

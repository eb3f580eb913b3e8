/**
 * The same assessment history on the CloudBase store (against the SDK double) answers the same dashboards,
 * lists and scorecard as on the embedded store, and one dashboard view costs a bounded number of database
 * requests (docs/BENCHMARKS.md records the count).
 */
import type { DashboardView, FigureRequestsView, ScorecardView } from '@core/api/assessment.contract';
import { INDICATOR_IDS } from '@core/assessment/indicators';
import { createCloudbaseStore, importIntoCloudbase } from '../adapters/cloudbase/cloudbase-store';
import type { CloudbaseDb } from '../adapters/cloudbase/cloudbase-db';
import { FakeCloudbaseDb } from '../adapters/cloudbase/testing/fake-cloudbase-db';
import { assessmentHistory, data, NOV, type Caller } from '../testing/assessment-history';
import { functionHarness, type Harness } from '../testing/function-harness';
import { smallStreet } from '../testing/small-street.fixture';
import type { Deps } from '../use-cases/context';
import { FUNCTIONS } from './registry';

/** Counts every request the store sends to the database: query get / count, document get, aggregate end. */
export function countingDb(db: CloudbaseDb): { db: CloudbaseDb; reads: { total: number; byCollection: Map<string, number> } } {
  const reads = { total: 0, byCollection: new Map<string, number>() };
  const wrap = <T extends object>(target: T, collection: string): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          const out = (v as (...a: unknown[]) => unknown).apply(t, args);
          if (prop === 'get' || prop === 'count' || prop === 'end') {
            reads.total++;
            reads.byCollection.set(collection, (reads.byCollection.get(collection) ?? 0) + 1);
            return out;
          }
          return out !== null && typeof out === 'object' && !(out instanceof Promise) ? wrap(out as object, collection) : out;
        };
      },
    });
  const counted: CloudbaseDb = {
    get command() {
      return db.command;
    },
    collection: (name: string) => wrap(db.collection(name), name),
    runTransaction: (work, retries) => db.runTransaction(work, retries),
  } as CloudbaseDb;
  return { db: counted, reads };
}

describe('assessment on the CloudBase store', () => {
  let embedded: Harness;
  let cloud: Caller & { deps: Deps };
  let reads: ReturnType<typeof countingDb>['reads'];

  beforeAll(async () => {
    embedded = await functionHarness();
    const fake = new FakeCloudbaseDb();
    await importIntoCloudbase(fake, smallStreet());
    const counting = countingDb(fake);
    reads = counting.reads;
    // Everything but the store is the harness's (files, clock, content check): only storage differs.
    const deps: Deps = { ...embedded.deps, store: createCloudbaseStore(counting.db) };
    cloud = {
      deps,
      clock: embedded.clock,
      call: (who, fn, action, input) => FUNCTIONS[fn].handle({ kind: 'user', openid: `open-${who}` }, { action, data: input }, deps) as never,
    };
    await assessmentHistory(embedded);
    await assessmentHistory(cloud);
  });
  afterAll(() => embedded.close());

  /** What must agree across stores: everything but request ids (each store generated its own). */
  const comparable = (v: DashboardView) => ({
    figures: v.figures,
    overdueNow: v.overdueNow,
    score: v.score,
    ranking: v.ranking,
    trend: v.trend,
    overdue: v.overdue.map((r) => [r.gridId, r.status, r.dueAt, r.overdue]),
    hotIssues: v.hotIssues.map(({ examples, ...rest }) => ({ ...rest, examples: examples.length })),
  });

  it.each([
    ['ss', { kind: 'street', id: 's1' }, undefined],
    ['ss', { kind: 'street', id: 's1' }, 'community'],
    ['cs1', { kind: 'community', id: 'c1' }, 'worker'],
    ['cs1', { kind: 'grid', id: 'g1' }, undefined],
    ['ss', { kind: 'worker', id: 'w1' }, undefined],
  ])('%s sees the same dashboard of %j (rank by %s) on both stores', async (who, scope, rankBy) => {
    const input = { scope, period: NOV, rankBy };
    const a = data(await embedded.call<DashboardView>(who, 'assessment', 'dashboard', input));
    const b = data(await cloud.call<DashboardView>(who, 'assessment', 'dashboard', input));
    expect(comparable(b)).toEqual(comparable(a));
  });

  it('every figure lists as many requests on CloudBase as it counts', async () => {
    for (const scope of [{ kind: 'street', id: 's1' }, { kind: 'grid', id: 'g1' }, { kind: 'worker', id: 'w1' }]) {
      for (const figure of INDICATOR_IDS) {
        let cursor: string | null = null;
        let listed = 0;
        let total = -1;
        do {
          const page: FigureRequestsView = data(await cloud.call<FigureRequestsView>('ss', 'assessment', 'figureRequests', { scope, period: NOV, figure, cursor }));
          total = page.total;
          listed += page.items.length;
          cursor = page.next;
        } while (cursor);
        const onEmbedded = data(await embedded.call<FigureRequestsView>('ss', 'assessment', 'figureRequests', { scope, period: NOV, figure }));
        expect([scope.id, figure, listed, total]).toEqual([scope.id, figure, onEmbedded.total, onEmbedded.total]);
      }
    }
  });

  it('the scorecard and a worker’s own figures agree', async () => {
    const a = data(await embedded.call<ScorecardView>('r1', 'assessment', 'scorecard', { gridId: 'g1' }));
    expect(data(await cloud.call<ScorecardView>('r1', 'assessment', 'scorecard', { gridId: 'g1' }))).toEqual(a);
    const m1 = data(await embedded.call<{ figures: unknown; score: number; grids: unknown }>('w1', 'assessment', 'mine', { period: NOV }));
    const m2 = data(await cloud.call<{ figures: unknown; score: number; grids: unknown }>('w1', 'assessment', 'mine', { period: NOV }));
    expect([m2.figures, m2.score, m2.grids]).toEqual([m1.figures, m1.score, m1.grids]);
  });

  it("one street dashboard view costs a bounded number of database requests, none per ranking row", async () => {
    const before = reads.total;
    reads.byCollection.clear();
    data(await cloud.call<DashboardView>('ss', 'assessment', 'dashboard', { scope: { kind: 'street', id: 's1' }, period: NOV }));
    const cost = reads.total - before;
    // caller 1-2, weights 1, communities 1, grids 1, counters: scope + trend + ranking now/before + 3 hot-issue
    // facets, overdue count + page, grid names 1, categories 1, examples ≤ 8 (+ building lookups ≤ 2).
    // On this street: 20 (users 1, streets 1, request_settings 1, communities 1, grids 2, counters 7, requests 5,
    // categories 1, buildings 1). Counter reads grow only with pages of 1000 rows, never with rows shown.
    expect(cost).toBeLessThanOrEqual(30);
    expect(reads.byCollection.get('assessment_counters')).toBeLessThanOrEqual(7);
  });
});

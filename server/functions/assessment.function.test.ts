/**
 * The assessment function over the small street, with the history of server/testing/assessment-history.ts
 * driven through the real request actions on a fixed clock (so the counters are the ones the stores keep in
 * the same write as each request).
 */
import type { DashboardView, FigureRequestsView, MyAssessmentView, ScorecardView } from '@core/api/assessment.contract';
import { INDICATOR_IDS, type IndicatorId } from '@core/assessment/indicators';
import type { User } from '@core/people/user';
import { act, assessmentHistory, at, code, data, NOV, resolve, submit } from '../testing/assessment-history';
import { functionHarness, type Harness } from '../testing/function-harness';

const figure = (v: { figures: { id: IndicatorId; value: number | null }[] }, id: IndicatorId) => v.figures.find((f) => f.id === id)?.value;

async function allFigureRequests(h: Harness, who: string, scope: { kind: string; id: string }, fig: IndicatorId): Promise<{ first: FigureRequestsView; ids: string[]; counted: string[] }> {
  let cursor: string | null = null;
  const ids: string[] = [];
  const counted: string[] = [];
  let first: FigureRequestsView | null = null;
  do {
    const page: FigureRequestsView = data(await h.call<FigureRequestsView>(who, 'assessment', 'figureRequests', { scope, period: NOV, figure: fig, cursor }));
    first ??= page;
    ids.push(...page.items.map((i) => i.id));
    counted.push(...page.items.filter((i) => i.counted).map((i) => i.id));
    cursor = page.next;
  } while (cursor);
  return { first: first!, ids, counted };
}

describe('assessment function', () => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeAll(async () => {
    h = await functionHarness();
    ids = await assessmentHistory(h);
  });
  afterAll(() => h.close());

  it("the street's November figures are the hand-counted ones", async () => {
    const v = data(await h.call<DashboardView>('ss', 'assessment', 'dashboard', { scope: { kind: 'street', id: 's1' }, period: NOV }));
    expect(v.scope).toEqual({ kind: 'street', id: 's1', name: '银杏街道' });
    expect(v.period.label).toBe('2026年11月');
    // accepted A B C D E F; on time all but B
    expect(figure(v, 'accepted')).toBe(6);
    expect(figure(v, 'timelyAcceptRate')).toBeCloseTo(5 / 6);
    // resolved A B C E F; on time all but C; solved (confirmed or verified) A E F; rated A B E F, 不满意 B; reopened B F
    expect(figure(v, 'onTimeRate')).toBeCloseTo(4 / 5);
    expect(figure(v, 'solveRate')).toBeCloseTo(3 / 5);
    expect(figure(v, 'satisfactionRate')).toBeCloseTo(3 / 4);
    expect(figure(v, 'reopenRate')).toBeCloseTo(2 / 5);
    expect(figure(v, 'resolvedLate')).toBe(1);
    // filed A B C D P E F, P on patrol
    expect(figure(v, 'patrolShare')).toBeCloseTo(1 / 7);
    expect(v.figures.find((f) => f.id === 'onTimeRate')).toMatchObject({ label: '按期办结率', display: '80.0%' });
    // D (resolution due 11-12) and P (response due 11-13) are open past their deadline on 11-23.
    expect(v.overdueNow).toBe(2);
    expect(v.overdue.map((r) => r.id)).toEqual([ids.D, ids.P]);
    expect(v.overdue.every((r) => r.overdue)).toBe(true);
    // 30% × 0.8 + 30% × 0.75 + 20% × 0.6 + 20% × 5/6 = 75.2
    expect(v.score).toBe(75.2);
    expect(v.weights).toEqual({ onTimeRate: 30, satisfactionRate: 30, solveRate: 20, timelyAcceptRate: 20 });
  });

  it('ranks the grids by score with ties sharing a rank, a grid without data last, and the change against October', async () => {
    const v = data(await h.call<DashboardView>('ss', 'assessment', 'dashboard', { scope: { kind: 'street', id: 's1' }, period: NOV }));
    expect(v.ranking.kind).toBe('grid');
    // g1: 30 × 2/3 + 30 × 1/2 + 20 × 1/3 + 20 × 3/4 = 56.7; g2 and g4: 100; g3: nothing to assess.
    expect(v.ranking.rows.map((r) => [r.scope.id, r.score, r.rank, r.change])).toEqual([
      ['g2', 100, 1, null],
      ['g4', 100, 1, null],
      ['g1', 56.7, 3, -43.3],
      ['g3', null, null, null],
    ]);
    expect(v.ranking.rows[2]).toMatchObject({ name: '东湖社区第1网格', communityName: '东湖社区' });
    const byCommunity = data(await h.call<DashboardView>('ss', 'assessment', 'dashboard', { scope: { kind: 'street', id: 's1' }, period: NOV, rankBy: 'community' }));
    expect(byCommunity.ranking.rows.map((r) => [r.scope.id, r.rank])).toEqual([['c1', 1], ['c2', null]]);
    const byWorker = data(await h.call<DashboardView>('cs1', 'assessment', 'dashboard', { scope: { kind: 'community', id: 'c1' }, period: NOV, rankBy: 'worker' }));
    // Only c1's workers; w1 answers for A B C D (g1), w2 for E, w5 for F; a tie keeps the workers' list order (by name).
    expect(byWorker.ranking.rows.map((r) => [r.scope.id, r.score, r.rank])).toEqual([['w5', 100, 1], ['w2', 100, 1], ['w1', 56.7, 3]]);
  });

  it('the trend is the 12 months ending with the period, from month counters', async () => {
    const v = data(await h.call<DashboardView>('ss', 'assessment', 'dashboard', { scope: { kind: 'street', id: 's1' }, period: NOV }));
    expect(v.trend.map((p) => p.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(v.trend.slice(-2)).toEqual([
      { month: '2026-10', accepted: 1, onTimeRate: 1, satisfactionRate: 1 },
      { month: '2026-11', accepted: 6, onTimeRate: 0.8, satisfactionRate: 0.75 },
    ]);
    expect(v.trend[0]).toEqual({ month: '2025-12', accepted: 0, onTimeRate: null, satisfactionRate: null });
  });

  it("hot issues: the month's category, building and community with most requests and their rise, excerpts masked", async () => {
    const v = data(await h.call<DashboardView>('ss', 'assessment', 'dashboard', { scope: { kind: 'street', id: 's1' }, period: NOV }));
    // k-env: 7 in November against (1 + 0 + 0) / 3 before; b1 (r1's building): A B C D; c1: all 7.
    expect(v.hotIssues.map((i) => [i.kind, i.id, i.name, i.count, i.baseline])).toEqual([
      ['category', 'k-env', '环境卫生', 7, 0.33],
      ['building', 'b1', '东湖社区1号楼', 4, 0.33],
      ['community', 'c1', '东湖社区', 7, 0.33],
    ]);
    expect(v.hotIssues[0].rise).toBeCloseTo(7 / 0.33 - 1, 2);
    for (const issue of v.hotIssues) expect(issue.examples.length).toBeGreaterThan(0);
    expect(v.hotIssues[0].examples.length).toBeLessThanOrEqual(3);
    const all = v.hotIssues.flatMap((i) => i.examples).join('|');
    expect(all).not.toContain('13912345678');
    expect(all).not.toMatch(/孙丽|吴刚|冯雪/);
  });

  it.each(['street', 'g1', 'w1'])('every figure of %s lists exactly as many requests as it counts (figureRequests total == figure)', async (which) => {
    const scope = which === 'street' ? { kind: 'street', id: 's1' } : which === 'g1' ? { kind: 'grid', id: 'g1' } : { kind: 'worker', id: 'w1' };
    const v = data(await h.call<DashboardView>('ss', 'assessment', 'dashboard', { scope, period: NOV }));
    for (const fig of INDICATOR_IDS) {
      const { first, ids: listed, counted } = await allFigureRequests(h, 'ss', scope, fig);
      expect([fig, listed.length]).toEqual([fig, first.total]);
      expect([fig, counted.length]).toEqual([fig, first.counted]);
      expect(new Set(listed).size).toBe(listed.length);
      const value = figure(v, fig);
      if (fig === 'accepted' || fig === 'resolvedLate') expect([fig, first.total]).toEqual([fig, value]);
      // 平均办结用时 averages over the resolved requests: the same list as 按期办结率's denominator.
      else if (fig === 'avgResolveDays') expect(first.total).toBe((await allFigureRequests(h, 'ss', scope, 'onTimeRate')).first.total);
      else expect([fig, first.total === 0 ? null : first.counted / first.total]).toEqual([fig, value]);
    }
  });

  it('the lists name the requests behind g1: late C, 不满意 B, on time A and B', async () => {
    const g1 = { kind: 'grid', id: 'g1' };
    expect((await allFigureRequests(h, 'cs1', g1, 'resolvedLate')).ids).toEqual([ids.C]);
    const onTime = await allFigureRequests(h, 'cs1', g1, 'onTimeRate');
    expect(new Set(onTime.ids)).toEqual(new Set([ids.A, ids.B, ids.C]));
    expect(new Set(onTime.counted)).toEqual(new Set([ids.A, ids.B]));
    const sat = await allFigureRequests(h, 'cs1', g1, 'satisfactionRate');
    expect(new Set(sat.ids)).toEqual(new Set([ids.A, ids.B]));
    expect(sat.counted).toEqual([ids.A]);
    const patrol = await allFigureRequests(h, 'cs1', g1, 'patrolShare');
    expect(patrol.ids).toHaveLength(5);
    expect(patrol.counted).toEqual([ids.P]);
    // October's G is not November's.
    expect(onTime.ids).not.toContain(ids.G);
  });

  it("a grid worker's own figures, the grid's rank among the street's grids and what pulls it down", async () => {
    const v = data(await h.call<MyAssessmentView>('w1', 'assessment', 'mine', { period: NOV }));
    expect(figure(v, 'accepted')).toBe(4);
    expect(figure(v, 'onTimeRate')).toBeCloseTo(2 / 3);
    expect(v.score).toBe(56.7);
    expect(v.grids).toEqual([{ gridId: 'g1', name: '东湖社区第1网格', rank: 3, of: 4, score: 56.7 }]);
    expect(v.late.map((r) => r.id)).toEqual([ids.C]);
    expect(v.unsatisfied.map((r) => r.id)).toEqual([ids.B]);
    const w2 = data(await h.call<MyAssessmentView>('w2', 'assessment', 'mine', { period: NOV }));
    expect(w2.grids).toEqual([{ gridId: 'g2', name: '东湖社区第2网格', rank: 1, of: 4, score: 100 }]);
    expect(w2.late).toEqual([]);
  });

  it("scope checks: another community's grid or worker reads as not found, a worker cannot read the dashboard", async () => {
    const q = (who: string, scope: { kind: string; id: string }) => h.call(who, 'assessment', 'dashboard', { scope, period: NOV });
    expect(code(await q('cs1', { kind: 'grid', id: 'g3' }))).toBe('GRID.NOT_FOUND');
    expect(code(await q('cs1', { kind: 'grid', id: 'nosuchgrid' }))).toBe('GRID.NOT_FOUND');
    expect(code(await q('cs1', { kind: 'community', id: 'c2' }))).toBe('COMMUNITY.NOT_FOUND');
    expect(code(await q('cs1', { kind: 'worker', id: 'w3' }))).toBe('WORKER.NOT_FOUND');
    expect(code(await q('cs1', { kind: 'worker', id: 'r1' }))).toBe('WORKER.NOT_FOUND');
    expect(code(await q('cs1', { kind: 'street', id: 's1' }))).toBe('AUTH.FORBIDDEN');
    expect(code(await q('ss', { kind: 'street', id: 'nosuchstreet' }))).toBe('STREET.NOT_FOUND');
    expect(code(await q('cs1', { kind: 'worker', id: 'w1' }))).toBe('ok');
    expect(code(await q('w1', { kind: 'grid', id: 'g1' }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('w1', 'assessment', 'figureRequests', { scope: { kind: 'grid', id: 'g1' }, period: NOV, figure: 'accepted' }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('cs1', 'assessment', 'figureRequests', { scope: { kind: 'grid', id: 'g3' }, period: NOV, figure: 'accepted' }))).toBe('GRID.NOT_FOUND');
  });

  it.each([
    [{ from: '2026-02-30', to: '2026-03-01' }],
    [{ from: '2026-11-30', to: '2026-11-01' }],
    [{ from: '2025-01-01', to: '2026-11-30' }],
    [{ from: '2026/11/01', to: '2026-11-30' }],
  ])('impossible or unordered dates %j are refused with INPUT.INVALID', async (period) => {
    const reply = await h.call('ss', 'assessment', 'dashboard', { scope: { kind: 'street', id: 's1' }, period });
    expect(code(reply)).toBe('INPUT.INVALID');
    expect(code(await h.call('w1', 'assessment', 'mine', { period }))).toBe('INPUT.INVALID');
  });
});

describe('assessment scorecard (服务公示)', () => {
  it('is hidden while the grid has 9 rated requests in the last 3 whole months, shown at 10, and has no personal data', async () => {
    const h = await functionHarness();
    try {
      const rated = async (n: number) => {
        // One a working day from 2026-10-12, each resolved on time and confirmed 满意 the same day.
        const day = new Date(Date.parse('2026-10-12T00:00:00Z') + n * 24 * 3600 * 1000);
        const d = day.toISOString().slice(0, 10);
        let r = await submit(h, 'r2', `${d}T09:00`);
        r = await act(h, 'w2', 'accept', `${d}T09:30`, r);
        r = await resolve(h, 'w2', `${d}T10:00`, r);
        await act(h, 'r2', 'confirm', `${d}T11:00`, r, { rating: 'satisfied' });
      };
      for (let i = 0; i < 9; i++) await rated(i);
      // December: the last 3 whole months are September, October, November.
      at(h, '2026-12-07T10:00');
      const hidden = data(await h.call<ScorecardView>('r2', 'assessment', 'scorecard', { gridId: 'g2' }));
      expect(hidden).toEqual({
        gridId: 'g2', periodLabel: '近3个月（2026年9月至11月）', shown: false, handled: 9, rated: 9,
        onTimeRate: null, satisfactionRate: null, onTimeDisplay: '无数据', satisfactionDisplay: '无数据',
      });
      await rated(9);
      at(h, '2026-12-07T10:00');
      const shown = data(await h.call<ScorecardView>('r2', 'assessment', 'scorecard', { gridId: 'g2' }));
      expect(shown).toMatchObject({ shown: true, handled: 10, rated: 10, onTimeRate: 1, satisfactionRate: 1, onTimeDisplay: '100.0%' });
      expect(Object.keys(shown).sort()).toEqual(['gridId', 'handled', 'onTimeDisplay', 'onTimeRate', 'periodLabel', 'rated', 'satisfactionDisplay', 'satisfactionRate', 'shown']);
      // A resident reads only their own grid's.
      expect(code(await h.call('r1', 'assessment', 'scorecard', { gridId: 'g2' }))).toBe('GRID.NOT_FOUND');
      // In January 2027 the window is October to December: the year is named twice.
      at(h, '2027-01-05T10:00');
      expect(data(await h.call<ScorecardView>('r2', 'assessment', 'scorecard', { gridId: 'g2' })).periodLabel).toBe('近3个月（2026年10月至12月）');
    } finally {
      await h.close();
    }
  });
});

describe('assessment weights', () => {
  it('the street admin reads the defaults, saves new weights with an audit entry, and the dashboard scores with them', async () => {
    const h = await functionHarness();
    try {
      const admin: User = {
        id: 'adm', openid: 'open-adm', name: '街道管理员', phone: null, residence: null,
        posts: [{ role: 'street_staff', streetId: 's1' }, { role: 'street_admin', streetId: 's1' }], createdAt: '2026-11-01T00:00:00.000Z',
      };
      await h.deps.store.people.createUser(admin);
      expect(data(await h.call('adm', 'assessment', 'weights', {}))).toEqual({ onTimeRate: 30, satisfactionRate: 30, solveRate: 20, timelyAcceptRate: 20 });
      expect(code(await h.call('adm', 'assessment', 'saveWeights', { onTimeRate: 50, satisfactionRate: 30, solveRate: 20, timelyAcceptRate: 20 }))).toBe('INPUT.INVALID');
      expect(code(await h.call('adm', 'assessment', 'saveWeights', { onTimeRate: 40.5, satisfactionRate: 29.5, solveRate: 10, timelyAcceptRate: 20 }))).toBe('INPUT.INVALID');
      expect(code(await h.call('ss', 'assessment', 'saveWeights', { onTimeRate: 100, satisfactionRate: 0, solveRate: 0, timelyAcceptRate: 0 }))).toBe('AUTH.FORBIDDEN');
      const saved = data(await h.call('adm', 'assessment', 'saveWeights', { onTimeRate: 100, satisfactionRate: 0, solveRate: 0, timelyAcceptRate: 0 }));
      expect(saved).toEqual({ onTimeRate: 100, satisfactionRate: 0, solveRate: 0, timelyAcceptRate: 0 });
      expect(data(await h.call('adm', 'assessment', 'weights', {}))).toEqual(saved);
      const audit = await h.deps.store.people.auditPage('s1', null, 10);
      expect(audit.items[0]).toMatchObject({
        actorId: 'adm', action: 'assessment.weights', targetType: 'street', targetId: 's1',
        detail: { before: { onTimeRate: 30, satisfactionRate: 30, solveRate: 20, timelyAcceptRate: 20 }, after: saved },
      });
      // Other settings are untouched.
      expect((await h.deps.store.requestConfig.settings('s1')).blockedWords).toEqual(['测试违禁词']);

      // One request resolved late: with all the weight on 按期办结率 the score is 0.
      let r = await submit(h, 'r1', '2026-11-02T10:00');
      r = await act(h, 'w1', 'accept', '2026-11-02T11:00', r);
      await resolve(h, 'w1', '2026-11-06T10:00', r);
      at(h, '2026-11-23T10:00');
      const v = data(await h.call<DashboardView>('adm', 'assessment', 'dashboard', { scope: { kind: 'grid', id: 'g1' }, period: NOV }));
      expect(v.weights).toEqual(saved);
      expect(v.score).toBe(0);
    } finally {
      await h.close();
    }
  });
});

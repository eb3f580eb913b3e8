/**
 * The assessment views at a city's scale, on the assessment bench's store (the demo street plus N generated
 * requests, counters kept by the import exactly as request writes keep them): the whole `assessment`
 * function call (caller lookup, scope check, counters, ranking, trend, overdue list, hot issues) in-process,
 * sequentially, for the street's month and 12-month dashboards and the other read actions.
 *
 * CloudBase requests per view are counted from what the view asks the store: every store call is one
 * database request, except counter queries, which CloudBase answers in pages of PAGE_SIZE documents per
 * chunk of 100 scope ids (server/adapters/cloudbase/cloudbase-assessment.ts): reads = Σ (⌊rows / PAGE_SIZE⌋ + 1).
 */
import { monthRange, shiftMonth } from '../../core/assessment/periods';
import { PAGE_SIZE } from '../../server/adapters/cloudbase/cloudbase-access';
import type { Deps } from '../../server/use-cases/context';
import { assessmentFunction } from '../../server/functions/assessment.function';
import type { CounterQuery, CounterRow } from '../../server/ports/assessment.port';
import type { Store } from '../../server/ports/store.port';
import type { AssessmentBenchCase, AssessmentBenchContext } from './assessment.bench';

const IN_CHUNK = 100;

/** Wraps a store so every call is counted as CloudBase would bill it. */
function countingStore(store: Store): { store: Store; reads: { requests: number; counterRows: number } } {
  const reads = { requests: 0, counterRows: 0 };
  const wrapRepo = <T extends object>(repo: T, name: string): T =>
    new Proxy(repo, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return async (...args: unknown[]) => {
          const out = await (v as (...a: unknown[]) => Promise<unknown>).apply(t, args);
          if (name === 'assessment' && prop === 'counters') {
            const q = args[0] as CounterQuery;
            const rows = out as CounterRow[];
            reads.counterRows += rows.length;
            if (q.scopeIds === undefined) reads.requests += Math.floor(rows.length / PAGE_SIZE) + 1;
            else {
              const ids = [...new Set(q.scopeIds)];
              for (let i = 0; i < ids.length; i += IN_CHUNK) {
                const chunk = new Set(ids.slice(i, i + IN_CHUNK));
                reads.requests += Math.floor(rows.filter((r) => chunk.has(r.scopeId)).length / PAGE_SIZE) + 1;
              }
            }
          } else {
            reads.requests += 1;
          }
          return out;
        };
      },
    });
  const wrapped = new Proxy(store, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver) as unknown;
      return v !== null && typeof v === 'object' && typeof prop === 'string' ? wrapRepo(v as object, prop) : v;
    },
  });
  return { store: wrapped, reads };
}

/**
 * The views as cases of the assessment bench (scripts/bench/assessment.bench.ts `extraCases`): the whole
 * `assessment` function call, as the street's staff, a community's staff, a grid worker and a resident make it,
 * on the bench's loaded store; `cloudbaseReads` runs the call once more and counts its store calls as above.
 */
export function assessmentViewCases(ctx: AssessmentBenchContext): AssessmentBenchCase[] {
  const counting = countingStore(ctx.deps.store);
  const deps: Deps = { ...ctx.deps, store: counting.store };
  const { data, streetId } = ctx;
  const staff = data.users.find((u) => u.id === ctx.streetStaffId)!;
  const community = data.communities[0];
  const communityStaff = data.users.find((u) => u.posts.some((p) => p.role === 'community_staff' && p.communityId === community.id))!;
  const grid = data.grids[0];
  const worker = data.users.find((u) => u.id === grid.primaryWorkerId)!;
  const resident = data.users.find((u) => u.residence?.gridId === grid.id)!;
  const month = monthRange(ctx.month);
  const year = { from: monthRange(shiftMonth(ctx.month, 11)).from, to: month.to };
  const street = { kind: 'street', id: streetId };
  const cases: [string, string, string, unknown][] = [
    [`看板 街道 ${ctx.month}（整个函数调用，按网格排名）`, staff.openid, 'dashboard', { scope: street, period: month }],
    [`看板 街道 12 个月（${year.from} 至 ${year.to}）`, staff.openid, 'dashboard', { scope: street, period: year }],
    [`看板 街道 ${ctx.month}（按网格员排名）`, staff.openid, 'dashboard', { scope: street, period: month, rankBy: 'worker' }],
    [`看板 社区 ${ctx.month}`, communityStaff.openid, 'dashboard', { scope: { kind: 'community', id: community.id }, period: month }],
    [`点开「按期办结率」第一页（街道 ${ctx.month}）`, staff.openid, 'figureRequests', { scope: street, period: month, figure: 'onTimeRate' }],
    [`网格员 我的考核 ${ctx.month}`, worker.openid, 'mine', { period: month }],
    ['居民 服务公示', resident.openid, 'scorecard', { gridId: grid.id }],
  ];
  return cases.map(([name, openid, action, input]) => {
    const call = async () => {
      const r = await assessmentFunction.handle({ kind: 'user', openid }, { action, data: input }, deps);
      if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
      return r.data;
    };
    return {
      name,
      run: call,
      cloudbaseReads: async () => {
        const before = counting.reads.requests;
        await call();
        return counting.reads.requests - before;
      },
    };
  });
}

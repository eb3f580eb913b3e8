/**
 * 考核 recount: rebuilds every counter of a street from its requests (core `contributionsOf`, summed in
 * memory while paging the street's requests 1000 at a time) and compares with what the store keeps.
 * Reports how many (counter, metric) pairs differ with up to 20 examples; with `fix` it overwrites the
 * counters that differ with the recomputed values (a counter kept but not recomputed becomes zeros).
 *
 * It runs under the job lock 'assessment.recount' (one recount at a time, also across instances), with
 * the lock extended after every page. Request writes keep going meanwhile, so a write landing between
 * the read of its request and the read of the counters shows as a transient difference: the nightly job
 * only reports (a difference that is real shows again the next night), and `--fix` is for an operator
 * at a quiet hour, after a report.
 */
import { COUNTER_METRICS, counterId, emptyCounters, contributionsOf, type CounterKind, type CounterMetric, type Counters } from '@core/assessment/counters';
import type { CounterRow } from '../../ports/assessment.port';
import type { Deps } from '../context';

export const RECOUNT_JOB = 'assessment.recount';
/** Requests per page (CloudBase answers at most 1000 per query). */
export const RECOUNT_PAGE = 1000;
const EXAMPLES = 20;
/** How long the lock holds without a checkpoint: far longer than one page takes. */
const LOCK_MINUTES = 15;

export interface RecountDifference {
  /** core counterId: street|kind|scope|period. */
  id: string;
  metric: CounterMetric;
  stored: number;
  recomputed: number;
}

export interface RecountReport {
  /**
   * 'locked': another recount holds the lock, nothing was read; 'partial': the time budget ran out, the
   * streets in `unfinished` were not (completely) recounted and the next run starts after them.
   */
  status: 'done' | 'partial' | 'locked';
  unfinished: string[];
  streets: number;
  requests: number;
  /** Counters recomputed (non-zero ones) plus stored ones that were not recomputed. */
  counters: number;
  differences: { count: number; examples: RecountDifference[] };
  /** Counters overwritten (with `fix`). */
  fixed: number;
}

interface Entry {
  scopeKind: CounterKind;
  scopeId: string;
  period: string;
  counters: Counters;
}

const isZero = (c: Counters): boolean => COUNTER_METRICS.every((m) => !c[m]);

/** Every counter of one street recomputed from its requests, by counterId. */
class OutOfTime extends Error {}

async function recomputeStreet(deps: Deps, streetId: string, onPage: () => Promise<void>): Promise<{ requests: number; counters: Map<string, Entry> }> {
  const out = new Map<string, Entry>();
  let requests = 0;
  let cursor: string | null = null;
  do {
    const page = await deps.store.assessment.requestsPage(streetId, cursor, RECOUNT_PAGE);
    for (const r of page.items) {
      for (const c of contributionsOf(r)) {
        const id = counterId(c.key);
        let entry = out.get(id);
        if (!entry) out.set(id, (entry = { scopeKind: c.key.scope.kind, scopeId: c.key.scope.id, period: c.key.period, counters: emptyCounters() }));
        // The hot loop of a million-request recount: only the metrics a contribution has (1 to 6 of 12).
        const into = entry.counters;
        const metrics = c.metrics;
        for (const m in metrics) into[m as CounterMetric] += metrics[m as CounterMetric]!;
      }
    }
    requests += page.items.length;
    cursor = page.next;
    await onPage();
  } while (cursor);
  return { requests, counters: out };
}

export interface RecountOptions {
  /** Overwrite the counters that differ with the recomputed values. */
  fix?: boolean;
  /** Only these streets (default: every street, by id). */
  streetIds?: string[];
  /**
   * Wall-clock milliseconds this run may take (a cloud function has 60 s): a street not finished in time
   * is left unfinished (nothing compared, nothing fixed) and the run stops. Each run starts with the
   * street after the one the last run stopped at (the lock's checkpoint), so every street gets its turn;
   * one too large for any single run is reported unfinished each time — recount it from the command line.
   */
  budgetMs?: number;
}

export async function recountAssessment(deps: Deps, options: RecountOptions = {}): Promise<RecountReport> {
  const owner = deps.newId();
  const until = () => new Date(deps.clock.now().getTime() + LOCK_MINUTES * 60000).toISOString();
  const report: RecountReport = { status: 'done', unfinished: [], streets: 0, requests: 0, counters: 0, differences: { count: 0, examples: [] }, fixed: 0 };
  const lock = await deps.store.jobLocks.acquire(RECOUNT_JOB, owner, deps.clock.now().toISOString(), until());
  if (!lock) return { ...report, status: 'locked' };
  const started = Date.now();
  const outOfTime = () => options.budgetMs !== undefined && Date.now() - started > options.budgetMs;
  let checkpoint: string | null = null;
  try {
    const all = (options.streetIds ?? (await deps.store.places.listStreets()).map((s) => s.id)).slice().sort();
    // A budgeted run resumes after the street the previous one stopped at (then wraps around).
    const from = options.budgetMs !== undefined && lock.checkpoint ? all.findIndex((id) => id > lock.checkpoint!) : 0;
    const streets = from > 0 ? [...all.slice(from), ...all.slice(0, from)] : all;
    for (const [i, streetId] of streets.entries()) {
      if (i > 0 && outOfTime()) {
        report.status = 'partial';
        report.unfinished.push(...streets.slice(i));
        checkpoint = streets[i - 1];
        break;
      }
      let recount: { requests: number; counters: Map<string, Entry> };
      try {
        recount = await recomputeStreet(deps, streetId, async () => {
          if (outOfTime()) throw new OutOfTime();
          await deps.store.jobLocks.checkpoint(RECOUNT_JOB, owner, lock.checkpoint, until());
        });
      } catch (e) {
        if (!(e instanceof OutOfTime)) throw e;
        report.status = 'partial';
        report.unfinished.push(...streets.slice(i));
        checkpoint = streetId;
        break;
      }
      const { requests, counters: recomputed } = recount;
      const stored = new Map<string, CounterRow>();
      for (const row of await deps.store.assessment.allCounters(streetId)) {
        stored.set(counterId({ streetId, scope: { kind: row.scopeKind, id: row.scopeId }, period: row.period }), row);
      }
      const repairs: CounterRow[] = [];
      const ids = new Set([...[...recomputed].filter(([, e]) => !isZero(e.counters)).map(([id]) => id), ...stored.keys()]);
      for (const id of [...ids].sort()) {
        const want = recomputed.get(id);
        const have = stored.get(id);
        const wanted = want?.counters ?? emptyCounters();
        const had = have?.counters ?? emptyCounters();
        let differs = false;
        for (const m of COUNTER_METRICS) {
          if ((had[m] ?? 0) === (wanted[m] ?? 0)) continue;
          differs = true;
          report.differences.count++;
          if (report.differences.examples.length < EXAMPLES) report.differences.examples.push({ id, metric: m, stored: had[m] ?? 0, recomputed: wanted[m] ?? 0 });
        }
        if (differs) {
          const ref = (want ?? have)!;
          repairs.push({ scopeKind: ref.scopeKind, scopeId: ref.scopeId, period: ref.period, counters: { ...wanted } });
        }
      }
      if (options.fix && repairs.length > 0) {
        await deps.store.assessment.overwrite(streetId, repairs);
        report.fixed += repairs.length;
      }
      report.streets++;
      report.requests += requests;
      report.counters += ids.size;
    }
  } finally {
    await deps.store.jobLocks.release(RECOUNT_JOB, owner, checkpoint);
  }
  return report;
}

/** The report in Chinese, line by line (the command line and the job log). */
export function recountReportLines(r: RecountReport, fix: boolean): string[] {
  if (r.status === 'locked') return ['另一个重算任务正在进行，本次未执行。'];
  const lines = [`已重算 ${r.streets} 个街道的 ${r.requests} 件诉求，共 ${r.counters} 个统计计数。`];
  if (r.unfinished.length) lines.push(`时间用尽，未完成的街道：${r.unfinished.join('、')}（下次从其后继续；过大的街道请用命令行重算）。`);
  if (r.differences.count === 0) {
    lines.push('统计计数与诉求记录完全一致。');
    return lines;
  }
  lines.push(`发现 ${r.differences.count} 处不一致${r.differences.count > r.differences.examples.length ? `（列出前 ${r.differences.examples.length} 处）` : ''}：`);
  for (const d of r.differences.examples) lines.push(`  ${d.id} 的 ${d.metric}: 存储值 ${d.stored}，重算值 ${d.recomputed}`);
  lines.push(fix ? `已按重算值修正 ${r.fixed} 个统计计数。` : '未修正（加 --fix 按重算值修正）。');
  return lines;
}

/** What the nightly run may take of the housekeeping function's 60 s (the purge runs first). */
export const NIGHTLY_BUDGET_MS = 40_000;

/**
 * The nightly job (the housekeeping function's daily timer): recounts the streets within its time budget
 * and reports, never fixes — a difference is logged as an error with its examples, for an operator to
 * look at and fix with `npm run wgt -- assessment recount --fix`.
 */
export async function nightlyRecount(ctx: { deps: Deps; now: Date }, budgetMs = NIGHTLY_BUDGET_MS): Promise<RecountReport> {
  const report = await recountAssessment(ctx.deps, { fix: false, budgetMs });
  const text = recountReportLines(report, false).join('\n');
  if (report.differences.count > 0) ctx.deps.log.error(`[housekeeping] assessment recount: ${text}`);
  else ctx.deps.log.info(`[housekeeping] assessment recount: ${text}`);
  return report;
}

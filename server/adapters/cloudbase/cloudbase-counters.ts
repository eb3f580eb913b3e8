/**
 * 考核评价 counter documents (collection `assessment_counters`): how a counter reads and is written, and the
 * delta a request write adds in its own transaction (used by cloudbase-requests.ts and cloudbase-assessment.ts).
 */
import { COUNTER_METRICS, counterId, emptyCounters, type Contribution, type Counters } from '@core/assessment/counters';
import type { DocAccess } from './cloudbase-access';
import type { DbDocument } from './cloudbase-db';

export function countersOf(d: DbDocument | null): Counters {
  const c = emptyCounters();
  if (!d) return c;
  for (const m of COUNTER_METRICS) c[m] = Number(d[m] ?? 0);
  return c;
}

export function counterFields(streetId: string, scopeKind: string, scopeId: string, period: string, counters: Counters): Record<string, unknown> {
  return { streetId, scopeKind, scopeId, period, ...counters };
}

/** Adds a write's counter delta, document by document, on the write's own (transaction) access. */
export async function applyCounterDelta(access: DocAccess, delta: Contribution[]): Promise<void> {
  for (const c of delta) {
    const id = counterId(c.key);
    const next = countersOf(await access.get('assessment_counters', id));
    for (const m of COUNTER_METRICS) next[m] += c.metrics[m] ?? 0;
    await access.put('assessment_counters', id, counterFields(c.key.streetId, c.key.scope.kind, c.key.scope.id, c.key.period, next));
  }
}

/**
 * 考核评价 counters (core/assessment/counters.ts). The request repository keeps them: its `create` and
 * `commit` add `counterDelta(stored, written)` in the same atomic write as the request, so no view ever
 * scans requests. This port reads them, and lets the recount job compare and repair them.
 */
import type { CounterKind, Counters, PeriodKey } from '@core/assessment/counters';
import type { ServiceRequest } from '@core/requests/request';
import type { Page } from './request.port';

export interface CounterRow {
  scopeKind: CounterKind;
  scopeId: string;
  period: PeriodKey;
  counters: Counters;
}

export interface CounterQuery {
  streetId: string;
  scopeKind: CounterKind;
  /** Only these scopes; absent: every scope of the kind in the street. An empty array matches nothing. */
  scopeIds?: string[];
  /** Exact period keys (days 'YYYY-MM-DD' and/or months 'YYYY-MM'), e.g. core periodKeys(range). */
  periods: PeriodKey[];
}

export interface AssessmentRepository {
  /**
   * Stored counters matching the query, ordered by scopeId then period; counters never written are absent,
   * and one whose metrics netted to zero may be kept as a row of zeros.
   */
  counters(query: CounterQuery): Promise<CounterRow[]>;
  /**
   * Every request of a street by id ascending, `limit` cut to 1..1000: what the recount reads. The cursor
   * is the last id of the previous page.
   */
  requestsPage(streetId: string, cursor: string | null, limit: number): Promise<Page<ServiceRequest>>;
  /** Every stored counter of a street (any scope, any period): what the recount compares against. */
  allCounters(streetId: string): Promise<CounterRow[]>;
  /**
   * Makes the listed counters equal to the given values (a zero row deletes or zeroes it). Not atomic with
   * request writes: the recount runs it only under the job lock, after reporting the difference.
   */
  overwrite(streetId: string, rows: CounterRow[]): Promise<void>;
}

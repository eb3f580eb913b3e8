import type { MeView } from '@core/api/contract';
import type { WorklistTab } from '@core/api/request.contract';

const WORKER_TABS: WorklistTab[] = ['new', 'mine', 'overdue'];
const COMMUNITY_TABS: WorklistTab[] = ['verify', 'dispatched', 'review'];

/**
 * The worklist tabs a person has: grid workers 待受理/处理中/已超期/已办结; community staff also 待核查,
 * 派遣给社区 and 待审核. 已办结 comes last, after everything that still needs someone.
 */
export function tabsFor(me: MeView): WorklistTab[] {
  const worker = me.grants.some((g) => g.role === 'grid_worker');
  const community = me.grants.some((g) => g.role === 'community_staff');
  if (!worker && !community) return [];
  return [...WORKER_TABS, ...(community ? COMMUNITY_TABS : []), 'done'];
}

/** Only grid workers file what they find on patrol (巡查上报) or report for a resident (代居民上报). */
export function canFile(me: MeView): boolean {
  return me.grants.some((g) => g.role === 'grid_worker');
}

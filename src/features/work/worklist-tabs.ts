import type { MeView } from '@core/api/contract';
import type { WorklistTab } from '@core/api/request.contract';
import { can } from '@core/people/permission';
import { actorOf } from '../account/me-view';

const WORKER_TABS: WorklistTab[] = ['new', 'mine', 'overdue'];
const COMMUNITY_TABS: WorklistTab[] = ['verify', 'dispatched', 'review'];

/**
 * The worklist tabs a person has: grid workers 待受理/处理中/已超期/已办结; community staff also 待核查,
 * 派遣给社区 and 待审核. 已办结 comes last, after everything that still needs someone.
 */
export function tabsFor(me: MeView): WorklistTab[] {
  const actor = actorOf(me);
  if (!can(actor, 'request.handle')) return [];
  return [...WORKER_TABS, ...(can(actor, 'request.verify') ? COMMUNITY_TABS : []), 'done'];
}

/** Those who may file (grid workers) file what they find on patrol (巡查上报) or report for a resident (代居民上报). */
export function canFile(me: MeView): boolean {
  return can(actorOf(me), 'request.file');
}

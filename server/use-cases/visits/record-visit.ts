/**
 * A grid worker records a door visit or a patrol in a grid they serve. The client key makes a retried send
 * (the app's offline queue) answer the visit written the first time, writing nothing new. A request filed on
 * the spot is linked only if it is the worker's own 主动发现 (source 'patrol') in the same grid.
 */
import type { RecordVisitResult } from '@core/api/visit.contract';
import type { Infer } from '@core/validation/schema';
import type { VISIT_SCHEMAS } from '@core/api/visit.schemas';
import { beijingDate } from '@core/calendar/working-days';
import { DomainError } from '@core/shared/errors';
import type { Visit } from '@core/visits/visit';
import type { UserContext } from '../context';
import { ownPhotos } from '../requests/request-photos';
import { visibleGrid } from './visit-access';
import { toVisitItems } from './visit-views';

export type RecordVisitInput = Infer<typeof VISIT_SCHEMAS.visit.record>;

/** A visit may be recorded up to this long after it happened (a phone that stayed offline), never ahead of now. */
const LATE_MAX_MS = 14 * 24 * 3600 * 1000;
const AHEAD_MAX_MS = 10 * 60 * 1000;

export async function recordVisit(ctx: UserContext, input: RecordVisitInput): Promise<RecordVisitResult> {
  const grid = await visibleGrid(ctx, input.gridId, 'visit.record');
  const { places, requests } = ctx.deps.store;
  let householdId: string | null = null;
  let buildingId: string;
  if (input.kind === 'door') {
    if (!input.householdId) throw new DomainError('INPUT.INVALID', '请选择走访的房屋');
    const h = await places.getHousehold(input.householdId);
    if (!h || h.gridId !== grid.id) throw new DomainError('HOUSEHOLD.NOT_FOUND');
    householdId = h.id;
    buildingId = h.buildingId;
  } else {
    if (!input.buildingId) throw new DomainError('INPUT.INVALID', '请选择巡查的楼栋');
    const b = await places.getBuilding(input.buildingId);
    if (!b || b.gridId !== grid.id) throw new DomainError('BUILDING.NOT_FOUND');
    buildingId = b.id;
  }
  const at = new Date(input.at);
  if (at.getTime() > ctx.now.getTime() + AHEAD_MAX_MS) throw new DomainError('INPUT.INVALID', '走访时间不能晚于现在');
  if (at.getTime() < ctx.now.getTime() - LATE_MAX_MS) throw new DomainError('INPUT.INVALID', '只能补记14天内的走访');
  const date = beijingDate(at);
  let requestId: string | null = null;
  let followUpOn: string | null = null;
  if (input.outcome === 'request') {
    if (!input.requestId) throw new DomainError('INPUT.INVALID', '请先上报现场发现的问题');
    const r = await requests.get(input.requestId);
    if (!r || r.gridId !== grid.id || r.submitterId !== ctx.user.id || r.source !== 'patrol') throw new DomainError('REQUEST.NOT_FOUND');
    requestId = r.id;
  } else if (input.outcome === 'follow_up') {
    if (!input.followUpOn) throw new DomainError('INPUT.INVALID', '请选择回访日期');
    if (input.followUpOn <= date) throw new DomainError('INPUT.INVALID', '回访日期应晚于走访日期');
    followUpOn = input.followUpOn;
  }
  const photoFileIds = await ownPhotos(ctx, input.photoFileIds ?? []);
  const visit: Visit = {
    id: ctx.deps.newId(),
    clientKey: input.clientKey,
    kind: input.kind,
    workerId: ctx.user.id,
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid.id,
    householdId,
    buildingId,
    date,
    at: at.toISOString(),
    recordedAt: ctx.now.toISOString(),
    met: input.met ?? '',
    note: input.note,
    photoFileIds,
    outcome: input.outcome,
    requestId,
    followUpOn,
    location: input.location ?? null,
  };
  const res = await ctx.deps.store.visits.record(visit);
  const [item] = await toVisitItems(ctx.deps, [res.visit]);
  return { visit: item, duplicate: res.kind === 'duplicate' };
}

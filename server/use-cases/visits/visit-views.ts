import type { VisitHousehold, VisitItem } from '@core/api/visit.contract';
import type { Building, Household } from '@core/places/place';
import type { Visit } from '@core/visits/visit';
import type { Deps } from '../context';
import { workerLabel } from './visit-access';

export function householdLabel(building: Pick<Building, 'name'> | undefined, h: Pick<Household, 'unit' | 'room'>): string {
  return `${building?.name ?? ''}${h.unit}单元${h.room}室`;
}

export function toVisitHousehold(h: Household, building: Building | undefined, lastVisit: string | null): VisitHousehold {
  return { id: h.id, buildingId: h.buildingId, label: householdLabel(building, h), keyGroups: [...h.keyGroups], lastVisit };
}

/** Visits as the app shows them: the worker by role and surname, photos as short-lived links (never stored). */
export async function toVisitItems(deps: Deps, visits: Visit[]): Promise<VisitItem[]> {
  const workers = await deps.store.users.getMany([...new Set(visits.map((v) => v.workerId))]);
  const nameOf = new Map(workers.map((w) => [w.id, w.name]));
  const fileIds = visits.flatMap((v) => v.photoFileIds);
  const urls = fileIds.length ? await deps.files.tempUrls(fileIds) : [];
  const urlOf = new Map(fileIds.map((id, i) => [id, urls[i]]));
  return visits.map((v) => ({
    id: v.id,
    kind: v.kind,
    date: v.date,
    at: v.at,
    workerName: workerLabel(nameOf.get(v.workerId)),
    met: v.met,
    note: v.note,
    photoUrls: v.photoFileIds.map((id) => urlOf.get(id)).filter((u): u is string => !!u),
    outcome: v.outcome,
    requestId: v.requestId,
    followUpOn: v.followUpOn,
  }));
}

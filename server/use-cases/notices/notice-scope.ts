/**
 * Scopes on the server: resolving what a publisher asked for into places (refusing anything outside their
 * reach), describing a scope in words, and deciding which grids a viewer looks after.
 */
import type { NoticeLevel, NoticeScope, Notice, Place, PublisherRole } from '@core/notices/notice';
import { can } from '@core/people/permission';
import { grantOf, workerGridIds, type Actor } from '@core/people/role';
import { maskName } from '@core/people/phone';
import type { Building, Community, Grid } from '@core/places/place';
import { DomainError, isDomainError } from '@core/shared/errors';
import type { Deps } from '../context';
import type { NoticeArea, NoticeKey } from '../../ports/notice.port';
import type { HouseholdFilter } from '../../ports/store.port';

/** The street's places, read once per call (a street has tens of communities and grids). */
export interface StreetPlaces {
  streetId: string;
  streetName: string;
  communities: Map<string, Community>;
  grids: Map<string, Grid>;
}

export async function streetPlaces(deps: Deps, streetId: string): Promise<StreetPlaces> {
  const [street, communities, grids] = await Promise.all([
    deps.store.places.getStreet(streetId),
    deps.store.places.listCommunities(streetId),
    deps.store.places.listGrids({ streetId }),
  ]);
  return {
    streetId,
    streetName: street?.name ?? '',
    communities: new Map(communities.map((c) => [c.id, c])),
    grids: new Map(grids.map((g) => [g.id, g])),
  };
}

/** The street a staff member (or grid worker) acts in; null for residents only. */
export function staffStreet(actor: Actor): string | null {
  return grantOf(actor, 'street_staff')?.streetId ?? grantOf(actor, 'community_staff')?.streetId ?? grantOf(actor, 'grid_worker')?.streetId ?? null;
}

export interface ResolvedScope {
  scope: NoticeScope;
  keys: NoticeKey[];
  buildings: Map<string, Building>;
  /** The highest role of the actor whose reach covers the whole scope. */
  role: PublisherRole;
}

const ROLE_ORDER: PublisherRole[] = ['street_staff', 'community_staff', 'grid_worker'];

/** May this actor, acting as `role`, publish to each of these places? */
function roleCovers(actor: Actor, role: PublisherRole, streetId: string, places: { communityId?: string; gridId?: string }[]): boolean {
  const only: Actor = { ...actor, grants: actor.grants.filter((g) => g.role === role) };
  return places.every((p) => can(only, 'notice.publish', { streetId, ...p }));
}

/** Checks a requested scope against the street and the actor's reach; refuses anything outside it. */
export async function resolveScope(deps: Deps, actor: Actor, sp: StreetPlaces, requested: NoticeScope): Promise<ResolvedScope> {
  const ids = [...new Set(requested.ids)];
  const buildings = new Map<string, Building>();
  let keys: NoticeKey[];
  let places: { communityId?: string; gridId?: string }[];
  switch (requested.level) {
    case 'street':
      keys = [{ level: 'street', placeId: sp.streetId, communityId: null, gridId: null }];
      places = [{}];
      break;
    case 'communities':
      if (!ids.length) throw new DomainError('NOTICE.SCOPE_EMPTY');
      if (ids.some((id) => !sp.communities.has(id))) throw new DomainError('NOTICE.SCOPE_OUTSIDE');
      keys = ids.map((id) => ({ level: 'communities', placeId: id, communityId: id, gridId: null }));
      places = ids.map((id) => ({ communityId: id }));
      break;
    case 'grids':
      if (!ids.length) throw new DomainError('NOTICE.SCOPE_EMPTY');
      if (ids.some((id) => !sp.grids.has(id))) throw new DomainError('NOTICE.SCOPE_OUTSIDE');
      keys = ids.map((id) => ({ level: 'grids', placeId: id, communityId: sp.grids.get(id)!.communityId, gridId: id }));
      places = ids.map((id) => ({ communityId: sp.grids.get(id)!.communityId, gridId: id }));
      break;
    case 'buildings': {
      if (!ids.length) throw new DomainError('NOTICE.SCOPE_EMPTY');
      const found = await Promise.all(ids.map((id) => deps.store.places.getBuilding(id)));
      if (found.some((b) => !b || b.streetId !== sp.streetId)) throw new DomainError('NOTICE.SCOPE_OUTSIDE');
      for (const b of found as Building[]) buildings.set(b.id, b);
      keys = (found as Building[]).map((b) => ({ level: 'buildings', placeId: b.id, communityId: b.communityId, gridId: b.gridId }));
      places = (found as Building[]).map((b) => ({ communityId: b.communityId, gridId: b.gridId }));
      break;
    }
  }
  const role = ROLE_ORDER.find((r) => roleCovers(actor, r, sp.streetId, places));
  if (!role) throw new DomainError('NOTICE.SCOPE_OUTSIDE');
  return { scope: { level: requested.level, ids: requested.level === 'street' ? [] : ids }, keys, buildings, role };
}

/** How residents see the sender. */
export function publisherLabel(actor: Actor, role: PublisherRole, sp: StreetPlaces): string {
  if (role === 'street_staff') return `${sp.streetName}办事处`;
  if (role === 'community_staff') return `${sp.communities.get(grantOf(actor, 'community_staff')!.communityId)?.name ?? ''}居委会`;
  const grids = workerGridIds(actor).map((id) => sp.grids.get(id)).filter((g): g is Grid => Boolean(g));
  const first = grids[0];
  // A grid's name already says its community (东湖社区第3网格), as everywhere else in the app.
  const where = first ? first.name : '';
  return `${where} 网格员${maskName(actor.name)}`;
}

export async function scopeText(deps: Deps, scope: NoticeScope, sp: StreetPlaces): Promise<string> {
  const names = async (): Promise<string[]> => {
    switch (scope.level) {
      case 'street':
        return [];
      case 'communities':
        return scope.ids.map((id) => sp.communities.get(id)?.name ?? '');
      case 'grids':
        return scope.ids.map((id) => sp.grids.get(id)?.name ?? '');
      case 'buildings': {
        const bs = await Promise.all(scope.ids.map((id) => deps.store.places.getBuilding(id)));
        return bs.map((b) => (b ? `${sp.communities.get(b.communityId)?.name ?? ''}${b.name}` : ''));
      }
    }
  };
  if (scope.level === 'street') return `全街道（${sp.streetName}）`;
  const list = (await names()).filter(Boolean);
  const unit: Record<Exclude<NoticeLevel, 'street'>, string> = { communities: '个社区', grids: '个网格', buildings: '栋楼' };
  return list.length <= 3 ? list.join('、') : `${list.slice(0, 3).join('、')}等${list.length}${unit[scope.level]}`;
}

/** The household filter matching a scope (what coverage divides by). */
export function householdFilter(streetId: string, scope: NoticeScope): HouseholdFilter {
  switch (scope.level) {
    case 'street':
      return { streetId };
    case 'communities':
      return { streetId, communityIds: scope.ids };
    case 'grids':
      return { streetId, gridIds: scope.ids };
    case 'buildings':
      return { streetId, buildingIds: scope.ids };
  }
}

/**
 * The grids of the street a viewer looks after for notices: all of them (street staff), their community's
 * (community staff), their own (grid workers). Null when the actor has no staff role in this street.
 */
export function viewerGrids(actor: Actor, sp: StreetPlaces): Set<string> | null {
  if (grantOf(actor, 'street_staff')?.streetId === sp.streetId) return new Set(sp.grids.keys());
  const out = new Set<string>();
  let any = false;
  const cs = grantOf(actor, 'community_staff');
  if (cs && cs.streetId === sp.streetId) {
    any = true;
    for (const g of sp.grids.values()) if (g.communityId === cs.communityId) out.add(g.id);
  }
  const gw = grantOf(actor, 'grid_worker');
  if (gw && gw.streetId === sp.streetId) {
    any = true;
    for (const id of workerGridIds(actor)) if (sp.grids.has(id)) out.add(id);
  }
  return any ? out : null;
}

/** Where a staff member looks in management lists. */
export function viewerArea(actor: Actor, sp: StreetPlaces): NoticeArea | null {
  if (grantOf(actor, 'street_staff')?.streetId === sp.streetId) return { kind: 'street', streetId: sp.streetId };
  const cs = grantOf(actor, 'community_staff');
  if (cs && cs.streetId === sp.streetId) return { kind: 'community', streetId: sp.streetId, communityId: cs.communityId };
  const gridIds = [...(viewerGrids(actor, sp) ?? [])];
  if (!gridIds.length) return null;
  const communityIds = [...new Set(gridIds.map((id) => sp.grids.get(id)!.communityId))];
  return { kind: 'grids', streetId: sp.streetId, gridIds, communityIds };
}

/** The grids a notice's scope touches (for buildings: the grids the buildings lie in). */
export async function scopeGrids(deps: Deps, notice: Pick<Notice, 'scope'>, sp: StreetPlaces): Promise<Set<string>> {
  const s = notice.scope;
  switch (s.level) {
    case 'street':
      return new Set(sp.grids.keys());
    case 'communities':
      return new Set([...sp.grids.values()].filter((g) => s.ids.includes(g.communityId)).map((g) => g.id));
    case 'grids':
      return new Set(s.ids);
    case 'buildings': {
      const bs = await Promise.all(s.ids.map((id) => deps.store.places.getBuilding(id)));
      return new Set(bs.filter((b): b is Building => Boolean(b)).map((b) => b.gridId));
    }
  }
}

/** As whom the actor may edit and withdraw this notice (they could publish to its whole scope); null: not at all. */
export async function manageRole(deps: Deps, actor: Actor, notice: Notice, sp: StreetPlaces): Promise<PublisherRole | null> {
  if (notice.streetId !== sp.streetId) return null;
  try {
    return (await resolveScope(deps, actor, sp, notice.scope)).role;
  } catch (e) {
    // Outside the actor's reach means "not theirs to manage"; anything else (the store failing) is not an answer.
    if (isDomainError(e) && e.code === 'NOTICE.SCOPE_OUTSIDE') return null;
    throw e;
  }
}

/** A resident's place, from their residence (the building through their household). */
export async function residentPlace(deps: Deps, actor: Actor): Promise<(Place & { householdId: string | null }) | null> {
  const r = grantOf(actor, 'resident');
  if (!r) return null;
  const household = r.householdId ? await deps.store.places.getHousehold(r.householdId) : null;
  return { streetId: r.streetId, communityId: r.communityId, gridId: r.gridId, buildingId: household?.buildingId ?? null, householdId: household?.id ?? null };
}

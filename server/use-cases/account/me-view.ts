import type { MeView, RoleView } from '@core/api/contract';
import { householdAddress } from '@core/places/place';
import { ROLE_LABELS, type Actor, type RoleGrant } from '@core/people/role';
import { RESIDENCE_STATUS_LABELS } from '@core/api/binding.contract';
import { maskName } from '@core/people/phone';
import { residenceStatus, type Residence, type User } from '@core/people/user';
import type { Deps } from '../context';

async function whereOf(deps: Deps, grant: RoleGrant): Promise<string> {
  const { places } = deps.store;
  switch (grant.role) {
    case 'street_staff':
    case 'street_admin':
      return (await places.getStreet(grant.streetId))?.name ?? '';
    case 'community_staff':
      return (await places.getCommunity(grant.communityId))?.name ?? '';
    case 'resident':
      return (await places.getGrid(grant.gridId))?.name ?? '';
    case 'grid_worker': {
      const ids = [...grant.gridIds, ...grant.backupGridIds];
      const grids = await Promise.all(ids.map((gridId) => places.getGrid(gridId)));
      const names = grids.filter((g) => g !== null).map((g) => (grant.backupGridIds.includes(g.id) ? `${g.name}（B角）` : g.name));
      return names.length ? names.join('、') : '暂未指派网格';
    }
  }
}

/** 东湖社区3号楼2单元502室, or null for a resident bound to a grid only. */
export async function residenceAddress(deps: Deps, r: Residence): Promise<string | null> {
  if (!r.householdId) return null;
  const household = await deps.store.places.getHousehold(r.householdId);
  if (!household) return null;
  const [building, community] = await Promise.all([deps.store.places.getBuilding(household.buildingId), deps.store.places.getCommunity(household.communityId)]);
  return building && community ? householdAddress(community, building, household) : null;
}

/** The caller as the app needs them: name, roles in words, and where they live. */
export async function buildMeView(deps: Deps, user: User, actor: Actor): Promise<MeView> {
  const roles: RoleView[] = await Promise.all(
    actor.grants.map(async (g) => ({ role: g.role, label: ROLE_LABELS[g.role], where: await whereOf(deps, g) })),
  );
  let residence: MeView['residence'] = null;
  let bindingRejected: MeView['bindingRejected'] = null;
  if (user.residence) {
    const r = user.residence;
    const status = residenceStatus(r);
    const [grid, community, address, housemates] = await Promise.all([
      deps.store.places.getGrid(r.gridId),
      deps.store.places.getCommunity(r.communityId),
      residenceAddress(deps, r),
      status === 'confirmed' ? housematesOf(deps, user.id, r) : [],
    ]);
    residence = {
      gridId: r.gridId,
      gridName: grid?.name ?? '',
      communityId: r.communityId,
      communityName: community?.name ?? '',
      householdId: r.householdId,
      address,
      via: r.via,
      status,
      statusLabel: RESIDENCE_STATUS_LABELS[status],
      housemates,
    };
  } else {
    // 被退回: the newest entry about this person is the worker's rejection (binding again or leaving writes a newer one).
    const [last] = await deps.store.audit.listFor('user', user.id, 1);
    if (last?.action === 'binding.reject') {
      bindingRejected = { at: last.at, reason: typeof last.detail.reason === 'string' ? last.detail.reason : null };
    }
  }
  return { userId: user.id, name: user.name, roles, grants: actor.grants, residence, bindingRejected };
}

/**
 * Who else is confirmed in the caller's household, names masked (张*): a resident may see that someone else
 * is bound to their home, never who exactly. Only a confirmed resident sees this (a claim shows nothing).
 */
async function housematesOf(deps: Deps, userId: string, r: Residence): Promise<string[]> {
  if (!r.householdId) return [];
  const residents = await deps.store.users.listGridResidents(r.gridId);
  return residents.filter((u) => u.householdId === r.householdId && u.id !== userId).map((u) => maskName(u.name));
}

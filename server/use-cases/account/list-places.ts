/**
 * The address picker: community → building → unit → room. Addresses are not personal data (they are on
 * every door), so any signed-in user may browse them to find their own; who lives where is never returned.
 */
import type { BuildingOption, CommunityOption, HouseholdOption } from '@core/api/contract';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';

export async function listCommunities(ctx: UserContext): Promise<CommunityOption[]> {
  const { places } = ctx.deps.store;
  const [streets, communities] = await Promise.all([places.listStreets(), places.listCommunities()]);
  const streetName = new Map(streets.map((s) => [s.id, s.name]));
  return communities.map((c) => ({ id: c.id, name: c.name, streetName: streetName.get(c.streetId) ?? '' }));
}

export async function listBuildings(ctx: UserContext, input: { communityId: string }): Promise<BuildingOption[]> {
  const community = await ctx.deps.store.places.getCommunity(input.communityId);
  if (!community) throw new DomainError('COMMUNITY.NOT_FOUND');
  const buildings = await ctx.deps.store.places.listBuildings({ communityId: community.id });
  return buildings.map((b) => ({ id: b.id, name: b.name, units: b.units, gridId: b.gridId }));
}

export async function listHouseholds(ctx: UserContext, input: { buildingId: string; unit: number }): Promise<HouseholdOption[]> {
  const building = await ctx.deps.store.places.getBuilding(input.buildingId);
  if (!building) throw new DomainError('BUILDING.NOT_FOUND');
  if (input.unit > building.units) return [];
  const households = await ctx.deps.store.places.listHouseholds(building.id, input.unit);
  return households.map((h) => ({ id: h.id, room: h.room }));
}

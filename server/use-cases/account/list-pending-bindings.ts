import type { PendingBindingRow, PendingBindingsView } from '@core/api/binding.contract';
import type { Grid } from '@core/places/place';
import { maskName } from '@core/people/phone';
import { grantOf, workerGridIds } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import { can } from '@core/people/permission';
import type { UserContext } from '../context';
import { residenceAddress } from './me-view';

const VIA_LABELS = { address: '按地址绑定', qr: '扫网格码绑定' } as const;

/** The grids whose bindings the caller settles: their own (primary and B角) and, for community staff, the community's. */
async function gridsOf(ctx: UserContext, gridId: string | undefined): Promise<Grid[]> {
  const { places } = ctx.deps.store;
  if (gridId) {
    const grid = await places.getGrid(gridId);
    // Another grid's list is not theirs to see, nor whether that grid exists.
    if (!grid || !can(ctx.actor, 'binding.confirm', { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id })) {
      throw new DomainError('GRID.NOT_FOUND');
    }
    return [grid];
  }
  const ids = new Set(workerGridIds(ctx.actor));
  const staff = grantOf(ctx.actor, 'community_staff');
  const grids = [
    ...(await places.getGrids([...ids])),
    ...(staff ? await places.listGrids({ streetId: staff.streetId, communityId: staff.communityId }) : []),
  ];
  const unique = new Map(grids.map((g) => [g.id, g]));
  return [...unique.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** 住户绑定确认: who waits in the caller's grids, oldest binding first; names masked, addresses shown. */
export async function listPendingBindings(ctx: UserContext, input: { gridId?: string }): Promise<PendingBindingsView> {
  const grids = await gridsOf(ctx, input.gridId);
  const perGrid = await Promise.all(grids.map((g) => ctx.deps.store.users.listPendingResidents(g.id)));
  const items: PendingBindingRow[] = [];
  for (const [i, users] of perGrid.entries()) {
    const grid = grids[i];
    for (const u of users) {
      const r = u.residence;
      // Never settle one's own binding, so it is not offered either.
      if (!r || u.id === ctx.user.id) continue;
      const address = (await residenceAddress(ctx.deps, r)) ?? `${grid.name}（未选房屋）`;
      items.push({ userId: u.id, name: maskName(u.name), gridId: grid.id, gridName: grid.name, address, via: r.via, viaLabel: VIA_LABELS[r.via], boundAt: r.boundAt });
    }
  }
  items.sort((a, b) => a.boundAt.localeCompare(b.boundAt) || a.userId.localeCompare(b.userId));
  return { grids: grids.map((g) => ({ id: g.id, name: g.name })), items };
}

import type { PosterView } from '@core/api/contract';
import type { UserContext } from '../context';
import { buildCardView } from './card-view';
import { visibleGrid } from './get-card';

/** The printable card with the URL its QR code encodes; scanning it binds the resident to this grid. */
export async function getPoster(ctx: UserContext, input: { gridId: string }): Promise<PosterView> {
  const grid = await visibleGrid(ctx, input.gridId, 'grid.poster');
  return {
    card: await buildCardView(ctx.deps, grid, ctx.now),
    bindUrl: `${ctx.deps.config.bindUrlBase}${encodeURIComponent(grid.qrToken)}`,
  };
}

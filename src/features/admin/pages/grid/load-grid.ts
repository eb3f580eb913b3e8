import type { GridSummary, MeView } from '@core/api/contract';
import type { ContactCardView } from '@core/contact-card/contact-card';
import { accountApi } from '../../../account/api';
import { grantOf } from '../../../account/me-view';
import { cardApi } from '../../../card/api';
import { adminApi } from '../../api';

export interface GridDetail {
  card: ContactCardView;
  summary: GridSummary | null;
  /** Community staff of this grid's community may change its workers (grid.assign). */
  canAssign: boolean;
  me: MeView;
}

export async function loadGrid(gridId: string): Promise<GridDetail> {
  const [card, me] = await Promise.all([cardApi.ofGrid(gridId), accountApi.me()]);
  const staff = grantOf(me, 'community_staff');
  const canAssign = staff?.communityId === card.grid.communityId;
  // The summary carries the version an assignment must name; only those who may assign need it.
  const summary = canAssign ? ((await adminApi.grids(card.grid.communityId)).find((g) => g.id === gridId) ?? null) : null;
  return { card, summary, canAssign, me };
}

import { SCHEMAS } from '@core/api/schemas';
import { assignGridWorkers } from '../use-cases/grid/assign-grid-workers';
import { getMyCardEdit, updateMyCard } from '../use-cases/grid/edit-my-card';
import { getGridCard, getMyCard } from '../use-cases/grid/get-card';
import { getPoster } from '../use-cases/grid/get-poster';
import { listGrids } from '../use-cases/grid/list-grids';
import { listWorkers } from '../use-cases/grid/list-workers';
import { defineFunction } from './define-function';

const s = SCHEMAS.grid;

/** 网格服务联系卡 and who serves which grid. */
export const gridFunction = defineFunction('grid', {
  myCard: { permission: 'card.view', input: s.myCard, run: (ctx) => getMyCard(ctx) },
  card: { permission: 'card.view', input: s.card, run: getGridCard },
  myCardEdit: { permission: 'card.edit', input: s.myCardEdit, run: (ctx) => getMyCardEdit(ctx) },
  updateMyCard: { permission: 'card.edit', input: s.updateMyCard, run: updateMyCard },
  list: { permission: 'grid.list', input: s.list, run: listGrids },
  workers: { permission: 'worker.list', input: s.workers, run: listWorkers },
  assign: { permission: 'grid.assign', input: s.assign, run: assignGridWorkers },
  poster: { permission: 'grid.poster', input: s.poster, run: getPoster },
});

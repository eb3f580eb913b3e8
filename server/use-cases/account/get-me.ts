import type { MeView } from '@core/api/contract';
import type { UserContext } from '../../functions/define-function';
import { buildMeView } from './me-view';

export function getMe(ctx: UserContext): Promise<MeView> {
  return buildMeView(ctx.deps, ctx.user, ctx.actor);
}

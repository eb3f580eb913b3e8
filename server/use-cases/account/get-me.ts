import type { MeView } from '@core/api/contract';
import type { UserContext } from '../context';
import { buildMeView } from './me-view';

export function getMe(ctx: UserContext): Promise<MeView> {
  return buildMeView(ctx.deps, ctx.user, ctx.actor);
}

import type { ScoreWeights } from '@core/assessment/indicators';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { streetWeights } from './assessment-reads';

/** The street a street admin manages: weights are the street's, set by its admin only ('street.settings'). */
export function adminStreetId(ctx: UserContext): string {
  const grant = grantOf(ctx.actor, 'street_admin');
  if (!grant) throw new DomainError('AUTH.FORBIDDEN');
  return grant.streetId;
}

/** `assessment.weights`: the street's composite-score weights (the defaults until its admin sets them). */
export async function getWeights(ctx: UserContext): Promise<ScoreWeights> {
  return streetWeights(ctx.deps, adminStreetId(ctx));
}

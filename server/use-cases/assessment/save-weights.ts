import { checkWeights, DEFAULT_SCORE_WEIGHTS, type ScoreWeights } from '@core/assessment/indicators';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { adminStreetId } from './get-weights';

function words(w: ScoreWeights): string {
  return `按期办结 ${w.onTimeRate}%、满意 ${w.satisfactionRate}%、解决 ${w.solveRate}%、及时受理 ${w.timelyAcceptRate}%`;
}

/**
 * `assessment.saveWeights`: whole-percent weights summing to 100 (core checkWeights), stored in the
 * street's settings with an audit entry (before → after) in the same write.
 */
export async function saveWeights(ctx: UserContext, input: ScoreWeights): Promise<ScoreWeights> {
  const streetId = adminStreetId(ctx);
  const after: ScoreWeights = {
    onTimeRate: input.onTimeRate,
    satisfactionRate: input.satisfactionRate,
    solveRate: input.solveRate,
    timelyAcceptRate: input.timelyAcceptRate,
  };
  if (!checkWeights(after)) throw new DomainError('INPUT.INVALID', '四项权重应为 0 到 100 的整数，合计 100');
  const at = ctx.now.toISOString();
  await ctx.deps.store.transact(async (tx) => {
    const before = (await tx.requestConfig.settings(streetId)).scoreWeights ?? { ...DEFAULT_SCORE_WEIGHTS };
    await tx.requestConfig.saveScoreWeights(streetId, after);
    await tx.audit.append({
      id: ctx.deps.newId(),
      at,
      actorId: ctx.user.id,
      action: 'assessment.weights',
      targetType: 'street',
      targetId: streetId,
      detail: { name: '考核权重', from: words(before), to: words(after), before, after },
      streetId,
    });
  });
  return after;
}

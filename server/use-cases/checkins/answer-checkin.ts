/**
 * 报平安的回复: a resident answers for their own household from the app; a grid worker notes the answer of a
 * household of their grid reached by phone or at the door. The first answer of a household stands (a retry or a
 * second member's answer returns it and counts nothing). 需要帮助 opens a request for the grid through the
 * shared submit path (category 困难求助, else the street's first help category), once: its idempotency key is the
 * (check-in, household) pair.
 */
import type { CheckInCard, CheckInGridDoors } from '@core/api/checkin.contract';
import {
  answerRefusal,
  CHECKIN_ANSWER_LABELS,
  CHECKIN_VIA_LABELS,
  checkInAsks,
  helpRequestText,
  type CheckIn,
  type CheckInAnswer,
  type CheckInAnswerKind,
  type CheckInAnswerRefusal,
} from '@core/checkins/checkin';
import { grantOf } from '@core/people/role';
import type { Household } from '@core/places/place';
import { DomainError, type ErrorCode } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import { residentPlace } from '../notices/notice-scope';
import { openNewRequest, type Filer } from '../requests/submit-request';
import { staffPlaces, visibleCheckIn } from './checkin-access';
import { gridDoors } from './checkin-progress';

const REFUSALS: Record<CheckInAnswerRefusal, ErrorCode> = {
  closed: 'CHECKIN.CLOSED',
  not_in_scope: 'CHECKIN.NOT_ASKED',
  worker_via_app: 'INPUT.INVALID',
  resident_via_worker: 'INPUT.INVALID',
};

function cardOf(c: CheckIn, a: CheckInAnswer | null): CheckInCard {
  return {
    id: c.id,
    question: c.question,
    startedAt: c.startedAt,
    closed: c.closedAt !== null,
    answer: a ? { answer: a.answer, answerLabel: CHECKIN_ANSWER_LABELS[a.answer], note: a.note, viaLabel: CHECKIN_VIA_LABELS[a.via], at: a.at, requestId: a.requestId } : null,
  };
}

/** The street's 困难求助 category (else its first active help category); null when it has none. */
async function helpCategoryId(ctx: UserContext, streetId: string): Promise<string | null> {
  const categories = (await ctx.deps.store.requestConfig.categories(streetId)).filter((c) => c.active && c.kind === 'help');
  return (categories.find((c) => c.name.includes('求助')) ?? categories[0])?.id ?? null;
}

/** Records the answer; a first 需要帮助 opens the grid's request and notes its id on the answer. */
async function record(ctx: UserContext, c: CheckIn, h: Household, answer: CheckInAnswerKind, note: string, via: CheckInAnswer['via'], filer: Omit<Filer, 'buildingId'>): Promise<CheckInAnswer> {
  // A street without a help category still records 需要帮助 (the worker sees it on the door list); no request opens.
  const categoryId = answer === 'help' ? await helpCategoryId(ctx, c.streetId) : null;
  const res = await ctx.deps.store.checkIns.answer({
    checkInId: c.id, householdId: h.id, communityId: h.communityId, gridId: h.gridId, buildingId: h.buildingId,
    answer, note, via, byId: ctx.user.id, at: ctx.now.toISOString(), requestId: null,
  });
  const stored = res.answer;
  // A retry of the first 需要帮助 whose request never landed (the call failed between the two writes) opens it now.
  if (stored.answer === 'help' && !stored.requestId && categoryId && (res.kind === 'created' || stored.byId === ctx.user.id)) {
    const opened = await openNewRequest(
      ctx.deps,
      ctx.now,
      { idempotencyKey: `checkin-${c.id}-${h.id}`, categoryId, description: helpRequestText(c.question, stored.note), hideName: false },
      [],
      { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId },
      { ...filer, buildingId: h.buildingId },
    );
    await ctx.deps.store.checkIns.setRequestId(c.id, h.id, opened.request.id);
    return { ...stored, requestId: opened.request.id };
  }
  return stored;
}

/** A resident answers for their own household. */
export async function answerCheckIn(ctx: UserContext, input: { id: string; answer: CheckInAnswerKind; note?: string }): Promise<CheckInCard> {
  const place = await residentPlace(ctx.deps, ctx.actor);
  if (!place) throw new DomainError('RESIDENT.NOT_BOUND');
  const c = await ctx.deps.store.checkIns.get(input.id);
  if (!c || c.streetId !== place.streetId || !place.householdId || !checkInAsks(c, place)) throw new DomainError('CHECKIN.NOT_FOUND');
  authorize(ctx.actor, 'checkin.answer', { streetId: place.streetId, communityId: place.communityId, gridId: place.gridId });
  const h = await ctx.deps.store.places.getHousehold(place.householdId);
  if (!h) throw new DomainError('CHECKIN.NOT_ASKED');
  const refusal = answerRefusal(c, h, 'resident', 'app');
  if (refusal) throw new DomainError(REFUSALS[refusal]);
  const a = await record(ctx, c, h, input.answer, input.note?.trim() ?? '', 'app', {
    id: ctx.user.id, name: ctx.user.name, openid: ctx.user.openid, party: 'resident', role: 'resident', source: 'resident',
    residentId: ctx.user.id, residentName: ctx.user.name, consentNote: null, unverified: grantOf(ctx.actor, 'resident')?.pending === true,
  });
  return cardOf(c, a);
}

/** A grid worker notes the answer of a household of their grid, reached by phone or at the door. */
export async function answerForHousehold(
  ctx: UserContext,
  input: { id: string; householdId: string; answer: CheckInAnswerKind; via: 'phone' | 'door'; note?: string },
): Promise<CheckInGridDoors> {
  const sp = await staffPlaces(ctx);
  const { checkIn: c, mine } = await visibleCheckIn(ctx, input.id, sp);
  const h = await ctx.deps.store.places.getHousehold(input.householdId);
  if (!h || !mine.has(h.gridId) || !checkInAsks(c, h)) throw new DomainError('CHECKIN.HOUSEHOLD_OUTSIDE');
  authorize(ctx.actor, 'checkin.answerFor', { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId });
  const refusal = answerRefusal(c, h, 'grid_worker', input.via);
  if (refusal) throw new DomainError(refusal === 'not_in_scope' ? 'CHECKIN.HOUSEHOLD_OUTSIDE' : REFUSALS[refusal]);
  const how = CHECKIN_VIA_LABELS[input.via];
  await record(ctx, c, h, input.answer, input.note?.trim() ?? '', input.via, {
    id: ctx.user.id, name: ctx.user.name, openid: ctx.user.openid, party: 'grid_worker', role: 'grid_worker', source: 'proxy',
    residentId: null, residentName: null, consentNote: `报平安${how}`,
  });
  return gridDoors(ctx, { id: c.id, gridId: h.gridId });
}

/** 报平安 cards on a resident's home: the street's recent check-ins asking their household, open first. */
export async function myCheckIns(ctx: UserContext): Promise<{ items: CheckInCard[] }> {
  const place = await residentPlace(ctx.deps, ctx.actor);
  if (!place || !place.householdId) return { items: [] };
  const recent = await ctx.deps.store.checkIns.listForStreet(place.streetId, 10);
  const asking = recent.filter((c) => checkInAsks(c, place));
  const householdId = place.householdId;
  const cards = await Promise.all(asking.map(async (c) => cardOf(c, await ctx.deps.store.checkIns.getAnswer(c.id, householdId))));
  return { items: [...cards.filter((c) => !c.closed), ...cards.filter((c) => c.closed).slice(0, 3)] };
}

/**
 * 报平安进度: per grid answered / safe / needs help / not yet, over the grids of the scope the viewer looks after
 * (one counter row per grid: the cost does not grow with the answers). The not-yet door list of one grid is
 * what its worker works through: building, unit, room and the residents' masked phones.
 */
import type { CheckInAnsweredDoor, CheckInDoor, CheckInGridDoors, CheckInListItem, CheckInProgress } from '@core/api/checkin.contract';
import { CHECKIN_ANSWER_LABELS, CHECKIN_VIA_LABELS, checkInAsks, notYet, type CheckIn } from '@core/checkins/checkin';
import { maskName, maskPhone } from '@core/people/phone';
import { householdAddress, KEY_GROUP_LABELS, type Building } from '@core/places/place';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import { scopeGrids, viewerGrids, type StreetPlaces } from '../notices/notice-scope';
import { figures, figuresOf, staffPlaces, summaryOf, visibleCheckIn } from './checkin-access';

export async function progressOf(ctx: UserContext, checkIn: CheckIn, mine: Set<string>, sp: StreetPlaces): Promise<CheckInProgress> {
  const parts = (await figuresOf(ctx, checkIn)).filter((p) => mine.has(p.gridId));
  return {
    ...(await summaryOf(ctx, checkIn, sp)),
    frozen: checkIn.frozen !== null,
    total: figures(parts),
    grids: parts.map((p) => ({ ...figures([p]), gridId: p.gridId, gridName: sp.grids.get(p.gridId)?.name ?? p.gridId })),
  };
}

export async function checkInProgress(ctx: UserContext, input: { id: string }): Promise<CheckInProgress> {
  const sp = await staffPlaces(ctx);
  const { checkIn, mine } = await visibleCheckIn(ctx, input.id, sp);
  return progressOf(ctx, checkIn, mine, sp);
}

/** The street's latest check-ins touching the viewer's grids, with their totals over those grids. */
export async function listCheckIns(ctx: UserContext): Promise<{ items: CheckInListItem[] }> {
  const sp = await staffPlaces(ctx);
  const viewer = viewerGrids(ctx.actor, sp) ?? new Set<string>();
  const all = await ctx.deps.store.checkIns.listForStreet(sp.streetId, 20);
  const items: CheckInListItem[] = [];
  for (const c of all) {
    const touched = await scopeGrids(ctx.deps, c, sp);
    const mine = new Set([...touched].filter((g) => viewer.has(g)));
    if (mine.size === 0) continue;
    const parts = (await figuresOf(ctx, c)).filter((p) => mine.has(p.gridId));
    items.push({ ...(await summaryOf(ctx, c, sp)), total: figures(parts) });
  }
  return { items };
}

export async function gridDoors(ctx: UserContext, input: { id: string; gridId: string }): Promise<CheckInGridDoors> {
  const sp = await staffPlaces(ctx);
  const { checkIn, mine } = await visibleCheckIn(ctx, input.id, sp);
  const grid = sp.grids.get(input.gridId);
  if (!grid || !mine.has(grid.id)) throw new DomainError('GRID.NOT_FOUND');
  authorize(ctx.actor, 'checkin.read', { streetId: grid.streetId, communityId: grid.communityId, gridId: grid.id });
  const [households, buildings, answers, residents] = await Promise.all([
    ctx.deps.store.places.listGridHouseholds(grid.id),
    ctx.deps.store.places.listBuildings({ gridId: grid.id }),
    ctx.deps.store.checkIns.answersInGrid(checkIn.id, grid.id),
    ctx.deps.store.users.listGridResidents(grid.id),
  ]);
  const community = sp.communities.get(grid.communityId)!;
  const buildingById = new Map<string, Building>(buildings.map((b) => [b.id, b]));
  const asked = households.filter((h) => checkInAsks(checkIn, h));
  const answeredById = new Map(answers.map((a) => [a.householdId, a]));
  const waiting = asked.filter((h) => !answeredById.has(h.id));
  // Phones only for the residents of households still to reach: at most a grid's residents in one read.
  const waitingIds = new Set(waiting.map((h) => h.id));
  const wanted = residents.filter((r) => r.householdId && waitingIds.has(r.householdId));
  const users = wanted.length ? await ctx.deps.store.users.getMany(wanted.map((r) => r.id)) : [];
  const phoneById = new Map(users.map((u) => [u.id, u.phone]));
  const residentsOf = new Map<string, { name: string; phone: string | null }[]>();
  for (const r of wanted) {
    const phone = phoneById.get(r.id);
    residentsOf.set(r.householdId!, [...(residentsOf.get(r.householdId!) ?? []), { name: maskName(r.name), phone: phone ? maskPhone(phone) : null }]);
  }
  const addressOf = (h: { buildingId: string; unit: number; room: string }) => {
    const b = buildingById.get(h.buildingId);
    return b ? householdAddress(community, b, h) : h.room;
  };
  const notYetDoors: CheckInDoor[] = waiting.map((h) => ({
    householdId: h.id,
    buildingName: buildingById.get(h.buildingId)?.name ?? '',
    unit: h.unit,
    room: h.room,
    address: addressOf(h),
    keyGroups: h.keyGroups.map((g) => KEY_GROUP_LABELS[g]),
    residents: residentsOf.get(h.id) ?? [],
  }));
  const askedById = new Map(asked.map((h) => [h.id, h]));
  const answered: CheckInAnsweredDoor[] = answers
    .filter((a) => askedById.has(a.householdId))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map((a) => ({
      householdId: a.householdId,
      address: addressOf(askedById.get(a.householdId)!),
      answer: a.answer,
      answerLabel: CHECKIN_ANSWER_LABELS[a.answer],
      via: a.via,
      viaLabel: CHECKIN_VIA_LABELS[a.via],
      note: a.note,
      at: a.at,
      requestId: a.requestId,
    }));
  const frozen = checkIn.frozen?.find((f) => f.gridId === grid.id);
  const safe = answered.filter((a) => a.answer === 'safe').length;
  const live = { households: asked.length, answered: answered.length, safe, help: answered.length - safe };
  const f = frozen ?? live;
  return {
    checkInId: checkIn.id,
    question: checkIn.question,
    closed: checkIn.closedAt !== null,
    gridId: grid.id,
    gridName: grid.name,
    figures: { households: f.households, answered: f.answered, safe: f.safe, help: f.help, notYet: notYet(f) },
    notYet: notYetDoors,
    answered,
  };
}

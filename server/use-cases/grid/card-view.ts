import { DEFAULT_DUTY_HOURS, type ContactCard, type ContactCardView, type WorkerCardView } from '@core/contact-card/contact-card';
import { dutyText, isOnDuty, type DutySlot } from '@core/contact-card/duty-hours';
import { boundaryText, type Grid } from '@core/places/place';
import type { User } from '@core/people/user';
import type { Deps } from '../context';

/** A worker who never edited their card still gets one: their name and the default office hours, no phone yet. */
export function cardOrDefault(worker: User, card: ContactCard | null, at: string): ContactCard {
  return (
    card ?? {
      workerId: worker.id,
      displayName: worker.name,
      workPhone: '',
      photoFileId: null,
      dutyHours: DEFAULT_DUTY_HOURS,
      intro: '',
      updatedAt: at,
    }
  );
}

/**
 * dutyText is a pure function of the slots, and the same few schedules recur on every card: each text is kept by the
 * slots' shape (at most DUTY_TEXTS_MAX of them), so the resident's most frequent call does not rebuild it.
 */
const DUTY_TEXTS = new Map<string, string>();
const DUTY_TEXTS_MAX = 1000;

export function dutyTextOf(slots: DutySlot[]): string {
  let key = '';
  for (const s of slots) key += `${s.days.join(',')} ${s.start} ${s.end};`;
  let text = DUTY_TEXTS.get(key);
  if (text === undefined) {
    text = dutyText(slots);
    if (DUTY_TEXTS.size >= DUTY_TEXTS_MAX) DUTY_TEXTS.clear();
    DUTY_TEXTS.set(key, text);
  }
  return text;
}

function workerView(card: ContactCard, photoUrl: string | null, now: Date): WorkerCardView {
  return {
    workerId: card.workerId,
    name: card.displayName,
    photoUrl,
    workPhone: card.workPhone,
    dutyHours: card.dutyHours,
    dutyText: dutyTextOf(card.dutyHours),
    onDuty: isOnDuty(card.dutyHours, now),
    intro: card.intro,
  };
}

/**
 * 网格服务联系卡 of one grid. Callers have already checked `card.view` for this grid. The workers'
 * work phones are on it by design (the card is printed and posted in the grid); nobody's personal
 * phone ever is.
 */
export async function buildCardView(deps: Deps, grid: Grid, now: Date, address: string | null = null): Promise<ContactCardView> {
  const { places, users, cards } = deps.store;
  const workerIds = [grid.primaryWorkerId, grid.backupWorkerId].filter((x): x is string => x !== null);
  const [community, street, workers, workerCards] = await Promise.all([
    places.getCommunity(grid.communityId),
    places.getStreet(grid.streetId),
    users.getMany(workerIds),
    cards.getMany(workerIds),
  ]);
  const at = now.toISOString();
  const cardOf = (id: string | null): ContactCard | null => {
    const worker = id ? workers.find((w) => w.id === id) : undefined;
    return worker ? cardOrDefault(worker, workerCards.find((c) => c.workerId === id) ?? null, at) : null;
  };
  const primary = cardOf(grid.primaryWorkerId);
  const backup = cardOf(grid.backupWorkerId);
  const photoIds = [primary?.photoFileId, backup?.photoFileId].filter((x): x is string => Boolean(x));
  const urls = photoIds.length ? await deps.files.tempUrls(photoIds) : [];
  const urlOf = (card: ContactCard): string | null => (card.photoFileId ? urls[photoIds.indexOf(card.photoFileId)] ?? null : null);
  return {
    grid: {
      id: grid.id,
      code: grid.code,
      name: grid.name,
      boundaryText: boundaryText(grid.boundary),
      households: grid.households,
      communityId: grid.communityId,
      communityName: community?.name ?? '',
      streetName: street?.name ?? '',
    },
    worker: primary ? workerView(primary, urlOf(primary), now) : null,
    backup: backup ? workerView(backup, urlOf(backup), now) : null,
    hotline: { name: community ? `${community.name}服务热线` : '社区服务热线', phone: community?.hotline ?? '' },
    address,
  };
}

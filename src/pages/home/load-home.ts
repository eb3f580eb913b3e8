import type { ScorecardView } from '@core/api/assessment.contract';
import type { CalendarStatus } from '@core/calendar/calendar-status';
import type { MeView } from '@core/api/contract';
import type { ContactCardView } from '@core/contact-card/contact-card';
import { accountApi } from '../../features/account/api';
import { can } from '@core/people/permission';
import { actorOf, workerGrids } from '../../features/account/me-view';
import { cardApi } from '../../features/card/api';
import { messageApi } from '../../features/messages/api';
import { noticeApi } from '../../features/notices/api';
import { requestApi } from '../../features/requests/api';
import { cloud } from '../../lib/cloud';

export type Section<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface HomeData {
  me: MeView;
  /** The resident's card, when bound. */
  myCard: Section<ContactCardView> | null;
  /** 服务公示 of the resident's grid; null when not bound or not answered (the card then shows none). */
  scorecard: ScorecardView | null;
  /** A worker's grids, each with its card. */
  workerCards: { gridId: string; asBackup: boolean; card: Section<ContactCardView> }[];
  /** Unread in-app messages; null when the inbox could not be asked (the entry then shows no count). */
  unread: number | null;
  /** Unread notices reaching the resident's home (the 通知 tab's badge); null when not bound or not answered. */
  noticeUnread: number | null;
  /** Community and street staff: the holiday calendar's warning (a year not loaded), null when none or not asked. */
  calendarWarning: string | null;
}

async function settle<T>(p: Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Who am I first; then each card on its own, so one failing card does not blank the page. */
export async function loadHome(): Promise<HomeData> {
  const me = await accountApi.me();
  const grids = workerGrids(me);
  // Those who watch deadlines are told when next year's holidays are missing.
  const staff = can(actorOf(me), 'calendar.view');
  const [inbox, notices, calendar, scorecard, myCard, ...cards] = await Promise.all([
    settle(messageApi.inbox()),
    me.residence ? settle(noticeApi.unread()) : Promise.resolve(null),
    staff ? settle(requestApi.calendarStatus()) : Promise.resolve(null),
    me.residence ? settle(cloud.call('assessment', 'scorecard', { gridId: me.residence.gridId })) : Promise.resolve(null),
    me.residence ? settle(cardApi.myCard()) : Promise.resolve(null),
    ...grids.map((g) => settle(cardApi.ofGrid(g.gridId))),
  ]);
  return {
    me,
    myCard: myCard as Section<ContactCardView> | null,
    workerCards: grids.map((g, i) => ({ ...g, card: cards[i] as Section<ContactCardView> })),
    unread: inbox.ok ? (inbox.value as { unread: number }).unread : null,
    noticeUnread: notices?.ok ? (notices.value as { count: number }).count : null,
    scorecard: scorecard?.ok ? (scorecard.value as ScorecardView) : null,
    calendarWarning: calendar?.ok ? (calendar.value as CalendarStatus).message : null,
  };
}

/**
 * The audience of an urgent notice, for the dispatcher's fan-out (see server/ports/audience.port.ts): the residents
 * living in its scope, page by page in id order. A notice withdrawn, expired or gone by the time the dispatcher
 * gets to it reaches no one.
 */
import { noticeState } from '@core/notices/notice';
import type { Clock } from '../../ports/clock.port';
import type { AudienceSource } from '../../ports/audience.port';
import type { Store } from '../../ports/store.port';
import { householdFilter } from './notice-scope';

export function noticeAudience(store: Pick<Store, 'notices' | 'users'>, clock: Clock): AudienceSource {
  return {
    async page(audience, cursor, limit) {
      const notice = await store.notices.get(audience.noticeId);
      if (!notice || noticeState(notice, clock.now()) !== 'published') return { userIds: [], next: null };
      const page = await store.users.residentIdsPage(householdFilter(notice.streetId, notice.scope), cursor, limit);
      return { userIds: page.items, next: page.next };
    },
  };
}

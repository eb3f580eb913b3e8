import Taro from '@tarojs/taro';
import { ROUTES, TAB_ROUTES } from '../../lib/routes';
import { badgeText } from './feed-view';

const NOTICE_TAB = TAB_ROUTES.indexOf(ROUTES.notices);


/**
 * Sets or clears the badge on the 通知 tab. Called by the tab pages (home, 通知) each time they are shown
 * and get a count; a badge that cannot be set (no tab bar on this page) is not worth an error.
 */
export function showNoticeBadge(unread: number): void {
  const text = badgeText(unread);
  const done = text ? Taro.setTabBarBadge({ index: NOTICE_TAB, text }) : Taro.removeTabBarBadge({ index: NOTICE_TAB });
  void Promise.resolve(done).catch(() => undefined);
}

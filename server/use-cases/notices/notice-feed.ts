/**
 * Residents' side: the feed of notices reaching their household, the unread badge, opening (which records the
 * read) and 我已知晓. Staff open notices that touch the grids they look after, without leaving a receipt.
 */
import type { NoticeDetail, NoticeFeed } from '@core/api/notice.contract';
import { noticeState, scopeReaches } from '@core/notices/notice';
import { grantOf } from '@core/people/role';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { NoticeReceipt, ReadWrite } from '../../ports/notice.port';
import { manageRole, residentPlace, scopeGrids, staffStreet, streetPlaces, viewerGrids } from './notice-scope';
import { feedItem, noticeDetail } from './notice-views';

/**
 * The badge counts the unread among the latest notices still in force, not a resident's whole history:
 * what a person can act on, and a bounded read on every opening of the tab.
 */
export const UNREAD_WINDOW = 30;

async function placeOrRefuse(ctx: UserContext) {
  const place = await residentPlace(ctx.deps, ctx.actor);
  if (!place) throw new DomainError('RESIDENT.NOT_BOUND');
  return place;
}

async function unreadCount(ctx: UserContext, place: NonNullable<Awaited<ReturnType<typeof residentPlace>>>): Promise<number> {
  const ids = await ctx.deps.store.notices.liveIds(place, ctx.now.toISOString(), UNREAD_WINDOW);
  const read = await ctx.deps.store.notices.receipts(ctx.user.id, ids);
  return ids.length - read.length;
}

export async function noticeFeed(ctx: UserContext, input: { cursor?: string }): Promise<NoticeFeed> {
  const place = await placeOrRefuse(ctx);
  const now = ctx.now.toISOString();
  const notices = ctx.deps.store.notices;
  // The first page and the badge come from one pass over the feed keys, and their receipts from one read.
  const page = input.cursor
    ? { ...(await notices.feed(place, now, { limit: 20, cursor: input.cursor })), liveIds: null }
    : await notices.feedFirstPage(place, now, 20, UNREAD_WINDOW);
  const wanted = [...new Set([...page.items.map((h) => h.id), ...(page.liveIds ?? [])])];
  const [receipts, unread] = await Promise.all([
    notices.receipts(ctx.user.id, wanted),
    page.liveIds ? null : unreadCount(ctx, place),
  ]);
  const byId = new Map(receipts.map((r) => [r.noticeId, r]));
  return {
    items: page.items.map((h) => feedItem(h, byId.get(h.id))),
    next: page.next,
    unread: unread ?? page.liveIds!.filter((id) => !byId.has(id)).length,
  };
}

export async function noticeUnread(ctx: UserContext): Promise<{ count: number }> {
  const place = await residentPlace(ctx.deps, ctx.actor);
  return { count: place ? await unreadCount(ctx, place) : 0 };
}

/**
 * A resident sees a notice that reaches their place and is published (an expired one stays readable from a
 * link; a withdrawn or scheduled one is not found). Staff see what touches their grids, in any state.
 */
async function openAs(ctx: UserContext, id: string, ack: boolean): Promise<NoticeDetail> {
  const notice = await ctx.deps.store.notices.get(id);
  if (!notice) throw new DomainError('NOTICE.NOT_FOUND');
  const place = await residentPlace(ctx.deps, ctx.actor);
  const state = noticeState(notice, ctx.now);
  if (place && scopeReaches(notice.streetId, notice.scope, place) && (state === 'published' || state === 'expired')) {
    const sp = await streetPlaces(ctx.deps, notice.streetId);
    const write: ReadWrite = { noticeId: notice.id, userId: ctx.user.id, place, version: notice.version, at: ctx.now.toISOString() };
    if (ack && !notice.requireAck) throw new DomainError('NOTICE.NO_ACK_NEEDED');
    // A binding the grid worker has not confirmed reads the notice but is no resident yet: it counts for
    // neither coverage nor 已阅读, so nothing is recorded.
    if (grantOf(ctx.actor, 'resident')?.pending) {
      if (ack) throw new DomainError('BINDING.PENDING');
      const role = staffStreet(ctx.actor) === notice.streetId ? await manageRole(ctx.deps, ctx.actor, notice, sp) : null;
      return noticeDetail(ctx.deps, notice, sp, ctx.now, { receipt: null, canManage: role !== null });
    }
    // Opening raises the receipt to this version; whether it changed since the reader last saw it is
    // decided by the receipt as it was before this open.
    const [before] = await ctx.deps.store.notices.receipts(ctx.user.id, [notice.id]);
    const receipt: NoticeReceipt = ack ? await ctx.deps.store.notices.acknowledge(write) : await ctx.deps.store.notices.markRead(write);
    const role = staffStreet(ctx.actor) === notice.streetId ? await manageRole(ctx.deps, ctx.actor, notice, sp) : null;
    return noticeDetail(ctx.deps, notice, sp, ctx.now, { receipt: { ...receipt, readVersion: before?.readVersion ?? receipt.readVersion }, canManage: role !== null });
  }
  if (ack) throw new DomainError('NOTICE.NOT_FOUND');
  // Staff: the notice must touch a grid they look after.
  if (staffStreet(ctx.actor) !== notice.streetId) throw new DomainError('NOTICE.NOT_FOUND');
  const sp = await streetPlaces(ctx.deps, notice.streetId);
  const mine = viewerGrids(ctx.actor, sp) ?? new Set<string>();
  const touched = await scopeGrids(ctx.deps, notice, sp);
  const role = await manageRole(ctx.deps, ctx.actor, notice, sp);
  if (!role && ![...touched].some((g) => mine.has(g))) throw new DomainError('NOTICE.NOT_FOUND');
  return noticeDetail(ctx.deps, notice, sp, ctx.now, { receipt: null, canManage: role !== null });
}

export function openNotice(ctx: UserContext, input: { id: string }): Promise<NoticeDetail> {
  return openAs(ctx, input.id, false);
}

export function acknowledgeNotice(ctx: UserContext, input: { id: string }): Promise<NoticeDetail> {
  return openAs(ctx, input.id, true);
}

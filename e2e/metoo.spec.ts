/**
 * 同问 and 合并 in the browser: resident A files a request; resident B of the same building starts writing
 * one of the same category, sees A's as similar and taps 同问; the grid worker sees 同问 1人 and resolves it;
 * B sees it resolved in 我的诉求 → 我同问的 and rates it; community staff merge a third resident's duplicate
 * into it.
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api';
import { settled, signInAs, startApp, textOf, type App } from './support/app';
import { gridOf } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('metoo');
});
afterAll(() => app?.close());

const DETAIL = '/#/features/requests/pages/detail/index?id=';
const MINE = '/#/features/requests/pages/mine/index';

/** A new neighbour bound (confirmed) to another household of the building: what the demo sign-in page lists. */
async function neighbour(name: string, householdId: string): Promise<{ id: string; name: string }> {
  const { store } = app.runtime;
  const hh = (await store.places.getHousehold(householdId))!;
  const id = `e2e-metoo-${name}`;
  await store.users.ensure({ id, openid: `open-${id}`, name, phone: '13911110000', residence: null, posts: [], createdAt: '2026-11-01T00:00:00.000Z' });
  await store.users.setResidence(id, { streetId: hh.streetId, communityId: hh.communityId, gridId: hh.gridId, householdId: hh.id, via: 'address', boundAt: '2026-11-01T00:00:00.000Z' });
  return { id, name };
}

async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-modal__foot div:last-child').click();
}

test('同问 while writing → worker sees 同问 1人 and resolves → follower rates → staff merge a duplicate into it', async () => {
  const { store } = app.runtime;
  // Resident A: the first demo resident bound to a household; B and C live in the same building.
  const { people } = await store.listPeople({ role: 'resident', limit: 50, offset: 0 });
  const users = await store.users.getMany(people.map((p) => p.id));
  const a = users.find((u) => u.residence?.householdId)!;
  const home = (await store.places.getHousehold(a.residence!.householdId!))!;
  const others = (await store.places.listHouseholds(home.buildingId, home.unit)).filter((h) => h.id !== home.id);
  const b = await neighbour('同问乙', others[0].id);
  const c = await neighbour('同问丙', others[1].id);
  const grid = await gridOf(app.runtime, a.residence!.gridId);
  const [category] = await store.requestConfig.categories(home.streetId);

  // A files a request (through the gateway, as the app does).
  const apiA = await apiAs(app, a.id);
  const filed = await apiA.call('request', 'submit', { idempotencyKey: 'e2emetoo0001', categoryId: category.id, description: '楼道里的灯坏了好几天，晚上上下楼看不清', photoFileIds: [], hideName: false });

  // B starts writing one of the same category and sees A's as similar — an excerpt, no name.
  const bp = await app.phone();
  await signInAs(bp, app, { role: 'resident', name: b.name });
  await bp.locator('.e2e-entry-submit').click();
  await bp.locator('.e2e-category', { hasText: category.name }).first().click();
  await bp.locator('.e2e-input-description textarea').fill('我们楼的楼道灯坏了');
  const item = bp.locator('.e2e-similar-item', { hasText: '楼道里的灯坏了好几天' });
  await item.waitFor();
  expect(await textOf(bp, '.e2e-similar-place')).toBe('同一楼栋');
  expect(await bp.locator('.e2e-similar').innerText()).not.toContain(a.name);
  await item.scrollIntoViewIfNeeded();
  await settled(bp);
  await app.shot(bp, '01-similar-while-writing');
  await item.locator('.e2e-metoo').click();
  await confirmModal(bp);
  await bp.locator('.e2e-followed').waitFor();
  expect(new URL(bp.url().replace('#', '')).searchParams.get('id')).toBe(filed.id);
  expect(await textOf(bp, '.e2e-detail-following')).toBe('同问');
  expect(await bp.locator('.e2e-detail-resident').count()).toBe(0);
  expect((await store.requests.get(filed.id))!.followerCount).toBe(1);
  await settled(bp);
  await app.shot(bp, '02-followed');

  // The grid worker sees 同问 1人 in the worklist and on the detail, accepts and resolves.
  const wp = await app.phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await wp.locator('.e2e-entry-worklist').click();
  await wp.locator('.e2e-tab-new').click();
  expect(await textOf(wp, `#request-${filed.id} .e2e-follower-count`)).toBe('同问1人');
  await settled(wp);
  await app.shot(wp, '03-worklist-follower-count');
  await wp.locator(`#request-${filed.id}`).click();
  expect(await textOf(wp, '.e2e-detail-followers')).toBe('同问 1人');
  await wp.locator('.e2e-action-accept').click();
  await wp.locator('.e2e-status', { hasText: '已受理' }).first().waitFor();
  await wp.locator('.e2e-action-resolve').click();
  await wp.locator('.e2e-dialog-text textarea').fill('已更换楼道灯泡，恢复照明');
  await wp.locator('.e2e-dialog-confirm').click();
  await wp.locator('.e2e-status', { hasText: '待确认' }).first().waitFor();

  // B sees it resolved under 我同问的 and rates it.
  await bp.goto(`${app.url}${MINE}`);
  await bp.locator('.e2e-mine-tab-following').click();
  const followed = bp.locator(`#request-${filed.id}`);
  await followed.waitFor();
  expect(await followed.locator('.e2e-status').innerText()).toContain('待确认');
  expect(await followed.locator('.e2e-followed-badge').innerText()).toBe('我同问的');
  await settled(bp);
  await app.shot(bp, '04-mine-following');
  await followed.click();
  await bp.locator('.e2e-follow-rate-satisfied').click();
  await bp.locator('.e2e-follow-rate').click();
  await bp.locator('.e2e-follow-rating').waitFor();
  expect(await textOf(bp, '.e2e-follow-rating')).toContain('满意');
  expect((await store.followers.get(filed.id, b.id))!.rating).toMatchObject({ value: 'satisfied' });
  await bp.locator('.e2e-follow').scrollIntoViewIfNeeded();
  await settled(bp);
  await app.shot(bp, '05-follower-rated');
  const inbox = await store.inbox.list(b.id, { limit: 10 });
  expect(inbox.items.map((m) => m.title)).toContain('您同问的诉求已办结');

  // C files a duplicate; the community's staff merge it into A's from the similar list.
  const apiC = await apiAs(app, c.id);
  const dup = await apiC.call('request', 'submit', { idempotencyKey: 'e2emetoo0002', categoryId: category.id, description: '楼道灯坏了，晚上很黑', photoFileIds: [], hideName: false });
  const { people: staff } = await store.listPeople({ role: 'community_staff', communityId: grid.communityId, limit: 1, offset: 0 });
  const sp = await app.phone();
  await signInAs(sp, app, { role: 'community_staff', name: staff[0].name }, `${DETAIL}${dup.id}`);
  await sp.locator('.e2e-merge-open').click();
  await sp.locator('.e2e-merge-candidate', { hasText: '楼道里的灯坏了好几天' }).click();
  await settled(sp);
  await app.shot(sp, '06-merge-choose');
  await sp.locator('.e2e-merge-confirm').click();
  await confirmModal(sp);
  await sp.locator('.e2e-merged').waitFor();
  expect(await textOf(sp, '.e2e-status')).toContain('已合并');
  expect((await store.requests.get(dup.id))!).toMatchObject({ status: 'merged', mergedInto: filed.id });
  expect((await store.requests.get(filed.id))!.followerCount).toBe(2);
  expect((await store.followers.get(filed.id, c.id))!).toMatchObject({ via: 'merge', fromRequestId: dup.id });
  await settled(sp);
  await app.shot(sp, '07-merged');
});

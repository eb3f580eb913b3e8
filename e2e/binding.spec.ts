/**
 * Binding confirmation: two new WeChat users bind rooms of the same grid and see 待网格员确认; the grid worker opens
 * 住户绑定确认 from home, confirms one (who then sees 已确认) and rejects the other (who sees 被退回 on 我的).
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { settled, signInAs, startApp, textOf, type App } from './support/app';
import { bindRoom, newWechatUser } from './support/people';
import { gridOf } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('binding');
});
afterAll(() => app?.close());

/** Signs in as a brand-new WeChat user and binds the `room`-th room of the first unit of the first building of 东湖社区. */
async function newcomerBinds(room: number): Promise<{ page: Page; address: string }> {
  const page = await newWechatUser(app);
  return { page, address: await bindRoom(page, app, { community: '东湖社区', room }) };
}

/** Opens 我的 afresh (a reload: going to the same hash again would not ask the server). */
async function openMine(page: Page): Promise<void> {
  await page.goto(`${app.url}/#/pages/mine/index`);
  await page.reload();
  await page.locator('.e2e-mine-name').waitFor();
}

test('a resident binds and waits; the grid worker confirms one binding and rejects another', async () => {
  const a = await newcomerBinds(0);
  await settled(a.page);
  await app.shot(a.page, '01-home-pending');
  await openMine(a.page);
  expect(await textOf(a.page, '.e2e-mine-binding-status')).toBe('待网格员确认');
  await app.shot(a.page, '02-mine-pending');
  const b = await newcomerBinds(1);
  expect(a.address).not.toBe(b.address);

  // Both wait in one grid: found through the store's own 待确认 list, never hard-coded.
  const grids = await app.runtime.store.places.listGrids({});
  let gridId = '';
  for (const g of grids) {
    if ((await app.runtime.store.users.listPendingResidents(g.id)).length === 2) gridId = g.id;
  }
  expect(gridId).not.toBe('');
  const grid = await gridOf(app.runtime, gridId);

  const worker = await app.phone();
  await signInAs(worker, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await worker.locator('.e2e-entry-bindings').click();
  const items = worker.locator('.e2e-binding-item');
  await items.first().waitFor();
  expect(await items.count()).toBe(2);
  // Names masked (微**), the address shown as the resident picked it.
  expect(await worker.locator('.e2e-binding-name').allInnerTexts()).toEqual(['微**', '微**']);
  await settled(worker);
  await app.shot(worker, '03-worker-pending-list');

  const itemOf = (address: string) => items.filter({ has: worker.locator('.e2e-binding-address', { hasText: address.slice(-8) }) });
  await itemOf(a.address).locator('.e2e-binding-confirm').click();
  await worker.locator('.taro-modal__foot div:last-child').click();
  await worker.waitForFunction("document.querySelectorAll('.e2e-binding-item').length === 1");
  await itemOf(b.address).locator('.e2e-binding-reject').click();
  await worker.locator('.taro-modal__foot div:last-child').click();
  await worker.locator('.e2e-empty', { hasText: '没有待确认的住户绑定' }).waitFor();
  await settled(worker);
  await app.shot(worker, '04-worker-empty');

  await openMine(a.page);
  await a.page.locator('.e2e-mine-binding-status', { hasText: '已确认' }).waitFor();
  await app.shot(a.page, '05-mine-confirmed');
  await openMine(b.page);
  await b.page.locator('.e2e-mine-binding-rejected').waitFor();
  expect(await textOf(b.page, '.e2e-mine-binding-rejected')).toContain('被退回');
  await app.shot(b.page, '06-mine-rejected');
});

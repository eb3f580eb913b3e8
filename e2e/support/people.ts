/** People as the browser tests meet them: a WeChat identity the app has never seen, a resident binding a room. */
import type { Page } from 'playwright-core';
import { textOf, type App } from './app';

/** A fresh browser context signed in as a new WeChat user (the dev sign-in's 新微信用户: no grants, no home). */
export async function newWechatUser(app: App): Promise<Page> {
  const page = await app.phone();
  await page.goto(`${app.url}/`);
  await page.locator('.e2e-dev-banner').waitFor();
  await page.locator('.e2e-new-wechat-user').click();
  await page.waitForURL((url) => !url.hash.includes('features/dev'));
  return page;
}

/**
 * Binds a room by address as a resident does: community, building (the named one, else the first), the first
 * unit when the building has several, then the `room`-th room. Waits for 待网格员确认 on home; returns the address.
 */
export async function bindRoom(page: Page, app: App, where: { community: string; building?: string; room: number }): Promise<string> {
  await page.goto(`${app.url}/#/features/household/pages/bind/index`);
  await page.locator('.e2e-community', { hasText: where.community }).click();
  const buildings = page.locator('.e2e-buildings .e2e-tile');
  await (where.building ? buildings.filter({ hasText: where.building }) : buildings).first().click();
  const units = page.locator('.e2e-units .e2e-tile');
  if (await units.first().isVisible().catch(() => false)) await units.first().click();
  await page.locator('.e2e-rooms .e2e-tile').nth(where.room).click();
  const address = (await textOf(page, '.e2e-bind-address')).replace(/\s/g, '');
  await page.locator('.e2e-bind-submit').click();
  await page.locator('.e2e-home-binding-pending').waitFor();
  return address;
}

/**
 * A resident finds and calls their grid worker: sign in, see the card of their grid with worker, backup
 * (B角) and community hotline, tap to call; move house by picking community → building → unit → room;
 * leave, then bind again by opening a grid poster's QR link.
 */
import { expect } from '@jest/globals';
import { startApp, signInAs, textOf, type App } from './support/app';
import { gridOf, residentNamed } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('resident-contact-card');
});
afterAll(() => app?.close());

test('a resident sees their grid worker, backup and hotline, and taps to call the worker', async () => {
  const resident = await residentNamed(app.runtime, 0);
  const grid = await gridOf(app.runtime, resident.gridId);
  const page = await app.phone();
  await signInAs(page, app, { role: 'resident', name: resident.name });
  expect(await textOf(page, '.e2e-card-grid-name')).toContain(grid.name);
  expect(await textOf(page, '.e2e-card-worker-name')).toContain(grid.primaryWorker.name);
  expect(await textOf(page, '.e2e-card-backup-name')).toContain(grid.backupWorker.name);
  expect(await textOf(page, '.e2e-card-boundary')).toMatch(/东至.+南至.+西至.+北至/);
  expect(await textOf(page, '.e2e-card-hotline')).toMatch(/0710-?\d{7}/);
  expect(await textOf(page, '.e2e-card-duty-tag')).toMatch(/在岗|休息中/);
  const card = await app.runtime.store.cards.get(grid.primaryWorker.id);
  expect((await textOf(page, '.e2e-card-worker-phone')).replace(/\s/g, '')).toContain(card!.workPhone);
  await app.shot(page, '01-resident-card');

  // On H5, Taro's makePhoneCall opens a tel: URL; Chromium reports it as a request it cannot serve.
  const dial = async (selector: string) => {
    const request = page.waitForRequest((r) => r.url().startsWith('tel:'));
    await page.locator(selector).first().click();
    return (await request).url();
  };
  expect(await dial('.e2e-card-call')).toBe(`tel:${card!.workPhone}`);
  const backupCard = await app.runtime.store.cards.get(grid.backupWorker.id);
  expect(await dial('.e2e-card-backup-call')).toBe(`tel:${backupCard!.workPhone}`);
  expect(await textOf(page, '.e2e-card-worker-name')).toContain(grid.primaryWorker.name);
});

test('a resident who moves binds their new household step by step and sees the new grid worker', async () => {
  const resident = await residentNamed(app.runtime, 1);
  const page = await app.phone();
  await signInAs(page, app, { role: 'resident', name: resident.name });
  await page.locator('.e2e-change-address').first().click();

  await page.locator('.e2e-community', { hasText: '西苑社区' }).click();
  await page.locator('.e2e-buildings .e2e-tile').first().click();
  const units = page.locator('.e2e-units .e2e-tile');
  if (await units.first().isVisible().catch(() => false)) await units.nth(1).click();
  await page.locator('.e2e-rooms .e2e-tile').first().click();
  const address = await textOf(page, '.e2e-bind-address');
  expect(address).toContain('西苑社区');
  await app.shot(page, '02-bind-picker');
  await page.locator('.e2e-bind-submit').click();

  await page.locator('.e2e-card-grid-name', { hasText: '西苑社区' }).waitFor();
  const user = (await app.runtime.store.users.getById(resident.id))!;
  expect(user.residence?.gridId).not.toBe(resident.gridId);
  const newGrid = await gridOf(app.runtime, user.residence!.gridId);
  expect(await textOf(page, '.e2e-card-grid-name')).toContain(newGrid.name);
  expect(await textOf(page, '.e2e-card-worker-name')).toContain(newGrid.primaryWorker.name);
  expect(await textOf(page, '.e2e-card-address')).toContain(address.replace(/\s/g, '').slice(0, 6));
  await app.shot(page, '03-card-after-move');
});

test('a resident leaves their household, then binds again by opening a grid poster QR link', async () => {
  const resident = await residentNamed(app.runtime, 2);
  const target = await gridOf(app.runtime, 'grid-3-02');
  const page = await app.phone();
  await signInAs(page, app, { role: 'resident', name: resident.name });

  await page.goto(`${app.url}/#/pages/mine/index`);
  await page.locator('.e2e-mine-leave').click();
  await page.locator('.taro-modal__foot div:last-child').click();
  await page.goto(`${app.url}/#/pages/home/index`);
  await page.locator('.e2e-empty', { hasText: '还没有绑定住址' }).waitFor();
  await app.shot(page, '04-unbound-home');
  expect((await app.runtime.store.users.getById(resident.id))!.residence).toBeNull();

  await page.goto(`${app.url}/#/features/household/pages/scan/index?t=${target.qrToken}`);
  expect(await textOf(page, '.e2e-scan-grid-name')).toContain(target.name);
  await app.shot(page, '05-scan-landing');
  await page.locator('.e2e-scan-grid-only').click();
  await page.locator('.e2e-card-grid-name', { hasText: target.name }).waitFor();
  expect(await textOf(page, '.e2e-card-worker-name')).toContain(target.primaryWorker.name);
  expect((await app.runtime.store.users.getById(resident.id))!.residence).toMatchObject({ gridId: target.id, via: 'qr', householdId: null });
});

test('an outdated QR code is refused in plain Chinese with a way forward', async () => {
  const resident = await residentNamed(app.runtime, 3);
  const page = await app.phone();
  await signInAs(page, app, { role: 'resident', name: resident.name });
  await page.goto(`${app.url}/#/features/household/pages/scan/index?t=nosuchtoken`);
  await page.getByText('二维码无效').first().waitFor();
  await page.locator('.e2e-scan-manual').waitFor();
  await app.shot(page, '06-scan-invalid');
});

/**
 * Community staff keep every grid staffed: they see their community's grids, reassign a grid's worker and
 * backup (B角), and print the grid's contact card with a QR code; the grid's residents see the new worker.
 * Street staff see every grid of the street, community by community.
 */
import { expect } from '@jest/globals';
import { startApp, signInAs, textOf, type App } from './support/app';
import { gridOf } from './support/demo';
import { qrDataUrl } from '../src/features/admin/qr';

let app: App;
beforeAll(async () => {
  app = await startApp('staff-manage-grids');
});
afterAll(() => app?.close());

async function staffOf(communityId: string): Promise<string> {
  const { people } = await app.runtime.store.listPeople({ role: 'community_staff', communityId, limit: 1, offset: 0 });
  return people[0].name;
}

async function residentOf(gridId: string) {
  const { people } = await app.runtime.store.listPeople({ role: 'resident', limit: 500, offset: 0 });
  const users = await app.runtime.store.users.getMany(people.map((p) => p.id));
  return users.find((u) => u.residence?.gridId === gridId)!;
}

test('community staff reassign a grid to another worker of their community; its residents see the new worker', async () => {
  const grid = await gridOf(app.runtime, 'grid-1-03');
  const candidates = await app.runtime.store.users.listWorkers({ communityId: grid.communityId });
  const next = candidates.find((w) => w.id !== grid.primaryWorker.id && w.id !== grid.backupWorker.id)!;

  const page = await app.phone();
  await signInAs(page, app, { role: 'community_staff', name: await staffOf(grid.communityId) });
  await page.locator('.e2e-entry-admin').click();
  const rows = page.locator('.e2e-grid-row');
  await rows.first().waitFor();
  const communityGrids = await app.runtime.store.places.listGrids({ communityId: grid.communityId });
  expect(await rows.count()).toBe(communityGrids.length);
  await app.shot(page, '01-community-grids');

  await page.locator(`#grid-${grid.id}`).click();
  await page.locator('.e2e-assign-open').click();
  await page.locator(`.e2e-pick-primary #pick-${next.id}`).click();
  await app.shot(page, '02-assign-panel');
  await page.locator('.e2e-assign-save').click();
  await page.locator('.e2e-assign-panel').waitFor({ state: 'detached' });

  const stored = (await app.runtime.store.places.getGrid(grid.id))!;
  expect(stored).toMatchObject({ primaryWorkerId: next.id, backupWorkerId: grid.backupWorker.id, version: grid.version + 1 });
  expect((await app.runtime.store.audit.listFor('grid', grid.id, 1))[0]).toMatchObject({ action: 'grid.assign' });
  await page.goBack();
  // The list reloads when it is shown again: wait for the new name rather than reading the row once.
  await page.locator(`#grid-${grid.id} .e2e-grid-row-primary`, { hasText: next.name }).waitFor();

  const resident = await residentOf(grid.id);
  const residentPage = await app.phone();
  await signInAs(residentPage, app, { role: 'resident', name: resident.name });
  expect(await textOf(residentPage, '.e2e-card-worker-name')).toContain(next.name);
  await app.shot(residentPage, '03-resident-sees-new-worker');
});

test('an assignment made on an outdated screen is refused and the page offers to refresh', async () => {
  const grid = await gridOf(app.runtime, 'grid-1-04');
  const candidates = await app.runtime.store.users.listWorkers({ communityId: grid.communityId });
  const next = candidates.find((w) => w.id !== grid.primaryWorker.id && w.id !== grid.backupWorker.id)!;
  const page = await app.phone();
  await signInAs(page, app, { role: 'community_staff', name: await staffOf(grid.communityId) });
  await page.goto(`${app.url}/#/features/admin/pages/grid/index?id=${grid.id}`);
  await page.locator('.e2e-assign-open').click();
  // Someone else changes the grid meanwhile.
  await app.runtime.store.places.assignWorkers(grid.id, { primaryWorkerId: grid.backupWorker.id, backupWorkerId: grid.primaryWorker.id }, grid.version, new Date().toISOString());
  await page.locator(`.e2e-pick-primary #pick-${next.id}`).click();
  await page.locator('.e2e-assign-save').click();
  await page.getByText('该网格刚被其他人修改过').first().waitFor();
  await app.shot(page, '04-version-conflict');
  expect((await app.runtime.store.places.getGrid(grid.id))!.primaryWorkerId).toBe(grid.backupWorker.id);
});

test('community staff print a grid poster whose QR code binds a scanning resident to the grid', async () => {
  const grid = await gridOf(app.runtime, 'grid-1-05');
  const page = await app.phone();
  await signInAs(page, app, { role: 'community_staff', name: await staffOf(grid.communityId) });
  await page.goto(`${app.url}/#/features/admin/pages/grid/index?id=${grid.id}`);
  await page.locator('.e2e-poster-open').click();
  expect(await textOf(page, '.e2e-poster-grid')).toContain(grid.name);
  expect(await textOf(page, '.e2e-poster-worker')).toContain(grid.primaryWorker.name);
  const qr = page.locator('.e2e-poster-qr img').first();
  await qr.waitFor();
  // The QR image encodes exactly the grid's bind link (same encoder, same settings → same image).
  const bindUrl = `${app.url}/#/features/household/pages/scan/index?t=${grid.qrToken}`;
  expect(await qr.getAttribute('src')).toBe(qrDataUrl(bindUrl));
  expect((await qr.boundingBox())!.width).toBeGreaterThan(100);
  await app.shot(page, '05-poster');

  const newcomer = await residentOf('grid-4-01');
  const scanner = await app.phone();
  await signInAs(scanner, app, { role: 'resident', name: newcomer.name });
  await scanner.goto(bindUrl);
  expect(await textOf(scanner, '.e2e-scan-grid-name')).toContain(grid.name);
  await scanner.locator('.e2e-buildings .e2e-tile').first().click();
  const units = scanner.locator('.e2e-units .e2e-tile');
  if (await units.first().isVisible().catch(() => false)) await units.first().click();
  await scanner.locator('.e2e-rooms .e2e-tile').first().click();
  await scanner.locator('.e2e-scan-submit').click();
  await scanner.locator('.e2e-card-grid-name', { hasText: grid.name }).waitFor();
  const bound = (await app.runtime.store.users.getById(newcomer.id))!.residence!;
  expect(bound).toMatchObject({ gridId: grid.id, via: 'qr' });
  expect((await app.runtime.store.places.getHousehold(bound.householdId!))!.gridId).toBe(grid.id);
});

test('street staff see every grid of the street and can narrow to one community; they cannot reassign', async () => {
  const { people } = await app.runtime.store.listPeople({ role: 'street_staff', limit: 1, offset: 0 });
  const page = await app.phone();
  await signInAs(page, app, { role: 'street_staff', name: people[0].name });
  await page.locator('.e2e-entry-street').click();
  const rows = page.locator('.e2e-grid-row');
  await rows.first().waitFor();
  expect(await rows.count()).toBe(48);
  await page.locator('.e2e-community-chip', { hasText: '南山社区' }).click();
  await page.waitForFunction("document.querySelectorAll('.e2e-grid-row').length < 48");
  const southHill = (await app.runtime.store.places.listCommunities()).find((c) => c.name === '南山社区')!;
  expect(await rows.count()).toBe((await app.runtime.store.places.listGrids({ communityId: southHill.id })).length);
  await app.shot(page, '06-street-grids');
  await rows.first().click();
  await page.locator('.e2e-poster-open').waitFor();
  expect(await page.locator('.e2e-assign-open').count()).toBe(0);
});

/**
 * 走访: a grid worker opens 今日待访 from home, records a door visit for the first household due, sees it in the
 * household's history and the due list one shorter; the community's staff see the grid's coverage move.
 */
import { expect } from '@jest/globals';
import { settled, signInAs, startApp, textOf, type App } from './support/app';

let app: App;
beforeAll(async () => {
  app = await startApp('visits');
});
afterAll(() => app?.close());

test('a worker records a door visit from 今日待访; the history shows it, the list shrinks, coverage moves', async () => {
  const { places, users } = app.runtime.store;
  // A worker whose first grid (the one 今日待访 opens on) has key-group households: found in the store, never hard-coded.
  let gridId = '';
  let workerName = '';
  for (const g of await places.listGrids({})) {
    if (!g.primaryWorkerId) continue;
    const [first] = await places.listGrids({ workerId: g.primaryWorkerId });
    if (first.id !== g.id) continue;
    if ((await places.listGridHouseholds(g.id)).some((h) => h.keyGroups.length > 0)) {
      gridId = g.id;
      workerName = (await users.getById(g.primaryWorkerId))!.name;
      break;
    }
  }
  expect(gridId).not.toBe('');
  const grid = (await places.getGrid(gridId))!;

  const staff = await app.phone();
  const { people } = await app.runtime.store.listPeople({ role: 'community_staff', communityId: grid.communityId, limit: 1, offset: 0 });
  await signInAs(staff, app, { role: 'community_staff', name: people[0].name });
  await staff.locator('.e2e-entry-visit-coverage').click();
  const card = staff.locator(`.e2e-visit-coverage-grid[data-grid="${gridId}"]`);
  const visitedBefore = await card.locator('.e2e-visit-visited').innerText();

  const worker = await app.phone();
  await signInAs(worker, app, { role: 'grid_worker', name: workerName });
  await worker.locator('.e2e-entry-visits').click();
  const items = worker.locator('.e2e-visit-due-item');
  await items.first().waitFor();
  const before = await items.count();
  const label = (await items.first().locator('.e2e-visit-due-label').innerText()).trim();
  await settled(worker);
  await app.shot(worker, '01-due-list');

  await items.first().click();
  expect(await textOf(worker, '.e2e-visit-record-label')).toBe(label);
  await worker.locator('.e2e-visit-note textarea').fill('老人身体尚好，暖气正常，叮嘱注意防滑');
  await settled(worker);
  await app.shot(worker, '02-record-form');
  await worker.locator('.e2e-visit-save').click();

  // Back on 今日待访: one household fewer.
  await worker.waitForFunction(`document.querySelectorAll('.e2e-visit-due-item').length === ${before - 1}`);
  expect(await worker.locator('.e2e-visit-due-label', { hasText: label }).count()).toBe(0);
  await settled(worker);
  await app.shot(worker, '03-due-shrunk');

  await worker.locator('.e2e-visit-households').click();
  await worker.locator('.e2e-visit-household', { hasText: label }).first().click();
  await worker.locator('.e2e-visit-history-note', { hasText: '叮嘱注意防滑' }).waitFor();
  expect(await worker.locator('.e2e-visit-history-item').count()).toBe(1);
  await settled(worker);
  await app.shot(worker, '04-history');

  await staff.reload();
  await card.locator('.e2e-visit-visited').waitFor();
  await staff.waitForFunction(
    `document.querySelector('.e2e-visit-coverage-grid[data-grid="${gridId}"] .e2e-visit-visited')?.textContent?.trim() !== ${JSON.stringify(visitedBefore.trim())}`,
  );
  const [n] = (await card.locator('.e2e-visit-visited').innerText()).split('/').map(Number);
  expect(n).toBe(Number(visitedBefore.split('/')[0]) + 1);
  await settled(staff);
  await app.shot(staff, '05-coverage');
});

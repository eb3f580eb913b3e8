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

test('a problem found at the door is filed on the spot and linked to the visit; a patrol of a building is recorded', async () => {
  const { places, users, requests } = app.runtime.store;
  const workerId = (await places.listGrids({})).find((g) => g.primaryWorkerId)!.primaryWorkerId!;
  const worker = (await users.getById(workerId))!;
  const [first] = await places.listGrids({ workerId });
  const page = await app.phone();
  await signInAs(page, app, { role: 'grid_worker', name: worker.name });
  await page.locator('.e2e-entry-visits').click();
  await page.locator('.e2e-visit-households').click();
  const household = page.locator('.e2e-visit-household').first();
  const label = (await household.locator('.list__title').innerText()).trim();
  await household.click();
  await page.locator('.e2e-visit-record-here').waitFor();
  const householdId = new URL(page.url().replace('#', '')).searchParams.get('householdId') ?? '';
  expect(householdId).not.toBe('');
  await page.locator('.e2e-visit-record-here').click();
  await page.locator('.e2e-visit-note textarea').fill('住户反映楼道灯坏了，已现场查看');
  await page.locator('.e2e-visit-outcome-request').click();
  await page.locator('.e2e-visit-save').click();

  // 巡查上报 opened for this visit: in the visit's grid, at the visited door, as 巡查发现.
  await page.locator('.e2e-file-from-visit').waitFor();
  expect(await page.locator('.e2e-source-proxy').count()).toBe(0);
  await page.locator('.e2e-category').first().click();
  await page.locator('.e2e-input-description textarea').fill(`${label}门口楼道灯不亮，走访时发现`);
  await settled(page);
  await app.shot(page, '06-file-from-visit');
  await page.locator('.e2e-submit').click();

  // Back on the visit, which saves itself linked to the new request.
  await page.locator('.e2e-visit-history-request').waitFor();
  const visits = await app.runtime.store.visits.listForHousehold(householdId, 10);
  const linked = visits.find((v) => v.requestId);
  expect(linked).toBeDefined();
  const filed = (await requests.get(linked!.requestId!))!;
  expect(filed.source).toBe('patrol');
  expect(filed.submitterId).toBe(workerId);
  expect(filed.gridId).toBe(first.id);
  await settled(page);
  await app.shot(page, '07-history-linked');
  await page.locator('.e2e-visit-history-request').click();
  await page.locator('.e2e-detail-category').waitFor();

  // 巡查: a building from 今日待访's 登记巡查.
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await page.locator('.e2e-visit-patrol').click();
  await page.locator('.e2e-visit-patrol-pick').click();
  await page.locator('.weui-picker__action', { hasText: '确定' }).click();
  await page.locator('.e2e-visit-note textarea').fill('消防通道畅通，楼道无堆物');
  expect(await page.locator('.e2e-visit-met').count()).toBe(0);
  await settled(page);
  await app.shot(page, '08-patrol-form');
  await page.locator('.e2e-visit-save').click();
  // Back on 今日待访 only once the record is sent: the patrol (no household) is in the grid's marks.
  await page.locator('.e2e-visit-patrol-pick').waitFor();
  const marks = await app.runtime.store.visits.marksForGrids([first.id], '2000-01-01', '2100-01-01');
  expect(marks.filter((m) => m.householdId === null)).toHaveLength(1);
});

test('street staff narrow 走访覆盖 to one community and see its total', async () => {
  const { places } = app.runtime.store;
  const grids = await places.listGrids({});
  const communityIds = [...new Set(grids.map((g) => g.communityId))];
  expect(communityIds.length).toBeGreaterThan(1);
  const page = await app.phone();
  const { people } = await app.runtime.store.listPeople({ role: 'street_staff', limit: 1, offset: 0 });
  await signInAs(page, app, { role: 'street_staff', name: people[0].name });
  await page.locator('.e2e-entry-visit-coverage').click();
  await page.locator('.e2e-visit-coverage-grid').first().waitFor();
  expect(await page.locator('.e2e-visit-coverage-grid').count()).toBe(grids.length);
  expect(await page.locator('.e2e-visit-community .e2e-chip').count()).toBe(communityIds.length + 1);
  const chip = page.locator(`.e2e-visit-community .e2e-chip[data-value="${communityIds[0]}"]`);
  const picked = (await chip.innerText()).trim();
  await chip.click();
  const inCommunity = grids.filter((g) => g.communityId === communityIds[0]).length;
  await page.waitForFunction(`document.querySelectorAll('.e2e-visit-coverage-grid').length === ${inCommunity}`);
  expect(await page.locator('.e2e-visit-coverage-total .vs-item__title').innerText()).toBe(`${picked}合计`);
  await settled(page);
  await app.shot(page, '09-coverage-community');
});

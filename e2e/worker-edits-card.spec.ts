/**
 * A grid worker keeps their own contact card current — photo, phone, duty hours, introduction — and the
 * residents of their grid see the change the next time they open the app.
 */
import { expect } from '@jest/globals';
import { startApp, signInAs, textOf, type App } from './support/app';
import { gridOf, residentNamed } from './support/demo';
import { pngImage } from '../server/runtime/testing/images';

let app: App;
beforeAll(async () => {
  app = await startApp('worker-edits-card');
});
afterAll(() => app?.close());

test('a worker edits their card with a photo; a bad phone is refused in place; the resident sees the new card', async () => {
  const resident = await residentNamed(app.runtime, 0);
  const grid = await gridOf(app.runtime, resident.gridId);
  const worker = await app.phone();
  await signInAs(worker, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await worker.locator('.e2e-entry-card-edit').click();
  await worker.locator('.e2e-input-phone input').waitFor();

  const chooser = worker.waitForEvent('filechooser');
  await worker.locator('.e2e-photo-choose').click();
  await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: pngImage(64, 64, [40, 110, 220]) });
  await worker.locator('.e2e-photo-remove').waitFor();

  await worker.locator('.e2e-input-phone input').fill('12345');
  await worker.locator('.e2e-card-save').click();
  expect(await textOf(worker, '.e2e-error-phone')).toContain('工作电话');
  await app.shot(worker, '01-phone-refused');
  expect((await app.runtime.store.cards.get(grid.primaryWorker.id))!.workPhone).not.toBe('12345');

  await worker.locator('.e2e-input-phone input').fill('13800001111');
  await worker.locator('.e2e-input-intro textarea').fill('每周二、周四下午入户走访，有事请随时打电话。');
  await worker.locator('.e2e-card-save').click();
  await worker.waitForURL(/pages\/home/);

  const saved = (await app.runtime.store.cards.get(grid.primaryWorker.id))!;
  expect(saved).toMatchObject({ workPhone: '13800001111', intro: '每周二、周四下午入户走访，有事请随时打电话。' });
  expect(saved.photoFileId).toMatch(/^[0-9a-f]{32}$/);

  const page = await app.phone();
  await signInAs(page, app, { role: 'resident', name: resident.name });
  expect(await textOf(page, '.e2e-card-intro')).toContain('每周二、周四下午入户走访');
  expect((await textOf(page, '.e2e-card-worker-phone')).replace(/\s/g, '')).toBe('13800001111');
  const photo = page.locator('.e2e-card img').first();
  await photo.waitFor();
  const src = await photo.getAttribute('src');
  expect(src).toMatch(/\/files\/[0-9a-f]{32}\?exp=\d+&sig=/);
  const bytes = await page.evaluate(async (url) => (await fetch(url!)).status, src);
  expect(bytes).toBe(200);
  await app.shot(page, '02-resident-sees-new-card');
});

test('a worker adds Sunday to their duty days and residents of both their grids see it', async () => {
  const grid = await gridOf(app.runtime, 'grid-2-01');
  const before = (await app.runtime.store.cards.get(grid.primaryWorker.id))!;
  expect(before.dutyHours[0].days).not.toContain(7);
  const worker = await app.phone();
  await signInAs(worker, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await worker.locator('.e2e-entry-card-edit').click();
  await worker.locator('.e2e-slot').first().waitFor();
  await worker.locator('.e2e-slot').first().locator('.e2e-day-7').click();
  await app.shot(worker, '03-edit-duty-days');
  await worker.locator('.e2e-card-save').click();
  await worker.waitForURL(/pages\/home/);

  const after = (await app.runtime.store.cards.get(grid.primaryWorker.id))!;
  expect(after.dutyHours[0].days).toEqual([...before.dutyHours[0].days, 7]);
  const workerGrids = (await app.runtime.store.places.listGrids({ workerId: grid.primaryWorker.id })).filter((g) => g.primaryWorkerId === grid.primaryWorker.id);
  const { people } = await app.runtime.store.listPeople({ role: 'resident', limit: 500, offset: 0 });
  const residents = await app.runtime.store.users.getMany(people.map((p) => p.id));
  for (const g of workerGrids) {
    const resident = residents.find((r) => r.residence?.gridId === g.id)!;
    const page = await app.phone();
    await signInAs(page, app, { role: 'resident', name: resident.name });
    expect(await textOf(page, '.e2e-card-grid-name')).toContain(g.name);
    expect(await textOf(page, '.e2e-card-duty')).toContain('周日');
  }
});

/**
 * 工作台 on home shows each person the entries their permissions allow: a grid worker their grid's tools,
 * community staff their community's, street staff (who are also the street's admin) the street's.
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { Role } from '../core/people/role';
import { startApp, signInAs, type App } from './support/app';
import { gridOf, residentNamed } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('home-entries');
});
afterAll(() => app?.close());

async function entriesOf(page: Page): Promise<string[]> {
  await page.locator('.home-entry').first().waitFor();
  const classes = await page.locator('.home-entry').evaluateAll((els) => els.map((el) => el.className));
  return classes.flatMap((c) => /e2e-entry-([\w-]+)/.exec(c)?.[1] ?? []);
}

async function firstOf(role: Role): Promise<string> {
  const { people } = await app.runtime.store.listPeople({ role, limit: 1, offset: 0 });
  return people[0].name;
}

test('each role sees the 工作台 entries its permissions allow, in the order of the permission table', async () => {
  const resident = await residentNamed(app.runtime, 0);
  const grid = await gridOf(app.runtime, resident.gridId);

  const wp = await app.phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  expect(await entriesOf(wp)).toEqual(['inbox', 'worklist', 'bindings', 'my-assessment', 'visits', 'notice-manage', 'card-edit']);
  await app.shot(wp, '01-grid-worker-home');

  const cp = await app.phone();
  await signInAs(cp, app, { role: 'community_staff', name: await firstOf('community_staff') });
  expect(await entriesOf(cp)).toEqual(['inbox', 'worklist', 'bindings', 'overview', 'assessment', 'visit-coverage', 'notice-manage', 'admin', 'people']);
  await app.shot(cp, '02-community-staff-home');

  const sp = await app.phone();
  await signInAs(sp, app, { role: 'street_staff', name: await firstOf('street_staff') });
  expect(await entriesOf(sp)).toEqual(['inbox', 'overview', 'assessment', 'visit-coverage', 'notice-manage', 'street', 'people', 'register-import']);
  await app.shot(sp, '03-street-staff-home');
});

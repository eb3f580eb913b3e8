/**
 * The six-step loop across roles, in the browser: a resident reports with a photo → their grid worker
 * accepts and resolves → the resident is not satisfied and it is reopened (重办) → resolved again → rated
 * 满意 and archived. And an overdue request seen up the chain by community and street staff.
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { pngImage } from '../server/runtime/testing/images';
import { startApp, signInAs, textOf, type App } from './support/app';
import { gridOf, residentNamed } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('request-loop');
});
afterAll(() => app?.close());

const DETAIL = '/#/features/requests/pages/detail/index?id=';

async function status(id: string): Promise<string> {
  return (await app.runtime.store.requests.get(id))!.status;
}

async function openDetail(page: Page, id: string): Promise<void> {
  await page.goto(`${app.url}${DETAIL}${id}`);
  await page.locator('.e2e-detail-description').waitFor();
}

async function resolveAs(page: Page, id: string, note: string): Promise<void> {
  await openDetail(page, id);
  await page.locator('.e2e-action-resolve').click();
  await page.locator('.e2e-dialog-text textarea').fill(note);
  await page.locator('.e2e-dialog-confirm').click();
  await page.locator('.e2e-status', { hasText: '待确认' }).first().waitFor();
}

test('resident reports with a photo → worker accepts and resolves → 不满意 reopens → resolved again → 满意 archives', async () => {
  const resident = await residentNamed(app.runtime, 0);
  const grid = await gridOf(app.runtime, resident.gridId);

  // 发现上报
  const rp = await app.phone();
  await signInAs(rp, app, { role: 'resident', name: resident.name });
  await rp.locator('.e2e-entry-submit').click();
  await rp.locator('.e2e-category').first().click();
  await rp.locator('.e2e-input-description textarea').fill('3号楼2单元楼道灯坏了一个星期，晚上老人上下楼很危险');
  const chooser = rp.waitForEvent('filechooser');
  await rp.locator('.e2e-photo-add').click();
  await (await chooser).setFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: pngImage(48, 48, [240, 200, 40]) });
  await rp.locator('.e2e-photo-thumb').first().waitFor();
  await app.shot(rp, '01-submit-form');
  await rp.locator('.e2e-submit').click();
  await rp.locator('.e2e-submitted').waitFor();
  const id = new URL(rp.url().replace('#', '')).searchParams.get('id')!;
  expect(id).toBeTruthy();
  const stored = (await app.runtime.store.requests.get(id))!;
  expect(stored).toMatchObject({ status: 'submitted', gridId: grid.id, residentId: resident.id });
  expect(stored.photoFileIds).toHaveLength(1);
  await app.shot(rp, '02-submitted-detail');

  // 受理 and 处置反馈 by the grid's worker, from the worklist
  const wp = await app.phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await wp.locator('.e2e-entry-worklist').click();
  await wp.locator('.e2e-tab-new').click();
  await wp.locator(`#request-${id}`).click();
  await wp.locator('.e2e-action-accept').click();
  await wp.locator('.e2e-status', { hasText: '已受理' }).first().waitFor();
  expect(await status(id)).toBe('accepted');
  await app.shot(wp, '03-worker-accepted');
  await resolveAs(wp, id, '已更换楼道灯泡，恢复照明');

  // 任务核查 by the resident: not satisfied → 重办
  await openDetail(rp, id);
  expect(await textOf(rp, '.e2e-status')).toContain('待确认');
  await rp.locator('.e2e-action-reopen').click();
  await rp.locator('.e2e-dialog-text textarea').fill('只换了一楼的灯，二楼还是黑的');
  await rp.locator('.e2e-dialog-confirm').click();
  await rp.locator('.e2e-status', { hasText: '处置中' }).first().waitFor();
  expect(await textOf(rp, '.e2e-reopen-badge')).toContain('1');
  expect((await app.runtime.store.requests.get(id))!.reopenCount).toBe(1);
  await app.shot(rp, '04-reopened');

  await resolveAs(wp, id, '二楼灯也已更换，已上门确认');

  // 满意 → 事件归档
  await openDetail(rp, id);
  await rp.locator('.e2e-action-confirm').click();
  await rp.locator('.e2e-rating-satisfied').click();
  await rp.locator('.e2e-dialog-confirm').click();
  await rp.locator('.e2e-status', { hasText: '已归档' }).first().waitFor();
  const done = (await app.runtime.store.requests.get(id))!;
  expect(done).toMatchObject({ status: 'archived', reopenCount: 1, rating: { value: 'satisfied' } });
  const actions = await rp.locator('.e2e-timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  // The timeline reads newest first.
  expect(actions).toEqual(['archive', 'confirm', 'resolve', 'reopen', 'resolve', 'accept', 'submit']);
  await app.shot(rp, '05-archived-timeline');

  // Every step told the resident in the app.
  await rp.goto(`${app.url}/#/features/messages/pages/inbox/index`);
  await rp.locator('.e2e-message').first().waitFor();
  expect(await rp.locator('.e2e-message').count()).toBeGreaterThanOrEqual(7);
});

test('an overdue request is marked and seen by community staff and street staff', async () => {
  const resident = await residentNamed(app.runtime, 5);
  const grid = await gridOf(app.runtime, resident.gridId);
  // The resident reports through the gateway; then the request is moved a week into the past.
  const reply = await fetch(`${app.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: resident.id }) });
  const token = ((await reply.json()) as { data: { token: string } }).data.token;
  const streetId = (await app.runtime.store.places.getGrid(grid.id))!.streetId;
  const categories = await app.runtime.store.requestConfig.categories(streetId);
  const submitted = await fetch(`${app.url}/api/fn/request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action: 'submit', data: { idempotencyKey: 'e2eoverdue0001', categoryId: categories[0].id, description: '小区东门下水道堵塞，污水漫到路面', photoFileIds: [] } }),
  });
  const created = (await submitted.json()) as { ok: boolean; data: { id: string; version: number } };
  expect(created.ok).toBe(true);
  const request = (await app.runtime.store.requests.get(created.data.id))!;
  const weekAgo = (iso: string) => new Date(Date.parse(iso) - 7 * 24 * 3600 * 1000).toISOString();
  // Move the request's clock back a week (same write path: a version-conditional commit).
  const moved = await app.runtime.store.requests.commit({
    request: { ...request, createdAt: weekAgo(request.createdAt), responseDueAt: weekAgo(request.responseDueAt), version: request.version + 1 },
    expectedVersion: request.version,
    events: [],
    messages: [],
    outbox: [],
  });
  expect(moved).not.toBeNull();

  const { people: staff } = await app.runtime.store.listPeople({ role: 'community_staff', communityId: grid.communityId, limit: 1, offset: 0 });
  const cp = await app.phone();
  await signInAs(cp, app, { role: 'community_staff', name: staff[0].name });
  await cp.locator('.e2e-entry-worklist').click();
  await cp.locator('.e2e-tab-overdue').click();
  await cp.locator(`#request-${request.id}.e2e-request-overdue`).waitFor();
  expect(await textOf(cp, `#request-${request.id} .e2e-countdown`)).toContain('已超期');
  await app.shot(cp, '06-community-overdue');

  const { people: streets } = await app.runtime.store.listPeople({ role: 'street_staff', limit: 1, offset: 0 });
  const sp = await app.phone();
  await signInAs(sp, app, { role: 'street_staff', name: streets[0].name });
  await sp.locator('.e2e-entry-overview').click();
  await sp.locator('.e2e-filter-overdue').click();
  await sp.locator(`#request-${request.id}.e2e-request-overdue`).waitFor();
  expect(await textOf(sp, '.e2e-total')).toContain('1');
  await app.shot(sp, '07-street-overdue');
});

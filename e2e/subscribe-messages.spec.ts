/**
 * Subscribe messages end to end, in the browser: a resident submits a request and taps 状态变化时通知我
 * (the local consent sheet stands in for WeChat's dialog), their grid worker accepts and resolves it, the
 * dispatcher's timer runs, and the resident's 消息记录 page shows the subscribe messages their phone would
 * have received — opening the request — while the inbox has the in-app messages.
 */
import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startApp, signInAs, type App } from './support/app';
import { gridOf, residentNamed } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('subscribe-messages');
});
afterAll(() => app?.close());

const DETAIL = '/#/features/requests/pages/detail/index?id=';

async function openDetail(page: Page, id: string): Promise<void> {
  await page.goto(`${app.url}${DETAIL}${id}`);
  await page.locator('.e2e-detail-description').waitFor();
}

test('a resident consents, a worker resolves their request, 消息记录 shows the subscribe messages and the inbox the in-app ones', async () => {
  const resident = await residentNamed(app.runtime, 2);
  const grid = await gridOf(app.runtime, resident.gridId);

  // The resident reports, and right after, asks to be told of changes.
  const rp = await app.phone();
  await signInAs(rp, app, { role: 'resident', name: resident.name });
  await rp.locator('.e2e-entry-submit').click();
  await rp.locator('.e2e-category').first().click();
  const category = (await rp.locator('.e2e-category').first().innerText()).trim();
  await rp.locator('.e2e-input-description textarea').fill('小区南门的路灯不亮了，晚上出行不方便');
  await rp.locator('.e2e-submit').click();
  await rp.locator('.e2e-submitted').waitFor();
  const id = new URL(rp.url().replace('#', '')).searchParams.get('id')!;
  expect(id).toBeTruthy();

  await rp.locator('.e2e-consent-request_submitted').click();
  await rp.locator('.e2e-consent-sheet').waitFor();
  expect(await rp.locator('.e2e-consent-option').allInnerTexts()).toEqual(['诉求办理进展', '诉求办结待确认']);
  expect(await rp.locator('.e2e-consent-local-note').innerText()).toContain('本地演示');
  await app.shot(rp, '01-consent-sheet');
  await rp.locator('.e2e-consent-allow').click();
  await rp.locator('.e2e-consent-credits', { hasText: '诉求办理进展 1 次' }).waitFor();
  expect(await app.runtime.store.subscriptions.credits(resident.id)).toMatchObject({ request_status: 1, request_confirm: 1 });
  await app.shot(rp, '02-consented');

  // Their grid worker accepts and resolves it.
  const wp = await app.phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await openDetail(wp, id);
  await wp.locator('.e2e-action-accept').click();
  await wp.locator('.e2e-status', { hasText: '已受理' }).first().waitFor();
  await wp.locator('.e2e-action-resolve').click();
  await wp.locator('.e2e-dialog-text textarea').fill('已更换路灯，恢复照明');
  await wp.locator('.e2e-dialog-confirm').click();
  await wp.locator('.e2e-status', { hasText: '待确认' }).first().waitFor();

  // The dispatcher's timer fires (every minute in the runtime; here at once).
  const run = await app.runtime.fireTimer('message');
  expect(run).toMatchObject({ ok: true, data: { ran: true, sent: 2 } });

  // 我的 → 消息记录: what the resident's phone would show, newest first.
  await rp.goto(`${app.url}/#/pages/mine/index`);
  await rp.locator('.e2e-sent-log-entry').click();
  await rp.locator('.e2e-sent-message').nth(1).waitFor();
  await rp.locator('.e2e-message-settings').waitFor({ state: 'hidden' });
  expect(await rp.locator('.e2e-sent-title').allInnerTexts()).toEqual(['诉求办结待确认', '诉求办理进展']);
  const first = await rp.locator('.e2e-sent-message').nth(0).locator('.e2e-sent-value').allInnerTexts();
  expect(first[0]).toBe(category);
  expect(first[1]).toBe('诉求已办结，请确认');
  const second = await rp.locator('.e2e-sent-message').nth(1).locator('.e2e-sent-value').allInnerTexts();
  expect(second.slice(0, 2)).toEqual([category, '已受理']);
  expect(await rp.locator('.e2e-sent-credits').innerText()).toContain('诉求办理进展 0 次');
  await app.shot(rp, '03-sent-log');

  // The message opens the request.
  await rp.locator('.e2e-sent-open').first().click();
  await rp.locator('.e2e-detail-description').waitFor();
  expect(rp.url()).toContain(id);
  expect(await rp.locator('.e2e-status').first().innerText()).toContain('待确认');

  // The inbox has the in-app messages, always.
  await rp.goto(`${app.url}/#/features/messages/pages/inbox/index`);
  await rp.locator('.e2e-message').first().waitFor();
  const titles = await rp.locator('.e2e-message-title').allInnerTexts();
  expect(titles).toEqual(expect.arrayContaining(['诉求已办结，请确认', '诉求已受理', '诉求已提交']));
  await app.shot(rp, '04-inbox');

  // A second run sends nothing again.
  expect(await app.runtime.fireTimer('message')).toMatchObject({ ok: true, data: { sent: 0 } });
});

test('a grid worker going on duty is asked on the worklist; urgent notices are asked on 我的', async () => {
  const resident = await residentNamed(app.runtime, 3);
  const grid = await gridOf(app.runtime, resident.gridId);
  const wp = await app.phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.backupWorker.name });
  await wp.locator('.e2e-entry-worklist').click();
  await wp.locator('.e2e-consent-on_duty').click();
  expect(await wp.locator('.e2e-consent-option').allInnerTexts()).toEqual(['网格新诉求待受理', '诉求即将超期或已超期']);
  // Declining one keeps it off.
  await wp.locator('.e2e-consent-option', { hasText: '诉求即将超期或已超期' }).click();
  await wp.locator('.e2e-consent-allow').click();
  await wp.locator('.e2e-consent-credits', { hasText: '网格新诉求待受理 1 次' }).waitFor();
  expect(await app.runtime.store.subscriptions.credits(grid.backupWorker.id)).toMatchObject({ request_new: 1, request_overdue: 0 });

  await wp.goto(`${app.url}/#/pages/mine/index`);
  await wp.locator('.e2e-message-settings').waitFor();
  await wp.locator('.e2e-consent-urgent_notices').click();
  await wp.locator('.e2e-consent-cancel').click();
  expect(await wp.locator('.e2e-consent-sheet').count()).toBe(0);
  expect((await app.runtime.store.subscriptions.credits(grid.backupWorker.id)).notice_urgent).toBe(0);
  await wp.locator('.e2e-consent-urgent_notices').click();
  await wp.locator('.e2e-consent-allow').click();
  await wp.locator('.e2e-message-settings .e2e-consent-credits', { hasText: '紧急通知 1 次' }).waitFor();
  await app.shot(wp, '05-mine-message-settings');
});

/**
 * 人员管理 end to end: the street admin invites a person of the register who has no WeChat identity yet, the
 * person signs in with a brand-new WeChat, redeems the code on 我的 → 我有邀请码 and finds their grid on
 * home; the admin revokes them and the person's next action is refused in Chinese.
 */
import { expect } from '@jest/globals';
import { isBound } from '@core/people/user';
import { DEMO_NEWCOMER_GRID_ID, DEMO_NEWCOMER_ID } from '../server/runtime/seed/demo-street';
import { modalShown, settled, startApp, signInAs, textOf, type App } from './support/app';
import { newWechatUser } from './support/people';

let app: App;
beforeAll(async () => {
  app = await startApp('people');
});
afterAll(() => app?.close());

test('an admin invites a register person, who redeems with a new WeChat, sees their grid, and is refused after 停用', async () => {
  const admin = (await app.runtime.store.users.getById('user-street-1'))!;
  const newcomer = (await app.runtime.store.users.getById(DEMO_NEWCOMER_ID))!;
  expect(isBound(newcomer)).toBe(false);

  // The admin finds 人员管理 on home, filters to grid workers of the first community and invites the newcomer.
  const ap = await app.phone();
  await signInAs(ap, app, { role: 'street_staff', name: admin.name });
  await ap.locator('.e2e-entry-people').click();
  await ap.locator('.e2e-person-row').first().waitFor();
  await ap.locator('.e2e-role-chip-grid_worker').click();
  await ap.locator('.e2e-people-community-community-1').click();
  const row = ap.locator(`#person-${DEMO_NEWCOMER_ID}`);
  await row.waitFor();
  expect(await row.locator('.e2e-person-status').innerText()).toBe('未激活');
  expect(await row.innerText()).toContain('139****5678');
  await app.shot(ap, '01-people-list');
  await row.locator('.e2e-person-invite').click();
  const code = (await textOf(ap, '.e2e-invite-code')).trim();
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  expect(await textOf(ap, '.e2e-invite-link')).toContain(`code=${code}`);
  expect(await textOf(ap, '.e2e-invite-expiry')).toContain('有效期至');
  expect(await ap.locator('.e2e-invite-qr img').getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
  await app.shot(ap, '02-invitation');

  // A fresh browser: a new WeChat user opens 我的 → 我有邀请码, mistypes the last 4 once, then gets it right.
  const np = await newWechatUser(app);
  await np.goto(`${app.url}/#/pages/mine/index`);
  await np.locator('.e2e-mine-redeem').click();
  await np.locator('.e2e-redeem-code input').fill(code.toLowerCase());
  await np.locator('.e2e-redeem-last4 input').fill('0000');
  await np.locator('.e2e-redeem-submit').click();
  expect(await textOf(np, '.e2e-redeem-error')).toBe('手机号后四位不正确，还可以再试 4 次');
  await app.shot(np, '03-redeem-wrong-last4');
  await np.locator('.e2e-redeem-last4 input').fill('5678');
  await np.locator('.e2e-redeem-submit').click();
  expect(await textOf(np, '.e2e-redeem-role')).toContain('网格员');
  await app.shot(np, '04-redeem-done');
  expect(isBound((await app.runtime.store.users.getById(DEMO_NEWCOMER_ID))!)).toBe(true);

  await np.locator('.e2e-redeem-home').click();
  await np.locator('.e2e-entry-worklist').waitFor();
  expect(await textOf(np, '.e2e-home-name')).toContain(newcomer.name);
  await np.locator('.home-worker-card').first().waitFor();
  expect(await np.locator('.home-worker-card').first().innerText()).toContain('我是B角');
  await app.shot(np, '05-newcomer-home');

  // The admin sees them active, revokes them after a confirm that states the consequence.
  await ap.locator('.e2e-invite-close').click();
  await ap.reload();
  await ap.locator('.e2e-role-chip-grid_worker').click();
  await ap.locator('.e2e-people-community-community-1').click();
  await ap.locator(`#person-${DEMO_NEWCOMER_ID} .e2e-person-status`, { hasText: '已激活' }).waitFor();
  await ap.locator(`#person-${DEMO_NEWCOMER_ID} .e2e-person-revoke`).click();
  expect(await textOf(ap, '.taro-modal__content')).toContain('全部权限（网格员）将立即一并移除');
  await modalShown(ap);
  await app.shot(ap, '06-revoke-confirm');
  await ap.locator('.taro-modal__foot div:last-child').click();
  // The same modal element is reused: wait for the result's text, not for the confirm still fading out.
  const result = ap.locator('.taro-modal__content', { hasText: '已停用' });
  await result.waitFor();
  expect(await result.innerText()).toContain(`已停用${newcomer.name}的全部权限`);
  expect(await ap.locator('.taro-modal__content').innerText()).toContain('以下网格暂无网格员或B角：');
  await modalShown(ap);
  await app.shot(ap, '07-revoke-result');
  await ap.locator('.taro-modal__foot div:last-child').click();
  // A revoked person holds no post any more, so the 网格员 filter no longer lists them.
  await ap.locator(`#person-${DEMO_NEWCOMER_ID}`).waitFor({ state: 'detached' });
  expect((await app.runtime.store.users.getById(DEMO_NEWCOMER_ID))!.posts).toEqual([]);
  expect((await app.runtime.store.places.getGrid(DEMO_NEWCOMER_GRID_ID))!.backupWorkerId).toBeNull();

  // 操作记录 lists the invitation, the redeem and the revoke in Chinese.
  await ap.locator('.e2e-entry-people-audit').click();
  await ap.locator('.e2e-audit-row').first().waitFor();
  const log = await ap.locator('.e2e-audit-list').innerText();
  expect(log).toContain(newcomer.name);
  expect(log).toMatch(/停用/);
  // Roles read in Chinese, never as codes (grid_worker).
  expect(log).not.toMatch(/[a-z]+_[a-z]+/);
  await settled(ap);
  await app.shot(ap, '08-audit');

  // The revoked person holds no post any more: the server refuses their next worker call.
  expect((await app.runtime.store.users.getById(newcomer.id))!.posts).toEqual([]);
}, 120_000);

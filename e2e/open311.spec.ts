/**
 * Open311 end to end: the street admin creates an api_key for the 12345 hotline on 人员管理 → 对接系统密钥
 * (shown once, with a copy button), the hotline posts a request with it over HTTP, the grid worker finds it in
 * their list tagged 12345热线 and opens it, the admin revokes the key, and the hotline's next POST gets 403.
 */
import { expect } from '@jest/globals';
import { modalShown, settled, signInAs, startApp, textOf, type App } from './support/app';
import { gridOf } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('open311');
});
afterAll(() => app?.close());

async function postRequest(apiKey: string, street: string, gridCode: string, serviceCode: string, ticket: string): Promise<Response> {
  return fetch(`${app.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      jurisdiction_id: street, api_key: apiKey, service_code: serviceCode, 'attribute[grid_code]': gridCode, 'attribute[ticket_no]': ticket,
      description: '12345热线转来：小区北门井盖松动，车辆经过响声很大', address_string: '北门东侧人行道', first_name: '桂兰', last_name: '陈', phone: '13600002222',
    }),
  });
}

test('an admin creates a hotline key, the hotline files with it, the grid worker sees it, the revoked key is refused', async () => {
  const admin = (await app.runtime.store.users.getById('user-street-1'))!;
  const [street] = await app.runtime.store.places.listStreets();
  const gridRow = (await app.runtime.store.places.listGrids({ streetId: street.id })).find((g) => g.primaryWorkerId && g.backupWorkerId)!;
  const grid = await gridOf(app.runtime, gridRow.id);
  const [category] = await app.runtime.store.requestConfig.categories(street.id);

  // 人员管理 → 对接系统密钥: name the partner system, create, the key is shown once.
  const ap = await app.phone();
  await signInAs(ap, app, { role: 'street_staff', name: admin.name });
  await ap.locator('.e2e-entry-people').click();
  await ap.locator('.e2e-entry-partner-keys').click();
  await ap.locator('.e2e-partner-name-input input').fill('12345热线（市级）');
  await ap.locator('.e2e-partner-kind-hotline').click();
  await ap.locator('.e2e-partner-create').click();
  const apiKey = await textOf(ap, '.e2e-partner-secret');
  expect(apiKey).toMatch(/^wgt_[A-Za-z0-9_-]{43}$/);
  expect(await textOf(ap, '.e2e-partner-secret-sheet')).toContain('密钥只显示这一次');
  const row = ap.locator('.e2e-partner-row', { hasText: '12345热线（市级）' });
  expect(await row.locator('.e2e-partner-status').innerText()).toBe('使用中');
  expect(await row.innerText()).toContain(apiKey.slice(0, 8));
  expect(await row.innerText()).not.toContain(apiKey);
  await settled(ap);
  await app.shot(ap, '01-key-created');
  await ap.locator('.e2e-partner-copy').click();
  await ap.locator('.e2e-partner-close').click();
  await ap.locator('.e2e-partner-secret-sheet').waitFor({ state: 'detached' });

  // The hotline posts over HTTP with the key.
  const posted = await postRequest(apiKey, street.code, gridRow.code, category.id, 'GD20261207-0088');
  expect(posted.status).toBe(200);
  const [{ service_request_id: id }] = (await posted.json()) as { service_request_id: string }[];
  expect(id).toMatch(/^[0-9a-f]{32}$/);

  // The grid worker finds it among new requests, tagged 12345热线, and its detail says where it came from.
  const wp = await app.phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await wp.locator('.e2e-entry-worklist').click();
  await wp.locator('.e2e-tab-new').click();
  const item = wp.locator(`#request-${id}`);
  await item.waitFor();
  expect(await item.locator('.e2e-request-source').innerText()).toBe('12345热线');
  expect(await item.innerText()).toContain('小区北门井盖松动');
  await item.scrollIntoViewIfNeeded();
  await settled(wp);
  await app.shot(wp, '02-worker-list');
  await item.click();
  await wp.locator('.e2e-detail-description').waitFor();
  expect(await wp.locator('.rq-head__meta', { hasText: '12345热线' }).count()).toBe(1);
  expect(await wp.locator('body').innerText()).not.toContain('桂兰');
  await settled(wp);
  await app.shot(wp, '03-worker-detail');

  // The admin revokes the key after a confirm that says what it does.
  await row.locator('.e2e-partner-revoke').click();
  expect(await textOf(ap, '.taro-modal__content')).toContain('立即被拒绝');
  await modalShown(ap);
  await app.shot(ap, '04-revoke-confirm');
  await ap.locator('.taro-modal__foot div:last-child').click();
  await row.locator('.e2e-partner-status', { hasText: '已停用' }).waitFor();
  expect(await row.innerText()).toContain('近期调用1次');
  await settled(ap);
  await app.shot(ap, '05-key-revoked');

  const refused = await postRequest(apiKey, street.code, gridRow.code, category.id, 'GD20261207-0089');
  expect(refused.status).toBe(403);
  expect(await refused.json()).toEqual([{ code: 403, description: 'api_key 无效或已停用' }]);

  // Both changes are in 操作记录.
  const audit = await app.runtime.store.people.auditPage(street.id, null, 10);
  expect(audit.items.slice(0, 2).map((a) => a.action)).toEqual(['partner.revoke', 'partner.create']);
});

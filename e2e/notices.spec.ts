/**
 * 通知公告 across roles, in the browser: street staff publish an urgent notice that residents must confirm,
 * to one community → a resident of that community sees it with the tab badge, opens it and confirms 我已知晓
 * → a resident of another community never sees it (feed or link) → the grid worker of the resident's grid sees
 * coverage rise and the not-reached list shrink, records a household 上门告知 and sees coverage rise again.
 * And: an edit shows residents 已更新 with the reason; a withdrawal takes it out of their feed.
 */
import { expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { pngImage } from '../server/runtime/testing/images';
import { fakePdf, smallPdf } from '../server/testing/pdf.fixture';
import { startApp, signInAs, textOf, type App } from './support/app';
import { gridOf } from './support/demo';

let app: App;
beforeAll(async () => {
  app = await startApp('notices');
});
afterAll(() => app?.close());

const DETAIL = '/#/features/notices/pages/detail/index?id=';
const FEED = '/#/pages/notices/index';

/** A small but real PDF (the store parses it: the name and the first bytes are not enough). */
let PDF: Buffer;
beforeAll(async () => {
  PDF = await smallPdf('water');
});

interface Person {
  id: string;
  name: string;
  gridId: string;
  communityId: string;
  householdId: string;
}

/** Residents of the demo street, each with the community and household they are bound to. */
async function residents(): Promise<Person[]> {
  const { people } = await app.runtime.store.listPeople({ role: 'resident', limit: 500, offset: 0 });
  const users = await app.runtime.store.users.getMany(people.map((p) => p.id));
  return users
    .filter((u) => u.residence?.householdId)
    .map((u) => ({ id: u.id, name: u.name, gridId: u.residence!.gridId, communityId: u.residence!.communityId, householdId: u.residence!.householdId! }));
}

async function firstOf(role: 'street_staff' | 'community_staff', communityId?: string): Promise<{ id: string; name: string }> {
  const { people } = await app.runtime.store.listPeople({ role, ...(communityId ? { communityId } : {}), limit: 1, offset: 0 });
  return { id: people[0].id, name: people[0].name };
}

async function communityName(id: string): Promise<string> {
  return (await app.runtime.store.places.listCommunities()).find((c) => c.id === id)!.name;
}

function idFromUrl(page: Page): string {
  return new URL(page.url().replace('#', '')).searchParams.get('id')!;
}

/** The number in 未到户 N户. */
async function unreachedCount(page: Page): Promise<number> {
  return Number((await textOf(page, '.e2e-tab-unreached')).match(/(\d+)户/)![1]);
}

/** 12.5% → 12.5 */
async function rateOf(page: Page, selector: string): Promise<number> {
  return parseFloat(await textOf(page, `${selector} .e2e-coverage-rate`));
}

async function tabBadge(page: Page): Promise<string | null> {
  const badge = page.locator('.weui-tabbar__item', { hasText: '通知' }).locator('.taro-tabbar-badge');
  return (await badge.count()) ? (await badge.innerText()).trim() : null;
}

/** A screenshot once the page has stopped moving: page transitions finished and any toast gone. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForFunction("![...document.querySelectorAll('.taro__toast')].some((e) => getComputedStyle(e).display !== 'none')", undefined, { timeout: 5000 });
  // Taro's H5 router marks a page that has slid in as stationed and one that has gone as shaded.
  await page.waitForFunction("[...document.querySelectorAll('.taro_page')].every((p) => p.classList.contains('taro_page_stationed') || p.classList.contains('taro_page_shade'))", undefined, { timeout: 5000 });
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  await app.shot(page, name);
}

/** Reads until the value is as wanted (a badge or a list that follows a reload), or fails saying what it saw. */
async function eventually<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function sessionToken(userId: string): Promise<string> {
  const reply = await fetch(`${app.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  return ((await reply.json()) as { data: { token: string } }).data.token;
}

test('street staff publish an urgent notice to one community → its resident confirms, another community never sees it → the grid worker reaches the rest', async () => {
  const all = await residents();
  const a = all[0];
  const b = all.find((r) => r.communityId !== a.communityId)!;
  const grid = await gridOf(app.runtime, a.gridId);
  const community = await communityName(a.communityId);
  const staff = await firstOf('street_staff');

  // 发布: scope, category, text, flags, an image and a PDF.
  const sp = await app.phone();
  await signInAs(sp, app, { role: 'street_staff', name: staff.name });
  await sp.locator('.e2e-entry-notice-manage').click();
  await sp.locator('.e2e-publish-new').click();
  // Sending an empty form says what is missing, field by field, and sends nothing.
  await sp.locator('.e2e-publish').click();
  expect(await textOf(sp, '.e2e-error-scope')).toBe('请选择发布范围');
  expect(await textOf(sp, '.e2e-error-category')).toBe('请选择通知类别');
  await sp.locator('.e2e-error-title').waitFor();
  await sp.locator('.e2e-error-body').waitFor();
  await shot(sp, '00a-publish-missing');
  await sp.locator('.e2e-scope-level-communities').click();
  await sp.locator('.e2e-scope-place', { hasText: community }).click();
  expect(await textOf(sp, '.e2e-scope-summary')).toContain(community);
  await shot(sp, '00-publish-scope');
  await sp.locator('.e2e-category-utility').click();
  await sp.locator('.e2e-input-title input').fill('明日停水通知');
  await sp.locator('.e2e-input-body textarea').fill(
    `因主管道检修，${community}明天 8:00–17:00 停水。\n\n请各位居民：\n- 提前储水\n- 关好水龙头\n\n1. 独居老人由网格员上门告知\n2. 如有困难请联系网格员<script>alert(1)</script>`,
  );
  await sp.locator('.e2e-toggle-urgent').click();
  await sp.locator('.e2e-toggle-ack').click();
  const photo = sp.waitForEvent('filechooser');
  await sp.locator('.e2e-photo-add').click();
  await (await photo).setFiles({ name: 'map.png', mimeType: 'image/png', buffer: pngImage(64, 40, [60, 120, 220]) });
  await sp.locator('.e2e-photo-thumb').first().waitFor();
  // A file renamed to .pdf that starts with "%PDF-" but is nothing else: refused where it comes in, said plainly.
  const fake = sp.waitForEvent('filechooser');
  await sp.locator('.e2e-attachment-add').click();
  await (await fake).setFiles({ name: '扫描件.pdf', mimeType: 'application/pdf', buffer: fakePdf() });
  await sp.locator('.e2e-attachment-error').waitFor();
  expect(await textOf(sp, '.e2e-attachment-error')).toBe('扫描件.pdf 没有传上去：文件不是有效的PDF（可能已损坏或加密），请重新导出后再上传');
  expect(await sp.locator('.e2e-attachment-draft').count()).toBe(0);
  await shot(sp, '01a-publish-fake-pdf');
  const pdf = sp.waitForEvent('filechooser');
  await sp.locator('.e2e-attachment-add').click();
  await (await pdf).setFiles({ name: '停水范围说明.pdf', mimeType: 'application/pdf', buffer: PDF });
  await sp.locator('.e2e-attachment-draft').first().waitFor();
  await shot(sp, '01-publish-form');
  await sp.locator('.e2e-toggle-preview').click();
  await sp.locator('.e2e-body-preview').waitFor();
  expect(await sp.locator('.e2e-body-preview').innerText()).not.toContain('<script>');
  await shot(sp, '02-publish-preview');

  // A double tap asks once and publishes once.
  await sp.locator('.e2e-publish').dblclick();
  await sp.locator('.taro-modal__foot div:last-child').click();
  await sp.locator('.e2e-published').waitFor();
  const id = idFromUrl(sp);
  const stored = (await app.runtime.store.notices.get(id))!;
  expect(stored).toMatchObject({ scope: { level: 'communities', ids: [a.communityId] }, urgent: true, requireAck: true, category: 'utility', title: '明日停水通知' });
  expect(stored.imageFileIds).toHaveLength(1);
  expect(stored.attachments).toMatchObject([{ name: '停水范围说明.pdf' }]);
  expect(JSON.stringify(stored.body)).not.toContain('script');
  const listed = (await app.runtime.store.notices.listForArea({ kind: 'street', streetId: stored.streetId }, { limit: 50 })).items;
  expect(listed.filter((n) => n.title === '明日停水通知')).toHaveLength(1);
  await shot(sp, '03-published-detail');

  // The grid worker of resident A's grid, before anyone has read it.
  const wp = await app.phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await wp.locator('.e2e-entry-notice-manage').click();
  await wp.locator(`#manage-${id} .e2e-manage-coverage`).waitFor();
  await shot(wp, '04a-worker-manage-list');
  await wp.locator(`#manage-${id} .e2e-manage-coverage`).click();
  const gridRow = `#coverage-grid-${grid.id}`;
  expect(await rateOf(wp, gridRow)).toBe(0);
  await wp.locator(gridRow).click();
  const before = await unreachedCount(wp);
  const households = (await app.runtime.store.places.listGridHouseholds(grid.id)).length;
  expect(before).toBe(households);
  // Key groups (elderly living alone …) come first.
  expect(await wp.locator('.e2e-unreached').first().evaluate((el) => el.className)).toContain('e2e-unreached-key');
  await shot(wp, '04-worker-grid-before');

  // Resident A: the badge on the tab, the notice marked, 我已知晓.
  const rp = await app.phone();
  await signInAs(rp, app, { role: 'resident', name: a.name });
  // The demo street has notices of its own: ours is one more unread.
  const unread = Number(await textOf(rp, '.e2e-notices-unread'));
  expect(unread).toBeGreaterThanOrEqual(1);
  await eventually('tab badge', () => tabBadge(rp), (t) => t === String(unread));
  await shot(rp, '05a-resident-home-badge');
  await rp.locator('.weui-tabbar__item', { hasText: '通知' }).click();
  const item = rp.locator(`#notice-${id}`);
  await item.waitFor();
  expect(await item.getAttribute('class')).toContain('e2e-notice-unread');
  expect(await item.locator('.e2e-notice-urgent').count()).toBe(1);
  expect(await item.locator('.e2e-notice-ack').count()).toBe(1);
  await shot(rp, '05-resident-feed');
  await item.click();
  await rp.locator('.e2e-detail-title', { hasText: '明日停水通知' }).waitFor();
  expect(await rp.locator('.e2e-detail-body').innerText()).toContain('提前储水');
  expect(await rp.locator('.e2e-detail-body').innerText()).not.toContain('<script>');
  expect(await rp.locator('.e2e-attachment').count()).toBe(1);
  expect(await rp.locator('.e2e-detail-images .e2e-photo').count()).toBe(1);
  await shot(rp, '06-resident-detail');
  await rp.locator('.e2e-acknowledge').click();
  await rp.locator('.e2e-acknowledged').waitFor();
  expect(await rp.locator('.e2e-acknowledge').count()).toBe(0);
  const [receipt] = await app.runtime.store.notices.receipts(a.id, [id]);
  expect(receipt.ackedAt).not.toBeNull();
  await shot(rp, '07-resident-acknowledged');
  await rp.goBack();
  await rp.locator(`#notice-${id} .e2e-notice-acked`).waitFor();
  expect(await rp.locator(`#notice-${id}`).getAttribute('class')).not.toContain('e2e-notice-unread');
  await eventually('tab badge one less', () => tabBadge(rp), (t) => t === (unread > 1 ? String(unread - 1) : null));
  expect(await textOf(rp, '.e2e-feed-unread')).toBe(unread > 1 ? `${unread - 1}条未读` : '全部已读');
  // 大字模式 (kept by Taro's H5 storage as { data }), read when the app starts.
  await rp.evaluate(`localStorage.setItem('wgt.largeText', JSON.stringify({ data: '1' }))`);
  await rp.goto(`${app.url}${DETAIL}${id}`);
  await rp.reload();
  await rp.locator('.page--large .e2e-detail-title').waitFor();
  await shot(rp, '07a-resident-large-text');

  // Resident B, in another community: not in the feed, and the link finds nothing.
  const bp = await app.phone();
  await signInAs(bp, app, { role: 'resident', name: b.name }, FEED);
  await bp.locator('.e2e-empty, .e2e-notice-list').first().waitFor();
  expect(await bp.locator(`#notice-${id}`).count()).toBe(0);
  await bp.goto(`${app.url}${DETAIL}${id}`);
  expect(await textOf(bp, '.e2e-error-message')).toContain('没有找到这条通知');
  expect(await app.runtime.store.notices.receipts(b.id, [id])).toEqual([]);
  await shot(bp, '08-other-community-link');

  // The grid worker again: resident A's household is reached, the list one shorter.
  await wp.reload();
  await wp.locator('.e2e-tab-unreached').waitFor();
  expect(await unreachedCount(wp)).toBe(before - 1);
  expect(await wp.locator(`#household-${a.householdId}`).count()).toBe(0);
  const afterRead = await rateOf(wp, '.e2e-grid-total');
  expect(afterRead).toBeGreaterThan(0);

  // 上门告知 for the first household on the list (a key-group one).
  const first = wp.locator('.e2e-unreached').first();
  const visited = (await first.getAttribute('id'))!.replace('household-', '');
  await first.locator('.e2e-reach-visit').click();
  await wp.locator('.e2e-dialog-reach .e2e-dialog-text textarea').fill('已当面告知老人，留下纸质通知');
  await shot(wp, '09-worker-visit-dialog');
  await wp.locator('.e2e-dialog-confirm').click();
  await wp.locator('.e2e-dialog-reach').waitFor({ state: 'detached' });
  expect(await unreachedCount(wp)).toBe(before - 2);
  expect(await rateOf(wp, '.e2e-grid-total')).toBeGreaterThan(afterRead);
  await wp.locator('.e2e-tab-reached').click();
  expect(await textOf(wp, `#reached-${visited} .e2e-reached-method`)).toBe('上门告知');
  expect(await textOf(wp, `#reached-${a.householdId} .e2e-reached-method`)).toBe('已阅读');
  await shot(wp, '10-worker-reached');
  await wp.goBack();
  await wp.locator(gridRow).waitFor();
  await eventually('grid coverage', () => rateOf(wp, gridRow), (r) => r > afterRead);
  expect(await textOf(wp, `${gridRow} .e2e-coverage-facts`)).toContain('上门 1户');
  await shot(wp, '11-worker-coverage');

  // The street's staff export the coverage with the not-reached door list; the file names the grid, never a phone.
  await sp.goto(`${app.url}/#/features/notices/pages/coverage/index?id=${id}`);
  await sp.locator('.e2e-coverage-export-xlsx').waitFor();
  const download = sp.waitForEvent('download', { timeout: 30000 });
  await sp.locator('.e2e-coverage-export-xlsx').click();
  const outcome = await Promise.race([
    download.then((d) => ({ d, error: null })),
    sp.locator('.e2e-coverage-export-error').waitFor({ timeout: 30000 }).then(async () => ({ d: null, error: await textOf(sp, '.e2e-coverage-export-error') })),
  ]);
  expect(outcome.error).toBeNull();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await outcome.d!.path())!);
  const cells: string[] = [];
  for (const sheet of book.worksheets) sheet.eachRow((r) => (r.values as unknown[]).forEach((v) => v !== null && v !== undefined && cells.push(String(v))));
  expect(cells.some((v) => v.includes(grid.name))).toBe(true);
  expect(cells.some((v) => v.includes('明日停水通知'))).toBe(true);
  // A mobile number is 11 digits on its own (not the digits inside a rate such as 0.000633914421…).
  expect(cells.filter((v) => /(^|[^\d.])1[3-9]\d{9}(?!\d)/.test(v))).toEqual([]);
  await sp.locator('.e2e-coverage-export-done').waitFor();
  await shot(sp, '11b-staff-coverage-export');

  // A grid worker publishes only to their own grids (or buildings in them).
  await wp.goto(`${app.url}/#/features/notices/pages/publish/index`);
  await wp.locator('.e2e-scope-level').first().waitFor();
  expect(await wp.locator('.e2e-scope-level').allInnerTexts()).toEqual(['按网格', '按楼栋']);
  await wp.locator('.e2e-scope-level-buildings').click();
  await wp.locator('.e2e-scope-place').first().click();
  expect(await textOf(wp, '.e2e-scope-summary')).toContain('号楼');
  await shot(wp, '11a-worker-publish-buildings');
});

test('an edit tells readers 已更新 and why; a withdrawal takes it out of their feed', async () => {
  const all = await residents();
  const a = all[1];
  const staff = await firstOf('community_staff', a.communityId);
  // Published through the gateway as the community's staff; edited and withdrawn in the app.
  const reply = await fetch(`${app.url}/api/fn/notice`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await sessionToken(staff.id)}` },
    body: JSON.stringify({
      action: 'publish',
      data: {
        idempotencyKey: 'e2eEditWithdraw01',
        scope: { level: 'communities', ids: [a.communityId] },
        title: '社区义诊活动',
        body: '本周六上午在社区服务中心举办义诊。',
        imageFileIds: [],
        attachments: [],
        category: 'activity',
        urgent: false,
        requireAck: false,
        pinned: true,
      },
    }),
  });
  const published = (await reply.json()) as { ok: boolean; data: { id: string } };
  expect(published.ok).toBe(true);
  const id = published.data.id;

  const rp = await app.phone();
  await signInAs(rp, app, { role: 'resident', name: a.name }, `${DETAIL}${id}`);
  await rp.locator('.e2e-detail-title', { hasText: '社区义诊活动' }).waitFor();
  expect(await rp.locator('.e2e-changed-banner').count()).toBe(0);

  // 修改 with a 修改说明, from the staff view of the notice.
  const cp = await app.phone();
  await signInAs(cp, app, { role: 'community_staff', name: staff.name }, `${DETAIL}${id}`);
  await cp.locator('.e2e-edit').click();
  const title = cp.locator('.e2e-input-title input');
  await title.waitFor();
  expect(await title.inputValue()).toBe('社区义诊活动');
  await cp.locator('.e2e-publish').click();
  expect(await textOf(cp, '.e2e-error-note')).toContain('修改');
  await title.fill('社区义诊活动（改期）');
  await cp.locator('.e2e-input-note textarea').fill('改到周日上午');
  await shot(cp, '12-staff-edit');
  await cp.locator('.e2e-publish').click();
  await cp.locator('.e2e-detail-title', { hasText: '（改期）' }).waitFor();
  expect(await textOf(cp, '.e2e-revision')).toContain('改到周日上午');

  // The resident who read it sees 已更新, and on opening it, when and why.
  await rp.goto(`${app.url}${FEED}`);
  const item = rp.locator(`#notice-${id}`);
  await item.locator('.e2e-notice-changed').waitFor();
  expect(await item.locator('.e2e-notice-pinned').count()).toBe(1);
  await shot(rp, '13-resident-feed-updated');
  await item.click();
  expect(await textOf(rp, '.e2e-changed-banner')).toContain('改到周日上午');
  await shot(rp, '14-resident-changed-banner');

  // 撤回 with a reason: kept for the record, gone for residents.
  await cp.locator('.e2e-withdraw').click();
  await cp.locator('.e2e-dialog-withdraw .e2e-dialog-text textarea').fill('活动取消');
  await cp.locator('.e2e-dialog-confirm').click();
  await cp.locator('.e2e-withdrawn').waitFor();
  expect(await textOf(cp, '.e2e-detail-state')).toBe('已撤回');
  expect(await cp.locator('.e2e-edit').count()).toBe(0);
  await shot(cp, '15-staff-withdrawn');
  expect((await app.runtime.store.notices.get(id))!.withdrawn).toMatchObject({ reason: '活动取消' });

  await rp.goto(`${app.url}${FEED}`);
  await rp.locator('.e2e-empty, .e2e-notice-list').first().waitFor();
  await eventually('withdrawn notice gone', () => rp.locator(`#notice-${id}`).count(), (n) => n === 0);
  await rp.goto(`${app.url}${DETAIL}${id}`);
  expect(await textOf(rp, '.e2e-error-message')).toContain('没有找到这条通知');
});

/**
 * A real street's first day, from an empty database: the office runs `street init`, its admin redeems the printed
 * invitation with a new WeChat, downloads the template, fills it with two communities, four grids and 200
 * households, uploads it, fixes the one reported error in Excel, imports it, invites a grid worker from the
 * register; the worker redeems in a fresh browser and finds their grid and card; a resident binds and the worker
 * confirms; the admin revokes the worker, and the worker's next action is refused in Chinese.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { calendarStatus } from '@core/calendar/calendar-status';
import { modalShown, settled, startApp, textOf, type App } from './support/app';
import { bindRoom, newWechatUser } from './support/people';
import { uploadRegister } from './support/registers';

let app: App;
let scratch: string;
beforeAll(async () => {
  app = await startApp('street-from-empty', { seed: false });
  scratch = mkdtempSync(join(tmpdir(), 'wgt-street-'));
});
afterAll(async () => {
  await app?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const STREET = '420106012000';
const C1 = '420106012001';
const C2 = '420106012002';
const GRIDS = [`${C1}001`, `${C1}002`, `${C2}001`, `${C2}002`];
const WORKER = { name: '郑晓梅', mobile: '13971230415' };

/** `npm run wgt -- street init` against the running app's own data folder, as the office runs it. */
function streetInit(): { code: string; link: string; qr: string } {
  const qr = join(scratch, 'invitation.svg');
  const run = spawnSync(
    'npx',
    ['tsx', 'scripts/wgt.ts', 'street', 'init', '--name', '水果湖街道', '--code', STREET, '--district', '武昌区', '--admin-name', '周建华', '--admin-mobile', '13807140826', '--qr', qr],
    { cwd: resolve(__dirname, '..'), encoding: 'utf8', env: { ...process.env, WGT_DATA_DIR: app.runtime.dataDir, WGT_PUBLIC_URL: app.url } },
  );
  if (run.status !== 0) throw new Error(`street init exited ${run.status}: ${run.stderr}`);
  const code = /邀请码: ([A-Z0-9]{8})/.exec(run.stdout)?.[1];
  const link = /邀请链接: (\S+)/.exec(run.stdout)?.[1];
  if (!code || !link) throw new Error(`street init printed no invitation: ${run.stdout}`);
  return { code, link, qr };
}

async function redeem(page: Page, link: string, last4: string): Promise<string> {
  await page.goto(link);
  await page.locator('.e2e-redeem-last4 input').fill(last4);
  await page.locator('.e2e-redeem-submit').click();
  await page.locator('.e2e-redeem-role').first().waitFor();
  return (await page.locator('.e2e-redeem-role').allInnerTexts()).join('\n');
}

/**
 * Fills the downloaded template the way an office does: the example rows go, the street's rows come in under
 * the template's own headers. `wrongGrid` puts the last grid under the other community (the error to fix).
 */
async function fillTemplate(template: Buffer, wrongGrid: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const fill = (sheet: string, rows: Record<string, string | number>[]) => {
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`template has no sheet ${sheet}`);
    const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').replace('（必填）', ''));
    ws.spliceRows(2, ws.rowCount - 1);
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 2);
      for (const [label, value] of Object.entries(r)) {
        const col = headers.indexOf(label);
        if (col < 1) throw new Error(`template sheet ${sheet} has no column ${label}: ${headers.join(',')}`);
        row.getCell(col).value = value;
      }
      row.commit();
    });
  };
  fill('社区', [
    { 社区代码: C1, 社区名称: '东亭社区', 服务热线: '027-87310001' },
    { 社区代码: C2, 社区名称: '翠柳社区', 服务热线: '027-87310002' },
  ]);
  const communityOf = (grid: string) => grid.slice(0, 12);
  fill('网格', GRIDS.map((g, i) => ({
    网格编码: g,
    网格名称: `${communityOf(g) === C1 ? '东亭' : '翠柳'}第${(i % 2) + 1}网格`,
    社区代码: wrongGrid && i === 3 ? C1 : communityOf(g),
  })));
  const households: Record<string, string | number>[] = [];
  GRIDS.forEach((g, i) => {
    for (let unit = 1; unit <= 2; unit++) {
      for (let n = 1; n <= 25; n++) {
        const floor = Math.ceil(n / 5);
        households.push({ 网格编码: g, 楼栋: `${(i % 2) + 1}号楼`, 单元: unit, 房号: `${floor}0${((n - 1) % 5) + 1}` });
      }
    }
  });
  fill('房屋', households);
  fill('工作人员', [
    { 姓名: WORKER.name, 手机号: WORKER.mobile, 角色: '网格员', 社区代码: C1, 负责网格: GRIDS[0] },
    { 姓名: '钱国栋', 手机号: '13971230416', 角色: '网格员', 社区代码: C1, 负责网格: GRIDS[1], B角网格: GRIDS[0] },
    { 姓名: '孙雅琴', 手机号: '13971230417', 角色: '网格员', 社区代码: C2, 负责网格: `${GRIDS[2]}、${GRIDS[3]}` },
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a street starts empty, imports its register, invites a worker who confirms a resident, and revokes them', async () => {
  expect(await app.runtime.store.places.listGrids({})).toEqual([]);

  // The office creates the street; the QR image printed for the admin is a real SVG of the link.
  const init = streetInit();
  expect(init.link.startsWith(`${app.url}/`)).toBe(true);
  expect(readFileSync(init.qr, 'utf8')).toContain('<svg');

  // The admin opens the link with a WeChat the app has never seen, enters the last 4 digits and becomes admin.
  const admin = await newWechatUser(app);
  expect(await redeem(admin, init.link, '0826')).toContain('街道管理员');
  await settled(admin);
  await app.shot(admin, '01-admin-redeemed');
  await admin.locator('.e2e-redeem-home').click();
  await admin.locator('.e2e-entry-register-import').waitFor();
  // Street staff are warned on home when a year's 放假/调休 calendar is missing (from 1 November of the year before).
  const calendar = calendarStatus((await app.runtime.store.requestConfig.calendars()).map((y) => y.year), new Date());
  if (calendar.message) expect(await textOf(admin, '.e2e-calendar-warning')).toBe(calendar.message);
  else expect(await admin.locator('.e2e-calendar-warning').count()).toBe(0);
  await settled(admin);
  await app.shot(admin, '01b-admin-home');
  await admin.locator('.e2e-entry-register-import').click();
  await admin.locator('.e2e-choose-file').waitFor();

  // The template comes from the page; the office fills it in Excel.
  const download = admin.waitForEvent('download');
  await admin.locator('.e2e-template').click();
  const templatePath = join(scratch, 'template.xlsx');
  await (await download).saveAs(templatePath);
  const template = readFileSync(templatePath);

  expect(await uploadRegister(admin, '水果湖台账.xlsx', await fillTemplate(template, true))).toEqual([]);
  await admin.locator('.e2e-dry-run').click();
  await admin.locator('.e2e-problem').first().waitFor();
  // One wrong cell, reported where it is; the 50 households and the worker of that grid wait for it, said once each.
  const messages = await admin.locator('.e2e-problem-message').allInnerTexts();
  expect(messages).toHaveLength(3);
  expect(await textOf(admin, '.e2e-problem-row')).toBe('5');
  expect(messages[0]).toContain(`前12位应为所属社区代码“${C1}”`);
  expect(messages.join('\n')).toContain(`本表有 50 行（从第 152 行起）属于网格 ${GRIDS[3]}`);
  expect(await admin.locator('.e2e-apply').getAttribute('class')).toContain('abtn--disabled');
  await admin.locator('.e2e-problems').scrollIntoViewIfNeeded();
  await app.shot(admin, '02-report-with-error');
  expect(await app.runtime.store.places.listGrids({})).toEqual([]);

  expect(await uploadRegister(admin, '水果湖台账（改正）.xlsx', await fillTemplate(template, false))).toEqual([]);
  await admin.locator('.e2e-dry-run').click();
  await admin.locator('.e2e-report').waitFor();
  expect(await admin.locator('.e2e-problem').count()).toBe(0);
  expect(await textOf(admin, '.e2e-count-households .e2e-added')).toBe('200');
  expect(await textOf(admin, '.e2e-count-grids .e2e-added')).toBe('4');
  await admin.locator('.e2e-report').scrollIntoViewIfNeeded();
  await app.shot(admin, '03-clean-report');
  await admin.locator('.e2e-apply').click();
  await admin.locator('.e2e-job-done').waitFor({ timeout: 60000 });
  expect(await textOf(admin, '.e2e-done-households')).toContain('新增 200');
  await app.shot(admin, '04-imported');
  const grids = await app.runtime.store.places.listGrids({});
  expect(grids.map((g) => [g.code, g.households]).sort()).toEqual(GRIDS.map((g) => [g, 50]));

  // 人员管理: the worker from the register, not yet active; the admin invites them.
  await admin.goto(`${app.url}/`);
  await admin.locator('.e2e-entry-people').click();
  await admin.locator('.e2e-person-row').first().waitFor();
  const row = admin.locator('.e2e-person-row', { hasText: WORKER.name });
  await row.waitFor();
  expect(await row.locator('.e2e-person-status').innerText()).toBe('未激活');
  expect(await row.innerText()).toContain('139****0415');
  await row.locator('.e2e-person-invite').click();
  const code = await textOf(admin, '.e2e-invite-code');
  const link = await textOf(admin, '.e2e-invite-link');
  await settled(admin);
  await app.shot(admin, '05-invite-worker');
  await admin.locator('.e2e-invite-close').click();

  // The worker redeems in a browser of their own and finds their grid and card on home.
  const worker = await newWechatUser(app);
  expect(link).toContain(`code=${code}`);
  expect(await redeem(worker, link, WORKER.mobile.slice(-4))).toContain('网格员');
  await worker.locator('.e2e-redeem-home').click();
  const card = worker.locator('.home-worker-card').first();
  await card.waitFor();
  expect(await card.innerText()).toContain('东亭第1网格');
  expect(await card.innerText()).toContain(WORKER.name);
  // The register gave this grid no 四至: the card says nothing rather than 东至，南至….
  expect(await card.innerText()).not.toContain('东至');
  await settled(worker);
  await app.shot(worker, '06-worker-home');

  // Two residents bind rooms of the worker's grid; the worker confirms the first.
  const bind = async (room: number): Promise<Page> => {
    const page = await newWechatUser(app);
    await bindRoom(page, app, { community: '东亭社区', building: '1号楼', room });
    return page;
  };
  const resident = await bind(0);
  await settled(resident);
  await app.shot(resident, '07-resident-pending');
  await bind(1);
  await worker.goto(`${app.url}/`);
  await worker.reload();
  await worker.locator('.e2e-entry-bindings').click();
  const items = worker.locator('.e2e-binding-item');
  await items.nth(1).waitFor();
  await items.first().locator('.e2e-binding-confirm').click();
  await worker.locator('.taro-modal__foot div:last-child').click();
  await worker.waitForFunction("document.querySelectorAll('.e2e-binding-item').length === 1");
  await settled(worker);
  await app.shot(worker, '08-worker-confirmed-one');
  await resident.goto(`${app.url}/#/pages/mine/index`);
  await resident.reload();
  await resident.locator('.e2e-mine-binding-status', { hasText: '已确认' }).waitFor();

  // The admin revokes the worker; the worker's next tap (confirming the second resident) is refused.
  await admin.goto(`${app.url}/`);
  await admin.reload();
  await admin.locator('.e2e-entry-people').click();
  const active = admin.locator('.e2e-person-row', { hasText: WORKER.name });
  await active.locator('.e2e-person-status', { hasText: '已激活' }).waitFor();
  await active.locator('.e2e-person-revoke').click();
  await admin.locator('.taro-modal__foot div:last-child').click();
  expect(await textOf(admin, '.taro-modal__content')).toContain('东亭第1网格');
  await modalShown(admin);
  await app.shot(admin, '09-revoked');
  await admin.locator('.taro-modal__foot div:last-child').click();

  await worker.locator('.e2e-binding-item').first().locator('.e2e-binding-confirm').click();
  await worker.locator('.taro-modal__foot div:last-child').click();
  const refusal = worker.locator('.taro-modal__content', { hasText: /权限|无权/ });
  await refusal.waitFor();
  expect(await worker.locator('.taro-modal__title').last().innerText()).toBe('没有处理成功');
  await modalShown(worker);
  await app.shot(worker, '10-worker-refused');
  const firstGrid = grids.find((g) => g.code === GRIDS[0])!;
  expect(await app.runtime.store.users.listPendingResidents(firstGrid.id)).toHaveLength(1);

  // Until someone is assigned, the street's grid list says the grid has no worker.
  await admin.goto(`${app.url}/`);
  await admin.reload();
  await admin.locator('.e2e-entry-street').click();
  const gridRow = admin.locator(`#grid-${firstGrid.id}`);
  await gridRow.waitFor();
  expect(await gridRow.locator('.e2e-grid-row-primary').innerText()).toContain('无网格员');
  await settled(admin);
  await app.shot(admin, '11-grid-without-worker');
}, 240_000);

/**
 * 台账导入: the street admin downloads nothing, uploads the street's register as Excel, sees a wrong cell by
 * sheet, row and column, fixes it in Excel, uploads again (the mapping kept), imports, and sees the counts.
 */
import { expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import { startApp, signInAs, textOf, type App } from './support/app';
import { uploadRegister } from './support/registers';

let app: App;
beforeAll(async () => {
  app = await startApp('register-import');
});
afterAll(() => app?.close());

// The demo street's code is 429901001; a community new to it, one grid under it (12 + 3 digits).
const COMMUNITY = '429901001099';
const GRID = `${COMMUNITY}001`;

async function registerXlsx(mobile: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const add = (name: string, rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name);
    rows.forEach((r) => ws.addRow(r));
  };
  add('社区', [['社区代码（必填）', '社区名称（必填）', '服务热线'], [COMMUNITY, '银杏新苑社区', '027-88880000']]);
  add('网格', [['网格编码（必填）', '网格名称（必填）', '社区代码（必填）'], [GRID, '新苑一网格', COMMUNITY]]);
  add('房屋', [
    ['网格编码（必填）', '楼栋（必填）', '单元', '房号（必填）'],
    [GRID, '1栋', 1, '101'],
    [GRID, '1栋', 1, '102'],
    [GRID, '1栋', 2, '201'],
  ]);
  add('工作人员', [['姓名（必填）', '手机号（必填）', '角色（必填）', '社区代码', '负责网格'], ['林晓燕', mobile, '网格员', COMMUNITY, GRID]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a register with an invalid mobile shows the problem by row and column and cannot be applied; the corrected file imports', async () => {
  const admin = (await app.runtime.store.users.getById('user-street-1'))!;
  expect(admin.posts.some((p) => p.role === 'street_admin')).toBe(true);
  const page = await app.phone();
  await signInAs(page, app, { role: 'street_staff', name: admin.name });
  await page.locator('.e2e-entry-register-import').click();
  await page.locator('.e2e-choose-file').waitFor();
  await app.shot(page, '01-empty');

  // A file that is not a spreadsheet: the server's Chinese message, the page still usable.
  const refused = await uploadRegister(page, '说明.txt', Buffer.from('这不是表格'));
  expect(refused.join('')).toContain('表格文件');
  await app.shot(page, '02-refused');

  expect(await uploadRegister(page, '台账.xlsx', await registerXlsx('1380000'))).toEqual([]);
  await page.locator('.e2e-sheet').nth(3).waitFor();
  expect(await page.locator('.e2e-sheet').count()).toBe(4);
  await app.shot(page, '03-mapping');
  await page.locator('.e2e-dry-run').click();
  const problem = page.locator('.e2e-problem').first();
  await problem.waitFor();
  expect(await textOf(page, '.e2e-problem-row')).toBe('2');
  expect(await textOf(page, '.e2e-problem-column')).toContain('手机号');
  expect(await textOf(page, '.e2e-problem-message')).toContain('手机号');
  await page.locator('.e2e-fix-in-excel').waitFor();
  expect(await page.locator('.e2e-apply').getAttribute('class')).toContain('abtn--disabled');
  await app.shot(page, '04-problems');

  expect(await uploadRegister(page, '台账（改正）.xlsx', await registerXlsx('13800001234'))).toEqual([]);
  await page.locator('.e2e-dry-run').click();
  await page.locator('.e2e-report').waitFor();
  expect(await page.locator('.e2e-problem').count()).toBe(0);
  expect(await textOf(page, '.e2e-count-households .e2e-added')).toBe('3');
  await app.shot(page, '05-clean-report');

  await page.locator('.e2e-apply').click();
  await page.locator('.e2e-job-done').waitFor({ timeout: 60000 });
  expect(await textOf(page, '.e2e-job .section__title')).toBe('导入完成');
  expect(await textOf(page, '.e2e-done-communities')).toContain('新增 1');
  expect(await textOf(page, '.e2e-done-households')).toContain('新增 3');
  await app.shot(page, '06-done');
  // Admins often use a desktop browser: the page widens to its 960px column.
  await page.setViewportSize({ width: 1280, height: 900 });
  await app.shot(page, '07-desktop');

  const grids = await app.runtime.store.places.listGrids({});
  expect(grids.some((g) => g.code === GRID)).toBe(true);
}, 120000);

/**
 * 考核评价 in the browser, on a small history made by real roles through the gateway with the runtime's clock
 * moved like days passing: in one grid, a resident reports 13 problems in November 2026; the grid worker accepts
 * all in time, resolves 9 within the deadline and 3 a week later (late; two of them after the resident found them
 * 不满意 and asked for 重办), and leaves one open (超期未办结); the resident confirms the other 10 as (基本)满意.
 * Then, in December: the contact card has no 服务公示 while 9 are rated and shows it from the 10th; street staff
 * open the dashboard, read the grid's 按期办结率, tap it and find as many requests as it counts, do the same from
 * the ranking, and export the month as XLSX, which the test reads back; the worker sees 我的考核 with the late
 * and 不满意 requests pulling the grid down.
 */
import { expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apiAs, type ApiUser } from './support/api';
import { settled, signInAs, startApp, testClock, textOf, type App } from './support/app';
import { gridOf, type DemoGrid } from './support/demo';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Monday 2 November 2026, 09:00 in Beijing: a plain working week (no holiday in November).
const START = '2026-11-02T01:00:00Z';
const DECEMBER = Date.parse('2026-12-02T01:00:00Z');
const clock = testClock(START);
const PROBLEMS = ['楼道灯不亮', '下水道堵塞', '电梯异响', '垃圾未清运', '路面破损', '消防通道被占', '绿化带积水', '单元门禁失灵', '外墙脱落', '楼顶漏水', '车棚电线私拉', '路灯不亮', '窨井盖松动'];

let app: App;
let grid: DemoGrid;
let resident: { id: string; name: string };
let streetStaff: { id: string; name: string };
const ids: string[] = [];

beforeAll(async () => {
  app = await startApp('assessment', { clock });
  const { people } = await app.runtime.store.listPeople({ role: 'resident', limit: 1, offset: 0 });
  const user = (await app.runtime.store.users.getById(people[0].id))!;
  resident = { id: user.id, name: user.name };
  grid = await gridOf(app.runtime, user.residence!.gridId);
  const s = await app.runtime.store.listPeople({ role: 'street_staff', limit: 1, offset: 0 });
  streetStaff = { id: s.people[0].id, name: s.people[0].name };
});
afterAll(() => app?.close());

/** A phone whose clock reads the runtime's (the pages compute 本月 from it). */
async function phone(): Promise<Page> {
  const page = await app.phone();
  await page.clock.setFixedTime(clock.now());
  return page;
}

/** Scrolls the (last, i.e. the current page's) element to the top of the screen for a screenshot. */
async function toTop(page: Page, selector: string): Promise<void> {
  await page.locator(selector).last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

async function largeText(page: Page): Promise<void> {
  await page.evaluate(`localStorage.setItem('wgt.largeText', JSON.stringify({ data: '1' }))`);
  await page.reload();
}

const version = async (id: string) => (await app.runtime.store.requests.get(id))!.version;
async function act(user: ApiUser, action: 'accept' | 'resolve' | 'confirm' | 'reopen', id: string, extra: Record<string, unknown> = {}): Promise<void> {
  await user.call('request', action, { id, version: await version(id), ...extra } as never);
  clock.advance(MINUTE);
}

test('a month of one grid, and the 服务公示 it earns on the contact card', async () => {
  // Sessions expire as days pass on the clock: each person signs in again after a jump.
  let r = await apiAs(app, resident.id);
  let w = await apiAs(app, grid.primaryWorker.id);
  const signInAgain = async () => {
    [r, w] = await Promise.all([apiAs(app, resident.id), apiAs(app, grid.primaryWorker.id)]);
  };
  const categories = await r.call('request', 'categories', {});
  for (const [i, p] of PROBLEMS.entries()) {
    const d = await r.call('request', 'submit', { idempotencyKey: `e2e-assess-${i}`, categoryId: categories[i % categories.length].id, description: `${p}，请尽快处理（第${i + 1}件）`, photoFileIds: [], hideName: false });
    ids.push(d.id);
    // Five a resident may file per ten minutes: one every three.
    clock.advance(3 * MINUTE);
  }
  for (const id of ids) await act(w, 'accept', id);
  for (const id of [...ids.slice(0, 9), ids[10], ids[11]]) await act(w, 'resolve', id, { note: '已处理完毕', photoFileIds: [] });
  // Two the resident is not satisfied with (不满意 → 重办): a new deadline, 2 working days away.
  for (const id of [ids[10], ids[11]]) await act(r, 'reopen', id, { comment: '问题还在，处理得不彻底' });
  // A week later (past every deadline): the two reopened and one more resolved late; the last stays open.
  clock.set(Date.parse(START) + 7 * DAY);
  await signInAgain();
  for (const id of ids.slice(9, 12)) await act(w, 'resolve', id, { note: '已处理完毕', photoFileIds: [] });
  for (const id of ids.slice(0, 7)) await act(r, 'confirm', id, { rating: 'satisfied' });

  const stored = await Promise.all(ids.map((id) => app.runtime.store.requests.get(id)));
  expect(stored.slice(0, 9).every((x) => x!.resolvedLate === false)).toBe(true);
  expect(stored.slice(9, 12).every((x) => x!.resolvedLate === true)).toBe(true);
  expect(stored.slice(10, 12).every((x) => x!.rating?.value === 'unsatisfied' && x!.reopenCount === 1)).toBe(true);
  expect(stored[12]!.status).toBe('accepted');
  expect(stored.filter((x) => x!.rating).length).toBe(9);

  // December: the scorecard shows the three whole months before (September to November). 9 rated: none yet.
  clock.set(DECEMBER);
  await signInAgain();
  const rp = await phone();
  await signInAs(rp, app, { role: 'resident', name: resident.name });
  await rp.locator('.e2e-card-hotline').waitFor();
  expect(await rp.locator('.e2e-scorecard').count()).toBe(0);
  await app.shot(rp, '01-resident-card-no-scorecard');

  // The 10th rating (of a November request: it counts for November) shows it: 8 of 10 satisfied.
  await act(r, 'confirm', ids[7], { rating: 'satisfied' });
  await rp.reload();
  await rp.locator('.e2e-scorecard').waitFor();
  expect(await textOf(rp, '.e2e-scorecard-satisfaction')).toBe('80.0%');

  // The rest of November's ratings.
  for (const id of [ids[8], ids[9]]) await act(r, 'confirm', id, { rating: 'basically_satisfied' });
  await rp.clock.setFixedTime(clock.now());
  await rp.reload();
  await rp.locator('.e2e-scorecard').waitFor();
  expect(await textOf(rp, '.e2e-scorecard-ontime')).toBe('75.0%');
  expect(await textOf(rp, '.e2e-scorecard-satisfaction')).toBe('83.3%');
  expect(await textOf(rp, '.e2e-scorecard-handled')).toBe('12 件');
  expect(await rp.locator('.e2e-scorecard').innerText()).not.toContain(grid.primaryWorker.name);
  await toTop(rp, '.e2e-scorecard');
  await settled(rp);
  await app.shot(rp, '02-resident-scorecard');
  await largeText(rp);
  await toTop(rp, '.page--large .e2e-scorecard');
  await settled(rp);
  await app.shot(rp, '03-resident-scorecard-large');
});

test('street staff: a grid\'s 按期办结率, the requests behind it, the ranking, and the month as XLSX', async () => {
  const sp = await phone();
  await signInAs(sp, app, { role: 'street_staff', name: streetStaff.name });
  await sp.locator('.e2e-entry-assessment').click();
  await sp.locator('.e2e-figures').waitFor();
  expect(await textOf(sp, '.e2e-period-label')).toBe('2026年12月');
  // It is December: 上月 is November, the month of the history.
  await sp.locator('.e2e-period .e2e-chip', { hasText: '上月' }).click();
  await sp.locator('.e2e-period-label', { hasText: '2026年11月' }).waitFor();
  await sp.locator('.e2e-updating').waitFor({ state: 'detached' });
  await settled(sp);
  await app.shot(sp, '03b-street-dashboard');
  // The 近12个月趋势 is an F2 chart on a canvas: drawn (a bar's pixels in November's column are the bar colour),
  // and every month's figure is still text under it.
  // The browser's canvas, typed here by what the test reads (the test project has no DOM library).
  type CanvasLike = { width: number; height: number; clientWidth: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null };
  const drawn = () => sp.locator('.e2e-trend-canvas canvas').last().evaluate((el) => {
    const c = el as unknown as CanvasLike;
    const ctx = c.getContext('2d')!;
    const px = ctx.getImageData(Math.floor(c.width * (11.5 / 12)), c.height - Math.ceil(c.height * 0.05), 1, 1).data;
    return { w: c.width, h: c.height, cssW: c.clientWidth, px: Array.from(px) };
  });
  await sp.waitForFunction(`(() => {
    const c = [...document.querySelectorAll('.e2e-trend-canvas canvas')].pop();
    return !!c && c.width > 0 && c.getContext('2d').getImageData(Math.floor(c.width * (11.5 / 12)), c.height - Math.ceil(c.height * 0.05), 1, 1).data[3] > 0;
  })()`);
  const chart = await drawn();
  expect(chart.cssW).toBeGreaterThan(200);
  expect(chart.w).toBeGreaterThanOrEqual(chart.cssW);
  // #1a5fd1, the primary colour of the bars.
  expect(chart.px.slice(0, 3)).toEqual([0x1a, 0x5f, 0xd1]);
  const figures = await sp.locator('.e2e-trend-bar').evaluateAll((els) => els.slice(-12).map((e) => [e.getAttribute('data-month'), (e.querySelector('.e2e-trend-value')?.textContent ?? '').trim()]));
  expect(figures.length).toBe(12);
  expect(figures[11][0]).toBe('2026-11');
  expect(Number(figures[11][1])).toBeGreaterThanOrEqual(13);
  // Another measure redraws the chart: 满意率 is 10 of 12 in the street's November at most 100%, the text follows.
  await sp.locator('.e2e-trend-metric .e2e-chip', { hasText: '满意率' }).last().click();
  await sp.locator('.e2e-trend-bar[data-month="2026-11"] .e2e-trend-value', { hasText: '%' }).last().waitFor();
  await sp.waitForFunction(`(() => {
    const c = [...document.querySelectorAll('.e2e-trend-canvas canvas')].pop();
    return !!c && c.getContext('2d').getImageData(Math.floor(c.width * (11.5 / 12)), c.height - Math.ceil(c.height * 0.05), 1, 1).data[3] > 0;
  })()`);
  await toTop(sp, '.e2e-trend');
  await settled(sp);
  await app.shot(sp, '03c-trend-chart');
  await sp.locator('.e2e-trend-metric .e2e-chip', { hasText: '受理数' }).last().click();

  // Down to the grid: its community, then the grid.
  const communityName = (await app.runtime.store.places.getCommunity(grid.communityId))!.name;
  await sp.locator('.e2e-scope-community .e2e-chip', { hasText: communityName }).click();
  await sp.locator('.e2e-scope-grid .e2e-chip', { hasText: grid.name }).first().click();
  await sp.locator('.e2e-scope-name', { hasText: grid.name }).waitFor();
  await sp.locator('.e2e-updating').waitFor({ state: 'detached' });
  expect(await textOf(sp, '.e2e-figure-onTimeRate .e2e-figure-value')).toBe('75.0%');
  expect(await textOf(sp, '.e2e-figure-satisfactionRate .e2e-figure-value')).toBe('83.3%');
  expect(await textOf(sp, '.e2e-figure-accepted .e2e-figure-value')).toBe('13 件');
  expect(await textOf(sp, '.e2e-figure-overdueNow .e2e-figure-value')).toBe('1 件');
  await sp.locator(`#request-${ids[12]}`).waitFor();
  // The definition opens right under the figure.
  await sp.locator('.e2e-figure-onTimeRate .e2e-figure-help').click();
  expect(await textOf(sp, '.e2e-figure-onTimeRate .e2e-figure-definition')).toContain('办结时限');
  await toTop(sp, '.e2e-figure-onTimeRate');
  await settled(sp);
  await app.shot(sp, '04-grid-figures');

  // Tap 按期办结率: the list is what the rate is taken over (resolved in November: 12), 9 of them on time.
  await sp.locator('.e2e-figure-onTimeRate .e2e-figure-value').click();
  await sp.locator('.e2e-figure-title').waitFor();
  expect(await textOf(sp, '.e2e-figure-shown')).toBe('75.0%');
  expect(await textOf(sp, '.e2e-total')).toBe('12');
  expect(await textOf(sp, '.e2e-counted')).toBe('9');
  // (The dashboard stays in the page stack behind: read this page's list only.)
  await sp.locator('.e2e-request-list .e2e-request-item').nth(11).waitFor();
  const listed = await sp.locator('.e2e-request-list .e2e-request-item').evaluateAll((els) => els.map((e) => e.id.replace('request-', '')));
  expect(listed.sort()).toEqual(ids.slice(0, 12).sort());
  const late = await sp.locator('.asm-marked[data-counted="0"] .e2e-request-item').evaluateAll((els) => els.map((e) => e.id.replace('request-', '')));
  expect(late.sort()).toEqual(ids.slice(9, 12).sort());
  await settled(sp);
  await app.shot(sp, '05-figure-requests');
  await sp.goBack();
  await sp.waitForURL(/assessment\/pages\/dashboard/);
  await sp.locator('.e2e-figures').last().waitFor();

  // The same from the ranking: the street's grids sorted by 按期办结率, the grid's cell → the same list.
  await sp.locator('.e2e-scope-community .e2e-chip', { hasText: '全街道' }).click();
  await sp.locator('.e2e-scope-name', { hasText: grid.name }).waitFor({ state: 'detached' });
  await sp.locator('.e2e-rank-sort .e2e-chip', { hasText: '按期办结率' }).click();
  const row = sp.locator(`.e2e-rank-row[data-scope="${grid.id}"]`);
  expect((await row.locator('.e2e-rank-cell').innerText()).trim()).toBe('75.0%');
  expect((await sp.locator('.e2e-rank-row').first().getAttribute('data-scope'))).toBe(grid.id);
  await toTop(sp, '.e2e-ranking');
  await settled(sp);
  await app.shot(sp, '06-ranking-by-on-time');
  await row.locator('.e2e-rank-cell').click();
  // The figure page is on top (its route in the address) before going back, so back returns to the dashboard.
  await sp.waitForURL(/assessment\/pages\/figure/);
  await sp.locator('.e2e-figure-title', { hasText: grid.name }).last().waitFor();
  expect(await textOf(sp, '.e2e-total')).toBe('12');
  await settled(sp);
  await sp.goBack();
  await sp.waitForURL(/assessment\/pages\/dashboard/);
  await sp.locator('.e2e-figures').last().waitFor();

  // 大字模式: the same dashboard stays readable (one figure a row).
  await largeText(sp);
  await sp.locator('.page--large .e2e-figures').waitFor();
  await sp.locator('.e2e-period .e2e-chip', { hasText: '上月' }).click();
  await sp.locator('.e2e-period-label', { hasText: '2026年11月' }).waitFor();
  await sp.locator('.e2e-updating').waitFor({ state: 'detached' });
  await settled(sp);
  await app.shot(sp, '08-dashboard-large');
  await toTop(sp, '.e2e-ranking');
  await app.shot(sp, '09-ranking-large');
  await toTop(sp, '.e2e-trend');
  await app.shot(sp, '10-trend-large');
  await toTop(sp, '.e2e-hot');
  await app.shot(sp, '11-hot-large');
});

test('street staff export November as XLSX; the file carries the grid\'s figures', async () => {
  const sp = await phone();
  await signInAs(sp, app, { role: 'street_staff', name: streetStaff.name });
  await sp.locator('.e2e-entry-assessment').click();
  await sp.locator('.e2e-figures').waitFor();
  await sp.locator('.e2e-period .e2e-chip', { hasText: '上月' }).click();
  await sp.locator('.e2e-period-label', { hasText: '2026年11月' }).waitFor();
  // Export the month (the street) as XLSX and read it back.
  // The download, or the page's own words for why there is none (so a failure here says what the person saw).
  const download = sp.waitForEvent('download', { timeout: 30000 });
  await sp.locator('.e2e-export-xlsx').click();
  const outcome = await Promise.race([
    download.then((d) => ({ d, error: null })),
    sp.locator('.e2e-export-error').waitFor({ timeout: 30000 }).then(async () => ({ d: null, error: await textOf(sp, '.e2e-export-error') })),
  ]);
  expect(outcome.error).toBeNull();
  const file = await outcome.d!.path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  // 考核指标表: the street's 合计 first, then a sheet per level; the grid's line is on 网格指标.
  const sheet = book.getWorksheet('网格指标') ?? book.worksheets.find((w) => w.name.includes('网格') && !w.name.includes('网格员'));
  if (!sheet) throw new Error(`no grid sheet in ${book.worksheets.map((w) => w.name).join(', ')}`);
  const rows: unknown[][] = [];
  sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v))));
  expect(String(rows[0][0])).toContain('2026年11月');
  const gridRow = rows.find((r) => r.includes(grid.name));
  expect(gridRow).toBeDefined();
  // The grid's row carries its figures: 13 accepted, 按期办结率 0.75, 满意率 10/12.
  expect(gridRow).toContain(13);
  expect(gridRow!.some((v) => v === 0.75 || v === '75.0%')).toBe(true);
  // (A rate may be stored rounded to the 0.1% the page shows.)
  expect(gridRow!.some((v) => (typeof v === 'number' && Math.abs(v - 10 / 12) < 0.0005) || v === '83.3%')).toBe(true);
  await sp.locator('.e2e-export-done').waitFor();
  await toTop(sp, '.e2e-export');
  await settled(sp);
  await app.shot(sp, '14-exported');
});

test('the grid worker sees 我的考核: the grid\'s rank and the late and 不满意 requests', async () => {
  const wp = await phone();
  await signInAs(wp, app, { role: 'grid_worker', name: grid.primaryWorker.name });
  await wp.locator('.e2e-entry-my-assessment').click();
  await wp.locator('.e2e-my-late').waitFor();
  await wp.locator('.e2e-period .e2e-chip', { hasText: '上月' }).click();
  await wp.locator('.e2e-period-label', { hasText: '2026年11月' }).waitFor();
  expect(await textOf(wp, `.e2e-my-grid[data-grid="${grid.id}"] .e2e-my-grid-rank`)).toMatch(/^第 1 名 \/ 共 \d+ 个网格$/);
  const late = await wp.locator('.e2e-my-late .e2e-request-item').evaluateAll((els) => els.map((e) => e.id.replace('request-', '')));
  expect(late.sort()).toEqual(ids.slice(9, 12).sort());
  const unsatisfied = await wp.locator('.e2e-my-unsatisfied .e2e-request-item').evaluateAll((els) => els.map((e) => e.id.replace('request-', '')));
  expect(unsatisfied.sort()).toEqual(ids.slice(10, 12).sort());
  expect(await textOf(wp, '.e2e-figure-onTimeRate .e2e-figure-value')).toBe('75.0%');
  await settled(wp);
  await app.shot(wp, '12-worker-mine');
  await largeText(wp);
  await wp.locator('.e2e-period .e2e-chip', { hasText: '上月' }).click();
  await wp.locator('.page--large .e2e-period-label', { hasText: '2026年11月' }).waitFor();
  await toTop(wp, '.page--large .e2e-my-late');
  await settled(wp);
  await app.shot(wp, '13-worker-late-large');
  await wp.locator(`.e2e-my-unsatisfied #request-${ids[10]}`).click();
  await wp.locator('.e2e-detail-description').waitFor();
  expect(await textOf(wp, '.e2e-detail-description')).toContain('车棚电线私拉');
});

test('the street administrator re-weighs the composite score; a sum other than 100 cannot be saved', async () => {
  const sp = await phone();
  await signInAs(sp, app, { role: 'street_staff', name: streetStaff.name });
  await sp.locator('.e2e-entry-assessment').click();
  await sp.locator('.e2e-figures').waitFor();
  await sp.locator('.e2e-period .e2e-chip', { hasText: '上月' }).click();
  await sp.locator('.e2e-period-label', { hasText: '2026年11月' }).waitFor();
  // Default 30/30/20/20 over 75.0% / 83.3% / 83.3% / 100%: 84.2.
  expect(await textOf(sp, '.e2e-figure-score .e2e-figure-value')).toBe('84.2');
  const weight = (k: string) => sp.locator(`.e2e-weight-${k} input`).or(sp.locator(`input.e2e-weight-${k}`)).first();
  await weight('onTimeRate').fill('50');
  // (Each input re-renders the sum: wait for the words, then read them whole.)
  await sp.locator('.e2e-weights-sum', { hasText: '120%' }).waitFor();
  expect(await textOf(sp, '.e2e-weights-sum')).toBe('合计 120%，须为 100%');
  expect(await sp.locator('.e2e-weights-save').getAttribute('class')).toContain('abtn--disabled');
  await weight('solveRate').fill('10');
  await weight('timelyAcceptRate').fill('10');
  await sp.locator('.e2e-weights-sum', { hasText: '合计 100%' }).waitFor();
  expect(await textOf(sp, '.e2e-weights-sum')).toBe('合计 100%');
  expect(await sp.locator('.e2e-weights-save').getAttribute('class')).not.toContain('abtn--disabled');
  await toTop(sp, '.e2e-weights');
  await settled(sp);
  await app.shot(sp, '15-weights');
  await sp.locator('.e2e-weights-save').click();
  // 50/30/10/10 over the same rates: 37.5 + 25.0 + 8.3 + 10.0 = 80.8.
  await sp.locator('.e2e-figure-score .e2e-figure-value', { hasText: '80.8' }).waitFor();
  // The change is in the street's audit log, with its before and after.
  const log = await (await apiAs(app, streetStaff.id)).call('people', 'audit', {});
  // (The test clock stands still, so entries of this run share one instant: find it rather than take the first.)
  expect(log.entries).toContainEqual(expect.objectContaining({ actionLabel: '修改考核权重', actorName: streetStaff.name }));
});

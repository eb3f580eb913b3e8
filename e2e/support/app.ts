/**
 * Browser-test harness: the real local runtime (gateway + embedded database seeded with the demo street,
 * in a fresh temp data folder) serving the H5 build, driven by Debian's Chromium through playwright-core.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Clock } from '../../server/ports/clock.port';
import { startRuntime, type RunningRuntime } from '../../server/runtime/main';

export const CHROMIUM = process.env.WGT_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(__dirname, '..', 'artifacts');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface App {
  runtime: RunningRuntime;
  url: string;
  browser: Browser;
  /** A phone-sized page in its own context (own storage: one person per context). */
  phone(): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `seed: false` starts on an empty database (a street brought in from nothing); the default is the demo street.
 * `clock`: the runtime's clock (a test that needs deadlines to pass moves it; see testClock).
 */
export async function startApp(suite: string, options: { seed?: boolean; clock?: Clock } = {}): Promise<App> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wgt-e2e-'));
  const runtime = await startRuntime({
    port: 0,
    dataDir,
    seed: options.seed !== false,
    scheduler: false,
    ...(options.clock ? { clock: options.clock } : {}),
    log: { info: () => undefined, error: (m: string, ...rest: unknown[]) => console.error(m, ...rest) },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const dir = join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  return {
    runtime,
    url: runtime.url,
    browser,
    async phone() {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      page.on('pageerror', (e) => console.error(`[页面错误] ${e.message}`));
      return page;
    },
    async shot(page, name) {
      // The viewport, as a person sees it: Taro's H5 pages scroll inside their own container.
      await page.screenshot({ path: join(dir, `${name}.png`) });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type RoleTab = 'resident' | 'grid_worker' | 'community_staff' | 'street_staff';

/**
 * Signs in through the demo sign-in page the way a person does: open the app, pick the role tab, search
 * the name, tap the person. Lands on the home page (or the page the sign-in was asked for).
 */
export async function signInAs(page: Page, app: App, who: { role: RoleTab; name: string }, path = '/'): Promise<void> {
  await page.goto(`${app.url}${path}`);
  await page.locator('.e2e-dev-banner').waitFor();
  await page.locator(`.e2e-role-${who.role}`).click();
  await page.locator('.e2e-people-search input').fill(who.name);
  // Tap only once the list answers the typed search: the list re-renders when the search settles.
  await page.locator('.e2e-people-current .e2e-person-name', { hasText: who.name }).first().click();
  await page.waitForURL((url) => !url.hash.includes('features/dev'));
}

/** Text of the first element matching a selector, once it is visible. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const el = page.locator(selector).first();
  await el.waitFor();
  return (await el.innerText()).trim();
}

/** Taro's H5 pages slide in and toasts fade: wait until nothing moves before a screenshot. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction("[...document.querySelectorAll('.taro_page')].every((p) => p.classList.contains('taro_page_stationed') || p.classList.contains('taro_page_shade'))", undefined, { timeout: 5000 });
  await page.waitForFunction("![...document.querySelectorAll('.taro__toast')].some((e) => getComputedStyle(e).display !== 'none')", undefined, { timeout: 5000 });
}

/** Taro's H5 modal fades in: wait for it to be fully shown before a screenshot. */
export async function modalShown(page: Page): Promise<void> {
  await page.waitForFunction("[...document.querySelectorAll('.taro__modal')].some((m) => getComputedStyle(m).display !== 'none' && getComputedStyle(m).opacity === '1')", undefined, { timeout: 5000 });
}

/** A clock that stands still until the test moves it: the runtime reads it, and pages get the same instant (page.clock). */
export interface TestClock extends Clock {
  set(at: Date | string | number): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string | number): TestClock {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    set: (t) => {
      at = new Date(t).getTime();
    },
    advance: (ms) => {
      at += ms;
    },
  };
}

/**
 * Smoke render of the built weapp home page (dist/pages/home), where a resident sees their grid's contact card,
 * with miniprogram-simulate. Taro pages register with Page() and render their whole tree through base.wxml's
 * `taro_tmpl` template; miniprogram-simulate renders Component()s only, so Page() is adapted to a component
 * whose `attached` runs the page's onLoad/onShow — the page's own code, Taro's runtime and the compiled WXML are
 * otherwise exactly what DevTools would run. `wx.cloud.callFunction` is answered by the real functions over the
 * small street (embedded store): the card shown is the one the `grid.myCard` action returns.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ContactCardView } from '@core/contact-card/contact-card';
import { functionHarness, type Harness } from '../../server/testing/function-harness';
import { FUNCTIONS } from '../../server/functions/registry';

const DIST = path.resolve(__dirname, '../../dist');
const PAGE = 'pages/home/index';

/** The little of the DOM this test reads (the server tsconfig has no DOM types). */
interface RenderedElement {
  textContent: string | null;
  classList: Iterable<string>;
  querySelectorAll(selector: string): Iterable<RenderedElement>;
}
interface MiniDocument {
  createElement(tag: string): unknown;
}
type Simulate = { load(p: string, o: { rootPath: string }): string; render(id: string): { attach(el: unknown): void; dom: RenderedElement } };
type JsdomModule = { JSDOM: new (html: string) => { window: Record<string, unknown> & { document: MiniDocument } } };

/** miniprogram-simulate renders into a DOM; jsdom provides one without a browser. */
function installWindow(): MiniDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require('jsdom') as JsdomModule;
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const g = globalThis as Record<string, unknown>;
  for (const k of ['document', 'navigator', 'Element', 'Node', 'Event', 'HTMLElement', 'CustomEvent']) g[k] = window[k];
  g.window = window;
  return window.document;
}

/**
 * What the page needs of `wx` beyond the cloud: a fixed phone and storage; any other API (tab bar badges,
 * toasts, pull-down refresh) is a no-op, as the card does not depend on them.
 */
function installWx(h: Harness, who: string): void {
  const g = globalThis as Record<string, unknown>;
  const known: Record<string, unknown> = {
    cloud: {
      init() {},
      async callFunction(o: { name: keyof typeof FUNCTIONS; data: { action: string; data: unknown } }) {
        return { result: await FUNCTIONS[o.name].handle({ kind: 'user', openid: `open-${who}` }, o.data, h.deps) };
      },
    },
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getStorageSync: () => '',
    setStorageSync() {},
    nextTick: (f: () => void) => setTimeout(f, 0),
    getLaunchOptionsSync: () => ({ path: PAGE, query: {} }),
  };
  // Taro copies the APIs `wx` has (its own keys) when its runtime loads: these must be real keys. Each succeeds at once.
  for (const api of ['setTabBarBadge', 'removeTabBarBadge', 'showToast', 'showLoading', 'hideLoading', 'showModal', 'stopPullDownRefresh', 'navigateTo', 'switchTab', 'makePhoneCall']) {
    known[api] = (o?: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      o?.success?.({ errMsg: `${api}:ok` });
      o?.complete?.({ errMsg: `${api}:ok` });
    };
  }
  g.wx = new Proxy(known, {
    get: (t, k: string) => (k in t ? t[k] : k === 'webpackJsonp' ? undefined : () => undefined),
    has: (t, k: string) => k !== 'webpackJsonp' || k in t,
    set: (t, k: string, v) => ((t[k] = v), true),
  });
  let app: Record<string, (o: unknown) => void> = {};
  g.App = (config: typeof app) => {
    app = config;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => [];
  g.requirePlugin = () => ({});
  g.Page = (page: Record<string, unknown>) => {
    const methods = Object.fromEntries(Object.entries(page).filter(([, v]) => typeof v === 'function'));
    (g.Component as (d: unknown) => void)({
      data: page.data,
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          this.route = PAGE;
          this.__route__ = PAGE;
          (page.onLoad as (q: unknown) => void).call(this, {});
          (page.onShow as () => void).call(this);
        },
      },
    });
  };
  // The build's own scripts, in the order WeChat loads them (its webpack chunks register on wx.webpackJsonp).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const f of ['runtime', 'taro', 'vendors', 'common', 'app']) require(path.join(DIST, `${f}.js`));
  app.onLaunch?.({ path: PAGE, query: {} });
  app.onShow?.({ path: PAGE, query: {} });
}

async function until(check: () => boolean, shown: () => string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`the page did not render its card in time; it shows: ${shown().slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

jest.setTimeout(30_000);

describe('weapp build: the home page renders the resident’s contact card', () => {
  let h: Harness;
  let doc: MiniDocument;
  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'app.json'))) throw new Error('dist/app.json not found: run `npm run build:weapp` first');
    h = await functionHarness(new Date('2026-11-23T02:00:00Z')); // Monday 10:00 Beijing: the worker is on duty
    doc = installWindow();
    installWx(h, 'r1');
  });
  afterAll(() => h?.close());

  it('shows the grid, the worker, their duty hours and work phone from grid.myCard', async () => {
    const reply = await h.call<ContactCardView>('r1', 'grid', 'myCard');
    if (!reply.ok) throw new Error(reply.code);
    const card = reply.data;
    expect(card.worker).not.toBeNull();

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const simulate = require('miniprogram-simulate') as Simulate;
    const page = simulate.render(simulate.load(path.join(DIST, PAGE), { rootPath: DIST }));
    page.attach(doc.createElement('parent-wrapper'));
    // simulate prefixes every class with its component's tag (main--, comp-- inside Taro's custom wrapper).
    const text = (cls: string) =>
      [...page.dom.querySelectorAll('*')].find((el) => [...el.classList].some((c) => c.endsWith(`--${cls}`)))?.textContent ?? null;
    await until(() => text('e2e-card-worker-name') !== null, () => page.dom.textContent ?? '');

    expect(text('e2e-card-grid-name')).toContain(card.grid.name);
    expect(text('e2e-card-worker-name')).toBe(card.worker?.name);
    expect(text('e2e-card-duty')).toBe(card.worker?.dutyText);
    expect(text('e2e-card-worker-phone')?.replace(/\s/g, '')).toBe(card.worker?.workPhone);
    expect(text('e2e-card-duty-tag')).toBe('在岗');
    expect(page.dom.textContent).toContain('网格服务联系卡');
  });
});

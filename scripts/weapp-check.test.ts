import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, 'weapp-check.mjs');

/** A small weapp build that DevTools would open: one main page, one subpackage page, one component. */
function goodBuild(): Record<string, string | Buffer> {
  const page = (extra = '') => ({
    js: 'Page({})',
    json: JSON.stringify({ usingComponents: { card: `${extra}/components/card/index` } }),
    wxml: '<view class="a"><card wx:if="{{show}}" name="{{name}}"/><text>{{title}}</text></view>',
    wxss: '.a { color: #333; } .a:last-child { margin: 0; }',
  });
  const files: Record<string, string | Buffer> = {
    'app.json': JSON.stringify({
      pages: ['pages/home/index'],
      subPackages: [{ root: 'features/x', pages: ['pages/list/index'] }],
      preloadRule: { 'pages/home/index': { network: 'all', packages: ['features/x'] } },
      tabBar: { list: [{ pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/home.png', selectedIconPath: 'assets/home.png' }] },
    }),
    'app.js': 'App({})',
    'app.wxss': '.page { font-size: 32rpx; }',
    'assets/home.png': Buffer.alloc(1024),
    'components/card/index.js': 'Component({})',
    'components/card/index.json': JSON.stringify({ component: true }),
    'components/card/index.wxml': '<view>{{name}}</view>',
    'components/card/index.wxss': '.c { padding: 8rpx; }',
    'project.config.json': JSON.stringify({ miniprogramRoot: './', appid: 'touristappid', compileType: 'miniprogram', setting: {} }),
  };
  for (const [ext, body] of Object.entries(page())) files[`pages/home/index.${ext}`] = body;
  for (const [ext, body] of Object.entries(page())) files[`features/x/pages/list/index.${ext}`] = body;
  return files;
}

const made: string[] = [];
function build(change: (files: Record<string, string | Buffer>) => void = () => {}): string {
  const files = goodBuild();
  change(files);
  const dir = mkdtempSync(path.join(tmpdir(), 'wgt-weapp-'));
  made.push(dir);
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

function check(dist: string) {
  const r = spawnSync(process.execPath, [SCRIPT, '--dist', dist, '--project', path.join(dist, 'project.config.json')], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('weapp-check', () => {
  it('passes a build DevTools opens', () => {
    const r = check(build());
    expect(r).toEqual({ status: 0, out: expect.stringContaining('all valid') });
  });

  const broken: [string, (f: Record<string, string | Buffer>) => void, RegExp][] = [
    ['a subpackage page without its .wxss', (f) => delete f['features/x/pages/list/index.wxss'], /page features\/x\/pages\/list\/index has no \.wxss/],
    ['a main page that does not exist', (f) => delete f['pages/home/index.js'], /page pages\/home\/index has no \.js/],
    ['a usingComponents path that resolves nowhere', (f) => (f['pages/home/index.json'] = JSON.stringify({ usingComponents: { card: '../nowhere/card' } })), /usingComponents card → \.\.\/nowhere\/card has no \.js, \.json, \.wxml/],
    ['WXML that does not parse', (f) => (f['pages/home/index.wxml'] = '<view class="a">{{title}</view><text>'), /WXML does not compile: .*pages\/home\/index\.wxml/],
    ['a WXSS universal selector', (f) => (f['features/x/pages/list/index.wxss'] = '.row > * { flex: 1; }'), /WXSS does not compile: .*features\/x\/pages\/list\/index\.wxss/],
    ['a page json that is not JSON', (f) => (f['pages/home/index.json'] = '{ usingComponents: '), /pages\/home\/index\.json: not valid JSON/],
    ['a tabBar icon that is missing', (f) => delete f['assets/home.png'], /tabBar icon assets\/home\.png is missing/],
    ['a preloadRule naming an unknown package', (f) => (f['app.json'] = JSON.stringify({ ...JSON.parse(String(f['app.json'])), preloadRule: { 'pages/home/index': { packages: ['features/y'] } } })), /unknown package features\/y/],
    ['an image over 200 KB in the main package', (f) => (f['assets/big.png'] = Buffer.alloc(201 * 1024)), /assets\/big\.png: 201 KB in the main package/],
    ['a project.config.json without an appid', (f) => (f['project.config.json'] = JSON.stringify({ miniprogramRoot: './', compileType: 'miniprogram' })), /appid is missing/],
    ['a project.config.json pointing at a folder without app.json', (f) => (f['project.config.json'] = JSON.stringify({ miniprogramRoot: 'nowhere/', appid: 'x', compileType: 'miniprogram' })), /miniprogramRoot nowhere\/ has no app\.json/],
  ];
  it.each(broken)('refuses %s', (_name, change, message) => {
    const r = check(build(change));
    expect(r.status).toBe(1);
    expect(r.out).toMatch(message);
  });
});

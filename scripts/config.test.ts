/**
 * Deploy configuration is complete and consistent: every function has its folder, files and
 * cloudbaserc.json entry; every collection the CloudBase adapter touches is created with indexes;
 * timers are valid; and a deploy without credentials stops before touching the cloud.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '../server/adapters/cloudbase/collections';
import { FUNCTIONS } from '../server/functions/registry';
import { REQUIRED_ENV } from './deploy/deploy-env';
import { readCloudbaseRc, timerCronProblem } from './deploy/deploy-steps';

const ROOT = path.resolve(__dirname, '..');
const FUNCTION_ROOT = path.join(ROOT, 'cloudfunctions');
const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');
const readJson = (p: string): unknown => JSON.parse(read(p));

const folders = readdirSync(FUNCTION_ROOT)
  .filter((name) => statSync(path.join(FUNCTION_ROOT, name)).isDirectory() && name !== 'node_modules')
  .sort();
const rc = readCloudbaseRc(read('cloudbaserc.json'), { TCB_ENV_ID: 'test-env', WGT_BIND_URL_BASE: 'https://example.cn/b', WGT_SUBSCRIBE_TEMPLATES: 'off' });
const rcByName = new Map(rc.functions.map((f) => [f.name, f]));

type FunctionConfigJson = { triggers?: { name: string; type: string; config: string }[]; permissions?: unknown };

describe('cloud function folders', () => {
  it('are exactly the functions in FUNCTIONS and in cloudbaserc.json', () => {
    expect(folders).toEqual(Object.keys(FUNCTIONS).sort());
    expect(rc.functions.map((f) => f.name).sort()).toEqual(folders);
  });

  it('cloudbaserc.json points at this folder and reads its env id from the environment', () => {
    expect(path.resolve(ROOT, rc.functionRoot)).toBe(FUNCTION_ROOT);
    expect((readJson('cloudbaserc.json') as { envId: string }).envId).toMatch(/^\{\{env\.[A-Z_]+\}\}$/);
  });

  describe.each(folders)('%s', (name) => {
    const dir = `cloudfunctions/${name}`;

    it('has index.ts, package.json and config.json', () => {
      for (const file of ['index.ts', 'package.json', 'config.json']) expect(existsSync(path.join(ROOT, dir, file))).toBe(true);
    });

    it('package.json runs index.js and installs exactly the SDK versions the root runs with', () => {
      const pkg = readJson(`${dir}/package.json`) as { main?: string; dependencies?: Record<string, string> };
      const rootPkg = readJson('package.json') as { dependencies: Record<string, string> };
      expect(pkg.main).toBe('index.js');
      // wx-cloud-client-sdk is pinned beside node-sdk: from 1.7.1 on, node-sdk 3.3.7's init() throws
      // "env not found" for SYMBOL_CURRENT_ENV. The root pins the same version so tests run what the cloud runs.
      // A function that calls WeChat's open API (config.json `permissions.openapi`) also installs wx-server-sdk.
      const config = readJson(`${dir}/config.json`) as FunctionConfigJson;
      const openapi = Boolean((config.permissions as { openapi?: string[] } | undefined)?.openapi?.length);
      expect(pkg.dependencies).toEqual({
        '@cloudbase/node-sdk': rootPkg.dependencies['@cloudbase/node-sdk'],
        '@cloudbase/wx-cloud-client-sdk': rootPkg.dependencies['@cloudbase/wx-cloud-client-sdk'],
        ...(openapi ? { 'wx-server-sdk': expect.stringMatching(/^\d+\.\d+\.\d+$/) } : {}),
        // The register function reads spreadsheets with packages installed in the cloud, at the root's versions.
        ...(name === 'register' ? { exceljs: rootPkg.dependencies.exceljs, papaparse: rootPkg.dependencies.papaparse, 'iconv-lite': rootPkg.dependencies['iconv-lite'] } : {}),
        // The assessment function writes its exports (XLSX, CSV) with the same packages.
        ...(name === 'assessment' ? { exceljs: rootPkg.dependencies.exceljs, papaparse: rootPkg.dependencies.papaparse } : {}),
        // The account function claims uploads and parses PDFs with pdf-lib (accept-upload.ts), at the root's version.
        ...(name === 'account' ? { 'pdf-lib': rootPkg.dependencies['pdf-lib'] } : {}),
      });
      expect(pkg.dependencies?.['@cloudbase/node-sdk']).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('index.ts is a thin entry: only its own function (the one FUNCTIONS names), the current env, no env id, no echo of event/context', async () => {
      const src = read(`${dir}/index.ts`);
      // Importing only its own function keeps each bundle to the code it runs (cold start).
      expect(src).toContain(`import { ${name}Function } from '../../server/functions/${name}.function';`);
      expect(src).not.toContain('functions/registry');
      const own = (await import(`../server/functions/${name}.function`)) as Record<string, unknown>;
      expect(own[`${name}Function`]).toBe(FUNCTIONS[name as keyof typeof FUNCTIONS]);
      expect(src).toContain('cloudbase.SYMBOL_CURRENT_ENV');
      expect(src).toContain('export const main');
      expect(src).not.toMatch(/env:\s*['"`]/);
      expect(src).not.toMatch(/return\s+(event|context)\b/);
    });

    it('deploys with the handler, runtime and limits CloudBase accepts', () => {
      const f = rcByName.get(name);
      expect(f).toBeDefined();
      if (!f) return;
      expect(f.handler).toBe('index.main');
      expect(f.runtime).toMatch(/^Nodejs\d+\.\d+$/);
      expect(f.timeout).toBeGreaterThanOrEqual(1);
      expect(f.timeout).toBeLessThanOrEqual(60);
      expect([128, 256, 512, 1024, 2048]).toContain(f.memorySize);
      expect(f.installDependency).toBe(true);
      expect(Object.keys(f.envVariables)).toContain('WGT_BIND_URL_BASE');
    });

    it('config.json declares the same triggers as cloudbaserc.json, each a valid 7-field timer, at most one', () => {
      const config = readJson(`${dir}/config.json`) as FunctionConfigJson;
      const triggers = config.triggers ?? [];
      expect(triggers).toEqual(rcByName.get(name)?.triggers ?? []);
      expect(triggers.length).toBeLessThanOrEqual(1);
      for (const t of triggers) {
        expect(t.type).toBe('timer');
        expect(t.name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/);
        expect(timerCronProblem(t.config)).toBeNull();
      }
    });
  });

  it('housekeeping runs daily at 03:30 Beijing time (timers are UTC+8)', () => {
    const config = readJson('cloudfunctions/housekeeping/config.json') as FunctionConfigJson;
    expect(config.triggers?.map((t) => t.config)).toEqual(['0 30 3 * * * *']);
  });

  it('the dispatcher runs every minute and may send subscribe messages; the request jobs every 5 minutes', () => {
    const message = readJson('cloudfunctions/message/config.json') as FunctionConfigJson & { permissions: { openapi: string[] } };
    expect(message.triggers?.map((t) => t.config)).toEqual(['0 * * * * * *']);
    expect(message.permissions.openapi).toContain('subscribeMessage.send');
    expect(FUNCTIONS.message.actions.dispatch).toMatchObject({ permission: 'system' });
    const request = readJson('cloudfunctions/request/config.json') as FunctionConfigJson;
    expect(request.triggers?.map((t) => t.config)).toEqual(['0 */5 * * * * *']);
    // A run may take up to the function's timeout; the dispatcher's time budget and the job locks fit inside it.
    expect(rcByName.get('message')?.timeout).toBe(60);
    expect(rcByName.get('request')?.timeout).toBe(60);
    expect(Object.keys(rcByName.get('message')?.envVariables ?? {})).toEqual(expect.arrayContaining(['WGT_SUBSCRIBE_TEMPLATES', 'WGT_SEND_RATE', 'WGT_MINIPROGRAM_STATE']));
  });
});

describe('collections', () => {
  const names = COLLECTIONS.map((c) => c.name);

  it('are declared once each, each with at least one index, index names unique per collection', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const c of COLLECTIONS) {
      expect(c.indexes.length).toBeGreaterThanOrEqual(1);
      const indexNames = c.indexes.map((i) => i.name);
      expect(new Set(indexNames).size).toBe(indexNames.length);
      for (const i of c.indexes) expect(i.keys.length).toBeGreaterThanOrEqual(1);
    }
  });

  it('include every collection the CloudBase adapter references', () => {
    const adapterDir = path.join(ROOT, 'server/adapters/cloudbase');
    const sources = readdirSync(adapterDir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => readFileSync(path.join(adapterDir, f), 'utf8'));
    const referenced = new Set<string>();
    for (const src of sources) {
      for (const m of src.matchAll(/\bcollection\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) referenced.add(m[1]);
    }
    const union = read('server/adapters/cloudbase/collections.ts').match(/export type CollectionName\s*=([^;]+);/);
    expect(union).not.toBeNull();
    const declaredType = [...(union?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    for (const n of declaredType) referenced.add(n);

    expect(referenced.size).toBeGreaterThan(0);
    expect([...referenced].filter((n) => !names.includes(n))).toEqual([]);
    expect(declaredType.sort()).toEqual([...names].sort());
  });
});

describe('npm run deploy without credentials', () => {
  it('exits 2 with a bilingual list of what to set, before loading @cloudbase/manager-node', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wgt-deploy-'));
    const probe = path.join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => { if (Object.keys(require.cache).some((k) => k.includes('manager-node'))) process.stderr.write('MANAGER_NODE_LOADED'); });`,
    );
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? dir, NODE_OPTIONS: `--require ${probe}` };
    const run = spawnSync('npx', ['--no-install', 'tsx', 'scripts/deploy.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });

    expect(run.status).toBe(2);
    expect(run.stderr).toContain('部署已停止');
    expect(run.stderr).toContain('Deploy stopped');
    for (const name of Object.keys(REQUIRED_ENV)) expect(run.stderr).toContain(name);
    expect(run.stderr).not.toContain('MANAGER_NODE_LOADED');
  }, 60_000);
});

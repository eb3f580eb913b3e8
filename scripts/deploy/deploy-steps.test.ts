import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkAccess,
  DENY_ALL_RULE,
  STORAGE_RULE,
  parseRuleFile,
  denyClientAccess,
  deployFunctions,
  ensureCollections,
  ensureHttpRoutes,
  HTTP_ROUTES,
  planIndexes,
  readCloudbaseRc,
  resolvePlaceholders,
  restrictStorage,
  timerCronProblem,
  toCreateIndex,
  type CollectionSpec,
  type DeployManager,
  type ExistingIndex,
  type FunctionDeployConfig,
} from './deploy-steps';

const silent = { info: () => undefined, warn: () => undefined };

/** A manager that records calls and answers from in-memory state; nothing leaves the process. */
function stubManager(
  state: {
    collections?: Record<string, ExistingIndex[]>;
    rules?: Record<string, { AclTag: string; Rule?: string }>;
    failOn?: Set<string>;
  } = {},
) {
  const collections = state.collections ?? {};
  const rules = state.rules ?? {};
  let storageAcl: { acl: string; rule?: { read: boolean | string; write: boolean | string } } | undefined;
  const calls: string[] = [];
  const fail = (what: string) => {
    if (state.failOn?.has(what)) throw new Error(`stub failure: ${what}`);
  };
  const manager: DeployManager = {
    env: {
      async getEnvInfo() {
        calls.push('getEnvInfo');
        fail('env');
        return { EnvInfo: {} };
      },
    },
    database: {
      async createCollectionIfNotExists(name) {
        calls.push(`createCollectionIfNotExists ${name}`);
        fail(`create ${name}`);
        const existed = name in collections;
        if (!existed) collections[name] = [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }];
        return { IsCreated: !existed };
      },
      async describeCollection(name) {
        calls.push(`describeCollection ${name}`);
        return { Indexes: collections[name] };
      },
      async updateCollection(name, change) {
        calls.push(`updateCollection ${name} ${(change.CreateIndexes ?? []).map((i) => i.IndexName).join(',')}`);
        for (const i of change.CreateIndexes ?? []) {
          collections[name].push({ Name: i.IndexName, Keys: i.MgoKeySchema.MgoIndexKeys, Unique: i.MgoKeySchema.MgoIsUnique });
        }
        return {};
      },
    },
    commonService: () => ({
      async call({ Action, Param }) {
        calls.push(`${Action} ${String(Param.CollectionName)}`);
        const name = String(Param.CollectionName);
        fail(`${Action} ${name}`);
        if (Action === 'ModifySafeRule') rules[name] = { AclTag: String(Param.AclTag), Rule: String(Param.Rule) };
        if (Action === 'DescribeSafeRule') return { RequestId: 'r', ...(rules[name] ?? { AclTag: 'ADMINWRITE' }) };
        return { RequestId: 'r' };
      },
    }),
    storage: {
      async setStorageAcl(acl, rule) {
        calls.push(`setStorageAcl ${acl} ${JSON.stringify(rule)}`);
        fail('storage');
        storageAcl = { acl, rule: rule ? { ...rule } : undefined };
        return {};
      },
      async getStorageAcl() {
        calls.push('getStorageAcl');
        return storageAcl ?? { acl: 'PRIVATE' };
      },
    },
    functions: {
      async createFunction({ func, functionRootPath, force }) {
        calls.push(`createFunction ${func.name} ${functionRootPath} force=${force}`);
        fail(`function ${func.name}`);
        return {};
      },
    },
  };
  return { manager, calls, collections, rules };
}

const USERS: CollectionSpec = {
  name: 'users',
  indexes: [
    { name: 'openid_unique', keys: [{ field: 'openid', direction: 1 }], unique: true },
    { name: 'posts_role', keys: [{ field: 'posts.role', direction: 1 }, { field: 'name', direction: -1 }] },
  ],
};

describe('checkAccess', () => {
  it('passes when the environment answers', async () => {
    expect(await checkAccess(stubManager().manager, 'env-1')).toBeNull();
  });

  it('explains what to check when the environment cannot be reached', async () => {
    const problem = await checkAccess(stubManager({ failOn: new Set(['env']) }).manager, 'env-1');
    expect(problem).toContain('env-1');
    expect(problem).toContain('TCB_SECRET_ID');
  });
});

describe('planIndexes', () => {
  it('creates every declared index a new collection lacks, ignoring the built-in _id_', () => {
    const plan = planIndexes([{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }] }], USERS.indexes);
    expect(plan.create.map((c) => c.IndexName)).toEqual(['openid_unique', 'posts_role']);
    expect(plan.unmanaged).toEqual([]);
  });

  it('leaves an index alone when name, keys, directions and uniqueness match', () => {
    const existing: ExistingIndex[] = [
      { Name: 'openid_unique', Keys: [{ Name: 'openid', Direction: '1' }], Unique: true },
      { Name: 'posts_role', Keys: [{ Name: 'posts.role', Direction: '1' }, { Name: 'name', Direction: '-1' }], Unique: false },
    ];
    const plan = planIndexes(existing, USERS.indexes);
    expect(plan.create).toEqual([]);
    expect(plan.unchanged).toEqual(['openid_unique', 'posts_role']);
  });

  it('reports a same-named index with other keys or uniqueness as a conflict and never recreates it', () => {
    const existing: ExistingIndex[] = [
      { Name: 'openid_unique', Keys: [{ Name: 'openid', Direction: '1' }], Unique: false },
      { Name: 'posts_role', Keys: [{ Name: 'posts.role', Direction: '1' }, { Name: 'name', Direction: '1' }] },
    ];
    const plan = planIndexes(existing, USERS.indexes);
    expect(plan.create).toEqual([]);
    expect(plan.conflicts.map((c) => c.name)).toEqual(['openid_unique', 'posts_role']);
  });

  it('reports indexes present in the cloud but not declared', () => {
    const plan = planIndexes([{ Name: 'legacy_idx', Keys: [{ Name: 'x', Direction: '1' }] }], []);
    expect(plan.unmanaged).toEqual(['legacy_idx']);
  });
});

describe('toCreateIndex', () => {
  it('speaks the manager-node UpdateTable shape with string directions', () => {
    expect(toCreateIndex({ name: 'by_grid', keys: [{ field: 'gridId', direction: 'asc' }, { field: 'at', direction: 'desc' }] })).toEqual({
      IndexName: 'by_grid',
      MgoKeySchema: {
        MgoIndexKeys: [
          { Name: 'gridId', Direction: '1' },
          { Name: 'at', Direction: '-1' },
        ],
        MgoIsUnique: false,
      },
    });
  });
});

describe('ensureCollections', () => {
  it('creates a missing collection with all its indexes and is a no-op the second time', async () => {
    const stub = stubManager();
    const first = await ensureCollections(stub.manager, [USERS], silent);
    expect(first.failures).toEqual([]);
    expect(stub.calls).toContain('updateCollection users openid_unique,posts_role');

    stub.calls.length = 0;
    const second = await ensureCollections(stub.manager, [USERS], silent);
    expect(second.failures).toEqual([]);
    expect(stub.calls.filter((c) => c.startsWith('updateCollection'))).toEqual([]);
  });

  it('adds only the indexes an existing collection lacks', async () => {
    const stub = stubManager({ collections: { users: [{ Name: 'openid_unique', Keys: [{ Name: 'openid', Direction: '1' }], Unique: true }] } });
    await ensureCollections(stub.manager, [USERS], silent);
    expect(stub.calls).toContain('updateCollection users posts_role');
  });

  it('keeps going after one collection fails and reports it', async () => {
    const stub = stubManager({ failOn: new Set(['create users']) });
    const report = await ensureCollections(stub.manager, [USERS, { name: 'cards', indexes: [{ name: 'by_worker', keys: [{ field: 'workerId', direction: 1 }] }] }], silent);
    expect(report.failures).toEqual([expect.stringContaining('users')]);
    expect(stub.calls).toContain('updateCollection cards by_worker');
  });

  it('turns an index conflict into a failure with a console step to fix it', async () => {
    const stub = stubManager({ collections: { users: [{ Name: 'openid_unique', Keys: [{ Name: 'openid', Direction: '1' }], Unique: false }] } });
    const report = await ensureCollections(stub.manager, [USERS], silent);
    expect(report.failures).toEqual([expect.stringContaining('openid_unique')]);
    expect(report.manualSteps).toEqual([expect.stringContaining('删除索引 openid_unique')]);
  });
});

describe('the security rules in deploy/security-rules', () => {
  it('deny every client read and write of the database, and let users write only their own files', () => {
    expect(DENY_ALL_RULE).toEqual({ read: false, write: false });
    // Own files only, and only at an upload path: uploads/<userId>/<random>.<jpg|png|pdf|xlsx>.
    expect(STORAGE_RULE.read).toBe(false);
    expect(String(STORAGE_RULE.write)).toMatch(/^resource\.openid == auth\.openid && \/\^uploads\\\/.*\.test\(resource\.path\) == true$/);
  });

  it('refuse a rule file of the wrong shape', () => {
    expect(() => parseRuleFile({ rule: { read: false } }, 'x.json')).toThrow('x.json');
    expect(() => parseRuleFile({ rule: { read: false, write: false, extra: 1 } }, 'x.json')).toThrow('x.json');
    expect(() => parseRuleFile({ rule: { read: '', write: false } }, 'x.json')).toThrow('x.json');
    expect(parseRuleFile({ rule: { read: 'auth != null', write: false } }, 'x.json')).toEqual({ read: 'auth != null', write: false });
  });
});

describe('denyClientAccess', () => {
  it('sets a custom read:false/write:false rule on every collection and checks it took', async () => {
    const stub = stubManager();
    const report = await denyClientAccess(stub.manager, 'env-1', ['users', 'cards'], silent);
    expect(report).toEqual({ failures: [], manualSteps: [] });
    expect(stub.rules.users).toEqual({ AclTag: 'CUSTOM', Rule: JSON.stringify(DENY_ALL_RULE) });
    expect(JSON.parse(stub.rules.cards.Rule ?? '')).toEqual({ read: false, write: false });
  });

  it('prints the console step for a collection whose rule could not be set', async () => {
    const stub = stubManager({ failOn: new Set(['ModifySafeRule cards']) });
    const report = await denyClientAccess(stub.manager, 'env-1', ['users', 'cards'], silent);
    expect(report.failures).toEqual([expect.stringContaining('cards')]);
    expect(report.manualSteps).toEqual([expect.stringMatching(/数据库 → cards → .*\{"read":false,"write":false\}/)]);
  });

  it('fails when the rule read back is not deny-all', async () => {
    const stub = stubManager();
    const manager: DeployManager = {
      ...stub.manager,
      commonService: () => ({ call: async () => ({ AclTag: 'READONLY' }) }),
    };
    const report = await denyClientAccess(manager, 'env-1', ['users'], silent);
    expect(report.failures).toHaveLength(1);
  });
});

describe('restrictStorage', () => {
  it('lets users write only their own files and read nothing through the client', async () => {
    const stub = stubManager();
    const report = await restrictStorage(stub.manager, silent);
    expect(report.failures).toEqual([]);
    expect(stub.calls).toEqual([`setStorageAcl CUSTOM ${JSON.stringify(STORAGE_RULE)}`, 'getStorageAcl']);
  });

  it('fails when the storage rule read back is not the one in the repo', async () => {
    const stub = stubManager();
    const manager: DeployManager = { ...stub.manager, storage: { ...stub.manager.storage, getStorageAcl: async () => ({ acl: 'CUSTOM', rule: { read: true, write: true } }) } };
    const report = await restrictStorage(manager, silent);
    expect(report.failures).toEqual([expect.stringContaining('读回的规则不是')]);
    expect(report.manualSteps).toEqual([expect.stringContaining('云存储 → 权限设置')]);
  });

  it('prints the console step when the storage rule cannot be set', async () => {
    const report = await restrictStorage(stubManager({ failOn: new Set(['storage']) }).manager, silent);
    expect(report.manualSteps).toEqual([expect.stringContaining('云存储 → 权限设置')]);
  });
});

const FUNC: FunctionDeployConfig = {
  name: 'account',
  handler: 'index.main',
  runtime: 'Nodejs18.15',
  timeout: 10,
  memorySize: 256,
  installDependency: true,
  envVariables: { WGT_BIND_URL_BASE: 'https://x' },
};

describe('deployFunctions', () => {
  it('creates or force-updates each function from the function root', async () => {
    const stub = stubManager();
    const report = await deployFunctions(stub.manager, [FUNC, { ...FUNC, name: 'grid' }], '/repo/cloudfunctions', silent);
    expect(report.failures).toEqual([]);
    expect(stub.calls).toEqual(['createFunction account /repo/cloudfunctions force=true', 'createFunction grid /repo/cloudfunctions force=true']);
  });

  it('reports a function that failed and still deploys the rest', async () => {
    const stub = stubManager({ failOn: new Set(['function account']) });
    const report = await deployFunctions(stub.manager, [FUNC, { ...FUNC, name: 'grid' }], '/r', silent);
    expect(report.failures).toEqual([expect.stringContaining('account')]);
    expect(stub.calls).toContain('createFunction grid /r force=true');
  });
});

describe('resolvePlaceholders', () => {
  it('replaces {{env.NAME}} anywhere in the structure', () => {
    expect(resolvePlaceholders({ a: ['{{env.X}}/p'], b: { c: '{{ env.Y }}' }, n: 5 }, { X: 'https://h', Y: 'v' })).toEqual({
      a: ['https://h/p'],
      b: { c: 'v' },
      n: 5,
    });
  });

  it('refuses a placeholder without a value instead of deploying an empty string', () => {
    expect(() => resolvePlaceholders('{{env.MISSING}}', {})).toThrow(/MISSING/);
    expect(() => resolvePlaceholders('{{env.EMPTY}}', { EMPTY: '' })).toThrow(/EMPTY/);
  });
});

describe('timerCronProblem', () => {
  it.each(['0 30 3 * * * *', '0 */5 * * * * *', '0 0 2 1 * * *', '0 0 9-18 * * MON-FRI *', '0 0,30 8 * JAN,JUL * 2030'])('accepts %s', (expr) => {
    expect(timerCronProblem(expr)).toBeNull();
  });

  it.each([
    ['30 3 * * *', /7 fields/],
    ['0 30 3 * * *', /7 fields/],
    ['0 60 3 * * * *', /minute/],
    ['0 30 24 * * * *', /hour/],
    ['0 30 3 0 * * *', /day/],
    ['0 30 3 * 13 * *', /month/],
    ['0 0 5-2 * * * *', /hour/],
    ['0 */0 * * * * *', /step/],
  ])('rejects %s', (expr, why) => {
    expect(timerCronProblem(expr)).toMatch(why);
  });
});

describe('readCloudbaseRc (the real cloudbaserc.json)', () => {
  const text = readFileSync(path.join(__dirname, '../../cloudbaserc.json'), 'utf8');

  it('resolves the env id, the bind URL and the template ids from the environment', () => {
    const rc = readCloudbaseRc(text, { TCB_ENV_ID: 'wgt-prod-1', WGT_BIND_URL_BASE: 'https://wgt.example.cn/b', WGT_SUBSCRIBE_TEMPLATES: 'request_status=T1' });
    expect(rc.functions.find((f) => f.name === 'message')?.envVariables.WGT_SUBSCRIBE_TEMPLATES).toBe('request_status=T1');
    expect(rc.envId).toBe('wgt-prod-1');
    expect(rc.functionRoot).toBe('./cloudfunctions');
    for (const f of rc.functions) {
      expect(f.envVariables.WGT_BIND_URL_BASE).toBe('https://wgt.example.cn/b');
      expect(f.handler).toBe('index.main');
      expect(f.installDependency).toBe(true);
      expect(f.timeout).toBeGreaterThanOrEqual(1);
      expect(f.timeout).toBeLessThanOrEqual(60);
      expect([128, 256, 512, 1024, 2048]).toContain(f.memorySize);
      expect(f.ignore).toEqual(expect.arrayContaining(['*.ts', '*.map']));
    }
  });

  it('fails without the environment variables it references', () => {
    expect(() => readCloudbaseRc(text, { TCB_ENV_ID: 'e' })).toThrow(/WGT_BIND_URL_BASE/);
  });

  it('rejects a timer trigger that is not a 7-field cron', () => {
    const broken = JSON.parse(text) as { functions: { triggers?: { config: string }[] }[] };
    const withTimer = broken.functions.find((f) => f.triggers?.length);
    if (!withTimer?.triggers) throw new Error('cloudbaserc.json has no timer trigger');
    withTimer.triggers[0].config = '30 3 * * *';
    expect(() => readCloudbaseRc(JSON.stringify(broken), { TCB_ENV_ID: 'e', WGT_BIND_URL_BASE: 'https://x', WGT_SUBSCRIBE_TEMPLATES: 'off' })).toThrow(/7 fields/);
  });
});

describe('ensureHttpRoutes', () => {
  const route = [{ path: '/open311/v2', functionName: 'open311' }];
  function gateway(apis: { Path: string; Name: string }[], failOn?: string) {
    const calls: string[] = [];
    const stub = stubManager();
    const manager: DeployManager = {
      ...stub.manager,
      commonService: () => ({
        async call({ Action, Param }) {
          calls.push(`${Action} ${String(Param.Path)}${Param.Name ? ` ${String(Param.Name)}` : ''}`);
          if (Action === failOn) throw new Error('network down');
          if (Action === 'DescribeCloudBaseGWAPI') return { APISet: apis.filter((a) => a.Path === Param.Path) };
          apis.push({ Path: String(Param.Path), Name: String(Param.Name) });
          return { APIId: 'api-1' };
        },
      }),
    };
    return { manager, calls, apis };
  }

  it('creates the Open311 route to the open311 function once; a second deploy finds it and changes nothing', async () => {
    const g = gateway([]);
    expect(await ensureHttpRoutes(g.manager, 'env-1', route, silent)).toEqual({ failures: [], manualSteps: [] });
    expect(await ensureHttpRoutes(g.manager, 'env-1', route, silent)).toEqual({ failures: [], manualSteps: [] });
    expect(g.calls).toEqual(['DescribeCloudBaseGWAPI /open311/v2', 'CreateCloudBaseGWAPI /open311/v2 open311', 'DescribeCloudBaseGWAPI /open311/v2']);
    expect(HTTP_ROUTES).toEqual(route);
  });

  it('never takes over a path routed elsewhere, and says what to do by hand when the API fails', async () => {
    const taken = await ensureHttpRoutes(gateway([{ Path: '/open311/v2', Name: 'other' }]).manager, 'env-1', route, silent);
    expect(taken.failures).toEqual([expect.stringContaining('已指向 other')]);
    expect(taken.manualSteps).toEqual([expect.stringContaining('HTTP 访问服务')]);
    const down = await ensureHttpRoutes(gateway([], 'DescribeCloudBaseGWAPI').manager, 'env-1', route, silent);
    expect(down.failures).toEqual([expect.stringContaining('network down')]);
  });
});

/**
 * The production deploy as small steps over a narrow view of `@cloudbase/manager-node`, so each step
 * can be tested with a stub manager and no network. Every step is idempotent: running the deploy again
 * changes only what differs (a missing collection, a missing index, a rule, new function code).
 */
import databaseRules from '../../deploy/security-rules/database.json';
import storageRules from '../../deploy/security-rules/storage.json';

/** One field of an index as `server/adapters/cloudbase/collections.ts` declares it. */
export interface IndexKeySpec {
  field: string;
  direction: 1 | -1 | 'asc' | 'desc';
}

export interface IndexSpec {
  name: string;
  keys: readonly IndexKeySpec[];
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: readonly IndexSpec[];
}

/** An index as `database.describeCollection` reports it. */
export interface ExistingIndex {
  Name: string;
  Keys?: { Name?: string; Direction?: string | number }[];
  Unique?: boolean;
}

/** The `CreateIndexes` item `database.updateCollection` expects. */
export interface CreateIndexRequest {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
}

export interface FunctionTrigger {
  name: string;
  type: string;
  config: string;
}

/** A `functions[]` entry of cloudbaserc.json, after placeholders are resolved. */
export interface FunctionDeployConfig {
  name: string;
  handler: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  ignore?: string[];
  envVariables: Record<string, string>;
  triggers?: FunctionTrigger[];
}

export interface CloudbaseRc {
  envId: string;
  functionRoot: string;
  functions: FunctionDeployConfig[];
}

/** The part of the manager-node `CloudBase` instance the deploy uses. */
export interface DeployManager {
  env: {
    getEnvInfo(): Promise<unknown>;
  };
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
    describeCollection(name: string): Promise<{ Indexes?: ExistingIndex[] }>;
    updateCollection(name: string, change: { CreateIndexes?: CreateIndexRequest[] }): Promise<unknown>;
  };
  commonService(service?: string, version?: string): {
    call(options: { Action: string; Param: Record<string, unknown> }): Promise<unknown>;
  };
  storage: {
    setStorageAcl(acl: 'CUSTOM', rule: { read: boolean | string; write: boolean | string }): Promise<unknown>;
    getStorageAcl(options: { withRule: true }): Promise<{ acl: string; rule?: { read: boolean | string; write: boolean | string } }>;
  };
  functions: {
    createFunction(param: { func: FunctionDeployConfig; functionRootPath: string; force: boolean }): Promise<unknown>;
  };
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
}

/** What a step could not do, and what a person must then do by hand. */
export interface StepReport {
  failures: string[];
  manualSteps: string[];
}

function emptyReport(): StepReport {
  return { failures: [], manualSteps: [] };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}

// ---------------------------------------------------------------------------------------------------
// cloudbaserc.json

const PLACEHOLDER = /\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Replaces the CLI's `{{env.NAME}}` placeholders (cloudbaserc.json "version": "2.0") with values from
 * `vars`; a placeholder without a value is an error, never an empty string deployed by accident.
 */
export function resolvePlaceholders<T>(value: T, vars: Record<string, string | undefined>): T {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_, name: string) => {
      const v = vars[name];
      if (v === undefined || v === '') throw new Error(`cloudbaserc.json needs environment variable ${name}`);
      return v;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, vars)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePlaceholders(v, vars)])) as T;
  }
  return value;
}

const CRON_FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'weekday', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { name: 'year', min: 1970, max: 2099 },
];

/**
 * Checks a CloudBase timer expression: 7 space-separated fields — second minute hour day month weekday
 * year — each `*`, a value, a range `a-b`, a step `x/n` or a comma list of those. Times are UTC+8.
 * Returns why it is invalid, or null.
 */
export function timerCronProblem(expr: string): string | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7) return `needs 7 fields (second minute hour day month weekday year), got ${fields.length}`;
  for (let i = 0; i < 7; i++) {
    const spec = CRON_FIELDS[i];
    const value = (token: string): number | null => {
      const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
      if (named >= 0) return spec.min + named;
      if (!/^\d+$/.test(token)) return null;
      const n = Number(token);
      return n >= spec.min && n <= spec.max ? n : null;
    };
    for (const part of fields[i].split(',')) {
      const [base, step, extra] = part.split('/');
      if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `${spec.name} "${fields[i]}": bad step`;
      if (base === '*') continue;
      const [from, to, more] = base.split('-');
      if (more !== undefined) return `${spec.name} "${fields[i]}": bad range`;
      const a = value(from);
      const b = to === undefined ? a : value(to);
      if (a === null || b === null || b < a) return `${spec.name} "${fields[i]}": out of range ${spec.min}-${spec.max}`;
    }
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses cloudbaserc.json, resolves placeholders and checks the fields the deploy relies on. */
export function readCloudbaseRc(text: string, vars: Record<string, string | undefined>): CloudbaseRc {
  const raw: unknown = resolvePlaceholders(JSON.parse(text) as unknown, vars);
  if (!isRecord(raw)) throw new Error('cloudbaserc.json: expected an object');
  const { envId, functionRoot, functions } = raw;
  if (typeof envId !== 'string' || !envId) throw new Error('cloudbaserc.json: envId missing');
  if (typeof functionRoot !== 'string' || !functionRoot) throw new Error('cloudbaserc.json: functionRoot missing');
  if (!Array.isArray(functions)) throw new Error('cloudbaserc.json: functions must be an array');
  const parsed = functions.map((f: unknown, i): FunctionDeployConfig => {
    if (!isRecord(f)) throw new Error(`cloudbaserc.json: functions[${i}] must be an object`);
    const where = `cloudbaserc.json: functions[${i}]`;
    const str = (k: string) => {
      if (typeof f[k] !== 'string' || !f[k]) throw new Error(`${where}.${k} must be a non-empty string`);
      return f[k] as string;
    };
    const num = (k: string) => {
      if (typeof f[k] !== 'number') throw new Error(`${where}.${k} must be a number`);
      return f[k] as number;
    };
    const envVariables = f.envVariables ?? {};
    if (!isRecord(envVariables) || Object.values(envVariables).some((v) => typeof v !== 'string')) {
      throw new Error(`${where}.envVariables must map names to strings`);
    }
    const triggers = f.triggers;
    if (triggers !== undefined && (!Array.isArray(triggers) || !triggers.every((t) => isRecord(t) && typeof t.name === 'string' && typeof t.type === 'string' && typeof t.config === 'string'))) {
      throw new Error(`${where}.triggers must be [{ name, type, config }]`);
    }
    for (const t of (triggers ?? []) as FunctionTrigger[]) {
      const problem = t.type === 'timer' ? timerCronProblem(t.config) : `trigger type ${t.type} is not supported`;
      if (problem) throw new Error(`${where}.triggers "${t.name}": ${problem}`);
    }
    const ignore = f.ignore;
    if (ignore !== undefined && (!Array.isArray(ignore) || !ignore.every((g) => typeof g === 'string'))) {
      throw new Error(`${where}.ignore must be a list of globs`);
    }
    return {
      name: str('name'),
      handler: str('handler'),
      runtime: str('runtime'),
      timeout: num('timeout'),
      memorySize: num('memorySize'),
      installDependency: f.installDependency === true,
      ...(ignore ? { ignore: ignore as string[] } : {}),
      envVariables: envVariables as Record<string, string>,
      ...(triggers ? { triggers: triggers as FunctionTrigger[] } : {}),
    };
  });
  return { envId, functionRoot, functions: parsed };
}

// ---------------------------------------------------------------------------------------------------
// Access

/**
 * One read before any change: wrong credentials, a wrong env id or no network stop the deploy here,
 * with one message, instead of failing every later step the same way.
 */
export async function checkAccess(manager: DeployManager, envId: string): Promise<string | null> {
  try {
    await manager.env.getEnvInfo();
    return null;
  } catch (e) {
    return `无法访问云开发环境 ${envId}：${errorText(e)}。请检查 TCB_ENV_ID、TCB_SECRET_ID/TCB_SECRET_KEY（及 TCB_TOKEN）与网络。 / Cannot reach environment ${envId}: check the env id, the keys and the network.`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Collections and indexes

function directionOf(d: IndexKeySpec['direction'] | string | number | undefined): '1' | '-1' | string {
  if (d === 1 || d === '1' || d === 'asc') return '1';
  if (d === -1 || d === '-1' || d === 'desc') return '-1';
  return String(d);
}

export function toCreateIndex(index: IndexSpec): CreateIndexRequest {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: directionOf(k.direction) })),
      MgoIsUnique: index.unique === true,
    },
  };
}

function sameIndex(existing: ExistingIndex, wanted: IndexSpec): string | null {
  const have = (existing.Keys ?? []).map((k) => `${k.Name ?? '?'}:${directionOf(k.Direction)}`).join(',');
  const want = wanted.keys.map((k) => `${k.field}:${directionOf(k.direction)}`).join(',');
  if (have !== want) return `keys are (${have}), want (${want})`;
  if ((existing.Unique === true) !== (wanted.unique === true)) return `unique is ${existing.Unique === true}, want ${wanted.unique === true}`;
  return null;
}

export interface IndexPlan {
  create: CreateIndexRequest[];
  unchanged: string[];
  /** Same name, different definition: never dropped automatically (a unique index may fail to rebuild on live data). */
  conflicts: { name: string; reason: string }[];
  /** Present in the cloud but not declared (the built-in `_id_` excluded): left alone, reported. */
  unmanaged: string[];
}

/** What to create so the collection has every declared index; indexes are matched by name. */
export function planIndexes(existing: readonly ExistingIndex[], wanted: readonly IndexSpec[]): IndexPlan {
  const byName = new Map(existing.map((i) => [i.Name, i]));
  const plan: IndexPlan = { create: [], unchanged: [], conflicts: [], unmanaged: [] };
  for (const index of wanted) {
    const found = byName.get(index.name);
    if (!found) {
      plan.create.push(toCreateIndex(index));
      continue;
    }
    const diff = sameIndex(found, index);
    if (diff) plan.conflicts.push({ name: index.name, reason: diff });
    else plan.unchanged.push(index.name);
  }
  const declared = new Set(wanted.map((i) => i.name));
  plan.unmanaged = existing.map((i) => i.Name).filter((n) => n !== '_id_' && !declared.has(n));
  return plan;
}

export async function ensureCollections(manager: DeployManager, specs: readonly CollectionSpec[], log: Log): Promise<StepReport> {
  const report = emptyReport();
  for (const spec of specs) {
    try {
      const { IsCreated } = await manager.database.createCollectionIfNotExists(spec.name);
      const { Indexes = [] } = await manager.database.describeCollection(spec.name);
      const plan = planIndexes(Indexes, spec.indexes);
      if (plan.create.length > 0) await manager.database.updateCollection(spec.name, { CreateIndexes: plan.create });
      log.info(
        `集合 ${spec.name}: ${IsCreated ? '已创建' : '已存在'}; 索引 新建 ${plan.create.length}, 未变 ${plan.unchanged.length}` +
          (plan.unmanaged.length ? `; 未声明的索引（保留）: ${plan.unmanaged.join(', ')}` : ''),
      );
      for (const c of plan.conflicts) {
        report.failures.push(`集合 ${spec.name} 的索引 ${c.name} 与声明不一致: ${c.reason}`);
        report.manualSteps.push(
          `云开发控制台 → 数据库 → ${spec.name} → 索引管理：删除索引 ${c.name}，然后重新运行 npm run deploy（将按声明重建）。`,
        );
      }
    } catch (e) {
      report.failures.push(`集合 ${spec.name}: ${errorText(e)}`);
    }
  }
  return report;
}

// ---------------------------------------------------------------------------------------------------
// Security rules

/**
 * The security rules are files in the repo (deploy/security-rules/*.json): the deploy applies them and reads
 * them back. Cloud functions run with admin rights and check every permission themselves; clients get
 * nothing from the database directly. Uploads: a signed-in WeChat user may create a file and overwrite only
 * files they created; nobody reads through the client SDK (the app shows files through short-lived URLs the
 * functions issue).
 */
export interface SecurityRule {
  read: boolean | string;
  write: boolean | string;
}

function ruleFile(raw: unknown, file: string): SecurityRule {
  const rule = isRecord(raw) ? raw.rule : undefined;
  const ok = (v: unknown) => typeof v === 'boolean' || (typeof v === 'string' && v.trim() !== '');
  if (!isRecord(rule) || !ok(rule.read) || !ok(rule.write) || Object.keys(rule).some((k) => k !== 'read' && k !== 'write')) {
    throw new Error(`${file}: "rule" must be { "read": boolean | string, "write": boolean | string }`);
  }
  return { read: rule.read as boolean | string, write: rule.write as boolean | string };
}

export const DENY_ALL_RULE: SecurityRule = ruleFile(databaseRules, 'deploy/security-rules/database.json');
export const STORAGE_RULE: SecurityRule = ruleFile(storageRules, 'deploy/security-rules/storage.json');
export { ruleFile as parseRuleFile };

function sameRule(a: unknown, b: SecurityRule): boolean {
  return isRecord(a) && a.read === b.read && a.write === b.write;
}

function denyAllManualStep(collection: string): string {
  return `云开发控制台 → 数据库 → ${collection} → 数据权限 → 自定义安全规则，填入 ${JSON.stringify(DENY_ALL_RULE)} 并保存。`;
}

function ruleIsDenyAll(described: unknown): boolean {
  if (!isRecord(described) || described.AclTag !== 'CUSTOM' || typeof described.Rule !== 'string') return false;
  try {
    return sameRule(JSON.parse(described.Rule), DENY_ALL_RULE);
  } catch {
    return false;
  }
}

/** Sets every collection's security rule to deny all client access (tcb API ModifySafeRule), then reads it back. */
export async function denyClientAccess(manager: DeployManager, envId: string, collections: readonly string[], log: Log): Promise<StepReport> {
  const report = emptyReport();
  const tcb = manager.commonService();
  for (const name of collections) {
    try {
      await tcb.call({
        Action: 'ModifySafeRule',
        Param: { EnvId: envId, CollectionName: name, AclTag: 'CUSTOM', Rule: JSON.stringify(DENY_ALL_RULE) },
      });
      const described = await tcb.call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: name } });
      if (!ruleIsDenyAll(described)) throw new Error(`读回的规则不是 ${JSON.stringify(DENY_ALL_RULE)}: ${JSON.stringify(described)}`);
      log.info(`集合 ${name}: 安全规则 ${JSON.stringify(DENY_ALL_RULE)}`);
    } catch (e) {
      report.failures.push(`集合 ${name} 的安全规则: ${errorText(e)}`);
      report.manualSteps.push(denyAllManualStep(name));
    }
  }
  return report;
}

export async function restrictStorage(manager: DeployManager, log: Log): Promise<StepReport> {
  const report = emptyReport();
  try {
    await manager.storage.setStorageAcl('CUSTOM', { ...STORAGE_RULE });
    const described = await manager.storage.getStorageAcl({ withRule: true });
    if (described.acl !== 'CUSTOM' || !sameRule(described.rule, STORAGE_RULE)) {
      throw new Error(`读回的规则不是 ${JSON.stringify(STORAGE_RULE)}: ${JSON.stringify(described)}`);
    }
    log.info(`云存储: 安全规则 ${JSON.stringify(STORAGE_RULE)}（已读回核对）`);
  } catch (e) {
    report.failures.push(`云存储安全规则: ${errorText(e)}`);
    report.manualSteps.push(`云开发控制台 → 云存储 → 权限设置 → 自定义安全规则，填入 ${JSON.stringify(STORAGE_RULE)} 并保存。`);
  }
  return report;
}

// ---------------------------------------------------------------------------------------------------
// Functions

/**
 * Creates each function, or updates code, configuration and triggers when it exists (`force`). The code
 * is the function folder as built by scripts/build-functions.mjs; `ignore` in cloudbaserc.json keeps
 * sources and source maps out of the upload, and `installDependency` installs @cloudbase/node-sdk.
 */
export async function deployFunctions(
  manager: DeployManager,
  functions: readonly FunctionDeployConfig[],
  functionRootPath: string,
  log: Log,
): Promise<StepReport> {
  const report = emptyReport();
  for (const func of functions) {
    try {
      await manager.functions.createFunction({ func, functionRootPath, force: true });
      const timer = func.triggers?.length ? `; 定时触发器 ${func.triggers.map((t) => `${t.name} "${t.config}"`).join(', ')}` : '';
      log.info(`云函数 ${func.name}: 已部署（${func.runtime}, ${func.memorySize} MB, ${func.timeout} s${timer}）`);
    } catch (e) {
      report.failures.push(`云函数 ${func.name}: ${errorText(e)}`);
    }
  }
  return report;
}

// ---------------------------------------------------------------------------------------------------
// HTTP access service (HTTP 访问服务)

/** Routes of the HTTP access service to functions: Open311 for the 12345 hotline and city platforms (docs/OPEN311.md). */
export const HTTP_ROUTES: readonly { path: string; functionName: string }[] = [{ path: '/open311/v2', functionName: 'open311' }];

function httpRouteManualStep(path: string, functionName: string): string {
  return `云开发控制台 → HTTP 访问服务 → 新建：关联资源类型「云函数」选 ${functionName}，触发路径 ${path}，不开启身份认证（函数按 api_key 鉴权）。`;
}

/**
 * Makes each route exist (tcb API DescribeCloudBaseGWAPI, then CreateCloudBaseGWAPI when missing). A path
 * already routed to another resource is reported, never overwritten.
 */
export async function ensureHttpRoutes(manager: DeployManager, envId: string, routes: readonly { path: string; functionName: string }[], log: Log): Promise<StepReport> {
  const report = emptyReport();
  const tcb = manager.commonService();
  for (const { path: routePath, functionName } of routes) {
    try {
      const described = (await tcb.call({ Action: 'DescribeCloudBaseGWAPI', Param: { ServiceId: envId, Path: routePath } })) as { APISet?: { Path?: string; Name?: string }[] };
      const existing = (described.APISet ?? []).find((api) => api.Path === routePath);
      if (existing && existing.Name !== functionName) {
        report.failures.push(`HTTP 访问路径 ${routePath} 已指向 ${existing.Name ?? '其他资源'}，不是云函数 ${functionName}`);
        report.manualSteps.push(httpRouteManualStep(routePath, functionName));
        continue;
      }
      if (!existing) await tcb.call({ Action: 'CreateCloudBaseGWAPI', Param: { ServiceId: envId, Path: routePath, Type: 1, Name: functionName } });
      log.info(`HTTP 访问服务 ${routePath} → 云函数 ${functionName}${existing ? '（已存在）' : '（已创建）'}`);
    } catch (e) {
      report.failures.push(`HTTP 访问路径 ${routePath}: ${errorText(e)}`);
      report.manualSteps.push(httpRouteManualStep(routePath, functionName));
    }
  }
  return report;
}

export function mergeReports(...reports: StepReport[]): StepReport {
  return {
    failures: reports.flatMap((r) => r.failures),
    manualSteps: reports.flatMap((r) => r.manualSteps),
  };
}

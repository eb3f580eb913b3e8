/**
 * Production deploy as code (`npm run deploy`, run with tsx):
 *   1. check the credentials and settings (exit 2 with a list of what to set — before any SDK loads);
 *   2. bundle the functions (scripts/build-functions.mjs);
 *   3. create missing collections and their declared indexes;
 *   4. deny all client access to every collection; restrict cloud storage to own uploads;
 *   5. create or update each function from cloudbaserc.json (code, runtime, memory, timeout, env, timer).
 * Exit 0 when everything is in place, 1 when a step failed (the manual steps to finish are printed).
 * See docs/DEPLOY.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT_NOT_CONFIGURED, missingEnvMessage, readDeployEnv } from './deploy/deploy-env';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<number> {
  const env = readDeployEnv(process.env);
  if (!env.ok) {
    console.error(missingEnvMessage(env.missing, env.problems));
    return EXIT_NOT_CONFIGURED;
  }
  const { envId, secretId, secretKey, token } = env.value;

  console.log('== 1/4 打包云函数 / bundling functions');
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-functions.mjs')], { stdio: 'inherit', cwd: ROOT });
  if (built.status !== 0) {
    console.error('打包失败，未部署任何内容。 / Bundling failed; nothing was deployed.');
    return 1;
  }

  // Loaded only now: the SDKs below are not needed (and must not run) until the settings are complete.
  const steps = await import('./deploy/deploy-steps');
  const { COLLECTIONS } = await import('../server/adapters/cloudbase/collections');
  const { default: CloudBase } = await import('@cloudbase/manager-node');

  const rc = steps.readCloudbaseRc(readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'), process.env);
  if (rc.envId !== envId) throw new Error(`cloudbaserc.json envId resolved to ${rc.envId}, expected TCB_ENV_ID ${envId}`);
  const manager = new CloudBase({ envId, secretId, secretKey, ...(token ? { token } : {}) });
  const log = { info: (m: string) => console.log(`  ✓ ${m}`), warn: (m: string) => console.warn(`  ! ${m}`) };

  const denied = await steps.checkAccess(manager, envId);
  if (denied) {
    console.error(denied);
    console.error('未做任何更改。 / Nothing was changed.');
    return 1;
  }

  console.log(`== 2/4 数据库集合与索引 / collections and indexes (env ${envId})`);
  const collections = await steps.ensureCollections(manager, COLLECTIONS, log);
  console.log('== 3/4 安全规则 / security rules');
  const rules = await steps.denyClientAccess(manager, envId, COLLECTIONS.map((c) => c.name), log);
  const storage = await steps.restrictStorage(manager, log);
  console.log('== 4/4 云函数 / functions');
  const functions = await steps.deployFunctions(manager, rc.functions, path.join(ROOT, rc.functionRoot), log);
  // After the functions: a route can only point at a function that exists.
  const routes = await steps.ensureHttpRoutes(manager, envId, steps.HTTP_ROUTES, log);

  const report = steps.mergeReports(collections, rules, storage, functions, routes);
  if (report.failures.length === 0) {
    console.log('部署完成。 / Deploy complete.');
    return 0;
  }
  console.error('\n部署未全部完成 / Deploy incomplete:');
  for (const f of report.failures) console.error(`  ✗ ${f}`);
  if (report.manualSteps.length) {
    console.error('\n请手动完成 / Finish by hand:');
    for (const s of report.manualSteps) console.error(`  → ${s}`);
  }
  return 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('部署失败 / Deploy failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);

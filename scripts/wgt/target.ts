/**
 * Where a `wgt` command acts: the local data folder (the embedded store and files the runtime uses), or,
 * with `--cloud`, the CloudBase environment of the deploy credentials. Either way the command gets the
 * same Deps a cloud function gets, and runs the same use cases.
 */
import { mkdirSync } from 'node:fs';
import { openDataFolder } from '../../server/runtime/main';
import { dataDirFrom, filesDir } from '../../server/runtime/data-dir';
import { LocalFileStorage } from '../../server/runtime/local-files';
import { consoleLogger, localBindUrlBase, localDeps } from '../../server/runtime/local-deps';
import type { Deps } from '../../server/use-cases/context';
import { isDomainError } from '../../core/shared/errors';
import type { CliArgs } from './cli-args';

export interface CliTarget {
  kind: 'local' | 'cloud';
  /** The data folder (local) or the environment id (cloud), for the report. */
  where: string;
  /** The origin links and QR codes should use (local: WGT_PUBLIC_URL or http://127.0.0.1:$PORT). */
  publicUrl: string;
  deps: Deps;
  close(): Promise<void>;
}

export async function openTarget(args: CliArgs, env: NodeJS.ProcessEnv = process.env): Promise<CliTarget> {
  if (args.flags.cloud) return openCloudTarget(env);
  const dataDir = dataDirFrom(env.WGT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Never seeds: a command works on what is there (an empty folder stays a street-less database).
  const { secret, store } = await openDataFolder(dataDir, { seed: false });
  const files = new LocalFileStorage({ dir: filesDir(dataDir), secret });
  const publicUrl = (env.WGT_PUBLIC_URL || `http://127.0.0.1:${env.PORT || 8787}`).replace(/\/+$/, '');
  const deps = localDeps({ store, files, bindUrlBase: localBindUrlBase(publicUrl), log: consoleLogger });
  return { kind: 'local', where: dataDir, publicUrl, deps, close: () => store.close() };
}

async function openCloudTarget(env: NodeJS.ProcessEnv): Promise<CliTarget> {
  const { readDeployEnv, missingEnvMessage } = await import('../deploy/deploy-env');
  const read = readDeployEnv(env);
  if (!read.ok) throw new CliNotConfigured(missingEnvMessage(read.missing, read.problems));
  const { envId, secretId, secretKey, token, bindUrlBase } = read.value;
  // Loaded only here: the SDK must not start (it probes for credentials) unless the command goes to the cloud.
  const tcb = await import('@cloudbase/node-sdk');
  const { cloudbaseDeps } = await import('../../server/adapters/cloudbase/cloudbase-deps');
  const app = tcb.init({ env: envId, secretId, secretKey, ...(token ? { sessionToken: token } : {}) });
  const deps = cloudbaseDeps(app, 'wgt', { env: { WGT_BIND_URL_BASE: bindUrlBase } });
  return { kind: 'cloud', where: envId, publicUrl: new URL(bindUrlBase).origin, deps, close: async () => undefined };
}

/** The command cannot run: settings missing (exit 2, with what to set). */
export class CliNotConfigured extends Error {
  readonly exitCode = 2;
}

export type OpenTarget = (args: CliArgs) => Promise<CliTarget>;

/**
 * Opens the target, runs `work` on it and closes it: the exit code of every command that touches a street.
 * Missing settings exit 2 with what to set; a refusal (DomainError) prints `<refused>（code）：message` and
 * exits 1; anything else is a fault and propagates (the dispatcher reports it).
 */
export async function withTarget(
  open: OpenTarget,
  args: CliArgs,
  err: (line: string) => void,
  refused: string,
  work: (target: CliTarget) => Promise<number>,
): Promise<number> {
  let target: CliTarget;
  try {
    target = await open(args);
  } catch (e) {
    if (e instanceof CliNotConfigured) {
      err(e.message);
      return e.exitCode;
    }
    throw e;
  }
  try {
    return await work(target);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    err(`${refused}（${e.code}）：${e.message}`);
    return 1;
  } finally {
    await target.close();
  }
}

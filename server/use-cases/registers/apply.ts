/**
 * `register.apply`: imports a clean file as a job the app drives call by call. Each call reads the file,
 * plans it against the store as it is NOW, and writes the plan in batches, each batch one transaction
 * that also moves the job's progress (guarded by the job's version): a batch and its progress land
 * together or not at all, two calls racing on one job cannot both write, and a call that failed half way
 * is resumed by planning again — what landed is found unchanged and never written twice.
 *
 * The last batch writes every grid's workers and household counter, the audit entry and the job's end.
 * A call stops starting batches after `budgetMs` (default 20 s, under CloudBase's function time limit).
 */
import { randomBytes } from 'node:crypto';
import type { ImportJobView, SheetMapping } from '@core/api/register.contract';
import type { RegisterOp } from '@core/registers/plan';
import type { RegisterFile } from '@core/registers/register-data';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import type { Deps } from '../context';
import type { ImportJob, StoreRegisterOp } from '../../ports/register.port';
import { importingStreet, jobView, ownFile, planImport } from './register-import';

export const DEFAULT_BUDGET_MS = 20_000;
export const DEFAULT_BATCH_SIZE = 500;

export interface ImportRun {
  streetId: string;
  /** Who imports: a user id, or 'cli'. */
  actorId: string;
  fileId: string;
  file: RegisterFile;
  mappings?: SheetMapping[];
  jobId?: string;
  budgetMs?: number;
  batchSize?: number;
  /** A new grid's QR token (tests pass a deterministic one). */
  newQrToken?: () => string;
  /** The time budget's clock, in milliseconds. */
  elapsedMs?: () => number;
}

const withTokens = (ops: RegisterOp[], token: () => string): StoreRegisterOp[] =>
  ops.map((op) => (op.kind === 'grid' ? { ...op, qrToken: token() } : op));

/** Starts or continues an import job; returns it after this call's batches. */
export async function runImport(deps: Deps, run: ImportRun): Promise<ImportJobView> {
  const started = Date.now();
  const elapsed = run.elapsedMs ?? (() => Date.now() - started);
  const budget = run.budgetMs ?? DEFAULT_BUDGET_MS;
  const size = Math.max(1, run.batchSize ?? DEFAULT_BATCH_SIZE);
  const token = run.newQrToken ?? (() => randomBytes(16).toString('hex'));
  const store = deps.store;

  let job: ImportJob | null = null;
  if (run.jobId) {
    job = await store.registers.getJob(run.jobId);
    if (!job || job.streetId !== run.streetId || job.fileId !== run.fileId) throw new DomainError('IMPORT.JOB_NOT_FOUND');
    if (job.status !== 'running') return jobView(job);
  }
  const mappings = run.mappings ?? job?.mappings ?? undefined;
  const { plan, report } = await planImport(deps, run.streetId, run.fileId, run.file, mappings);
  const at = () => deps.clock.now().toISOString();

  if (!job) {
    if (!report.clean) throw new DomainError('IMPORT.NOT_CLEAN');
    job = {
      id: deps.newId(), streetId: run.streetId, fileId: run.fileId, mappings: mappings ?? null, createdBy: run.actorId, createdAt: at(), updatedAt: at(),
      status: 'running', done: 0, total: plan.ops.length + plan.finalOps.length, report, error: null, version: 1,
    };
    await store.registers.createJob(job);
    // The mappings the admin confirmed are offered again for a file with the same headers.
    for (const m of mappings ?? []) {
      if (!m.kind) continue;
      const headers = Object.values(m.columns).filter((h): h is string => typeof h === 'string');
      await store.registers.saveMapping({ streetId: run.streetId, kind: m.kind, headers, columns: m.columns, savedAt: at() });
    }
  } else if (!report.clean) {
    // The store moved under a resumed job so that the file no longer fits (e.g. a grid was renumbered): stop, say why.
    const failed: ImportJob = { ...job, status: 'failed', updatedAt: at(), error: `台账与现有数据有冲突：${report.problems[0]?.message ?? ''}` };
    if (await store.registers.updateJob(failed, job.version)) return jobView({ ...failed, version: job.version + 1 });
    throw new DomainError('IMPORT.JOB_BUSY');
  }

  const remaining = [...plan.ops];
  let first = true;
  for (;;) {
    if (!first && elapsed() >= budget) break;
    first = false;
    const final = remaining.length === 0;
    const batch = final ? plan.finalOps : remaining.splice(0, size);
    const left = final ? 0 : remaining.length + plan.finalOps.length;
    const current: ImportJob = job;
    const next: ImportJob = {
      ...current, updatedAt: at(), done: Math.max(current.done, Math.min(current.total, current.total - left)), ...(final ? { status: 'done' as const } : {}),
    };
    await store.transact(async (tx) => {
      if (!(await tx.registers.updateJob(next, current.version))) throw new DomainError('IMPORT.JOB_BUSY');
      await tx.registers.applyOps(withTokens(batch, token), next.updatedAt);
      if (final) {
        await tx.audit.append({
          id: deps.newId(), at: next.updatedAt, actorId: run.actorId, action: 'register.import', targetType: 'street', targetId: run.streetId,
          streetId: run.streetId, detail: { fileId: run.fileId, name: run.file.name, counts: current.report.counts, toVerify: current.report.toVerify.length },
        });
      }
    });
    job = { ...next, version: current.version + 1 };
    if (final) break;
  }
  return jobView(job);
}

/** `register.apply` for a street admin: their own upload, into their own street. */
export async function applyRegister(ctx: UserContext, input: { fileId: string; mappings?: SheetMapping[]; jobId?: string }): Promise<ImportJobView> {
  const streetId = importingStreet(ctx);
  const file = await ownFile(ctx.deps, input.fileId, ctx.user.id);
  return runImport(ctx.deps, { streetId, actorId: ctx.user.id, fileId: input.fileId, file, mappings: input.mappings, jobId: input.jobId });
}

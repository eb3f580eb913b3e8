/**
 * Every timer job runs under its lock (server/ports/job-lock.port.ts): a second fire, or a second
 * instance, finds the lock held and does nothing; a run that dies leaves the lock to expire. The job
 * saves its checkpoint after each batch (which also extends the lock), and the next run starts from the
 * checkpoint — after a clean run as after one that died. Side effects are the job's own to make
 * idempotent (fixed outbox ids, version-conditional commits): the lock keeps runs apart, it does not
 * make a repeated batch harmless by itself.
 */
import type { Deps } from '../context';

export interface JobRun {
  /** What the last run saved (null the first time). */
  readonly checkpoint: string | null;
  /** Saves progress and extends the lock; throws JobLockLost when another run has taken the lock over. */
  save(checkpoint: string | null): Promise<void>;
}

export class JobLockLost extends Error {
  constructor(job: string) {
    super(`job ${job}: the lock expired and another run took it over`);
    this.name = 'JobLockLost';
  }
}

export type JobOutcome<T> = { ran: true; result: T } | { ran: false; reason: 'locked' | 'lock_lost' };

export async function runJob<T>(deps: Deps, job: string, ttlMs: number, work: (run: JobRun) => Promise<T>): Promise<JobOutcome<T>> {
  const owner = deps.newId();
  const until = () => new Date(deps.clock.now().getTime() + ttlMs).toISOString();
  const got = await deps.store.jobLocks.acquire(job, owner, deps.clock.now().toISOString(), until());
  if (!got) return { ran: false, reason: 'locked' };
  let checkpoint = got.checkpoint;
  const run: JobRun = {
    get checkpoint() {
      return checkpoint;
    },
    async save(next) {
      if (!(await deps.store.jobLocks.checkpoint(job, owner, next, until()))) throw new JobLockLost(job);
      checkpoint = next;
    },
  };
  let result: T;
  try {
    result = await work(run);
  } catch (e) {
    if (e instanceof JobLockLost) return { ran: false, reason: 'lock_lost' };
    // The checkpoint saved so far stays; the next fire goes on from there.
    await deps.store.jobLocks.release(job, owner, checkpoint).catch(() => undefined);
    throw e;
  }
  await deps.store.jobLocks.release(job, owner, checkpoint);
  return { ran: true, result };
}

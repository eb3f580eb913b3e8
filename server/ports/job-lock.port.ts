/**
 * Locks for timer jobs. Timer triggers may fire twice, and two instances may run a job at once; a job
 * takes its lock first and does nothing when someone else holds it. A lock expires: a run that dies
 * leaves it to be taken again after `until`. Each lock keeps a checkpoint (the job's own text, e.g. where
 * it got to), saved after every batch and still there for the next run — also after a run that died.
 */
export interface JobLockRepository {
  /**
   * Takes the lock when it is free, expired, or already `owner`'s; returns the stored checkpoint, or null
   * when another owner holds an unexpired lock.
   */
  acquire(job: string, owner: string, now: string, until: string): Promise<{ checkpoint: string | null } | null>;
  /** Saves the checkpoint and extends the lock to `until`, only while `owner` holds it; false otherwise. */
  checkpoint(job: string, owner: string, checkpoint: string | null, until: string): Promise<boolean>;
  /** Frees the lock, keeping `checkpoint` for the next run; does nothing unless `owner` holds it. */
  release(job: string, owner: string, checkpoint: string | null): Promise<void>;
}

import type { ImportJobView } from '@core/api/register.contract';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';
import { importingStreet, jobView } from './register-import';

/** `register.job`: an import's progress; a job of another street is answered as missing. */
export async function getImportJob(ctx: UserContext, input: { jobId: string }): Promise<ImportJobView> {
  const streetId = importingStreet(ctx);
  const job = await ctx.deps.store.registers.getJob(input.jobId);
  if (!job || job.streetId !== streetId) throw new DomainError('IMPORT.JOB_NOT_FOUND');
  return jobView(job);
}

import type { ImportJobView, RegisterInspection, RegisterReport, SheetMapping } from '@core/api/register.contract';
import { cloud } from '../../lib/cloud';

/** 台账导入 (street admins): upload → inspect → dryRun → apply, the job driven call by call. */
export const registerApi = {
  template: (): Promise<{ url: string; name: string }> => cloud.call('register', 'template', {}),
  /** The same upload path as photos and PDFs; the store decides the type from the content. */
  upload: (localPath: string): Promise<string> => cloud.uploadFile(localPath),
  inspect: (fileId: string): Promise<RegisterInspection> => cloud.call('register', 'inspect', { fileId }),
  dryRun: (fileId: string, mappings: SheetMapping[]): Promise<RegisterReport> => cloud.call('register', 'dryRun', { fileId, mappings }),
  /** Without jobId: starts the run's job; with it: continues that job (never a second one). */
  apply: (fileId: string, mappings: SheetMapping[], jobId?: string): Promise<ImportJobView> =>
    cloud.call('register', 'apply', jobId ? { fileId, mappings, jobId } : { fileId, mappings }),
  job: (jobId: string): Promise<ImportJobView> => cloud.call('register', 'job', { jobId }),
};

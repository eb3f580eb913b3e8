/**
 * What the register actions share: who may import (a street admin, for their own street only), reading
 * the uploaded file (the caller's own upload only), and planning a file against the store.
 */
import type { RegisterReport, SheetMapping, ImportJobView } from '@core/api/register.contract';
import { grantOf } from '@core/people/role';
import { planRegister, type RegisterPlan } from '@core/registers/plan';
import type { RegisterFile } from '@core/registers/register-data';
import { DomainError } from '@core/shared/errors';
import { authorize, type UserContext } from '../context';
import type { Deps } from '../context';
import { XLSX_TYPE } from '../../ports/file-storage.port';
import type { ImportJob } from '../../ports/register.port';
import { useOwnUploads } from '../uploads/use-uploads';

/** The street a caller imports into: the street of their street_admin post; anyone else is refused. */
export function importingStreet(ctx: UserContext): string {
  const admin = grantOf(ctx.actor, 'street_admin');
  if (!admin) throw new DomainError('AUTH.FORBIDDEN');
  authorize(ctx.actor, 'register.import', { streetId: admin.streetId });
  return admin.streetId;
}

/** The caller's own uploaded file: another person's upload is refused as not theirs, a missing one as gone. */
export async function ownFile(deps: Deps, fileId: string, userId: string): Promise<RegisterFile> {
  await useOwnUploads(deps, userId, [fileId], deps.clock.now(), {
    notFound: new DomainError('IMPORT.FILE_NOT_FOUND'),
    notOwned: new DomainError('IMPORT.FILE_NOT_OWNED'),
    check: (r) => {
      if (r.contentType !== XLSX_TYPE) throw new DomainError('IMPORT.FILE_TYPE');
    },
  });
  const bytes = await deps.files.read(fileId);
  if (!bytes) throw new DomainError('IMPORT.FILE_NOT_FOUND');
  return { bytes, name: fileId.split('/').pop() ?? fileId };
}

export interface PlannedImport {
  plan: RegisterPlan;
  report: RegisterReport;
}

/** Reads the file with the mappings and plans it against what the street stores now. */
export async function planImport(deps: Deps, streetId: string, fileId: string, file: RegisterFile, mappings: SheetMapping[] | undefined): Promise<PlannedImport> {
  const street = await deps.store.places.getStreet(streetId);
  if (!street) throw new DomainError('STREET.NOT_FOUND');
  const parsed = await deps.registerReader.read(file, mappings, street.code);
  const snapshot = await deps.store.registers.snapshot(streetId, parsed.staff.map((s) => s.mobile));
  if (!snapshot) throw new DomainError('STREET.NOT_FOUND');
  const plan = planRegister(parsed, snapshot);
  return { plan, report: { fileId, counts: plan.counts, problems: plan.problems, toVerify: plan.toVerify, clean: plan.problems.length === 0 } };
}

export function jobView(job: ImportJob): ImportJobView {
  return { jobId: job.id, status: job.status, done: job.done, total: job.total, report: job.report, error: job.error };
}

import type { RegisterReport, SheetMapping } from '@core/api/register.contract';
import type { UserContext } from '../context';
import { importingStreet, ownFile, planImport } from './register-import';

/** `register.dryRun`: the report of what importing the file would do; nothing is written. */
export async function dryRunRegister(ctx: UserContext, input: { fileId: string; mappings?: SheetMapping[] }): Promise<RegisterReport> {
  const streetId = importingStreet(ctx);
  const file = await ownFile(ctx.deps, input.fileId, ctx.user.id);
  return (await planImport(ctx.deps, streetId, input.fileId, file, input.mappings)).report;
}

import type { RegisterInspection, SheetMapping } from '@core/api/register.contract';
import type { UserContext } from '../context';
import { importingStreet, ownFile } from './register-import';

/**
 * `register.inspect`: the file's sheets, headers and how they map to fields. Headers are read once to
 * find mappings the admin corrected before (same street, kind and headers), then read again with them.
 */
export async function inspectRegister(ctx: UserContext, input: { fileId: string }): Promise<RegisterInspection> {
  const streetId = importingStreet(ctx);
  const file = await ownFile(ctx.deps, input.fileId, ctx.user.id);
  const first = await ctx.deps.registerReader.inspect(file, []);
  const remembered: SheetMapping[] = [];
  for (const sheet of first.sheets) {
    if (!sheet.kind) continue;
    const m = await ctx.deps.store.registers.getMapping(streetId, sheet.kind, sheet.headers);
    if (m) remembered.push({ sheet: sheet.sheet, kind: m.kind, columns: m.columns });
  }
  const inspection = remembered.length ? await ctx.deps.registerReader.inspect(file, remembered) : first;
  return { fileId: input.fileId, ...inspection };
}

import type { UserContext } from '../context';
import { importingStreet } from './register-import';

export const TEMPLATE_NAME = '街道台账模板.xlsx';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `register.template`: the template as a data URL (a few kilobytes; no storage write, nothing to expire).
 * The app saves it under `name`.
 */
export async function registerTemplate(ctx: UserContext): Promise<{ url: string; name: string }> {
  importingStreet(ctx);
  const bytes = await ctx.deps.spreadsheets.registerTemplate();
  return { url: `data:${XLSX};base64,${Buffer.from(bytes).toString('base64')}`, name: TEMPLATE_NAME };
}

/**
 * Deploy unit `register`: 台账导入 — the template, column mapping, the dry-run report and the import job.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage; only this
 * function carries the spreadsheet reader. Its timeout (60 s) is above the 20 s an apply call writes for.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { spreadsheetRegisterReader } from '../../server/adapters/spreadsheet/register-reader';
import { registerFunction } from '../../server/functions/register.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  registerFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'register', { registerReader: spreadsheetRegisterReader }),
);

/**
 * Deploy unit `checkin`: 报平安 — start, answers, per-grid progress and the not-yet door lists.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/composition/cloudbase-deps';
import { checkinFunction } from '../../server/functions/checkin.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  checkinFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'checkin'),
);

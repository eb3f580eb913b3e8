/**
 * Deploy unit `request`: 诉求, the six-step loop, and its timer `requestJobs` every 5 minutes (config.json):
 * deadline reminders and escalation, verification of unconfirmed results, archiving of rated requests.
 * Thin on purpose: the platform supplies the caller, the CloudBase adapters supply storage, and its
 * composition (server/composition/compositions.ts) the content check — WeChat's msgSecCheck through
 * wx-server-sdk's cloud call (`openapi` permission in config.json).
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { requestFunction } from '../../server/functions/request.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  requestFunction,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'request'),
);

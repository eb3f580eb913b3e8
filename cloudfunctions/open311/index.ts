/**
 * Deploy unit `open311`: the Open311 GeoReport v2 API for the 12345 hotline and city platforms, reached over
 * CloudBase's HTTP access service (route /open311/v2 → this function; docs/DEPLOY.md), and the street admin's
 * partner keys (ordinary calls from the app). Thin on purpose: the HTTP event is answered by the function's
 * own handler, which authenticates by api_key; a partner's text has no WeChat user, so the content check its
 * composition declares (server/composition/compositions.ts) checks it against the street's word list only.
 */
import cloudbase from '@cloudbase/node-sdk';
import { cloudbaseDeps } from '../../server/adapters/cloudbase/cloudbase-deps';
import { open311Function } from '../../server/functions/open311.function';
import { createMain } from '../cloudbase-entry';

export const main = createMain(
  open311Function,
  () => cloudbase.init({ env: cloudbase.SYMBOL_CURRENT_ENV }),
  (app) => cloudbaseDeps(app, 'open311'),
);

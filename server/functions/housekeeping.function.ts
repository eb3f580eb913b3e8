import { purgeOrphanUploads } from '../use-cases/housekeeping/purge-orphan-uploads';
import { defineFunction } from './define-function';

/** System jobs run by timer triggers (see cloudfunctions/housekeeping/config.json); no user may call them. */
export const housekeepingFunction = defineFunction(
  'housekeeping',
  { purgeOrphanUploads: { permission: 'system', run: purgeOrphanUploads } },
  { timerAction: 'purgeOrphanUploads' },
);

import { purgeExpiredExports } from '../use-cases/housekeeping/purge-expired-exports';
import { purgeOrphanUploads } from '../use-cases/housekeeping/purge-orphan-uploads';
import { defineFunction, type SystemContext } from './define-function';

/** The daily timer: orphaned uploads, then expired exports; each part is safe to run twice. */
async function dailyPurge(ctx: SystemContext): Promise<{ uploads: { checked: number; removed: number }; exports: { removed: number } }> {
  const uploads = await purgeOrphanUploads(ctx);
  const exports = await purgeExpiredExports(ctx);
  return { uploads, exports };
}

/** System jobs run by timer triggers (see cloudfunctions/housekeeping/config.json); no user may call them. */
export const housekeepingFunction = defineFunction(
  'housekeeping',
  {
    purgeOrphanUploads: { permission: 'system', run: purgeOrphanUploads },
    purgeExpiredExports: { permission: 'system', run: purgeExpiredExports },
    dailyPurge: { permission: 'system', run: dailyPurge },
  },
  { timerAction: 'dailyPurge' },
);

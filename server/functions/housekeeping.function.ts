import { nightlyRecount } from '../use-cases/assessment/recount';
import { purgeExpiredExports } from '../use-cases/housekeeping/purge-expired-exports';
import { purgeOrphanUploads } from '../use-cases/housekeeping/purge-orphan-uploads';
import { purgeOldVisits } from '../use-cases/visits/purge-visits';
import { defineFunction } from './define-function';
import type { SystemContext } from '../use-cases/context';

/**
 * System jobs run by the daily timer trigger (see cloudfunctions/housekeeping/config.json: one trigger,
 * 03:30 Beijing time); no user may call them. The timer runs `daily`: the upload purge, the purge of
 * exports past their 24 h expiry, the 走访 records past the street's retention (each safe to run twice), then the 考核 recount (counters checked against
 * the requests within a time budget; differences reported, never fixed by the job).
 */
export const housekeepingFunction = defineFunction(
  'housekeeping',
  {
    purgeOrphanUploads: { permission: 'system', run: purgeOrphanUploads },
    purgeExpiredExports: { permission: 'system', run: purgeExpiredExports },
    purgeOldVisits: { permission: 'system', run: purgeOldVisits },
    recountAssessment: { permission: 'system', run: (ctx: SystemContext) => nightlyRecount(ctx) },
    daily: {
      permission: 'system',
      run: async (ctx: SystemContext) => ({
        purge: await purgeOrphanUploads(ctx),
        exports: await purgeExpiredExports(ctx),
        visits: await purgeOldVisits(ctx),
        recount: await nightlyRecount(ctx),
      }),
    },
  },
  { timerAction: 'daily' },
);

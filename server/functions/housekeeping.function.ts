import { nightlyRecount } from '../use-cases/assessment/recount';
import { purgeOrphanUploads } from '../use-cases/housekeeping/purge-orphan-uploads';
import { defineFunction, type SystemContext } from './define-function';

/**
 * System jobs run by the daily timer trigger (see cloudfunctions/housekeeping/config.json: one trigger,
 * 03:30 Beijing time); no user may call them. The timer runs `daily`: the upload purge, then the 考核
 * recount (counters checked against the requests within a time budget; differences reported, never
 * fixed by the job).
 */
export const housekeepingFunction = defineFunction(
  'housekeeping',
  {
    purgeOrphanUploads: { permission: 'system', run: purgeOrphanUploads },
    recountAssessment: { permission: 'system', run: (ctx: SystemContext) => nightlyRecount(ctx) },
    daily: {
      permission: 'system',
      run: async (ctx: SystemContext) => ({ purge: await purgeOrphanUploads(ctx), recount: await nightlyRecount(ctx) }),
    },
  },
  { timerAction: 'daily' },
);

/** Everything the app keeps in local storage, in one place so keys never collide or drift. */
export const STORAGE_KEYS = {
  /** H5 only: the bearer token from the dev sign-in (the gateway's signed session). */
  session: 'wgt.session',
  /** 大字模式: '1' when on. */
  largeText: 'wgt.largeText',
  /** Prefix of an unsent 我要反映 form with its idempotency key, per user: `wgt.requestDraft.<userId>`. */
  requestDraft: 'wgt.requestDraft',
  /** Prefix of an unsent 巡查上报 form with its idempotency key, per user: `wgt.fileDraft.<userId>`. */
  fileDraft: 'wgt.fileDraft',
  /** Prefix of an unsent 发布通知 form with its idempotency key, per user: `wgt.noticeDraft.<userId>`. */
  noticeDraft: 'wgt.noticeDraft',
  /** Prefix of the 走访 records saved on the phone and not yet sent, per user: `wgt.visitQueue.<userId>`. */
  visitQueue: 'wgt.visitQueue',
} as const;

import type { ActionName, FunctionName } from '@core/api/contract';

/** 'idempotent': a write carrying an idempotency key; sending it twice creates one result, so it is retried like a read. */
export type ActionKind = 'read' | 'write' | 'idempotent';

/**
 * Every action of the contract, classified. Reads are safe to send twice, so the client retries them
 * once after a network failure; a write is never repeated behind the person's back (it may have landed).
 * The mapped type makes a new action in the contract a compile error here until it is classified.
 */
export const ACTION_KINDS: { [F in FunctionName]: Record<ActionName<F>, ActionKind> } = {
  account: {
    me: 'read',
    communities: 'read',
    buildings: 'read',
    households: 'read',
    gridByQr: 'read',
    bindHousehold: 'write',
    bindByQr: 'write',
    leaveHousehold: 'write',
    redeemInvitation: 'write',
    // Claiming the same file twice answers the first claim and counts once.
    claimUpload: 'idempotent',
    pendingBindings: 'read',
    // Conditional on the binding still being pending: a repeat answers BINDING.NOT_PENDING, never a second change.
    confirmBinding: 'write',
    rejectBinding: 'write',
  },
  // 报平安: a household's first answer stands, so a repeated answer counts once; a repeated start returns the first.
  checkin: {
    start: 'idempotent',
    list: 'read',
    progress: 'read',
    doors: 'read',
    mine: 'read',
    answer: 'idempotent',
    answerFor: 'idempotent',
    remind: 'write',
    close: 'write',
  },
  people: {
    list: 'read',
    invite: 'write',
    revoke: 'write',
    audit: 'read',
  },
  register: {
    template: 'read',
    inspect: 'read',
    dryRun: 'read',
    // Starts or continues one job; a repeated call continues the same job, writing nothing twice.
    apply: 'idempotent',
    job: 'read',
  },
  grid: {
    myCard: 'read',
    card: 'read',
    myCardEdit: 'read',
    updateMyCard: 'write',
    list: 'read',
    workers: 'read',
    assign: 'write',
    poster: 'read',
  },
  request: {
    categories: 'read',
    departments: 'read',
    submit: 'idempotent',
    file: 'idempotent',
    mine: 'read',
    worklist: 'read',
    streetList: 'read',
    detail: 'read',
    accept: 'write',
    dispatch: 'write',
    reject: 'write',
    withdraw: 'write',
    progress: 'write',
    resolve: 'write',
    confirm: 'write',
    rate: 'write',
    reopen: 'write',
    verify: 'write',
    reassign: 'write',
    release: 'write',
    refuse: 'write',
    similar: 'read',
    // 同问 twice is refused (REQUEST.METOO_TWICE), so a repeat never counts a second time — but it is still a write.
    metoo: 'write',
    rateFollowed: 'write',
    mergeCandidates: 'read',
    merge: 'write',
    calendarStatus: 'read',
    // Replaces the year with the same data: sending it twice stores the same year.
    importCalendar: 'idempotent',
  },
  message: {
    inbox: 'read',
    markRead: 'write',
    subscriptions: 'read',
    // Each report of consent adds credits: never repeated behind the person's back.
    consent: 'write',
    sentLog: 'read',
  },
  notice: {
    feed: 'read',
    unread: 'read',
    // Opening records the read; recording it twice changes nothing.
    open: 'idempotent',
    acknowledge: 'idempotent',
    scopeOptions: 'read',
    publish: 'idempotent',
    edit: 'write',
    withdraw: 'write',
    manageList: 'read',
    coverage: 'read',
    gridReach: 'read',
    markReached: 'idempotent',
  },
  assessment: {
    dashboard: 'read',
    figureRequests: 'read',
    mine: 'read',
    scorecard: 'read',
    weights: 'read',
    // Saving the same weights twice stores the same weights (the audit shows both saves).
    saveWeights: 'idempotent',
    // Each export writes a new file and an audit entry: never repeated behind the person's back.
    export: 'write',
  },
  open311: {
    partnerKeys: 'read',
    // A second create would make a second key the admin never saw.
    createPartnerKey: 'write',
    revokePartnerKey: 'write',
  },
  visit: {
    // Carries the client key made before the first try: the offline queue resends it until it lands once.
    record: 'idempotent',
    due: 'read',
    households: 'read',
    history: 'read',
    coverage: 'read',
  },
};

export function isRetryable<F extends FunctionName>(fn: F, action: ActionName<F>): boolean {
  const kind = (ACTION_KINDS[fn] as Record<string, ActionKind | undefined>)[action];
  return kind === 'read' || kind === 'idempotent';
}

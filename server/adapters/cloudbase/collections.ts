/**
 * The CloudBase collections and their indexes, as code: the deploy script creates exactly these
 * (CloudBase creates no index by itself), and the test double enforces the unique ones. Every list the
 * store runs has an index whose prefix is its filter and whose rest is its sort. `_id` is always indexed.
 * Every collection's security rule denies client access: only cloud functions (admin) read and write.
 */
export interface IndexKey {
  field: string;
  direction: 1 | -1;
}

export interface CollectionIndex {
  name: string;
  keys: IndexKey[];
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: CollectionIndex[];
}

const asc = (field: string): IndexKey => ({ field, direction: 1 });
const desc = (field: string): IndexKey => ({ field, direction: -1 });

export const COLLECTIONS: CollectionSpec[] = [
  { name: 'streets', indexes: [{ name: 'code', keys: [asc('code')] }] },
  {
    name: 'communities',
    indexes: [
      { name: 'code', keys: [asc('code')] },
      { name: 'streetId_code', keys: [asc('streetId'), asc('code')] },
    ],
  },
  {
    name: 'grids',
    indexes: [
      { name: 'code', keys: [asc('code')] },
      { name: 'streetId_code', keys: [asc('streetId'), asc('code')] },
      { name: 'communityId_code', keys: [asc('communityId'), asc('code')] },
      { name: 'primaryWorkerId_code', keys: [asc('primaryWorkerId'), asc('code')] },
      { name: 'backupWorkerId_code', keys: [asc('backupWorkerId'), asc('code')] },
      { name: 'qrToken', keys: [asc('qrToken')], unique: true },
    ],
  },
  {
    name: 'buildings',
    indexes: [
      // A street's buildings, paged by _id (the register import's snapshot).
      { name: 'streetId_id', keys: [asc('streetId'), asc('_id')] },
      { name: 'communityId_seq', keys: [asc('communityId'), asc('seq')] },
      { name: 'gridId_seq', keys: [asc('gridId'), asc('seq')] },
    ],
  },
  {
    name: 'households',
    indexes: [
      // roomKey: the numeric-aware sort key of room (see roomSortKey).
      { name: 'buildingId_unit_roomKey', keys: [asc('buildingId'), asc('unit'), asc('roomKey')] },
      // A grid's households, paged by _id (the building order is applied in memory).
      { name: 'gridId_id', keys: [asc('gridId'), asc('_id')] },
      // Household counts per grid (aggregate match on the street or communities, group by grid).
      { name: 'streetId_gridId', keys: [asc('streetId'), asc('gridId')] },
      { name: 'communityId_gridId', keys: [asc('communityId'), asc('gridId')] },
    ],
  },
  {
    name: 'users',
    indexes: [
      { name: 'openid', keys: [asc('openid')], unique: true },
      // workerKeys: one key per listWorkers filter combination a grid-worker post answers to.
      { name: 'workerKeys_name', keys: [asc('workerKeys'), asc('name')] },
      // residenceKeys: s:/c:/g:/b:/h: + the street, community, grid, building and household a resident lives in;
      // a binding awaiting the grid worker has only p:<gridId> (the 待确认 list).
      { name: 'residenceKeys_id', keys: [asc('residenceKeys'), asc('_id')] },
      // staffKeys: one key per staff post (community_staff|<communityId>, street_staff|<streetId>), for listStaff.
      { name: 'staffKeys_name', keys: [asc('staffKeys'), asc('name')] },
      // The register import finds a staff sheet's people by mobile.
      { name: 'phone', keys: [asc('phone')] },
    ],
  },
  // Register import jobs (the job as JSON in `data`, guarded by `version`) and remembered column mappings
  // (_id: SHA-256 of street, kind and sorted headers); both read by _id only.
  // Both are read by _id only (a job by its id, a mapping by the hash of street + kind + headers); the
  // street index serves the console and a street's clean-up.
  { name: 'import_jobs', indexes: [{ name: 'streetId', keys: [asc('streetId')] }] },
  { name: 'register_mappings', indexes: [{ name: 'streetId', keys: [asc('streetId')] }] },
  { name: 'cards', indexes: [{ name: 'photoFileId', keys: [asc('photoFileId')] }] },
  {
    name: 'audit',
    // Append-only: functions only add to it (the port has no update or delete) and the security rule denies
    // every client read and write, so nobody outside the functions can change what it says.
    indexes: [
      { name: 'targetType_targetId_at', keys: [asc('targetType'), asc('targetId'), desc('at')] },
      { name: 'streetId_at_id', keys: [asc('streetId'), desc('at'), desc('_id')] },
    ],
  },
  {
    // _id is the SHA-256 of the invitation code (the code is never stored); redeeming reads it by _id.
    name: 'invitations',
    indexes: [{ name: 'userId_status_createdAt', keys: [asc('userId'), asc('status'), desc('createdAt')] }],
  },
  {
    // Every list is (scope equality, status in, sort, _id): scope is the most selective filter present
    // (resident, handler, grid, community, street); the other filters narrow within the index range.
    // 'newest' reads createdAt/_id descending, 'deadline' reads deadlineKey/_id ascending.
    // 考核: assessedWorkerId (query-only: core assessedWorkerId) is a scope too, and the figures' click-through
    // lists range on acceptedAt / resolvedAt within a (scope, status) — the page is then sorted by the service.
    // streetId_id: the recount pages a street's requests by _id.
    name: 'requests',
    indexes: [
      ...(['streetId', 'communityId', 'gridId', 'residentId', 'handlerId', 'assessedWorkerId'] as const).flatMap((scope) => [
        { name: `${scope}_status_createdAt`, keys: [asc(scope), asc('status'), desc('createdAt'), desc('_id')] },
        { name: `${scope}_status_deadlineKey`, keys: [asc(scope), asc('status'), asc('deadlineKey'), asc('_id')] },
      ]),
      ...(['streetId', 'communityId', 'gridId', 'assessedWorkerId'] as const).flatMap((scope) => [
        { name: `${scope}_status_acceptedAt`, keys: [asc(scope), asc('status'), asc('acceptedAt'), asc('_id')] },
        { name: `${scope}_status_resolvedAt`, keys: [asc(scope), asc('status'), asc('resolvedAt'), asc('_id')] },
      ]),
      { name: 'streetId_id', keys: [asc('streetId'), asc('_id')] },
      // Open311 GET requests: a street's requests that came in over Open311 (source in), newest first.
      { name: 'streetId_source_createdAt', keys: [asc('streetId'), asc('source'), desc('createdAt'), desc('_id')] },
      // 同问 suggestions: the open requests of one (grid, category) from a createdAt bound, newest first.
      { name: 'gridId_categoryId_status_createdAt', keys: [asc('gridId'), asc('categoryId'), asc('status'), desc('createdAt'), desc('_id')] },
    ],
  },
  {
    // _id is `${requestId}:${userId}`: a person follows (同问) a request once. A request's followers are read
    // oldest first (notices at resolution, staff's ratings); a person's followed requests newest first (我的诉求).
    name: 'request_followers',
    indexes: [
      { name: 'requestId_at', keys: [asc('requestId'), asc('at'), asc('_id')] },
      { name: 'userId_at_requestId', keys: [asc('userId'), desc('at'), desc('requestId')] },
    ],
  },
  {
    // 考核 counters: _id is core counterId (`${streetId}|${kind}|${scopeId}|${period}`); one number per metric.
    // A view reads some scopes of a kind (scopeId in, period in) or every scope of a kind in some periods
    // (the ranking); the recount pages a street's counters by _id.
    name: 'assessment_counters',
    indexes: [
      { name: 'streetId_scopeKind_scopeId_period', keys: [asc('streetId'), asc('scopeKind'), asc('scopeId'), asc('period')] },
      { name: 'streetId_scopeKind_period_scopeId', keys: [asc('streetId'), asc('scopeKind'), asc('period'), asc('scopeId')] },
      { name: 'streetId_id', keys: [asc('streetId'), asc('_id')] },
    ],
  },
  {
    // _id is a hash of (submitter, idempotency key): the document that makes a retried submission a duplicate.
    name: 'request_keys',
    indexes: [{ name: 'requestId', keys: [asc('requestId')] }],
  },
  {
    // _id is `${requestId}:${seq}`: two writers can never both append event n.
    name: 'request_events',
    indexes: [{ name: 'requestId_seq', keys: [asc('requestId'), asc('seq')] }],
  },
  {
    name: 'inbox',
    indexes: [
      { name: 'userId_at', keys: [asc('userId'), desc('at'), desc('_id')] },
      { name: 'userId_readAt', keys: [asc('userId'), asc('readAt')] },
    ],
  },
  {
    // _id is `${eventId}:${recipientId}:${channel}`. Claims read the earliest due pending records, ties by _id;
    // `claim` (the claiming run's token) and the audience fields are read by _id only.
    name: 'outbox',
    indexes: [{ name: 'status_nextTryAt_id', keys: [asc('status'), asc('nextTryAt'), asc('_id')] }],
  },
  {
    // _id is `${userId}:${template}`: one credit counter per person and template; `held` lists the outbox
    // ids holding a credit right now.
    name: 'subscriptions',
    indexes: [{ name: 'userId_template', keys: [asc('userId'), asc('template')] }],
  },
  {
    // _id is the job's name.
    name: 'job_locks',
    indexes: [{ name: 'until', keys: [asc('until')] }],
  },
  {
    // _id is the log's key (`request:${submitterId}`): the instants inside the longest window (sliding
    // limits, core/shared/rate-limit.ts); `until` (when it stops limiting) is what a purge deletes by.
    name: 'rate_logs',
    indexes: [{ name: 'until', keys: [asc('until')] }],
  },
  {
    // _id is the notice id. Query-only fields: feedKeys (`${level}:${placeId}` per targeted place, what a
    // resident's feed matches its place against), areaKeys (s:/cl:/c:/g: — what staff lists match), priority
    // (pinned 2 + urgent 1) and head (what lists show, read by projection without the body).
    name: 'notices',
    indexes: [
      { name: 'feedKeys_priority_publishAt_id', keys: [asc('feedKeys'), desc('priority'), desc('publishAt'), desc('_id')] },
      { name: 'areaKeys_publishAt_id', keys: [asc('areaKeys'), desc('publishAt'), desc('_id')] },
      { name: 'streetId_publishAt_id', keys: [asc('streetId'), desc('publishAt'), desc('_id')] },
      { name: 'publisherId_idempotencyKey', keys: [asc('publisherId'), asc('idempotencyKey')], unique: true },
    ],
  },
  {
    // _id is a hash of (publisher, idempotency key): the document that makes a retried publish a duplicate.
    name: 'notice_idempotency',
    indexes: [{ name: 'noticeId', keys: [asc('noticeId')] }],
  },
  {
    // _id is `${noticeId}:${userId}`: a reader has one receipt per notice.
    name: 'notice_receipts',
    indexes: [{ name: 'noticeId_userId', keys: [asc('noticeId'), asc('userId')] }],
  },
  {
    // _id is `${noticeId}:${householdId}`: a household is reached once, by whichever method came first.
    name: 'notice_reach',
    indexes: [{ name: 'noticeId_gridId_householdId', keys: [asc('noticeId'), asc('gridId'), asc('householdId')] }],
  },
  {
    // _id is `${noticeId}:${gridId}`: counters written in the same transaction as each receipt and reach.
    name: 'notice_grid_stats',
    indexes: [{ name: 'noticeId_gridId', keys: [asc('noticeId'), asc('gridId')] }],
  },
  {
    // 报平安: one document per check-in; a street's are listed newest first.
    name: 'checkins',
    indexes: [{ name: 'streetId_startedAt', keys: [asc('streetId'), desc('startedAt'), desc('_id')] }],
  },
  // _id is `${starterId}:${idempotencyKey}`: a retried start finds the check-in it made.
  { name: 'checkin_idempotency', indexes: [{ name: 'checkInId', keys: [asc('checkInId')] }] },
  {
    // _id is `${checkInId}:${householdId}`: a household answers once. A grid's answers make its not-yet list.
    name: 'checkin_answers',
    indexes: [{ name: 'checkInId_gridId_householdId', keys: [asc('checkInId'), asc('gridId'), asc('householdId')] }],
  },
  {
    // _id is `${checkInId}:${gridId}:${shard}`: a grid's counters in a few shards (answers at once touch different
    // ones), each written in the same transaction as a first answer; the progress reads a check-in's shards by grid.
    name: 'checkin_grid_counts',
    indexes: [{ name: 'checkInId_gridId_id', keys: [asc('checkInId'), asc('gridId'), asc('_id')] }],
  },
  { name: 'categories', indexes: [{ name: 'streetId_seq', keys: [asc('streetId'), asc('seq'), asc('_id')] }] },
  { name: 'departments', indexes: [{ name: 'streetId_id', keys: [asc('streetId'), asc('_id')] }] },
  // _id is the street's id.
  { name: 'request_settings', indexes: [{ name: 'streetId', keys: [asc('streetId')] }] },
  // _id is the year as a string.
  { name: 'calendars', indexes: [{ name: 'year', keys: [asc('year')] }] },
  // One document per export file (exports/ in cloud storage); housekeeping deletes those past expiresAt.
  { name: 'export_files', indexes: [{ name: 'expiresAt_id', keys: [asc('expiresAt'), asc('_id')] }] },
  // Open311 partner api_keys: _id is the SHA-256 of the key (the key is never stored); the admin lists a street's.
  { name: 'partner_keys', indexes: [{ name: 'streetId_createdAt_id', keys: [asc('streetId'), desc('createdAt'), desc('_id')] }] },
  // Append-only, like audit: one entry per Open311 call made with a key.
  { name: 'partner_access_log', indexes: [{ name: 'keyId_at_id', keys: [asc('keyId'), desc('at'), desc('_id')] }] },
  // _id is the SHA-256 of the file id (cloudbase-uploads.ts). The purge reads unused records oldest first;
  // a person's records are found by ownerId (support questions, a person's quota).
  {
    name: 'uploads',
    indexes: [
      { name: 'referencedAt_createdAt_id', keys: [asc('referencedAt'), asc('createdAt'), asc('_id')] },
      { name: 'ownerId_createdAt', keys: [asc('ownerId'), asc('createdAt')] },
    ],
  },
  // 走访 / 巡查: _id is the hash of (workerId, clientKey) (cloudbase-visits.ts), so a retried send lands once.
  // Read by household (history, newest first), by grid and date (due list, coverage), by street and date (purge).
  {
    name: 'visits',
    indexes: [
      { name: 'householdId_date_at_visitId', keys: [asc('householdId'), desc('date'), desc('at'), desc('visitId')] },
      { name: 'gridId_date_id', keys: [asc('gridId'), asc('date'), asc('_id')] },
      { name: 'streetId_date_id', keys: [asc('streetId'), asc('date'), asc('_id')] },
      { name: 'visitId', keys: [asc('visitId')] },
    ],
  },
];

export type CollectionName =
  | 'streets'
  | 'communities'
  | 'grids'
  | 'buildings'
  | 'households'
  | 'users'
  | 'cards'
  | 'audit'
  | 'invitations'
  | 'import_jobs'
  | 'register_mappings'
  | 'requests'
  | 'assessment_counters'
  | 'request_keys'
  | 'request_events'
  | 'request_followers'
  | 'inbox'
  | 'outbox'
  | 'subscriptions'
  | 'job_locks'
  | 'rate_logs'
  | 'categories'
  | 'departments'
  | 'request_settings'
  | 'calendars'
  | 'notices'
  | 'notice_idempotency'
  | 'notice_receipts'
  | 'notice_reach'
  | 'notice_grid_stats'
  | 'checkins'
  | 'checkin_idempotency'
  | 'checkin_answers'
  | 'checkin_grid_counts'
  | 'export_files'
  | 'partner_keys'
  | 'partner_access_log'
  | 'uploads'
  | 'visits';

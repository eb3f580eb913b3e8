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
      { name: 'communityId_seq', keys: [asc('communityId'), asc('seq')] },
      { name: 'gridId_seq', keys: [asc('gridId'), asc('seq')] },
    ],
  },
  {
    name: 'households',
    // roomKey: the numeric-aware sort key of room (see roomSortKey).
    indexes: [{ name: 'buildingId_unit_roomKey', keys: [asc('buildingId'), asc('unit'), asc('roomKey')] }],
  },
  {
    name: 'users',
    indexes: [
      { name: 'openid', keys: [asc('openid')], unique: true },
      // workerKeys: one key per listWorkers filter combination a grid-worker post answers to.
      { name: 'workerKeys_name', keys: [asc('workerKeys'), asc('name')] },
      // staffKeys: one key per staff post (community_staff|<communityId>, street_staff|<streetId>), for listStaff.
      { name: 'staffKeys_name', keys: [asc('staffKeys'), asc('name')] },
    ],
  },
  { name: 'cards', indexes: [{ name: 'photoFileId', keys: [asc('photoFileId')] }] },
  {
    name: 'audit',
    indexes: [{ name: 'targetType_targetId_at', keys: [asc('targetType'), asc('targetId'), desc('at')] }],
  },
  {
    // Every list is (scope equality, status in, sort, _id): scope is the most selective filter present
    // (resident, handler, grid, community, street); the other filters narrow within the index range.
    // 'newest' reads createdAt/_id descending, 'deadline' reads deadlineKey/_id ascending.
    name: 'requests',
    indexes: (['streetId', 'communityId', 'gridId', 'residentId', 'handlerId'] as const).flatMap((scope) => [
      { name: `${scope}_status_createdAt`, keys: [asc(scope), asc('status'), desc('createdAt'), desc('_id')] },
      { name: `${scope}_status_deadlineKey`, keys: [asc(scope), asc('status'), asc('deadlineKey'), asc('_id')] },
    ]),
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
    // _id is `rl_${submitterId}_${windowMinutes}_${bucket}`; `until` (the window's end) is what a purge deletes by.
    name: 'rate_counters',
    indexes: [{ name: 'until', keys: [asc('until')] }],
  },
  { name: 'categories', indexes: [{ name: 'streetId_seq', keys: [asc('streetId'), asc('seq'), asc('_id')] }] },
  { name: 'departments', indexes: [{ name: 'streetId_id', keys: [asc('streetId'), asc('_id')] }] },
  // _id is the street's id.
  { name: 'request_settings', indexes: [{ name: 'streetId', keys: [asc('streetId')] }] },
  // _id is the year as a string.
  { name: 'calendars', indexes: [{ name: 'year', keys: [asc('year')] }] },
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
  | 'requests'
  | 'request_keys'
  | 'request_events'
  | 'inbox'
  | 'outbox'
  | 'subscriptions'
  | 'job_locks'
  | 'rate_counters'
  | 'categories'
  | 'departments'
  | 'request_settings'
  | 'calendars';

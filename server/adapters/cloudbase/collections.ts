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
    ],
  },
  { name: 'cards', indexes: [{ name: 'photoFileId', keys: [asc('photoFileId')] }] },
  {
    name: 'audit',
    indexes: [{ name: 'targetType_targetId_at', keys: [asc('targetType'), asc('targetId'), desc('at')] }],
  },
];

export type CollectionName = 'streets' | 'communities' | 'grids' | 'buildings' | 'households' | 'users' | 'cards' | 'audit';

/** The fields of the place, people, card and audit documents (cloudbase-store.ts reads and writes them; registers import into them). */
import type { CollectionName } from './collections';

export const FIELDS = {
  streets: ['code', 'name', 'district'],
  communities: ['streetId', 'code', 'name', 'hotline', 'address'],
  grids: ['streetId', 'communityId', 'code', 'name', 'boundary', 'households', 'primaryWorkerId', 'backupWorkerId', 'qrToken', 'version', 'updatedAt'],
  buildings: ['streetId', 'communityId', 'gridId', 'name', 'units', 'seq'],
  households: ['streetId', 'communityId', 'gridId', 'buildingId', 'unit', 'room', 'keyGroups', 'toVerify'],
  users: ['openid', 'name', 'phone', 'residence', 'posts', 'createdAt'],
  cards: ['displayName', 'workPhone', 'photoFileId', 'dutyHours', 'intro', 'updatedAt'],
  audit: ['at', 'actorId', 'action', 'targetType', 'targetId', 'detail', 'streetId'],
  invitations: ['userId', 'streetId', 'communityId', 'createdBy', 'createdAt', 'expiresAt', 'status', 'attempts', 'redeemedAt', 'version'],
} as const satisfies Partial<Record<CollectionName, readonly string[]>>;

/** The collections of places, people, cards and audit (the request collections have their own module, cloudbase-requests.ts). */
export type PlaceCollection = keyof typeof FIELDS;

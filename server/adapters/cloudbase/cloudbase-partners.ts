/**
 * The partner port in CloudBase: collection `partner_keys` (`_id` is the SHA-256 of the api_key; index
 * streetId_createdAt_id for the admin's list) and `partner_access_log` (append-only: the port has no update
 * or delete and the security rule denies clients; index keyId_at_id). create / get / revoke are
 * single-document operations, so they join the transaction that appends the audit entry.
 */
import type { PartnerAccessEntry, PartnerKey, PartnerKeyRepository } from '../../ports/partner.port';
import { queryGuard, type DocAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbDocument } from './cloudbase-db';

const LOG_MAX = 200;
const LIST_MAX = 1000;

function withId<T extends { id: string }>(d: DbDocument): T {
  const { _id, ...rest } = d as DbDocument & Record<string, unknown>;
  return { ...(rest as Omit<T, 'id'>), id: String(_id) } as T;
}

export function partnerKeyRepository(db: CloudbaseDb, access: DocAccess, inTransaction: boolean): PartnerKeyRepository {
  const query = queryGuard(inTransaction);
  return {
    async create(key) {
      const { id, ...fields } = key;
      await access.create('partner_keys', id, { ...fields });
    },
    async get(id) {
      const d = await access.get('partner_keys', id);
      return d ? withId<PartnerKey>(d) : null;
    },
    async revoke(id, at, by) {
      if (inTransaction) {
        // The transaction guards the read: a concurrent revoke aborts it.
        const current = await access.get('partner_keys', id);
        if (!current || current.revokedAt) return false;
        return (await access.update('partner_keys', id, { revokedAt: at, revokedBy: by })) === 1;
      }
      const res = checked(await db.collection('partner_keys').where({ _id: id, revokedAt: null }).update({ revokedAt: at, revokedBy: by }));
      return res.updated === 1;
    },
    list: query('partnerKeys.list', async (streetId: string) => {
      const docs = checked(
        await db.collection('partner_keys').where({ streetId }).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(LIST_MAX).get(),
      ).data;
      return docs.map((d) => withId<PartnerKey>(d));
    }),
    async logAccess(entry) {
      const { id, ...fields } = entry;
      await access.create('partner_access_log', id, { ...fields });
    },
    accessLog: query('partnerKeys.accessLog', async (keyId: string, limit: number) => {
      const n = Math.max(1, Math.min(LOG_MAX, Math.floor(limit)));
      const docs = checked(
        await db.collection('partner_access_log').where({ keyId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(n).get(),
      ).data;
      return docs.map((d) => withId<PartnerAccessEntry>(d));
    }),
  };
}

/**
 * The export port in CloudBase: collection `export_files`, one document per export file (`_id` is the
 * record id), found by `expiresAt` for housekeeping (index expiresAt_id). `create` is a single-document
 * write, so it joins the transaction that appends the export's audit entry.
 */
import type { ExportRecord, ExportRepository } from '../../ports/export.port';
import { queryGuard, type DocAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbDocument } from './cloudbase-db';

const LIST_MAX = 500;
/** `_.in` takes at most 500 values per command. */
const IN_CHUNK = 500;

function recordOf(d: DbDocument): ExportRecord {
  const { _id, ...rest } = d as DbDocument & Omit<ExportRecord, 'id'>;
  return { ...(rest as Omit<ExportRecord, 'id'>), id: String(_id) };
}

export function exportRepository(db: CloudbaseDb, access: DocAccess, inTransaction: boolean): ExportRepository {
  const _ = db.command;
  const query = queryGuard(inTransaction);
  return {
    async create(record) {
      const { id, ...fields } = record;
      await access.create('export_files', id, { ...fields });
    },
    async get(id) {
      const d = await access.get('export_files', id);
      return d ? recordOf(d) : null;
    },
    listExpired: query('exports.listExpired', async (before: string, limit: number) => {
      const n = Math.max(1, Math.min(LIST_MAX, Math.floor(limit)));
      const docs = checked(
        await db.collection('export_files').where({ expiresAt: _.lte(before) }).orderBy('expiresAt', 'asc').orderBy('_id', 'asc').limit(n).get(),
      ).data;
      return docs.map(recordOf);
    }),
    remove: query('exports.remove', async (ids: string[]) => {
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += IN_CHUNK) {
        checked(await db.collection('export_files').where({ _id: _.in(unique.slice(i, i + IN_CHUNK)) }).remove());
      }
    }),
  };
}

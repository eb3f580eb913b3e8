/**
 * The upload port in CloudBase: collection `uploads`, one document per accepted upload. A file id
 * (`cloud://<env>.<bucket>/uploads/<userId>/<name>`) is not a good `_id`, so `_id` is its SHA-256 and the
 * document keeps `fileId`. The person's upload log is the `rate_logs` document `upload:<userId>` (times,
 * day, bytes), read and rewritten in the same transaction that creates the record: two concurrent uploads
 * of one person conflict and one re-runs against the other's count.
 *
 * Marking and purging are conditional single-document writes (`where({ _id, referencedAt: null })`), so a
 * purge removes only what is still unused at the moment it deletes it.
 */
import { createHash } from 'node:crypto';
import { takeUpload, uploadRateKey, type UploadLimits } from '@core/shared/rate-limit';
import type { StoredContentType } from '../../ports/file-storage.port';
import type { RegisterUploadResult, UploadRecord, UploadRepository } from '../../ports/upload.port';
import { transactionAccess, type DocAccess } from './cloudbase-access';
import { checked, type CloudbaseDb, type DbDocument } from './cloudbase-db';

const LIST_MAX = 500;
const RETRIES = 10;
/** Conditional deletes in flight at once during a purge. */
const PARALLEL = 10;

export function uploadDocId(fileId: string): string {
  return createHash('sha256').update(fileId).digest('hex');
}

function toRecord(d: DbDocument): UploadRecord {
  return {
    fileId: String(d.fileId),
    ownerId: String(d.ownerId),
    contentType: d.contentType as StoredContentType,
    size: Number(d.size),
    createdAt: String(d.createdAt),
    referencedAt: typeof d.referencedAt === 'string' ? d.referencedAt : null,
  };
}

async function registerWith(access: DocAccess, record: UploadRecord, limits: UploadLimits): Promise<RegisterUploadResult> {
  const id = uploadDocId(record.fileId);
  const existing = await access.get('uploads', id);
  if (existing) return { kind: 'duplicate', record: toRecord(existing) };
  const logId = uploadRateKey(record.ownerId);
  const log = await access.get('rate_logs', logId);
  const stored = log
    ? { times: Array.isArray(log.times) ? (log.times as string[]) : [], day: typeof log.day === 'string' ? log.day : '', bytes: typeof log.bytes === 'number' ? log.bytes : 0 }
    : null;
  const decision = takeUpload(stored, record.createdAt, record.size, limits);
  if (!decision.ok) {
    return decision.reason === 'rate' ? { kind: 'rate_limited', limit: decision.limit } : { kind: 'quota_exceeded', used: decision.used, max: decision.max };
  }
  await access.put('rate_logs', logId, { times: decision.log.times, until: decision.until, day: decision.log.day, bytes: decision.log.bytes });
  await access.create('uploads', id, { ...record });
  return { kind: 'registered', record: structuredClone(record) };
}

export function uploadRepository(db: CloudbaseDb): UploadRepository {
  const _ = db.command;
  return {
    register: (record, limits) => db.runTransaction((t) => registerWith(transactionAccess(t), record, limits), RETRIES),
    async get(fileId) {
      const d = checked(await db.collection('uploads').doc(uploadDocId(fileId)).get()).data[0];
      return d ? toRecord(d) : null;
    },
    async markReferenced(fileIds, at) {
      const found: string[] = [];
      for (const fileId of [...new Set(fileIds)]) {
        const id = uploadDocId(fileId);
        checked(await db.collection('uploads').where({ _id: id, referencedAt: null }).update({ referencedAt: at }));
        if (checked(await db.collection('uploads').doc(id).get()).data[0]) found.push(fileId);
      }
      return found;
    },
    async release(fileIds) {
      for (const fileId of [...new Set(fileIds)]) checked(await db.collection('uploads').doc(uploadDocId(fileId)).update({ referencedAt: null }));
    },
    async listUnreferenced(before, limit) {
      const n = Math.max(1, Math.min(LIST_MAX, Math.floor(limit)));
      const docs = checked(
        await db.collection('uploads').where({ referencedAt: null, createdAt: _.lt(before) }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(n).get(),
      ).data;
      return docs.map(toRecord);
    },
    async removeUnreferenced(fileIds) {
      const unique = [...new Set(fileIds)];
      const removed: string[] = [];
      // Conditional deletes, a few at a time: a purge round of 100 takes a few requests' time, not a hundred.
      for (let i = 0; i < unique.length; i += PARALLEL) {
        const part = unique.slice(i, i + PARALLEL);
        const results = await Promise.all(part.map((fileId) => db.collection('uploads').where({ _id: uploadDocId(fileId), referencedAt: null }).remove()));
        results.forEach((res, j) => {
          if ((checked(res).deleted ?? 0) > 0) removed.push(part[j]);
        });
      }
      return removed;
    },
  };
}

/**
 * Uploads on CloudBase (against the SDK doubles): the app writes an object to cloud storage itself and then
 * claims it (account.claimUpload). The claim is where the limits and the real-PDF check run; a refused object
 * is deleted, an unclaimed one is never attached, and the daily purge finds unused ones by their records.
 */
import type { MyCardEdit } from '@core/api/contract';
import type { Reply } from '@core/shared/errors';
import { CloudbaseFileStorage, type CloudbaseFilesApp, type FetchLike } from '../adapters/cloudbase/cloudbase-files';
import { createCloudbaseStore, importIntoCloudbase } from '../adapters/cloudbase/cloudbase-store';
import { FakeCloudbaseDb } from '../adapters/cloudbase/testing/fake-cloudbase-db';
import { functionHarness, type Harness } from '../testing/function-harness';
import { fakePdf, smallPdf } from '../testing/pdf.fixture';
import { smallStreet } from '../testing/small-street.fixture';
import type { Deps } from '../use-cases/context';
import { FUNCTIONS } from './registry';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const ENV = 'cloud://prod-1a2b.7072-prod-1a2b-1300';

/** Cloud storage as the node SDK and the CDN answer it: temp URLs, ranged reads, whole downloads, deletes. */
function cloudStorage() {
  const objects = new Map<string, { bytes: Buffer; modified: string }>();
  const app: CloudbaseFilesApp = {
    async getTempFileURL({ fileList }) {
      return {
        fileList: fileList.map(({ fileID }) =>
          objects.has(fileID) ? { code: 'SUCCESS', fileID, tempFileURL: `https://cdn.example/${encodeURIComponent(fileID)}` } : { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '' },
        ),
      };
    },
    async deleteFile({ fileList }) {
      for (const id of fileList) objects.delete(id);
      return { fileList: fileList.map((fileID) => ({ code: 'SUCCESS', fileID })) };
    },
    async downloadFile({ fileID }) {
      const o = objects.get(fileID);
      return o ? { fileContent: Buffer.from(o.bytes) } : { code: 'STORAGE_FILE_NONEXIST' };
    },
  };
  const fetch: FetchLike = async (url, init) => {
    const o = objects.get(decodeURIComponent(url.slice('https://cdn.example/'.length)));
    if (!o) return { ok: false, status: 404, headers: { get: () => null }, arrayBuffer: async () => new ArrayBuffer(0) };
    const range = /bytes=0-(\d+)/.exec(init?.headers?.Range ?? '');
    const part = range ? o.bytes.subarray(0, Number(range[1]) + 1) : o.bytes;
    const headers: Record<string, string> = { 'content-range': `bytes 0-${part.length - 1}/${o.bytes.length}`, 'last-modified': o.modified };
    return { ok: true, status: range ? 206 : 200, headers: { get: (n) => headers[n.toLowerCase()] ?? null }, arrayBuffer: async () => Uint8Array.from(part).buffer };
  };
  /** What wx.cloud.uploadFile does: writes the object, answers its file id; no function is involved. */
  const write = (userId: string, name: string, bytes: Buffer) => {
    const id = `${ENV}/uploads/${userId}/${name}`;
    objects.set(id, { bytes, modified: 'Mon, 23 Nov 2026 02:00:00 GMT' });
    return id;
  };
  return { app, fetch, objects, write };
}

describe('uploads on CloudBase: claimed, counted, checked, purged', () => {
  let h: Harness;
  let deps: Deps;
  let storage: ReturnType<typeof cloudStorage>;
  const call = <T>(who: string, fn: keyof typeof FUNCTIONS, action: string, data: unknown) =>
    FUNCTIONS[fn].handle(who === 'system' ? { kind: 'system' } : { kind: 'user', openid: `open-${who}` }, { action, data }, deps) as Promise<Reply<T>>;
  const claim = (who: string, fileId: string) => call<{ fileId: string }>(who, 'account', 'claimUpload', { fileId });

  beforeEach(async () => {
    h = await functionHarness(new Date('2026-11-23T02:00:00Z'));
    const db = new FakeCloudbaseDb();
    await importIntoCloudbase(db, smallStreet());
    storage = cloudStorage();
    deps = { ...h.deps, store: createCloudbaseStore(db), files: new CloudbaseFileStorage(storage.app, { fetch: storage.fetch }) };
  });
  afterEach(() => h.close());

  it('claims a real PDF once (a repeated claim answers it and counts nothing) and refuses one that only starts with %PDF-, deleting it', async () => {
    const real = storage.write('ss', 'a.pdf', await smallPdf());
    expect(await claim('ss', real)).toEqual({ ok: true, data: { fileId: real } });
    expect(await claim('ss', real)).toEqual({ ok: true, data: { fileId: real } });
    expect(await deps.store.uploads.get(real)).toMatchObject({ ownerId: 'ss', contentType: 'application/pdf', referencedAt: null });

    const fake = storage.write('ss', 'b.pdf', fakePdf());
    expect(await claim('ss', fake)).toMatchObject({ ok: false, code: 'UPLOAD.BAD_FILE', message: expect.stringContaining('不是有效的PDF') });
    expect(storage.objects.has(fake)).toBe(false);
    expect(await deps.store.uploads.get(fake)).toBeNull();
  });

  it('refuses the 21st claim within a minute and deletes that object; a user with no role may not claim at all', async () => {
    for (let i = 0; i < 20; i++) expect(await claim('w1', storage.write('w1', `${i}.png`, PNG))).toMatchObject({ ok: true });
    const extra = storage.write('w1', '20.png', PNG);
    expect(await claim('w1', extra)).toMatchObject({ ok: false, code: 'UPLOAD.RATE_LIMITED' });
    expect(storage.objects.has(extra)).toBe(false);
    expect(await claim('newcomer', storage.write('newcomer', 'x.png', PNG))).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it("leaves someone else's object alone, and never attaches an object that was not claimed", async () => {
    const theirs = storage.write('w2', 'theirs.png', PNG);
    expect(await claim('w1', theirs)).toMatchObject({ ok: false, code: 'FILE.NOT_OWNED' });
    expect(storage.objects.has(theirs)).toBe(true);
    const unclaimed = storage.write('w1', 'sneaky.png', PNG);
    const edit = await call<MyCardEdit>('w1', 'grid', 'myCardEdit', {});
    if (!edit.ok) throw new Error(edit.code);
    expect(await call('w1', 'grid', 'updateMyCard', { ...edit.data.card, photoFileId: unclaimed })).toMatchObject({ ok: false, code: 'FILE.NOT_FOUND' });
  });

  it('the daily purge deletes claimed objects nothing used after a day, keeps a card photo, and a second run deletes nothing', async () => {
    const orphan = storage.write('w1', 'orphan.png', PNG);
    const used = storage.write('w1', 'used.png', PNG);
    await claim('w1', orphan);
    await claim('w1', used);
    const edit = await call<MyCardEdit>('w1', 'grid', 'myCardEdit', {});
    if (!edit.ok) throw new Error(edit.code);
    expect(await call('w1', 'grid', 'updateMyCard', { ...edit.data.card, photoFileId: used })).toMatchObject({ ok: true });

    h.clock.set(new Date('2026-11-23T12:00:00Z'));
    expect(await call('system', 'housekeeping', 'purgeOrphanUploads', {})).toEqual({ ok: true, data: { checked: 0, removed: 0, more: false } });
    h.clock.set(new Date('2026-11-24T02:00:01Z'));
    expect(await call('system', 'housekeeping', 'purgeOrphanUploads', {})).toEqual({ ok: true, data: { checked: 1, removed: 1, more: false } });
    expect(storage.objects.has(orphan)).toBe(false);
    expect(storage.objects.has(used)).toBe(true);
    expect(await deps.store.uploads.get(orphan)).toBeNull();
    expect(await call('system', 'housekeeping', 'purgeOrphanUploads', {})).toEqual({ ok: true, data: { checked: 0, removed: 0, more: false } });
  });
});

import { CloudbaseFileStorage, uploadOwner, type CloudbaseFilesApp, type FetchLike } from './cloudbase-files';
import { cloudbaseDeps, type CloudbaseApp } from './cloudbase-deps';
import { FakeCloudbaseDb } from './testing/fake-cloudbase-db';

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];

interface StoredObject {
  bytes: number[];
  size: number;
  modified: string;
}

/** Cloud storage as the SDK answers: per-file codes, at most 50 files a call. */
function fakeStorage(objects: Record<string, StoredObject>) {
  const calls: { api: string; count: number; maxAge?: number }[] = [];
  const app: CloudbaseFilesApp = {
    async getTempFileURL({ fileList }) {
      if (fileList.length > 50) throw new Error('at most 50 files a call');
      calls.push({ api: 'getTempFileURL', count: fileList.length, maxAge: fileList[0]?.maxAge });
      return {
        fileList: fileList.map(({ fileID }) =>
          objects[fileID]
            ? { code: 'SUCCESS', fileID, tempFileURL: `https://cdn.example/${encodeURIComponent(fileID)}?sign=1` }
            : { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '' },
        ),
      };
    },
    async deleteFile({ fileList }) {
      if (fileList.length > 50) throw new Error('at most 50 files a call');
      calls.push({ api: 'deleteFile', count: fileList.length });
      for (const id of fileList) delete objects[id];
      return { fileList: fileList.map((fileID) => ({ code: 'SUCCESS', fileID })) };
    },
  };
  const fetch: FetchLike = async (url, init) => {
    const id = decodeURIComponent(url.slice('https://cdn.example/'.length).split('?')[0]);
    const o = objects[id];
    const headers = new Map<string, string>();
    if (!o) return { ok: false, status: 404, headers: { get: () => null }, arrayBuffer: async () => new ArrayBuffer(0) };
    expect(init?.headers?.Range).toBe('bytes=0-15');
    headers.set('content-range', `bytes 0-15/${o.size}`);
    headers.set('last-modified', o.modified);
    return { ok: true, status: 206, headers: { get: (n) => headers.get(n.toLowerCase()) ?? null }, arrayBuffer: async () => new Uint8Array(o.bytes).buffer };
  };
  return { app, fetch, calls, objects };
}

const own = 'cloud://prod-1a2b.7072-prod-1a2b-1300/uploads/u-42/3f9c.jpg';

describe('CloudbaseFileStorage', () => {
  it('reads the owner from uploads/<userId>/ and nothing else', () => {
    expect(uploadOwner(own)).toBe('u-42');
    expect(uploadOwner('cloud://env.bucket/uploads/u-1/x.PNG')).toBe('u-1');
    expect(uploadOwner('cloud://env.bucket/avatars/u-1/x.jpg')).toBeNull();
    expect(uploadOwner('cloud://env.bucket/uploads/u-1/x.gif')).toBeNull();
    expect(uploadOwner('cloud://env.bucket/uploads/u-1/deeper/x.jpg')).toBeNull();
    expect(uploadOwner('https://evil.example/uploads/u-1/x.jpg')).toBeNull();
  });

  it('describes an upload by its content, size and date; a missing or non-image file is null', async () => {
    const s = fakeStorage({
      [own]: { bytes: JPEG, size: 123456, modified: 'Tue, 03 Mar 2026 01:02:03 GMT' },
      'cloud://env.bucket/uploads/u-1/p.png': { bytes: PNG, size: 999, modified: 'Tue, 03 Mar 2026 01:02:03 GMT' },
      'cloud://env.bucket/uploads/u-1/fake.jpg': { bytes: [0x3c, 0x68, 0x74, 0x6d, 0x6c], size: 5, modified: 'Tue, 03 Mar 2026 01:02:03 GMT' },
    });
    const files = new CloudbaseFileStorage(s.app, { fetch: s.fetch });
    expect(await files.info(own)).toEqual({ fileId: own, ownerId: 'u-42', contentType: 'image/jpeg', size: 123456, createdAt: '2026-03-03T01:02:03.000Z' });
    expect(await files.info('cloud://env.bucket/uploads/u-1/p.png')).toMatchObject({ contentType: 'image/png', ownerId: 'u-1' });
    expect(await files.info('cloud://env.bucket/uploads/u-1/fake.jpg')).toBeNull();
    expect(await files.info('cloud://env.bucket/uploads/u-1/gone.jpg')).toBeNull();
    expect(await files.info('cloud://env.bucket/elsewhere/u-1/p.png')).toBeNull();
  });

  it('reads a register upload whole through downloadFile, only from uploads/<userId>/', async () => {
    const xlsx = 'cloud://env.bucket/uploads/u-1/r.xlsx';
    const s = fakeStorage({ [xlsx]: { bytes: [0x50, 0x4b, 0x03, 0x04, 9, 9], size: 6, modified: 'Tue, 03 Mar 2026 01:02:03 GMT' } });
    const asked: string[] = [];
    const app: CloudbaseFilesApp = {
      ...s.app,
      async downloadFile({ fileID }) {
        asked.push(fileID);
        const o = s.objects[fileID];
        return o ? { fileContent: Buffer.from(o.bytes) } : { code: 'STORAGE_FILE_NONEXIST', message: 'gone' };
      },
    };
    const files = new CloudbaseFileStorage(app, { fetch: s.fetch });
    expect(Array.from((await files.read(xlsx))!)).toEqual([0x50, 0x4b, 0x03, 0x04, 9, 9]);
    expect(await files.info(xlsx)).toMatchObject({ ownerId: 'u-1', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 6 });
    expect(await files.read('cloud://env.bucket/uploads/u-1/gone.xlsx')).toBeNull();
    expect(await files.read('cloud://env.bucket/elsewhere/u-1/r.xlsx')).toBeNull();
    expect(asked).toEqual([xlsx, 'cloud://env.bucket/uploads/u-1/gone.xlsx']);
  });

  it('gives short-lived URLs in the order asked, null for missing files, 50 ids per call', async () => {
    const objects: Record<string, StoredObject> = {};
    const ids = Array.from({ length: 120 }, (_, i) => `cloud://env.bucket/uploads/u/${i}.jpg`);
    for (const id of ids) objects[id] = { bytes: JPEG, size: 10, modified: 'Tue, 03 Mar 2026 01:02:03 GMT' };
    const s = fakeStorage(objects);
    const files = new CloudbaseFileStorage(s.app, { fetch: s.fetch });
    const asked = [ids[5], 'cloud://env.bucket/uploads/u/none.jpg', ...ids, ids[5]];
    const urls = await files.tempUrls(asked);
    expect(urls).toHaveLength(asked.length);
    expect(urls[0]).toContain(encodeURIComponent(ids[5]));
    expect(urls[1]).toBeNull();
    expect(urls[urls.length - 1]).toBe(urls[0]);
    expect(s.calls.map((c) => c.count)).toEqual([50, 50, 21]);
    expect(s.calls[0].maxAge).toBe(600);
    await files.tempUrls([ids[0]], 60);
    expect(s.calls[3].maxAge).toBe(60);
    expect(await files.tempUrls([])).toEqual([]);
  });

  it('removes files 50 per call', async () => {
    const objects: Record<string, StoredObject> = {};
    const ids = Array.from({ length: 70 }, (_, i) => `cloud://env.bucket/uploads/u/${i}.jpg`);
    for (const id of ids) objects[id] = { bytes: JPEG, size: 10, modified: 'Tue, 03 Mar 2026 01:02:03 GMT' };
    const s = fakeStorage(objects);
    const files = new CloudbaseFileStorage(s.app, { fetch: s.fetch });
    await files.remove(ids);
    expect(Object.keys(s.objects)).toEqual([]);
    expect(s.calls.map((c) => c.count)).toEqual([50, 20]);
  });

  it('fails loudly when the SDK reports an error instead of data', async () => {
    const app: CloudbaseFilesApp = {
      getTempFileURL: async () => ({ fileList: [], code: 'PERMISSION_DENIED', message: 'no' }),
      deleteFile: async () => ({ fileList: [], code: 'PERMISSION_DENIED', message: 'no' }),
    };
    const files = new CloudbaseFileStorage(app, { fetch: async () => { throw new Error('unreachable'); } });
    await expect(files.tempUrls([own])).rejects.toThrow(/PERMISSION_DENIED/);
    await expect(files.remove([own])).rejects.toThrow(/PERMISSION_DENIED/);
  });
});

describe('cloudbaseDeps', () => {
  it('wires the CloudBase store and files, the system clock and dashless uuids', async () => {
    const db = new FakeCloudbaseDb();
    const s = fakeStorage({});
    const app: CloudbaseApp = { ...s.app, database: () => db };
    const deps = cloudbaseDeps(app, 'grid', { env: { WGT_BIND_URL_BASE: 'https://example.org/bind?t=' } });
    expect(deps.config.bindUrlBase).toBe('https://example.org/bind?t=');
    expect(deps.newId()).toMatch(/^[0-9a-f]{32}$/);
    expect(deps.newId()).not.toBe(deps.newId());
    expect(Math.abs(deps.clock.now().getTime() - Date.now())).toBeLessThan(5000);
    await deps.store.cards.save({ workerId: 'w', displayName: '王', workPhone: '13800000001', photoFileId: null, dutyHours: [], intro: '', updatedAt: 'x' });
    expect((await db.collection('cards').doc('w').get()).data).toHaveLength(1);
    expect(await deps.files.tempUrls([own])).toEqual([null]);
  });
});

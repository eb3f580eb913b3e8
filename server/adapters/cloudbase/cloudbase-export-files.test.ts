import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadStream } from 'node:fs';
import { XLSX_TYPE } from '../../ports/file-storage.port';
import { CloudbaseFileStorage, type CloudbaseFilesApp } from './cloudbase-files';

const ENV = 'cloud://prod-1a2b.7072-prod-1a2b-1300';

/** Cloud storage as the SDK answers uploadFile, getTempFileURL and deleteFile. */
function fakeStorage() {
  const objects = new Map<string, Buffer>();
  const maxAges: number[] = [];
  const app: CloudbaseFilesApp = {
    async uploadFile({ cloudPath, fileContent }) {
      const chunks: Buffer[] = [];
      for await (const c of fileContent as ReadStream) chunks.push(c as Buffer);
      objects.set(`${ENV}/${cloudPath}`, Buffer.concat(chunks));
      return { fileID: `${ENV}/${cloudPath}` };
    },
    async getTempFileURL({ fileList }) {
      maxAges.push(...fileList.map((f) => f.maxAge));
      return {
        fileList: fileList.map(({ fileID }) =>
          objects.has(fileID)
            ? { code: 'SUCCESS', fileID, tempFileURL: `https://cdn.example/${fileID.slice(ENV.length + 1)}?sign=1` }
            : { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '' },
        ),
      };
    },
    async deleteFile({ fileList }) {
      for (const id of fileList) objects.delete(id);
      return { fileList: fileList.map((fileID) => ({ code: 'SUCCESS', fileID })) };
    },
  };
  return { app, objects, maxAges };
}

describe('CloudbaseFileStorage exports', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-cb-export-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('streams the file to exports/<street>/<random>/<Chinese name>, serves it by a temp URL ending in that name, and removes it', async () => {
    const s = fakeStorage();
    const files = new CloudbaseFileStorage(s.app, { fetch: async () => { throw new Error('not used'); } });
    const path = join(dir, 'export.xlsx');
    writeFileSync(path, Buffer.from('PK\x03\x04 workbook bytes'));
    const { fileId, size } = await files.saveExport({ localPath: path, fileName: '诉求台账_银杏街道_2026年11月.xlsx', contentType: XLSX_TYPE, streetId: 's1' });
    expect(fileId).toMatch(new RegExp(`^${ENV}/exports/s1/[0-9a-f]{32}/诉求台账_银杏街道_2026年11月\\.xlsx$`));
    expect(size).toBe(19);
    expect(s.objects.get(fileId)?.toString()).toBe('PK\x03\x04 workbook bytes');
    const url = await files.exportUrl(fileId, 86400);
    expect(url).toMatch(/\/诉求台账_银杏街道_2026年11月\.xlsx\?sign=1$/);
    expect(s.maxAges).toEqual([86400]);
    // Exports are not uploads: nothing else in storage is served as one.
    expect(await files.exportUrl(`${ENV}/uploads/u-1/a.jpg`, 60)).toBeNull();
    expect(await files.info(fileId)).toBeNull();
    await files.remove([fileId]);
    await files.remove([fileId]);
    expect(s.objects.size).toBe(0);
    expect(await files.exportUrl(fileId, 60)).toBeNull();
  });
});

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGE_MAX_BYTES } from '../ports/file-storage.port';
import { LocalFileStorage } from './local-files';
import { JPEG_BYTES, pngImage } from './testing/images';

const PNG = pngImage();
const JPEG = JPEG_BYTES;

describe('LocalFileStorage', () => {
  let dir: string;
  const state = { now: new Date('2026-03-01T00:00:00Z') };
  const clock = { now: () => state.now };
  let files: LocalFileStorage;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wgt-files-'));
    state.now = new Date('2026-03-01T00:00:00Z');
    files = new LocalFileStorage({ dir, secret: Buffer.alloc(32, 1), clock });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores an image under an opaque id and reports its owner, type and size', async () => {
    const info = await files.put('u1', PNG);
    expect(info.fileId).toMatch(/^[0-9a-f]{32}$/);
    expect(info).toEqual({ fileId: info.fileId, ownerId: 'u1', contentType: 'image/png', size: PNG.length, createdAt: '2026-03-01T00:00:00.000Z' });
    expect(await files.info(info.fileId)).toEqual(info);
    expect((await files.readWithInfo(info.fileId))!.bytes.equals(PNG)).toBe(true);
    expect((await files.put('u1', JPEG)).contentType).toBe('image/jpeg');
  });

  it('stores a register (an XLSX is a zip) and reads its bytes back whole', async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    const info = await files.put('u1', xlsx);
    expect(info.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await files.info(info.fileId))?.contentType).toBe(info.contentType);
    expect(Buffer.from((await files.read(info.fileId))!).equals(xlsx)).toBe(true);
    expect(await files.read('f'.repeat(32))).toBeNull();
  });

  it('decides the type by content and writes nothing for a non-image or an oversize file', async () => {
    await expect(files.put('u1', Buffer.from('hello, this is a text file named photo.png'))).rejects.toMatchObject({ code: 'FILE.TYPE' });
    const big = Buffer.alloc(IMAGE_MAX_BYTES + 1);
    PNG.copy(big);
    await expect(files.put('u1', big)).rejects.toMatchObject({ code: 'FILE.TOO_LARGE' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never touches a path for an id that is not an opaque id', async () => {
    writeFileSync(join(dir, '..', 'secret.json'), '{"fileId":"../secret","ownerId":"x","contentType":"image/png","size":1,"createdAt":"x"}');
    try {
      for (const id of ['../secret', '..%2fsecret', '/etc/passwd', 'A'.repeat(32), '']) {
        expect(await files.info(id)).toBeNull();
        expect(await files.readWithInfo(id)).toBeNull();
        expect(await files.tempUrls([id])).toEqual([null]);
      }
      await files.remove(['../secret']);
      expect(existsSync(join(dir, '..', 'secret.json'))).toBe(true);
    } finally {
      rmSync(join(dir, '..', 'secret.json'), { force: true });
    }
  });

  it('signs URLs that stop working after their expiry or when any part changes', async () => {
    const { fileId } = await files.put('u1', PNG);
    const other = (await files.put('u1', PNG)).fileId;
    const [url, missing] = await files.tempUrls([fileId, 'f'.repeat(32)], 60);
    expect(missing).toBeNull();
    const m = /^\/files\/([0-9a-f]{32})\?exp=(\d+)&sig=([\w-]+)$/.exec(url!);
    expect(m).not.toBeNull();
    const [, id, exp, sig] = m!;
    expect(Number(exp)).toBe(Date.parse('2026-03-01T00:01:00Z') / 1000);
    expect(files.verifyUrl(id, exp, sig)).toBe(true);
    expect(files.verifyUrl(other, exp, sig)).toBe(false);
    expect(files.verifyUrl(id, String(Number(exp) + 3600), sig)).toBe(false);
    expect(files.verifyUrl(id, exp, sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA'))).toBe(false);
    expect(files.verifyUrl(id, exp, null)).toBe(false);
    expect(files.verifyUrl(id, `${exp}.5`, sig)).toBe(false);
    state.now = new Date('2026-03-01T00:00:59Z');
    expect(files.verifyUrl(id, exp, sig)).toBe(true);
    state.now = new Date('2026-03-01T00:01:00Z');
    expect(files.verifyUrl(id, exp, sig)).toBe(false);
  });

  it('a URL signed with another secret does not verify', async () => {
    const { fileId } = await files.put('u1', PNG);
    const [url] = await new LocalFileStorage({ dir, secret: Buffer.alloc(32, 2), clock }).tempUrls([fileId]);
    const u = new URL(url!, 'http://x');
    expect(files.verifyUrl(fileId, u.searchParams.get('exp'), u.searchParams.get('sig'))).toBe(false);
  });

  it('lists files created before a time, oldest first, up to the limit, and removes them', async () => {
    const ids: string[] = [];
    for (const day of ['03', '01', '02', '05']) {
      state.now = new Date(`2026-02-${day}T00:00:00Z`);
      ids.push((await files.put('u1', PNG)).fileId);
    }
    const before = await files.listCreatedBefore('2026-02-04T00:00:00Z', 10);
    expect(before.map((f) => f.createdAt.slice(0, 10))).toEqual(['2026-02-01', '2026-02-02', '2026-02-03']);
    expect((await files.listCreatedBefore('2026-02-04T00:00:00Z', 2)).map((f) => f.fileId)).toEqual([ids[1], ids[2]]);
    await files.remove([ids[1], ids[2]]);
    expect(await files.info(ids[1])).toBeNull();
    expect((await files.listCreatedBefore('2026-03-01T00:00:00Z', 10)).map((f) => f.fileId)).toEqual([ids[0], ids[3]]);
    expect(readdirSync(dir).sort()).toEqual([ids[0], `${ids[0]}.json`, ids[3], `${ids[3]}.json`].sort());
  });
});

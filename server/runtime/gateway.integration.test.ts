import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openEmbeddedStore, type EmbeddedStore } from '../adapters/embedded/embedded-store';
import type { Logger } from '../use-cases/context';
import { FUNCTIONS } from '../functions/registry';
import { IMAGE_MAX_BYTES } from '../ports/file-storage.port';
import { smallStreet } from '../testing/small-street.fixture';
import { createGateway, MAX_CONCURRENT_UPLOADS } from './gateway';
import { LocalFileStorage } from './local-files';
import { localDeps } from './local-deps';
import { createSessionService, type RuntimeMode } from './session';
import { pngImage } from './testing/images';
import type { UploadLimits } from '@core/shared/rate-limit';
import { fakePdf, smallPdf } from '../testing/pdf.fixture';

const silent: Logger = { info: () => undefined, error: () => undefined };
const secret = Buffer.alloc(32, 9);

interface Running {
  base: string;
  store: EmbeddedStore;
  files: LocalFileStorage;
  filesDir: string;
  clock: { now(): Date; set(d: Date): void };
  token(userId: string): string;
  close(): Promise<void>;
}

async function startGateway(mode: RuntimeMode, options: { staticDir?: string; uploadLimits?: UploadLimits } = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'wgt-gw-'));
  let now = new Date('2026-03-02T02:00:00Z');
  const clock = { now: () => now, set: (d: Date) => void (now = d) };
  const store = openEmbeddedStore(':memory:');
  const street = smallStreet();
  if (options.uploadLimits) street.requestSettings = street.requestSettings.map((r) => ({ ...r, uploadLimits: options.uploadLimits }));
  store.importPlaces(street);
  const filesDir = join(dir, 'files');
  const files = new LocalFileStorage({ dir: filesDir, secret, clock });
  const deps = localDeps({ store, files, clock, bindUrlBase: 'http://127.0.0.1/#/bind?t=', log: silent });
  const sessions = createSessionService({ secret, mode, clock });
  const dev = createSessionService({ secret, mode: 'dev', clock });
  const server: Server = createGateway({ deps, functions: FUNCTIONS, mode, staticDir: options.staticDir ?? join(dir, 'no-build'), sessions, files, store, log: silent });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    store,
    files,
    filesDir,
    clock,
    // Tokens are signed with the same secret in both modes: production must refuse them anyway.
    token: (userId) => dev.issue({ id: userId, openid: `open-${userId}` }).token,
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post(base: string, path: string, body: unknown, token?: string) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data?: Record<string, unknown> } };
}

function upload(base: string, bytes: Buffer, name: string, token?: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return fetch(`${base}/api/files`, { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

/** A raw request, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    })
      .on('error', reject)
      .end();
  });
}

describe('gateway (dev mode)', () => {
  let gw: Running;
  beforeAll(async () => {
    gw = await startGateway('dev');
  });
  afterAll(() => gw.close());

  it('answers /healthz after querying the store', async () => {
    const res = await fetch(`${gw.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, data: { status: 'ok', mode: 'dev', uptimeSeconds: expect.any(Number), db: 'ok' } });
  });

  it('lists people to sign in as, with role labels, filtered by role', async () => {
    const res = await fetch(`${gw.base}/api/dev/people?role=grid_worker&communityId=c1&limit=10`);
    const body = (await res.json()) as { ok: boolean; data: { people: { id: string; roleLabel: string; where: string }[]; total: number } };
    expect(body.ok).toBe(true);
    expect(body.data.people.map((p) => p.id)).toEqual(['w1', 'w2', 'w5']);
    expect(body.data.people.every((p) => p.roleLabel === '网格员')).toBe(true);
    expect(body.data.people[0].where).toContain('东湖社区');
    expect(body.data.total).toBe(3);
  });

  it('pages and searches the people list', async () => {
    const page = (await (await fetch(`${gw.base}/api/dev/people?role=grid_worker&limit=2&offset=2`)).json()) as { data: { people: { id: string }[]; total: number } };
    expect(page.data.people).toHaveLength(2);
    expect(page.data.total).toBe(5);
    const found = (await (await fetch(`${gw.base}/api/dev/people?q=${encodeURIComponent('张')}`)).json()) as { data: { people: { id: string; roleLabel: string }[] } };
    expect(found.data.people).toEqual([expect.objectContaining({ id: 'w1', roleLabel: '网格员' })]);
  });

  it('signs in as a person and calls a function as them', async () => {
    const session = await post(gw.base, '/api/dev/session', { userId: 'r1' });
    expect(session.status).toBe(200);
    expect(session.body.data).toMatchObject({ name: '孙丽', token: expect.any(String) });
    const me = await post(gw.base, '/api/fn/account', { action: 'me', data: {} }, session.body.data!.token as string);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ ok: true, data: { userId: 'r1', name: '孙丽' } });
  });

  it('refuses a session for someone who does not exist', async () => {
    const res = await post(gw.base, '/api/dev/session', { userId: 'nobody' });
    expect(res.status).toBe(404);
    expect(res.body.ok).toBe(false);
  });

  it('takes the caller from the session only: an openid or identity in the body is ignored', async () => {
    const res = await post(gw.base, '/api/fn/account', { action: 'me', data: {}, openid: 'open-ss', userInfo: { openId: 'open-ss' }, identity: { kind: 'system' } }, gw.token('r1'));
    expect(res.body).toMatchObject({ ok: true, data: { userId: 'r1' } });
    // The system-only timer action stays out of reach for a user, whatever the body claims.
    const sys = await post(gw.base, '/api/fn/housekeeping', { action: 'purgeOrphanUploads', Type: 'Timer', TriggerName: 'dailyPurge' }, gw.token('ss'));
    expect(sys.body).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it.each([
    ['no token', undefined],
    ['a forged token', 'eyJzdWIiOiJvcGVuLXNzIn0.bm90LWEtc2lnbmF0dXJl'],
    ['a malformed header value', 'not a token'],
  ])('answers 401 AUTH.SESSION_INVALID for %s', async (_label, token) => {
    const res = await post(gw.base, '/api/fn/account', { action: 'me', data: {} }, token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ ok: false, code: 'AUTH.SESSION_INVALID', message: '登录已失效，请重新登录' });
  });

  it('answers 401 for an expired session', async () => {
    const token = gw.token('r1');
    gw.clock.set(new Date('2026-04-01T00:00:00Z'));
    try {
      const res = await post(gw.base, '/api/fn/account', { action: 'me', data: {} }, token);
      expect(res.status).toBe(401);
    } finally {
      gw.clock.set(new Date('2026-03-02T02:00:00Z'));
    }
  });

  it('answers 404 ACTION.UNKNOWN for an unknown function and 200 with the code for an unknown action', async () => {
    const fn = await post(gw.base, '/api/fn/nope', { action: 'me' }, gw.token('r1'));
    expect(fn.status).toBe(404);
    expect(fn.body).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
    const proto = await post(gw.base, '/api/fn/constructor', { action: 'me' }, gw.token('r1'));
    expect(proto.status).toBe(404);
    const action = await post(gw.base, '/api/fn/account', { action: 'dropTables' }, gw.token('r1'));
    expect(action.status).toBe(200);
    expect(action.body).toMatchObject({ ok: false, code: 'ACTION.UNKNOWN' });
  });

  it('refuses a JSON body over 1 MB with 413 and bad JSON with 400', async () => {
    const big = await post(gw.base, '/api/fn/account', { action: 'me', data: { pad: 'x'.repeat(1024 * 1024) } }, gw.token('r1'));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    const bad = await post(gw.base, '/api/fn/account', '{"action":', gw.token('r1'));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
  });

  describe('uploads and signed file URLs', () => {
    it('accepts a real PNG from the signed-in user and serves it through a signed URL', async () => {
      const png = pngImage(3, 3);
      const res = await upload(gw.base, png, 'photo.png', gw.token('w1'));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { ok: boolean; data: { fileId: string } };
      expect(body.ok).toBe(true);
      const info = await gw.files.info(body.data.fileId);
      expect(info).toMatchObject({ ownerId: 'w1', contentType: 'image/png', size: png.length });

      const [url] = await gw.files.tempUrls([body.data.fileId]);
      const got = await fetch(gw.base + url);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    });

    it('accepts a raw image body too', async () => {
      const res = await fetch(`${gw.base}/api/files`, { method: 'POST', body: pngImage(), headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${gw.token('w2')}` } });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    });

    it('refuses a text file named .png, an oversize body and an anonymous upload, writing nothing', async () => {
      const before = readdirSync(gw.filesDir).sort();
      const text = await upload(gw.base, Buffer.from('我不是图片，只是改了扩展名'), 'photo.png', gw.token('w1'));
      expect(text.status).toBe(400);
      expect(await text.json()).toMatchObject({ ok: false, code: 'FILE.TYPE', message: '只支持 JPG、PNG 图片，PDF 文件或 Excel（.xlsx）台账' });

      const huge = Buffer.alloc(IMAGE_MAX_BYTES + 200 * 1024);
      pngImage().copy(huge);
      const big = await upload(gw.base, huge, 'big.png', gw.token('w1'));
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ ok: false, code: 'FILE.TOO_LARGE' });

      // Just over the image limit but inside the multipart allowance: refused by the image rule.
      const justOver = Buffer.alloc(IMAGE_MAX_BYTES + 1);
      pngImage().copy(justOver);
      const over = await upload(gw.base, justOver, 'over.png', gw.token('w1'));
      expect(over.status).toBe(413);
      expect(await over.json()).toMatchObject({ ok: false, code: 'FILE.TOO_LARGE' });

      const anon = await upload(gw.base, pngImage(), 'photo.png');
      expect(anon.status).toBe(401);
      expect(readdirSync(gw.filesDir).sort()).toEqual(before);
    });

    it('buffers at most MAX_CONCURRENT_UPLOADS uploads at once; the next one is told to retry', async () => {
      const { hostname, port } = new URL(gw.base);
      const held = Array.from({ length: MAX_CONCURRENT_UPLOADS }, () => {
        const req = httpRequest({ hostname, port, path: '/api/files', method: 'POST', headers: { 'Content-Type': 'image/png', 'Content-Length': 1000, Authorization: `Bearer ${gw.token('w1')}` } });
        req.on('error', () => undefined);
        req.write(pngImage().subarray(0, 10));
        return req;
      });
      try {
        // Let the server take in all held requests before the extra one.
        for (let i = 0; i < 50; i++) {
          const health = await fetch(`${gw.base}/healthz`);
          await health.arrayBuffer();
        }
        const extra = await fetch(`${gw.base}/api/files`, { method: 'POST', body: pngImage(), headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${gw.token('w1')}` } });
        expect(extra.status).toBe(503);
        expect(extra.headers.get('retry-after')).toBe('2');
      } finally {
        for (const req of held) req.destroy();
      }
      // Once they are gone, uploads are accepted again.
      await new Promise((r) => setTimeout(r, 50));
      const again = await fetch(`${gw.base}/api/files`, { method: 'POST', body: pngImage(), headers: { 'Content-Type': 'image/png', Authorization: `Bearer ${gw.token('w1')}` } });
      expect(again.status).toBe(200);
    });

    it('refuses a multipart body without a file', async () => {
      const form = new FormData();
      form.append('note', 'no file here');
      const res = await fetch(`${gw.base}/api/files`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${gw.token('w1')}` } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    });

    it('refuses a file URL that was tampered with or has expired', async () => {
      const { fileId } = await gw.files.put('w1', pngImage());
      const other = await gw.files.put('w2', pngImage());
      const [url] = await gw.files.tempUrls([fileId], 60);
      const u = new URL(url!, gw.base);
      const sig = u.searchParams.get('sig')!;
      const exp = u.searchParams.get('exp')!;
      expect((await fetch(`${gw.base}/files/${other.fileId}?exp=${exp}&sig=${sig}`)).status).toBe(403);
      expect((await fetch(`${gw.base}/files/${fileId}?exp=${Number(exp) + 1000}&sig=${sig}`)).status).toBe(403);
      expect((await fetch(`${gw.base}/files/${fileId}`)).status).toBe(403);
      expect((await rawGet(gw.base, `/files/..%2fsession-secret?exp=${exp}&sig=${sig}`)).status).toBe(403);
      expect((await fetch(gw.base + url)).status).toBe(200);
      gw.clock.set(new Date(Date.parse('2026-03-02T02:00:00Z') + 61_000));
      try {
        expect((await fetch(gw.base + url)).status).toBe(403);
      } finally {
        gw.clock.set(new Date('2026-03-02T02:00:00Z'));
      }
    });
  });

  it('answers unknown API paths with JSON 404, and shows a Chinese page when the H5 build is missing', async () => {
    const api = await fetch(`${gw.base}/api/nothing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('ACTION.UNKNOWN');
    const page = await fetch(`${gw.base}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:h5');
  });
});

describe('gateway uploads: who may upload, how many, how much, and what a PDF is', () => {
  let gw: Running;
  beforeEach(async () => {
    gw = await startGateway('dev', { uploadLimits: { rate: [{ windowMinutes: 1, max: 20 }], bytesPerDay: 64 * 1024 } });
  });
  afterEach(() => gw.close());

  async function refusal(res: Response): Promise<{ status: number; code: unknown; message: unknown }> {
    const body = (await res.json()) as { code?: unknown; message?: unknown };
    return { status: res.status, code: body.code, message: body.message };
  }

  it('refuses the 21st upload within a minute with a Chinese message, writing nothing; a minute later it goes through', async () => {
    for (let i = 0; i < 20; i++) expect((await upload(gw.base, pngImage(), `p${i}.png`, gw.token('w1'))).status).toBe(200);
    const before = readdirSync(gw.filesDir).sort();
    expect(await refusal(await upload(gw.base, pngImage(), 'p21.png', gw.token('w1')))).toEqual({
      status: 429, code: 'UPLOAD.RATE_LIMITED', message: '上传太频繁了：1分钟内最多上传20个，请过一会儿再上传',
    });
    expect(readdirSync(gw.filesDir).sort()).toEqual(before);
    // Another person is not held up by w1.
    expect((await upload(gw.base, pngImage(), 'other.png', gw.token('w2'))).status).toBe(200);
    gw.clock.set(new Date(Date.parse('2026-03-02T02:00:00Z') + 60_001));
    expect((await upload(gw.base, pngImage(), 'p21.png', gw.token('w1'))).status).toBe(200);
  });

  it("refuses an upload past the day's bytes until 00:00 Beijing time", async () => {
    const big = Buffer.alloc(40 * 1024);
    pngImage().copy(big);
    expect((await upload(gw.base, big, 'a.png', gw.token('r1'))).status).toBe(200);
    const before = readdirSync(gw.filesDir).sort();
    expect(await refusal(await upload(gw.base, big, 'b.png', gw.token('r1')))).toEqual({
      status: 429, code: 'UPLOAD.QUOTA_EXCEEDED', message: '今天的上传已达上限（每天64KB），请明天再上传',
    });
    expect(readdirSync(gw.filesDir).sort()).toEqual(before);
    // 2026-03-02 16:00 UTC is 00:00 on the 3rd in Beijing.
    gw.clock.set(new Date('2026-03-02T16:00:00Z'));
    expect((await upload(gw.base, big, 'b.png', gw.token('r1'))).status).toBe(200);
  });

  it('accepts a real PDF and refuses a file that only starts with %PDF-, writing nothing for it', async () => {
    const real = await smallPdf();
    const ok = await upload(gw.base, real, '停水通知.pdf', gw.token('ss'));
    expect(ok.status).toBe(200);
    const { data } = (await ok.json()) as { data: { fileId: string } };
    expect(await gw.files.info(data.fileId)).toMatchObject({ ownerId: 'ss', contentType: 'application/pdf', size: real.length });
    expect(await gw.store.uploads.get(data.fileId)).toMatchObject({ ownerId: 'ss', contentType: 'application/pdf', referencedAt: null });

    const before = readdirSync(gw.filesDir).sort();
    expect(await refusal(await upload(gw.base, fakePdf(), '假的.pdf', gw.token('ss')))).toEqual({
      status: 400, code: 'UPLOAD.BAD_FILE', message: '文件不是有效的PDF（可能已损坏或加密），请重新导出后再上传',
    });
    expect(readdirSync(gw.filesDir).sort()).toEqual(before);
  });

  it('refuses a signed-in user who holds no role yet', async () => {
    await gw.store.users.ensure({ id: 'nobody', openid: 'open-nobody', name: '微信用户', phone: null, residence: null, posts: [], createdAt: '2026-03-01T00:00:00.000Z' });
    const before = readdirSync(gw.filesDir).sort();
    expect(await refusal(await upload(gw.base, pngImage(), 'p.png', gw.token('nobody')))).toEqual({
      status: 403, code: 'UPLOAD.NOT_ALLOWED', message: '绑定住址或接受工作人员邀请后才能上传图片和文件',
    });
    expect(readdirSync(gw.filesDir).sort()).toEqual(before);
  });
});

describe('gateway (production mode)', () => {
  let gw: Running;
  beforeAll(async () => {
    gw = await startGateway('production');
  });
  afterAll(() => gw.close());

  it('does not mount the dev routes', async () => {
    expect((await fetch(`${gw.base}/api/dev/people`)).status).toBe(404);
    expect((await post(gw.base, '/api/dev/session', { userId: 'ss' })).status).toBe(404);
  });

  it('refuses demo sessions, even ones signed with its own secret', async () => {
    const res = await post(gw.base, '/api/fn/account', { action: 'me', data: {} }, gw.token('ss'));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'AUTH.SESSION_INVALID' });
    expect((await upload(gw.base, pngImage(), 'a.png', gw.token('ss'))).status).toBe(401);
  });

  it('reports production mode in /healthz', async () => {
    expect(await (await fetch(`${gw.base}/healthz`)).json()).toMatchObject({ ok: true, data: { mode: 'production' } });
  });
});

describe('gateway static files', () => {
  let gw: Running;
  let staticDir: string;
  const appJs = `console.log(${JSON.stringify('网格通'.repeat(400))});\n`;
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'wgt-static-'));
    mkdirSync(join(staticDir, 'js'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>网格通</title><div id="app"></div>');
    writeFileSync(join(staticDir, 'js', 'app.0a1b2c3d.js'), appJs);
    writeFileSync(join(staticDir, 'logo.png'), pngImage());
    writeFileSync(join(staticDir, '..', 'outside.txt'), 'secret');
    gw = await startGateway('dev', { staticDir });
  });
  afterAll(async () => {
    await gw.close();
    rmSync(join(staticDir, '..', 'outside.txt'), { force: true });
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('serves files with their content types and long caching for hashed assets', async () => {
    const png = await fetch(`${gw.base}/logo.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const js = await fetch(`${gw.base}/js/app.0a1b2c3d.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe(appJs);
    const html = await fetch(`${gw.base}/`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('cache-control')).toBe('no-cache');
  });

  it('gzips text for clients that accept it', async () => {
    const { hostname, port } = new URL(gw.base);
    const res = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      httpRequest({ hostname, port, path: '/js/app.0a1b2c3d.js', headers: { 'Accept-Encoding': 'gzip' } }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(res.encoding).toBe('gzip');
    expect(res.body.length).toBeLessThan(Buffer.byteLength(appJs));
    expect(gunzipSync(res.body).toString()).toBe(appJs);
  });

  it('falls back to index.html for app paths, but not for missing assets', async () => {
    const page = await fetch(`${gw.base}/features/household/pages/scan/index`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    expect((await fetch(`${gw.base}/js/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the build folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/js/..%2f..%2foutside.txt']) {
      const res = await rawGet(gw.base, path);
      expect(res.body).not.toBe('secret');
    }
  });

  it('answers 304 when the browser already has the file', async () => {
    const first = await fetch(`${gw.base}/logo.png`);
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${gw.base}/logo.png`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../adapters/embedded/embedded-store';
import { FUNCTIONS } from '../functions/registry';
import { XLSX_TYPE } from '../ports/file-storage.port';
import { smallStreet } from '../testing/small-street.fixture';
import { createGateway } from './gateway';
import { LocalFileStorage } from './local-files';
import { localDeps } from './local-deps';
import { createSessionService } from './session';

const silent = { info: () => undefined, error: () => undefined };

describe('an export through the local gateway (H5 download)', () => {
  const secret = Buffer.alloc(32, 7);
  let now = new Date('2026-11-23T02:00:00Z');
  const clock = { now: () => now };
  const dir = mkdtempSync(join(tmpdir(), 'wgt-gw-export-'));
  const store = openEmbeddedStore(':memory:');
  store.importPlaces(smallStreet());
  const files = new LocalFileStorage({ dir: join(dir, 'files'), secret, clock });
  const deps = localDeps({ store, files, clock, bindUrlBase: 'http://127.0.0.1/#/bind?t=', log: silent });
  const sessions = createSessionService({ secret, mode: 'dev', clock });
  const server: Server = createGateway({ deps, functions: FUNCTIONS, mode: 'dev', staticDir: join(dir, 'no-build'), sessions, files, store, log: silent });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function exportAs(userId: string, format: 'xlsx' | 'csv') {
    const res = await fetch(`${base}/api/fn/assessment`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessions.issue({ id: userId, openid: `open-${userId}` }).token}` },
      body: JSON.stringify({ action: 'export', data: { kind: 'requests', format, scope: { kind: 'community', id: 'c1' }, period: { from: '2026-11-01', to: '2026-11-30' } } }),
    });
    return (await res.json()) as { ok: boolean; data: { url: string; fileName: string } };
  }

  it('downloads under its Chinese file name, as an attachment, and only through its signed URL until it expires', async () => {
    const reply = await exportAs('cs1', 'xlsx');
    expect(reply.ok).toBe(true);
    const res = await fetch(base + reply.data.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="export\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('诉求台账_银杏街道东湖社区_2026年11月.xlsx');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);

    const tampered = reply.data.url.replace(/sig=./, (m) => (m.endsWith('A') ? 'sig=B' : 'sig=A'));
    expect((await fetch(base + tampered)).status).toBe(403);
    expect((await fetch(base + reply.data.url.split('?')[0])).status).toBe(403);
    now = new Date('2026-11-24T02:00:01Z');
    expect((await fetch(base + reply.data.url)).status).toBe(403);
    now = new Date('2026-11-23T02:00:00Z');
  });

  it('serves a CSV as text/csv in UTF-8 with its BOM', async () => {
    const reply = await exportAs('ss', 'csv');
    const res = await fetch(base + reply.data.url);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...new Uint8Array(await res.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

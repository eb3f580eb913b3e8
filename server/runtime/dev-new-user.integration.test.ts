import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../use-cases/context';
import { startRuntime, type RunningRuntime } from './main';

const silent: Logger = { info: () => undefined, error: () => undefined };

async function post(rt: RunningRuntime, path: string): Promise<{ status: number; body: { ok: boolean; data?: { token: string; userId: string }; code?: string } }> {
  const res = await fetch(`${rt.url}${path}`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as never };
}

describe('dev sign-in as a new WeChat user', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'wgt-newuser-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on an empty database, signs in as a fresh openid holding no role, a new one each time', async () => {
    const rt = await startRuntime({ port: 0, dataDir, seed: false, scheduler: false, log: silent });
    try {
      const a = await post(rt, '/api/dev/new-user');
      const b = await post(rt, '/api/dev/new-user');
      expect(a.status).toBe(200);
      expect(a.body.data?.userId).not.toBe(b.body.data?.userId);
      const me = await fetch(`${rt.url}/api/fn/account`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.body.data?.token}` },
        body: JSON.stringify({ action: 'me', data: {} }),
      });
      const reply = (await me.json()) as { ok: boolean; data: { userId: string; roles: unknown[] } };
      expect(reply.data).toMatchObject({ userId: a.body.data?.userId, roles: [] });
      const people = (await (await fetch(`${rt.url}/api/dev/people?limit=5`)).json()) as { ok: boolean; data: { people: unknown[]; total: number } };
      expect(people.ok).toBe(true);
    } finally {
      await rt.close();
    }
  });

  it('is not a route at all in production', async () => {
    const rt = await startRuntime({ port: 0, dataDir, mode: 'production', scheduler: false, log: silent });
    try {
      const res = await post(rt, '/api/dev/new-user');
      expect(res.status).toBe(404);
      expect(res.body.ok).toBe(false);
      expect(rt.store.countUsers()).toBe(0);
    } finally {
      await rt.close();
    }
  });
});

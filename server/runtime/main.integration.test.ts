import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../use-cases/context';
import { startRuntime, type RunningRuntime } from './main';
import type { TriggerRun } from './scheduler';
import { fakeTime } from './testing/fake-time';
import { pngImage } from './testing/images';

const silent: Logger = { info: () => undefined, error: () => undefined };

type Reply<T = Record<string, unknown>> = { ok: true; data: T } | { ok: false; code: string; message: string };

function client(rt: RunningRuntime) {
  return {
    async people(role: string, limit = 5): Promise<{ id: string; name: string }[]> {
      const res = (await (await fetch(`${rt.url}/api/dev/people?role=${role}&limit=${limit}`)).json()) as Reply<{ people: { id: string; name: string }[] }>;
      if (!res.ok) throw new Error(res.code);
      return res.data.people;
    },
    async signIn(userId: string): Promise<string> {
      const res = await fetch(`${rt.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
      return ((await res.json()) as { data: { token: string } }).data.token;
    },
    async call<T = Record<string, unknown>>(token: string, fn: string, action: string, data: unknown = {}): Promise<Reply<T>> {
      const res = await fetch(`${rt.url}/api/fn/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ action, data }),
      });
      return (await res.json()) as Reply<T>;
    },
    async upload(token: string): Promise<string> {
      const form = new FormData();
      form.append('file', new Blob([pngImage()]), 'photo.png');
      const res = (await (await fetch(`${rt.url}/api/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })).json()) as Reply<{ fileId: string }>;
      if (!res.ok) throw new Error(res.code);
      return res.data.fileId;
    },
  };
}

function ok<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  return reply.data;
}

describe('local runtime', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'wgt-rt-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds an empty data folder once, and keeps what functions wrote across a restart', async () => {
    const first = await startRuntime({ port: 0, dataDir, scheduler: false, log: silent, staticDir: join(dataDir, 'no-build') });
    let token: string;
    let householdId: string;
    let fileId: string;
    try {
      expect(first.seeded).toBe(true);
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(statSync(join(dataDir, 'session-secret')).mode & 0o777).toBe(0o600);
      const api = client(first);
      const [resident] = await api.people('resident', 1);
      token = await api.signIn(resident.id);

      // Move the resident to another household, through the functions only.
      ok(await api.call(token, 'account', 'leaveHousehold'));
      const [community] = ok(await api.call<{ id: string }[]>(token, 'account', 'communities'));
      const buildings = ok(await api.call<{ id: string; units: number }[]>(token, 'account', 'buildings', { communityId: community.id }));
      const households = ok(await api.call<{ id: string }[]>(token, 'account', 'households', { buildingId: buildings[buildings.length - 1].id, unit: 1 }));
      householdId = households[households.length - 1].id;
      const me = ok(await api.call<{ residence: { householdId: string } | null }>(token, 'account', 'bindHousehold', { householdId }));
      expect(me.residence?.householdId).toBe(householdId);
      fileId = await api.upload(token);
    } finally {
      await first.close();
    }

    const second = await startRuntime({ port: 0, dataDir, scheduler: false, log: silent, staticDir: join(dataDir, 'no-build') });
    try {
      expect(second.seeded).toBe(false);
      const api = client(second);
      // The secret is kept in the data folder, so a session from before the restart still works.
      const me = ok(await api.call<{ residence: { householdId: string } | null }>(token, 'account', 'me'));
      expect(me.residence?.householdId).toBe(householdId);
      expect(existsSync(join(dataDir, 'files', fileId))).toBe(true);
      expect(existsSync(join(dataDir, 'files', `${fileId}.json`))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('fails to start on a port already taken, and leaves nothing running', async () => {
    const first = await startRuntime({ port: 0, dataDir, scheduler: false, log: silent });
    try {
      await expect(startRuntime({ port: first.port, dataDir: mkdtempSync(join(tmpdir(), 'wgt-rt-')), scheduler: false, log: silent })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('production mode offers no sign-in and refuses demo sessions', async () => {
    const dev = await startRuntime({ port: 0, dataDir, scheduler: false, log: silent });
    let token: string;
    try {
      const api = client(dev);
      token = await api.signIn((await api.people('street_staff', 1))[0].id);
    } finally {
      await dev.close();
    }
    const prod = await startRuntime({ port: 0, dataDir, mode: 'production', scheduler: false, log: silent });
    try {
      expect((await fetch(`${prod.url}/api/dev/people`)).status).toBe(404);
      const res = await fetch(`${prod.url}/api/fn/account`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ action: 'me' }) });
      expect(res.status).toBe(401);
    } finally {
      await prod.close();
    }
  });

  it('runs the housekeeping timer trigger on its schedule and purges an orphan upload older than a day', async () => {
    // 2026-03-02 12:00 UTC = 20:00 in Beijing; dailyPurge fires at 03:30 Beijing = 19:30 UTC.
    const t = fakeTime('2026-03-02T12:00:00Z');
    const runs: TriggerRun[] = [];
    const others: TriggerRun[] = [];
    let runDone: () => void = () => undefined;
    // Other functions' timers fire too (the dispatcher every minute, the request jobs every 5); this test follows housekeeping.
    const onTriggerRun = (r: TriggerRun) => {
      if (r.functionName !== 'housekeeping') return void others.push(r);
      runs.push(r);
      runDone();
    };
    const nextRun = () => new Promise<void>((resolve) => (runDone = resolve));
    const rt = await startRuntime({ port: 0, dataDir, log: silent, clock: t.clock, timer: t.timer, onTriggerRun });
    try {
      const api = client(rt);
      const [worker] = await api.people('grid_worker', 1);
      const fileId = await api.upload(await api.signIn(worker.id));

      let done = nextRun();
      await t.advance(7.5 * 3600 * 1000);
      await done;
      expect(runs).toEqual([expect.objectContaining({ functionName: 'housekeeping', triggerName: 'dailyPurge', time: '2026-03-02T19:30:00Z', ok: true })]);
      expect(existsSync(join(dataDir, 'files', fileId))).toBe(true); // 7.5 hours old: kept
      expect(others.every((r) => r.ok)).toBe(true);
      const requestJobs = others.filter((r) => r.functionName === 'request').map((r) => r.time);
      expect(requestJobs.slice(0, 2)).toEqual(['2026-03-02T12:05:00Z', '2026-03-02T12:10:00Z']);
      expect(others.filter((r) => r.functionName === 'message' && r.triggerName === 'dispatch').length).toBeGreaterThan(requestJobs.length);

      done = nextRun();
      await t.advance(24 * 3600 * 1000);
      await done;
      expect(runs[1]).toMatchObject({ time: '2026-03-03T19:30:00Z', ok: true });
      expect(existsSync(join(dataDir, 'files', fileId))).toBe(false); // 31.5 hours old, on no card: gone
    } finally {
      await rt.close();
    }
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { workerCount } from './cluster';
import { generateDemoStreet } from './seed/demo-street';

const ROOT = resolve(__dirname, '..', '..');

type Reply<T = Record<string, unknown>> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** The runtime as `npm start` runs it: main.ts in its own process, with the given environment. */
function launch(dataDir: string, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/runtime/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', WGT_DATA_DIR: dataDir, WGT_MODE: 'dev', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString('utf8')));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => text, exited };
}

async function urlOf(output: () => string, exited: Promise<number | null>): Promise<string> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 600; i++) {
    const m = /已启动: (http:\/\/[\d.]+:\d+)/.exec(output());
    if (m) return m[1];
    if (gone) throw new Error(`the runtime exited:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the runtime did not start:\n${output()}`);
}

/** One call on a connection of its own (no keep-alive pool), so that calls spread over the workers. */
function call<T = Record<string, unknown>>(url: string, path: string, body: unknown, token?: string): Promise<Reply<T>> {
  return new Promise((done, fail) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (b: Buffer) => (text += b.toString('utf8')));
      res.on('end', () => done(JSON.parse(text) as Reply<T>));
    });
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

function ok<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  return reply.data;
}

/** After a failed assertion too: the coordinator stops its workers before this test's folder is removed. */
async function stopped(rt: { child: ChildProcess; exited: Promise<number | null> }): Promise<void> {
  if (rt.child.exitCode !== null || rt.child.signalCode !== null) return;
  rt.child.kill('SIGTERM');
  const kill = setTimeout(() => rt.child.kill('SIGKILL'), 15_000);
  await rt.exited;
  clearTimeout(kill);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the runtime on several cores (WGT_WORKERS)', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'wgt-cluster-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds once, serves from every worker over one database with the same rules, and stops them all on SIGTERM', async () => {
    const rt = launch(dataDir, { WGT_WORKERS: '2', PORT: '0' });
    try {
      const url = await urlOf(rt.output, rt.exited);
      expect(rt.output()).toContain('已写入演示数据');
      expect(rt.output()).toContain('2 个进程处理请求');

      // Seeded exactly once: every demo person, no more.
      const people = (await (await fetch(`${url}/api/dev/people?limit=1`)).json()) as Reply<{ total: number }>;
      expect(ok(people).total).toBe(generateDemoStreet().users.length);

      const person = async (role: string) =>
        ok((await (await fetch(`${url}/api/dev/people?role=${role}&limit=1`)).json()) as Reply<{ people: { id: string }[] }>).people[0].id;
      const session = async (userId: string) => ok(await call<{ token: string }>(url, '/api/dev/session', { userId })).token;
      const resident = await session(await person('resident'));
      const categories = ok(await call<{ id: string }[]>(url, '/api/fn/request', { action: 'categories', data: {} }, resident));

      // A write through one worker is read by all; an idempotency key holds across them.
      const submit = { action: 'submit', data: { idempotencyKey: 'cluster-test-key-1', categoryId: categories[0].id, description: '楼道灯不亮，请尽快维修', photoFileIds: [] } };
      const created = await Promise.all([1, 2, 3, 4].map(() => call<{ id: string }>(url, '/api/fn/request', submit, resident)));
      const ids = new Set(created.map((r) => ok(r).id));
      expect(ids.size).toBe(1);
      const lists = await Promise.all(Array.from({ length: 8 }, () => call<{ items: { id: string }[] }>(url, '/api/fn/request', { action: 'mine', data: {} }, resident)));
      for (const list of lists) expect(ok(list).items.map((r) => r.id)).toEqual([...ids]);

      // Both workers answered (each log line names its worker; a line is written just after its reply).
      const workers = new Set<number>();
      for (let i = 0; i < 100 && workers.size < 2; i++) {
        for (const m of rt.output().matchAll(/\[worker (\d+)\] POST \/api\/fn\/request 200/g)) workers.add(Number(m[1]));
        if (workers.size < 2) await new Promise((r) => setTimeout(r, 50));
      }
      expect(workers.size).toBe(2);

      rt.child.kill('SIGTERM');
      expect(await rt.exited).toBe(0);
      for (const pid of workers) expect(alive(pid)).toBe(false);
    } finally {
      await stopped(rt);
    }
  }, 60_000);

  it("a card edit or a reassignment through one worker shows on every worker's next call (each caches reads per process)", async () => {
    const rt = launch(dataDir, { WGT_WORKERS: '2', PORT: '0' });
    try {
      const url = await urlOf(rt.output, rt.exited);
      const person = async (query: string) =>
        ok((await (await fetch(`${url}/api/dev/people?${query}&limit=1`)).json()) as Reply<{ people: { id: string }[] }>).people[0].id;
      const session = async (userId: string) => ok(await call<{ token: string }>(url, '/api/dev/session', { userId })).token;
      type Card = { grid: { id: string; communityId: string }; worker: { workerId: string; intro: string } | null; backup: { workerId: string } | null };
      const resident = await session(await person('role=resident'));
      // Eight calls on connections of their own reach both workers: each has the card in its cache afterwards.
      const cards = async () => (await Promise.all(Array.from({ length: 8 }, () => call<Card>(url, '/api/fn/grid', { action: 'myCard', data: {} }, resident)))).map(ok);
      const before = await cards();
      const { grid, worker } = before[0];
      expect(worker).not.toBeNull();

      const workerToken = await session(worker!.workerId);
      const edit = ok(await call<{ card: { displayName: string; workPhone: string; dutyHours: unknown[] } }>(url, '/api/fn/grid', { action: 'myCardEdit', data: {} }, workerToken));
      const intro = `集群测试的新介绍 ${Date.now()}`;
      ok(await call(url, '/api/fn/grid', {
        action: 'updateMyCard',
        data: { displayName: edit.card.displayName, workPhone: edit.card.workPhone || '13800000000', photoFileId: null, dutyHours: edit.card.dutyHours, intro },
      }, workerToken));
      for (const c of await cards()) expect(c.worker!.intro).toBe(intro);

      // The community's staff names another worker as B角: every worker's next card shows them.
      const staff = await session(await person(`role=community_staff&communityId=${grid.communityId}`));
      const workers = ok(await call<{ id: string }[]>(url, '/api/fn/grid', { action: 'workers', data: { communityId: grid.communityId } }, staff));
      const list = ok(await call<{ id: string; version: number }[]>(url, '/api/fn/grid', { action: 'list', data: { communityId: grid.communityId } }, staff));
      const version = list.find((g) => g.id === grid.id)!.version;
      const newBackup = workers.find((w) => w.id !== worker!.workerId && w.id !== before[0].backup?.workerId)!.id;
      ok(await call(url, '/api/fn/grid', { action: 'assign', data: { gridId: grid.id, primaryWorkerId: worker!.workerId, backupWorkerId: newBackup, version } }, staff));
      for (const c of await cards()) expect(c.backup!.workerId).toBe(newBackup);
    } finally {
      await stopped(rt);
    }
  }, 60_000);

  it('fails to start on a port already taken: the workers say why and the coordinator exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      const rt = launch(dataDir, { WGT_WORKERS: '2', PORT: String((taken.address() as AddressInfo).port) });
      try {
        expect(await rt.exited).toBe(1);
        expect(rt.output()).toMatch(/启动失败.*EADDRINUSE/);
      } finally {
        await stopped(rt);
      }
    } finally {
      taken.close();
    }
  }, 60_000);
});

describe('workerCount', () => {
  it('defaults to one per core, at most 4, and takes WGT_WORKERS when it is a whole number from 1 to 64', () => {
    expect(workerCount(undefined, 2)).toBe(2);
    expect(workerCount('', 16)).toBe(4);
    expect(workerCount(undefined, 1)).toBe(1);
    expect(workerCount('1', 8)).toBe(1);
    expect(workerCount('3', 2)).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'many', '65']) expect(() => workerCount(bad, 2)).toThrow(/WGT_WORKERS/);
  });
});

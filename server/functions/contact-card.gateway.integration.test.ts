/**
 * The contact card over HTTP, as the app calls it: through the local gateway, with signed demo sessions,
 * against the embedded database holding the seeded demo street.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntime, type RunningRuntime } from '../runtime/main';

let runtime: RunningRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wgt-gw-fn-'));
  runtime = await startRuntime({ port: 0, dataDir, scheduler: false, log: { info: () => undefined, error: () => undefined } });
});
afterAll(async () => {
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function sessionFor(userId: string): Promise<string> {
  const res = await fetch(`${runtime.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

async function call(token: string, fn: string, action: string, data?: unknown) {
  const res = await fetch(`${runtime.url}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, data }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; data?: unknown; code?: string; message?: string };
}

async function people(role: string) {
  return (await runtime.store.listPeople({ role: role as 'resident', limit: 500, offset: 0 })).people;
}

test("every seeded resident gets their own grid's card, with no resident's phone in it", async () => {
  const residents = await runtime.store.users.getMany((await people('resident')).map((p) => p.id));
  const residentPhones = new Set(residents.map((r) => r.phone).filter(Boolean));
  for (const resident of residents.slice(0, 40)) {
    const reply = await call(await sessionFor(resident.id), 'grid', 'myCard');
    expect(reply.ok).toBe(true);
    const card = reply.data as { grid: { id: string }; worker: { workPhone: string } | null };
    expect(card.grid.id).toBe(resident.residence!.gridId);
    expect(card.worker).not.toBeNull();
    const text = JSON.stringify(card);
    for (const phone of residentPhones) expect(text).not.toContain(phone as string);
  }
});

test("a worker sees exactly the grids they lead or back up; another grid's card answers like a missing one", async () => {
  const workers = (await people('grid_worker')).slice(0, 12);
  const allGrids = await runtime.store.places.listGrids({});
  for (const w of workers) {
    const token = await sessionFor(w.id);
    const listed = await call(token, 'grid', 'list', {});
    const mine = allGrids.filter((g) => g.primaryWorkerId === w.id || g.backupWorkerId === w.id).map((g) => g.id).sort();
    expect(((listed.data as { id: string }[]) ?? []).map((g) => g.id).sort()).toEqual(mine);
    const foreign = allGrids.find((g) => !mine.includes(g.id))!;
    const probe = await call(token, 'grid', 'card', { gridId: foreign.id });
    const missing = await call(token, 'grid', 'card', { gridId: 'no-such-grid' });
    expect(probe).toEqual(missing);
    expect(probe).toMatchObject({ ok: false, code: 'GRID.NOT_FOUND' });
  }
});

test('community staff cannot reach a grid of another community, street staff reach all 48', async () => {
  const [staff] = await people('community_staff');
  const staffUser = (await runtime.store.users.getById(staff.id))!;
  const post = staffUser.posts[0] as { communityId: string };
  const other = (await runtime.store.places.listGrids({})).find((g) => g.communityId !== post.communityId)!;
  const token = await sessionFor(staff.id);
  expect(await call(token, 'grid', 'poster', { gridId: other.id })).toMatchObject({ ok: false, code: 'GRID.NOT_FOUND' });
  expect(await call(token, 'grid', 'workers', { communityId: other.communityId })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

  const [street] = await people('street_staff');
  const all = await call(await sessionFor(street.id), 'grid', 'list', {});
  expect((all.data as unknown[]).length).toBe(48);
});

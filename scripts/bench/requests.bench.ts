/**
 * Requests at a city's scale, through the local gateway: the demo street plus N generated requests (a
 * decade of history: mostly archived, some open and overdue) in the embedded store; a grid worker's open
 * lists and a resident's own list under load (32 connections, after a 2-second warm-up); and submissions
 * per second with a photo stored locally. The runtime runs as `npm start` runs it, in its own processes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openEmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import { DB_FILE_NAME } from '../../server/runtime/data-dir';
import { generateDemoStreet } from '../../server/runtime/seed/demo-street';
import { generateRequestBatches } from '../../server/runtime/seed/request-generator';
import { pngImage } from '../../server/runtime/testing/images';
import { spawnRuntime } from './spawn-runtime';

export interface RequestBenchRow {
  requests: number;
  loadSeconds: number;
  dbMegabytes: number;
  lists: { name: string; requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number; items: number }[];
  submissionsPerSecond: number;
}

/** Load before each measured list, not counted (see below). */
export const WARM_UP_SECONDS = 2;

function load(url: string, token: string, body: unknown, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon(
      { url, method: 'POST', connections: 32, duration: seconds, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) },
      (err, r) => (err ? reject(err) : resolve(r)),
    ),
  );
}

export async function benchRequests(count: number, seconds = 10): Promise<RequestBenchRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wgt-bench-rq-'));
  try {
    const data = generateDemoStreet();
    // The bench submits far faster than any resident may: the street's rate limit is data, raised here.
    data.requestSettings = data.requestSettings.map((s) => ({ ...s, rateLimits: [{ windowMinutes: 10, max: 1_000_000_000 }] }));
    const file = join(dataDir, DB_FILE_NAME);
    const started = Date.now();
    const store = openEmbeddedStore(file);
    store.importPlaces(data);
    store.importRequestBatches(generateRequestBatches(data, count, 7));
    await store.close();
    const loadSeconds = (Date.now() - started) / 1000;

    const runtime = await spawnRuntime(dataDir, 18787);
    try {
      const session = async (userId: string) =>
        ((await (await fetch(`${runtime.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })).json()) as { data: { token: string } }).data.token;
      const worker = data.users.find((u) => u.id === data.grids[0].primaryWorkerId)!;
      const resident = data.users.find((u) => u.residence?.gridId === data.grids[0].id)!;
      const [workerToken, residentToken] = await Promise.all([session(worker.id), session(resident.id)]);
      const fn = `${runtime.url}/api/fn/request`;
      const cases: [string, string, unknown][] = [
        ['网格员 待受理（按期限）', workerToken, { action: 'worklist', data: { tab: 'new' } }],
        ['网格员 处理中', workerToken, { action: 'worklist', data: { tab: 'mine' } }],
        ['网格员 已超期', workerToken, { action: 'worklist', data: { tab: 'overdue' } }],
        ['居民 我的诉求', residentToken, { action: 'mine', data: {} }],
      ];
      const lists: RequestBenchRow['lists'] = [];
      for (const [name, token, body] of cases) {
        const sample = (await (await fetch(fn, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })).json()) as {
          ok: boolean;
          data: { items: unknown[] };
        };
        if (!sample.ok) throw new Error(`${name}: ${JSON.stringify(sample)}`);
        // Warm-up, not counted: a freshly started worker compiles its hot code in its first second or so.
        await load(fn, token, body, WARM_UP_SECONDS);
        const r = await load(fn, token, body, seconds);
        lists.push({ name, requestsPerSecond: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, items: sample.data.items.length });
      }

      // Submissions with a photo: upload the image (stored on disk), then submit referencing it; 8 at a time.
      const photo = pngImage(160, 120, [90, 140, 200]);
      const categoryId = data.categories[0].id;
      let done = 0;
      let seq = 0;
      const until = Date.now() + seconds * 1000;
      const worker8 = async () => {
        while (Date.now() < until) {
          const up = (await (await fetch(`${runtime.url}/api/files`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${residentToken}` }, body: photo })).json()) as {
            ok: boolean;
            data: { fileId: string };
          };
          if (!up.ok) throw new Error(`upload failed: ${JSON.stringify(up)}`);
          const body = { action: 'submit', data: { idempotencyKey: `bench${Date.now()}x${++seq}`, categoryId, description: '基准测试：楼道灯不亮，请尽快处理', photoFileIds: [up.data.fileId] } };
          const r = (await (await fetch(fn, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${residentToken}` }, body: JSON.stringify(body) })).json()) as { ok: boolean };
          if (!r.ok) throw new Error(`submit failed: ${JSON.stringify(r)}`);
          done += 1;
        }
      };
      const t0 = Date.now();
      await Promise.all(Array.from({ length: 8 }, worker8));
      const submissionsPerSecond = Math.round((done / (Date.now() - t0)) * 1000);
      return { requests: count, loadSeconds, dbMegabytes: Math.round(statSync(file).size / 1048576), lists, submissionsPerSecond };
    } finally {
      await runtime.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

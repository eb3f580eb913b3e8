/**
 * The contact-card call through the local gateway under load, beside the same gateway answering its
 * trivial health route: the ratio tells what our code (session check, actor, store reads, card view) costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { spawnRuntime } from './spawn-runtime';

export interface LoadResult {
  route: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function load(options: autocannon.Options): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, r) => {
      if (err) return reject(err);
      resolve({
        route: `${options.method ?? 'GET'} ${new URL(options.url).pathname}`,
        requestsPerSecond: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      });
    });
  });
}

export async function benchGateway(seconds = 10, connections = 32): Promise<LoadResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wgt-bench-'));
  const runtime = await spawnRuntime(dataDir, 18788);
  try {
    const people = (await (await fetch(`${runtime.url}/api/dev/people?role=resident&limit=1`)).json()) as { data: { people: { id: string }[] } };
    const session = (await (
      await fetch(`${runtime.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: people.data.people[0].id }) })
    ).json()) as { data: { token: string } };
    const card = await fetch(`${runtime.url}/api/fn/grid`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.data.token}` },
      body: JSON.stringify({ action: 'myCard' }),
    });
    const reply = (await card.json()) as { ok: boolean };
    if (!reply.ok) throw new Error(`contact card call failed: ${JSON.stringify(reply)}`);

    // While profiling (WGT_BENCH_CPU_PROF), one route runs, so the profile is of it alone: the card call, or with
    // WGT_BENCH_CPU_PROF_ROUTE=healthz the health route (the gateway's own cost, to compare with).
    const profiling = process.env.WGT_BENCH_CPU_PROF ? (process.env.WGT_BENCH_CPU_PROF_ROUTE === 'healthz' ? 'healthz' : 'card') : null;
    const health = profiling === 'card' ? null : await load({ url: `${runtime.url}/healthz`, connections, duration: seconds });
    if (profiling === 'healthz') return [health!];
    const cardLoad = await load({
      url: `${runtime.url}/api/fn/grid`,
      method: 'POST',
      connections,
      duration: seconds,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.data.token}` },
      body: JSON.stringify({ action: 'myCard' }),
    });
    return health ? [health, cardLoad] : [cardLoad];
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

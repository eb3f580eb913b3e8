/**
 * Request-store benchmark: fills a database with the demo street and N generated requests, then times
 * the lists the use cases run (first page and a page deep into each) on that volume.
 *
 *   npx tsx server/runtime/seed/load-requests-cli.ts [--count 1000000] [--seed 7] [--db /tmp/wgt-bench.db]
 *
 * The database file is replaced. Never point it at the runtime's data folder.
 */
import { existsSync, rmSync } from 'node:fs';
import { openEmbeddedStore } from '../../adapters/embedded/embedded-store';
import type { RequestQuery } from '../../ports/request.port';
import { generateDemoStreet } from './demo-street';
import { GENERATED_UNTIL, generateRequestBatches } from './request-generator';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const count = Number(arg('count', '1000000'));
  const seed = Number(arg('seed', '7'));
  const file = arg('db', '/tmp/wgt-bench.db');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);

  const data = generateDemoStreet();
  const store = openEmbeddedStore(file);
  store.importPlaces(data);
  const started = Date.now();
  let last = started;
  let shown = 0;
  const batches = (function* () {
    for (const b of generateRequestBatches(data, count, seed)) {
      yield b;
      shown += b.requests.length;
      if (Date.now() - last > 10_000) {
        last = Date.now();
        console.log(`  ${shown} requests, ${Math.round((last - started) / 1000)} s`);
      }
    }
  })();
  const loaded = store.importRequestBatches(batches);
  const seconds = (Date.now() - started) / 1000;
  console.log(`loaded ${loaded.requests} requests and ${loaded.events} events in ${seconds.toFixed(1)} s (generation included)`);

  const worker = data.users.find((u) => u.id === data.grids[0].primaryWorkerId)!;
  const gridIds = data.grids.filter((g) => g.primaryWorkerId === worker.id || g.backupWorkerId === worker.id).map((g) => g.id);
  const resident = data.users.find((u) => u.residence)!;
  const now = GENERATED_UNTIL;
  const queries: [string, RequestQuery][] = [
    ['worker: new in grids', { streetId: 'street-1', gridIds, statuses: ['submitted'], sort: 'deadline' }],
    ['worker: own working', { streetId: 'street-1', gridIds, handlerId: worker.id, statuses: ['accepted', 'dispatched', 'in_progress'], sort: 'deadline' }],
    ['worker: done in grids', { streetId: 'street-1', gridIds, statuses: ['resolved', 'verified', 'archived', 'rejected', 'withdrawn'], sort: 'newest' }],
    ['overdue in street', { streetId: 'street-1', statuses: ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved'], overdueAt: now, sort: 'deadline' }],
    ['community verify queue', { streetId: 'street-1', communityId: 'community-1', statuses: ['resolved'], resolvedBefore: now, sort: 'deadline' }],
    ['resident: mine', { streetId: 'street-1', residentId: resident.id, sort: 'newest' }],
    ['street: all, newest', { streetId: 'street-1', sort: 'newest' }],
    ['street: category + dates', { streetId: 'street-1', categoryId: 'category-03', createdFrom: '2020-01-01T00:00:00.000Z', createdTo: '2021-01-01T00:00:00.000Z', sort: 'newest' }],
  ];
  for (const [name, q] of queries) {
    let t = process.hrtime.bigint();
    const first = await store.requests.list(q, { limit: 20 });
    const firstMs = Number(process.hrtime.bigint() - t) / 1e6;
    let cursor = first.next;
    let deepMs = 0;
    let pages = 1;
    for (; cursor && pages < 50; pages++) {
      t = process.hrtime.bigint();
      cursor = (await store.requests.list(q, { limit: 20, cursor })).next;
      deepMs = Number(process.hrtime.bigint() - t) / 1e6;
    }
    t = process.hrtime.bigint();
    const { sort: _sort, ...filters } = q;
    const total = await store.requests.count(filters);
    const countMs = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(`${name.padEnd(26)} total ${String(total).padStart(7)}  page 1 ${firstMs.toFixed(2)} ms  page ${pages} ${deepMs.toFixed(2)} ms  count ${countMs.toFixed(1)} ms`);
  }
  await store.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

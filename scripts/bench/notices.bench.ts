/**
 * Notices at a street's scale, through the local gateway: the demo street's 15,544 households with N residents
 * bound to them, 300 earlier notices of every scope, then a street-wide notice read by 80% as many residents as
 * there are (40,000 receipts for 50,000 residents). Measures publishing (sequential, through the gateway),
 * residents' feeds under load (32 connections, rotating among 200 residents), and coverage per grid.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Notice, NoticeScope } from '@core/notices/notice';
import type { User } from '@core/people/user';
import { openEmbeddedStore } from '../../server/adapters/embedded/embedded-store';
import type { NoticeKey, ReadWrite } from '../../server/ports/notice.port';
import { DB_FILE_NAME } from '../../server/runtime/data-dir';
import { generateDemoStreet } from '../../server/runtime/seed/demo-street';
import { prng } from '../../server/runtime/seed/prng';
import { WARM_UP_SECONDS } from './requests.bench';
import { spawnRuntime } from './spawn-runtime';

export interface NoticeBenchRow {
  residents: number;
  households: number;
  receipts: number;
  loadSeconds: number;
  dbMegabytes: number;
  publish: { p50: number; p99: number; max: number };
  feed: { requestsPerSecond: number; p50: number; p99: number; errors: number; items: number };
  coverage: { p50: number; p99: number; grids: number };
  gridReach: { p50: number; p99: number; households: number };
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
};

export async function benchNotices(residents: number, seconds = 10): Promise<NoticeBenchRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wgt-bench-nt-'));
  try {
    const data = generateDemoStreet();
    const street = data.streets[0];
    const rnd = prng(11);
    const households = data.households;
    const buildingOf = new Map(households.map((h) => [h.id, h.buildingId]));
    const extra: User[] = [];
    for (let i = 0; i < residents; i++) {
      const h = households[i % households.length];
      extra.push({
        id: `bench-r-${String(i).padStart(7, '0')}`, openid: `bench-open-${i}`, name: '居民', phone: null, posts: [], createdAt: '2026-01-05T00:00:00.000Z',
        residence: { streetId: h.streetId, communityId: h.communityId, gridId: h.gridId, householdId: h.id, via: 'address', boundAt: '2026-01-05T00:00:00.000Z' },
      });
    }
    data.users = [...data.users, ...extra];

    const file = join(dataDir, DB_FILE_NAME);
    const started = Date.now();
    const store = openEmbeddedStore(file);
    store.importPlaces(data);
    // 300 earlier notices over the past year, of every scope.
    const staff = data.users.find((u) => u.posts.some((p) => p.role === 'street_staff'))!;
    const earlier: { notice: Notice; keys: NoticeKey[] }[] = [];
    for (let i = 0; i < 300; i++) {
      const at = new Date(Date.parse('2025-11-20T00:00:00Z') + i * 86400e3).toISOString();
      const kind = i % 4;
      let scope: NoticeScope;
      let keys: NoticeKey[];
      if (kind === 0) {
        scope = { level: 'street', ids: [] };
        keys = [{ level: 'street', placeId: street.id, communityId: null, gridId: null }];
      } else if (kind === 1) {
        const c = rnd.pick(data.communities);
        scope = { level: 'communities', ids: [c.id] };
        keys = [{ level: 'communities', placeId: c.id, communityId: c.id, gridId: null }];
      } else if (kind === 2) {
        const g = rnd.pick(data.grids);
        scope = { level: 'grids', ids: [g.id] };
        keys = [{ level: 'grids', placeId: g.id, communityId: g.communityId, gridId: g.id }];
      } else {
        const b = rnd.pick(data.buildings);
        scope = { level: 'buildings', ids: [b.id] };
        keys = [{ level: 'buildings', placeId: b.id, communityId: b.communityId, gridId: b.gridId }];
      }
      earlier.push({
        notice: {
          id: `bench-notice-${i}`, streetId: street.id, scope, title: `第${i}号通知`, body: [{ kind: 'p', text: '基准测试用的通知正文，内容长度与真实通知相近。'.repeat(4) }],
          imageFileIds: [], attachments: [], category: 'policy', urgent: i % 10 === 0, requireAck: i % 3 === 0, pinned: i % 50 === 0,
          publishAt: at, expiresAt: i % 5 === 0 ? new Date(Date.parse(at) + 30 * 86400e3).toISOString() : null,
          publisherId: staff.id, publisherRole: 'street_staff', publisherLabel: `${street.name}办事处`, withdrawn: null, version: 1, revisions: [],
          idempotencyKey: `bench-${i}`, createdAt: at, updatedAt: at,
        },
        keys,
      });
    }
    store.importNotices(earlier);
    await store.close();
    const importMs = Date.now() - started;

    const runtime = await spawnRuntime(dataDir, 18788);
    try {
      const session = async (userId: string) =>
        ((await (await fetch(`${runtime.url}/api/dev/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) })).json()) as { data: { token: string } }).data.token;
      const call = async (token: string, action: string, body: unknown) => {
        const r = (await (await fetch(`${runtime.url}/api/fn/notice`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ action, data: body }) })).json()) as {
          ok: boolean;
          data: unknown;
        };
        if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r)}`);
        return r.data;
      };
      const staffToken = await session(staff.id);

      // Publishing: 100 street-wide urgent notices one after another; the first is the one residents read.
      const publishMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        await call(staffToken, 'publish', {
          idempotencyKey: `bench-warm-${i}-${Date.now()}`, scope: { level: 'grids', ids: [data.grids[i].id] }, title: '预热', body: '预热用的通知。',
          imageFileIds: [], attachments: [], category: 'other', urgent: false, requireAck: false, pinned: false,
        });
      }
      let target = '';
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        const { id } = (await call(staffToken, 'publish', {
          idempotencyKey: `bench-publish-${i}-${Date.now()}`, scope: { level: 'street', ids: [] }, title: '紧急停水通知', body: '因主管道抢修，今天下午全街道停水，请做好准备。',
          imageFileIds: [], attachments: [], category: 'utility', urgent: true, requireAck: true, pinned: false,
        })) as { id: string };
        publishMs.push(performance.now() - t0);
        if (i === 0) target = id;
      }

      // Receipts: 80% of the residents read the first one (bulk-loaded through the same read path).
      const writer = openEmbeddedStore(file);
      const t1 = Date.now();
      const receipts = Math.floor(residents * 0.8);
      const batch: ReadWrite[] = [];
      const now = new Date().toISOString();
      for (let i = 0; i < receipts; i++) {
        const u = extra[i];
        const r = u.residence!;
        batch.push({ noticeId: target, userId: u.id, place: { streetId: r.streetId, communityId: r.communityId, gridId: r.gridId, buildingId: buildingOf.get(r.householdId!)!, householdId: r.householdId }, version: 1, at: now });
        if (batch.length === 5000) writer.importNoticeReads(batch.splice(0));
      }
      if (batch.length) writer.importNoticeReads(batch.splice(0));
      await writer.close();
      const loadSeconds = (importMs + Date.now() - t1) / 1000;

      // Feeds: 32 connections, each request as one of 200 residents in turn.
      const tokens = await Promise.all(extra.slice(0, 200).map((u) => session(u.id)));
      const sample = (await call(tokens[0], 'feed', {})) as { items: unknown[] };
      let next = 0;
      const feedLoad = (duration: number) => new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(
          {
            url: `${runtime.url}/api/fn/notice`, method: 'POST', connections: 32, duration,
            requests: [{
              method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'feed', data: {} }),
              setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` } }),
            }],
          },
          (err, r) => (err ? reject(err) : resolve(r)),
        ),
      );
      // Warm up first (each gateway process compiles and prepares on its first requests), as the requests bench does.
      await feedLoad(WARM_UP_SECONDS);
      const feed = await feedLoad(seconds);

      // Coverage per grid for the street-wide notice (48 grids), and one grid's not-reached list. While profiling
      // (WGT_BENCH_CPU_PROF) they are skipped, so the gateway's profile is of the feed alone (the table shows 0).
      const measureStaffViews = !process.env.WGT_BENCH_CPU_PROF;
      const coverageMs: number[] = [];
      let grids = 0;
      for (let i = 0; i < (measureStaffViews ? 5 : 0); i++) await call(staffToken, 'coverage', { id: target });
      for (let i = 0; i < (measureStaffViews ? 50 : 0); i++) {
        const t0 = performance.now();
        const c = (await call(staffToken, 'coverage', { id: target })) as { grids: unknown[] };
        coverageMs.push(performance.now() - t0);
        grids = c.grids.length;
      }
      const worker = data.users.find((u) => u.id === data.grids[0].primaryWorkerId)!;
      const workerToken = await session(worker.id);
      const reachMs: number[] = [];
      let gridHouseholds = 0;
      for (let i = 0; i < (measureStaffViews ? 5 : 0); i++) await call(workerToken, 'gridReach', { id: target, gridId: data.grids[0].id });
      for (let i = 0; i < (measureStaffViews ? 50 : 0); i++) {
        const t0 = performance.now();
        const g = (await call(workerToken, 'gridReach', { id: target, gridId: data.grids[0].id })) as { total: { households: number } };
        reachMs.push(performance.now() - t0);
        gridHouseholds = g.total.households;
      }
      return {
        residents,
        households: households.length,
        receipts,
        loadSeconds,
        dbMegabytes: Math.round(statSync(file).size / 1048576),
        publish: { p50: percentile(publishMs, 50), p99: percentile(publishMs, 99), max: Math.round(Math.max(...publishMs) * 10) / 10 },
        feed: { requestsPerSecond: Math.round(feed.requests.average), p50: feed.latency.p50, p99: feed.latency.p99, errors: feed.errors + feed.non2xx, items: sample.items.length },
        coverage: { p50: percentile(coverageMs, 50), p99: percentile(coverageMs, 99), grids },
        gridReach: { p50: percentile(reachMs, 50), p99: percentile(reachMs, 99), households: gridHouseholds },
      };
    } finally {
      await runtime.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

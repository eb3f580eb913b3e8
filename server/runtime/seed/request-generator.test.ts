import { OPEN_STATUSES, REQUEST_STATUSES, STATUS_KIND } from '@core/requests/request.status';
import { TRANSITIONS, type RequestAction } from '@core/requests/request.transitions';
import { isOverdue } from '@core/requests/request';
import { openEmbeddedStore } from '../../adapters/embedded/embedded-store';
import { generateDemoStreet } from './demo-street';
import { GENERATED_UNTIL, generateRequestBatches, generateRequests } from './request-generator';

describe('generated request history', () => {
  const data = generateDemoStreet();
  const { requests, events } = generateRequests(data, 20_000, 11);
  const until = GENERATED_UNTIL;

  it('is the same for the same seed, and different for another', () => {
    const again = generateRequests(data, 300, 11);
    expect(again.requests).toEqual(generateRequests(data, 300, 11).requests);
    expect(generateRequests(data, 300, 12).requests).not.toEqual(again.requests);
  });

  it('spreads creation over ten years up to `until`, with unique ids and keys', () => {
    const created = requests.map((r) => r.createdAt);
    expect(created[0] < '2016-12-01').toBe(true);
    expect(created[created.length - 1] <= until).toBe(true);
    expect(created.every((c) => c <= until)).toBe(true);
    expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
    expect(new Set(requests.map((r) => `${r.submitterId}|${r.idempotencyKey}`)).size).toBe(requests.length);
  });

  it('is mostly archived, with every open status among the recent ones and some overdue', () => {
    const byStatus = new Map<string, number>();
    for (const r of requests) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect((byStatus.get('archived') ?? 0) / requests.length).toBeGreaterThan(0.8);
    for (const s of ['submitted', 'accepted', 'in_progress', 'resolved', 'verified', 'rejected', 'withdrawn', 'archived']) {
      expect([s, (byStatus.get(s) ?? 0) > 0]).toEqual([s, true]);
    }
    expect(requests.filter((r) => isOverdue(r, new Date(until))).length).toBeGreaterThan(0);
    expect(REQUEST_STATUSES).toContain('dispatched');
  });

  it("records every request's life as legal transitions, one event per step, the last one its state", () => {
    const byRequest = new Map<string, typeof events>();
    for (const e of events) {
      const list = byRequest.get(e.requestId);
      if (list) list.push(e);
      else byRequest.set(e.requestId, [e]);
    }
    // Collected, not asserted one by one: a hundred thousand expect() calls would take most of a minute.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && problems.length < 20) problems.push(what);
    };
    for (const r of requests) {
      const timeline = byRequest.get(r.id) ?? [];
      check(timeline.length > 0, `${r.id}: no events`);
      check(timeline[0]?.action === (r.flagged ? 'hold' : 'submit') && timeline[0]?.from === null, `${r.id}: first event`);
      timeline.forEach((e, i) => {
        const rule = TRANSITIONS[e.action as RequestAction];
        check(e.seq === i + 1, `${r.id}: seq ${e.seq} at ${i}`);
        check(rule?.to === e.to, `${r.id}: ${e.action} to ${e.to}`);
        if (i > 0) {
          const before = timeline[i - 1];
          check(rule?.from.includes(before.to) && e.from === before.to, `${r.id}: ${e.action} from ${before.to}`);
          check(e.at >= before.at, `${r.id}: event ${e.seq} before event ${before.seq}`);
        }
      });
      const last = timeline[timeline.length - 1];
      check(r.status === last?.to && r.version === timeline.length && r.updatedAt === last?.at, `${r.id}: state is not its last event`);
      if (STATUS_KIND[r.status] === 'closed') check(r.closedAt !== null, `${r.id}: closed without closedAt`);
      if (OPEN_STATUSES.includes(r.status) && r.status !== 'submitted') check(r.handler !== null, `${r.id}: open without handler`);
      if (r.status === 'resolved') check(r.resolvedAt !== null, `${r.id}: resolved without resolvedAt`);
    }
    expect(problems).toEqual([]);
  });

  it('uses the street: its grids, categories, workers and departments', () => {
    const grids = new Map(data.grids.map((g) => [g.id, g]));
    const categories = new Set(data.categories.map((c) => c.id));
    for (const r of requests.slice(0, 2000)) {
      const g = grids.get(r.gridId)!;
      expect(r.communityId).toBe(g.communityId);
      expect(categories.has(r.categoryId)).toBe(true);
      if (r.handler?.kind === 'worker') expect(r.handler.id).toBe(g.primaryWorkerId);
    }
    expect(requests.some((r) => r.handler?.kind === 'department')).toBe(true);
  });

  it('loads in batches into the embedded store, which then lists and counts them', async () => {
    const store = openEmbeddedStore(':memory:');
    store.importPlaces(data);
    const listIndexes = () => store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name GLOB 'requests_by_*_status_*' ORDER BY name").all();
    const before = listIndexes();
    const generated = generateRequests(data, 5000, 3);
    const newest = [...generated.requests].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1)).slice(0, 5);
    const loaded = store.importRequestBatches(generateRequestBatches(data, 5000, 3, { batchSize: 1000 }));
    expect(loaded.requests).toBe(5000);
    expect(await store.requests.count({ streetId: 'street-1' })).toBe(5000);
    const open = await store.requests.count({ streetId: 'street-1', statuses: [...OPEN_STATUSES] });
    expect(open).toBeGreaterThan(0);
    const page = await store.requests.list({ streetId: 'street-1', sort: 'newest' }, { limit: 5 });
    expect(page.items).toEqual(newest);
    // The list indexes dropped for the load are back.
    // 20 list indexes and the 同问 suggestion's (grid, category, status, created) one.
    expect(before).toHaveLength(21);
    expect(listIndexes()).toEqual(before);
    await store.close();
  });
});

import Database from 'better-sqlite3';
import { listItemOf, type RequestEvent, type ServiceRequest } from '@core/requests/request';
import type { NewRequestWrite, RequestQuery, TransitionWrite } from '../../ports/request.port';
import { aRequest, anEvent, at, listFixture } from '../request-store.contract';
import { contractFixture } from '../store-contract-kit';
import { statusesOf } from '../request-paging';
import { planRequestCount, planRequestList, planRequestPage } from './embedded-requests';
import type { PlannedStatement } from './sql-access';
import { openEmbeddedStore, type EmbeddedStore } from './embedded-store';
import { applyMigrations, MIGRATIONS } from './migrations';
import { planCounterQuery } from './embedded-assessment';
import { recomputed } from '../assessment-store.contract';

/** Every query shape the use cases run (worklists, the street overview, the resident's list, timers). */
const QUERIES: [string, RequestQuery][] = [
  ["a worker's new requests in their grids, by deadline", { streetId: 's', gridIds: ['g1', 'g2'], statuses: ['submitted'], sort: 'deadline' }],
  ["a worker's own working requests, by deadline", { streetId: 's', gridIds: ['g1', 'g2'], handlerId: 'w', statuses: ['accepted', 'dispatched', 'in_progress'], sort: 'deadline' }],
  ['overdue in grids', { streetId: 's', gridIds: ['g1'], statuses: ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved'], overdueAt: at(0), sort: 'deadline' }],
  ['overdue in a community', { streetId: 's', communityId: 'c', overdueAt: at(0), sort: 'deadline' }],
  ['overdue in the street', { streetId: 's', overdueAt: at(0), sort: 'deadline' }],
  ['a window of deadlines (deadline jobs)', { streetId: 's', overdueAt: at(100), dueFrom: at(0), sort: 'deadline' }],
  ['done in grids, newest', { streetId: 's', gridIds: ['g1', 'g2'], statuses: ['resolved', 'verified', 'archived', 'rejected', 'withdrawn'], sort: 'newest' }],
  ["a community's verification queue", { streetId: 's', communityId: 'c', statuses: ['resolved'], resolvedBefore: at(0), sort: 'deadline' }],
  ['verified before (archiving timer)', { streetId: 's', statuses: ['verified'], resolvedBefore: at(0), sort: 'newest' }],
  ["a resident's own, newest", { streetId: 's', residentId: 'r', sort: 'newest' }],
  ['the street overview, newest', { streetId: 's', sort: 'newest' }],
  ['the street overview with every filter', { streetId: 's', communityId: 'c', gridIds: ['g1'], categoryId: 'k', statuses: ['archived'], createdFrom: at(0), createdTo: at(1000), sort: 'newest' }],
  ['a community by category and dates', { streetId: 's', communityId: 'c', categoryId: 'k', createdFrom: at(0), createdTo: at(1000), sort: 'newest' }],
];

function plan(store: EmbeddedStore, s: PlannedStatement): string[] {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(s.params) as { detail: string }[]).map((r) => r.detail);
}

/** How many (scope value, status) arms a query's statements hold. */
function arms(q: RequestQuery): number {
  const scopeValues = q.residentId || q.handlerId || !q.gridIds ? 1 : new Set(q.gridIds).size;
  return scopeValues * statusesOf(q).length;
}

const INDEX_SEEK = /^SEARCH requests USING (COVERING )?INDEX requests_by_(street|community|grid|resident|handler)_status_(created|deadline) \(\w+=\? AND status=\?/;

describe('embedded request lists', () => {
  let store: EmbeddedStore;
  beforeAll(() => {
    store = openEmbeddedStore(':memory:');
  });
  afterAll(() => store.close());

  it.each(QUERIES)('%s: one statement whose every arm seeks a (scope, status, order) index, merged — no scan, no sort', (_name, q) => {
    for (const cursor of [null, { key: at(500), id: 'rq-x' }]) {
      const keys = planRequestList(q, cursor, 21)!;
      for (const s of [keys, planRequestPage(keys, 'r.id, r.excerpt'), planRequestPage(keys, 'r.id, r.data')]) {
        const details = plan(store, s);
        const seeks = details.filter((d) => /\brequests\b/.test(d));
        // One index seek per arm; the page statement adds one lookup by id per row of the page.
        expect(seeks.filter((d) => INDEX_SEEK.test(d))).toHaveLength(arms(q));
        expect(seeks.filter((d) => !INDEX_SEEK.test(d))).toEqual([]);
        if (s !== keys) expect(details.filter((d) => / r USING /.test(d))).toEqual([expect.stringMatching(/^SEARCH r USING INDEX sqlite_autoindex_requests_1 \(id=\?\)$/)]);
        if (arms(q) > 1) expect(details).toContain('MERGE (UNION ALL)');
        expect(details.join(' | ')).not.toMatch(/SCAN (requests|r|grids|communities)\b|TEMP B-TREE/);
      }
    }
    const count = plan(store, planRequestCount(q)!);
    expect(count.filter((d) => /\brequests\b/.test(d))).toEqual(Array(arms(q)).fill(expect.stringMatching(INDEX_SEEK)));
    expect(count.join(' | ')).not.toMatch(/SCAN (requests|grids|communities)\b|TEMP B-TREE/);
  });

  it('seeks on the cursor or on the date range, whichever is tighter', () => {
    const q: RequestQuery = { streetId: 's', createdTo: at(1000), sort: 'newest' };
    const inside = planRequestList(q, { key: at(10), id: 'x' }, 21)!;
    expect(plan(store, inside).join()).toMatch(/\(created_at,id\)<\(\?,\?\)/);
    const beyond = planRequestList(q, { key: at(2000), id: 'x' }, 21)!;
    expect(plan(store, beyond).join()).toMatch(/created_at<\?/);
  });

  it('plans nothing for an empty list of grids', () => {
    expect(planRequestList({ streetId: 's', gridIds: [], sort: 'newest' }, null, 21)).toBeNull();
    expect(planRequestCount({ streetId: 's', gridIds: [] })).toBeNull();
  });

  it('reads the inbox, events, keys and counters by index', () => {
    const details = (sql: string, ...params: unknown[]) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(details('SELECT * FROM inbox WHERE user_id = ? AND (at, id) < (?, ?) ORDER BY at DESC, id DESC LIMIT ?', 'u', 'a', 'i', 5)).toMatch(/^SEARCH inbox USING INDEX inbox_by_user_at/);
    expect(details('SELECT COUNT(*) AS n FROM inbox WHERE user_id = ? AND read_at IS NULL', 'u')).toContain('inbox_unread_by_user');
    expect(details('SELECT * FROM request_events WHERE request_id = ? ORDER BY seq', 'r')).toMatch(/^SEARCH request_events USING PRIMARY KEY \(request_id=\?\)$/);
    expect(details('SELECT data FROM requests WHERE submitter_id = ? AND idempotency_key = ?', 's', 'k')).toContain('requests_by_idempotency');
    expect(details('SELECT times FROM rate_logs WHERE key = ?', 'request:s')).toContain('PRIMARY KEY');
    // The dispatcher's claim: earliest due first, ties by id, straight from the index (no sort step).
    const claim = details("SELECT id FROM outbox INDEXED BY outbox_by_status_next_try_id WHERE status = 'pending' AND next_try_at <= ? ORDER BY next_try_at, id LIMIT ?", 'x', 5);
    expect(claim).toMatch(/^SEARCH outbox USING COVERING INDEX outbox_by_status_next_try_id/);
    expect(claim).not.toContain('TEMP B-TREE');
  });
});

/** The 考核 shapes: a figure's requests (accepted or resolved in a period, in a scope or for a worker) and a worker's lists. */
const ASSESSMENT_QUERIES: [string, RequestQuery, string][] = [
  ['accepted in a month, the street', { streetId: 's', acceptedFrom: at(0), acceptedTo: at(1000), sort: 'newest' }, 'street_status_accepted'],
  ['resolved in a month, a community', { streetId: 's', communityId: 'c', resolvedFrom: at(0), resolvedTo: at(1000), sort: 'newest' }, 'community_status_resolved'],
  ['resolved in a month, grids, by deadline', { streetId: 's', gridIds: ['g1', 'g2'], statuses: ['resolved', 'verified', 'archived'], resolvedFrom: at(0), resolvedTo: at(1000), sort: 'deadline' }, 'grid_status_resolved'],
  ['accepted in a month, a worker', { streetId: 's', assessedWorkerId: 'w', acceptedFrom: at(0), acceptedTo: at(1000), sort: 'newest' }, 'assessed_status_accepted'],
  ['resolved, a worker in a grid', { streetId: 's', gridIds: ['g1'], assessedWorkerId: 'w', resolvedFrom: at(0), sort: 'newest' }, 'assessed_status_resolved'],
  ['a handler within an accepted range: the assessment index, the handler narrows', { streetId: 's', handlerId: 'h', acceptedTo: at(1000), sort: 'newest' }, 'street_status_accepted'],
  ["a worker's assessed requests, newest", { streetId: 's', assessedWorkerId: 'w', sort: 'newest' }, 'assessed_status_created'],
  ["a worker's assessed requests overdue, by deadline", { streetId: 's', assessedWorkerId: 'w', overdueAt: at(0), sort: 'deadline' }, 'assessed_status_deadline'],
];

describe('embedded 考核 request filters and counters', () => {
  let store: EmbeddedStore;
  beforeAll(() => {
    store = openEmbeddedStore(':memory:');
  });
  afterAll(() => store.close());

  it.each(ASSESSMENT_QUERIES)('%s: every arm seeks its (scope, status, range) index, list and count alike', (_name, q, index) => {
    const seek = new RegExp(`^SEARCH requests USING (COVERING )?INDEX requests_by_${index} \\(\\w+=\\? AND status=\\?`);
    const keys = planRequestList(q, null, 21)!;
    const { sort: _sort, ...filters } = q;
    for (const s of [keys, planRequestCount(filters)!]) {
      const details = plan(store, s);
      const seeks = details.filter((d) => /\brequests\b/.test(d));
      expect(seeks).toEqual(Array(arms(q)).fill(expect.stringMatching(seek)));
      expect(details.join(' | ')).not.toMatch(/SCAN (requests|grids|communities)\b/);
    }
    // A range on another column than the sort key: the figure's requests are sorted for the page, never the table.
    const sortsItself = index.endsWith('created') || index.endsWith('deadline');
    if (sortsItself && arms(q) > 1) expect(plan(store, keys)).toContain('MERGE (UNION ALL)');
  });

  it('reads counters by index: some scopes by (scope, period), every scope of a kind by period', () => {
    const details = (s: PlannedStatement) => plan(store, s).join(' | ');
    const some = details(planCounterQuery({ streetId: 's', scopeKind: 'grid', scopeIds: ['g1', 'g2'], periods: ['2026-03', '2026-03-05'] })!);
    expect(some).toMatch(/SEARCH assessment_counters USING INDEX assessment_counters_by_scope \(street_id=\? AND scope_kind=\? AND scope_id=\? AND period=\?\)/);
    expect(some).not.toMatch(/SCAN assessment_counters|TEMP B-TREE/);
    const every = details(planCounterQuery({ streetId: 's', scopeKind: 'grid', periods: ['2026-03'] })!);
    expect(every).toMatch(/SEARCH assessment_counters USING INDEX assessment_counters_by_period \(street_id=\? AND scope_kind=\? AND period=\?\)/);
    expect(every).not.toMatch(/SCAN assessment_counters/);
    expect(planCounterQuery({ streetId: 's', scopeKind: 'grid', scopeIds: [], periods: ['2026-03'] })).toBeNull();
    expect(planCounterQuery({ streetId: 's', scopeKind: 'grid', periods: [] })).toBeNull();
    const page = (store.db.prepare('EXPLAIN QUERY PLAN SELECT id, data FROM requests INDEXED BY requests_by_street_id WHERE street_id = ? AND id > ? ORDER BY id LIMIT ?').all('s', '', 5) as { detail: string }[])
      .map((r) => r.detail).join(' | ');
    expect(page).toMatch(/^SEARCH requests USING INDEX requests_by_street_id \(street_id=\? AND id>\?\)$/);
  });
});

/**
 * Fault injection: the Nth statement of a write throws, for every N the write runs. Whatever N, the
 * write leaves nothing behind (no request, event, message, outbox record or rate count), and the same
 * write then succeeds once.
 */
describe('embedded request writes under injected faults', () => {
  let failAt = 0;
  let seen = 0;
  let statements: string[] = [];
  let store: EmbeddedStore;

  beforeEach(() => {
    failAt = 0;
    store = openEmbeddedStore(':memory:', {
      onStatement: (sql) => {
        if (failAt === 0) return;
        seen++;
        statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' '));
        if (seen === failAt) throw new Error(`injected fault at statement ${seen}`);
      },
    });
    store.importPlaces(contractFixture());
  });
  afterEach(() => store.close());

  /** Everything a request write can touch, read around the store (not through the hook). */
  function snapshot(): unknown {
    const q = (sql: string) => store.db.prepare(sql).all();
    return {
      requests: q('SELECT id, version, status, data FROM requests ORDER BY id'),
      events: q('SELECT request_id, seq FROM request_events ORDER BY request_id, seq'),
      inbox: q('SELECT id, read_at FROM inbox ORDER BY id'),
      outbox: q('SELECT id FROM outbox ORDER BY id'),
      rateLogs: q('SELECT * FROM rate_logs ORDER BY key'),
      assessment: q('SELECT * FROM assessment_counters ORDER BY id'),
    };
  }

  /** Runs `write` failing at statement 1, 2, … until it succeeds; returns how many statements it took. */
  async function failAtEveryStep<T>(write: () => Promise<T>, check: (result: T) => void): Promise<{ steps: number; statements: string[] }> {
    const before = snapshot();
    for (let k = 1; k < 100; k++) {
      failAt = k;
      seen = 0;
      statements = [];
      let result: T;
      try {
        result = await write();
      } catch (e) {
        expect((e as Error).message).toBe(`injected fault at statement ${k}`);
        expect(snapshot()).toEqual(before);
        continue;
      }
      failAt = 0;
      check(result);
      return { steps: k - 1, statements };
    }
    throw new Error('the write never succeeded');
  }

  const submission = (id: string, key = `key-${id}`): NewRequestWrite => {
    const request = aRequest(id, { idempotencyKey: key });
    const event = anEvent(request, 1, request.createdAt);
    return {
      request,
      event,
      messages: [
        { id: `m1-${id}`, userId: 'w-zhao', title: '新诉求待受理', body: '环境卫生', link: { kind: 'request', id }, at: request.createdAt, readAt: null },
        { id: `m2-${id}`, userId: 'w-qian', title: '新诉求待受理', body: '环境卫生', link: { kind: 'request', id }, at: request.createdAt, readAt: null },
      ],
      outbox: ['w-zhao', 'w-qian'].map((recipientId) => ({
        id: `${event.id}:${recipientId}:subscribe`, eventId: event.id, recipientId, channel: 'subscribe' as const, template: 'request_new' as const,
        payload: { thing1: '环境卫生' }, status: 'pending' as const, attempts: 0, nextTryAt: request.createdAt, lastError: null, createdAt: request.createdAt,
      })),
      rateLimits: [{ windowMinutes: 10, max: 5 }, { windowMinutes: 24 * 60, max: 20 }],
    };
  };

  it('create: a fault at any statement leaves nothing half-written; the retry with the same key then succeeds once', async () => {
    await store.requests.create(submission('rq-0'));
    const { steps, statements: ran } = await failAtEveryStep(
      () => store.requests.create(submission('rq-1')),
      (result) => expect(result.kind).toBe('created'),
    );
    // idempotency read, the rate log read and written, request, 7 考核 counters (street, community and
    // grid by day and month, the grid's category by month), event, 2 messages, 2 outbox records
    expect(steps).toBe(16);
    expect(ran).toEqual([
      'SELECT data FROM', 'SELECT times FROM', 'INSERT INTO rate_logs',
      'INSERT INTO requests', ...Array(7).fill('INSERT INTO assessment_counters'), 'INSERT INTO request_events', 'INSERT INTO inbox', 'INSERT INTO inbox', 'INSERT INTO outbox', 'INSERT INTO outbox',
    ]);
    const again = await store.requests.create({ ...submission('rq-1-retry', 'key-rq-1') });
    expect(again.kind).toBe('duplicate');
    // Counted once, the failed attempts not at all.
    expect(JSON.parse((store.db.prepare("SELECT times FROM rate_logs WHERE key = 'request:r-1'").get() as { times: string }).times)).toHaveLength(2);
    expect((await store.requests.events('rq-1')).map((e) => e.seq)).toEqual([1]);
  });

  it('commit: a fault at any statement leaves nothing half-written; the same commit then lands once', async () => {
    await store.requests.create(submission('rq-1'));
    const next: ServiceRequest = { ...aRequest('rq-1'), status: 'accepted', version: 3, handler: { kind: 'worker', id: 'w-zhao', name: '赵敏' }, acceptedAt: at(5), resolutionDueAt: at(3000) };
    const events: RequestEvent[] = [anEvent(next, 2, at(5), 'accept'), anEvent(next, 3, at(6), 'progress')];
    const write: TransitionWrite = {
      request: next,
      expectedVersion: 1,
      events,
      messages: [{ id: 'm-acc', userId: 'r-1', title: '诉求已受理', body: '', link: { kind: 'request', id: 'rq-1' }, at: at(5), readAt: null }],
      outbox: [{ ...submission('rq-1').outbox[0], id: `${events[0].id}:r-1:subscribe`, eventId: events[0].id, recipientId: 'r-1' }],
    };
    const { steps } = await failAtEveryStep(() => store.requests.commit(write), (result) => expect(result).toEqual(next));
    // the stored state, the update, 8 考核 counters (street, community, grid and now the worker, by day and
    // month: the acceptance), 2 events, a message, an outbox record
    expect(steps).toBe(14);
    expect(await store.requests.commit(write)).toBeNull();
    expect((await store.requests.events('rq-1')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await store.requests.get('rq-1')).toEqual(next);
  });
});

describe('bulk import of requests', () => {
  it('loads requests and events in batches; the lists and counts see them', async () => {
    const store = openEmbeddedStore(':memory:');
    store.importPlaces(contractFixture());
    const all = listFixture();
    store.importRequests(all, all.map((r) => anEvent(r, 1, r.createdAt)));
    expect(await store.requests.count({ streetId: 'st-a' })).toBe(all.filter((r) => r.streetId === 'st-a').length);
    expect(await store.requests.get('rq-07')).toEqual(all[7]);
    // Imported rows carry their list columns too.
    const q: RequestQuery = { streetId: 'st-a', sort: 'newest' };
    expect((await store.requests.listItems(q, { limit: 100 })).items).toEqual((await store.requests.list(q, { limit: 100 })).items.map(listItemOf));
    expect((await store.requests.events('rq-07')).map((e) => e.id)).toEqual(['ev-rq-07-1']);
    await store.close();
  });

  it('fails the whole batch holding a duplicate submitter and key', async () => {
    const store = openEmbeddedStore(':memory:');
    const all = listFixture();
    const dup = { ...all[0], id: 'rq-dup' };
    expect(() => store.importRequests([...all, dup], [])).toThrow();
    expect(await store.requests.count({ streetId: 'st-a' })).toBe(0);
    expect(await store.assessment.allCounters('st-a')).toEqual([]);
    await store.close();
  });

  it('keeps the 考核 counters of what it loads: batch by batch, equal to the sum of contributionsOf', async () => {
    const store = openEmbeddedStore(':memory:');
    store.importPlaces(contractFixture());
    const all = listFixture();
    const loaded = store.importRequestBatches([{ requests: all.slice(0, 15), events: [] }, { requests: all.slice(15), events: [] }]);
    expect(loaded.requests).toBe(40);
    for (const street of ['st-a', 'st-b']) {
      const stored = Object.fromEntries((await store.assessment.allCounters(street)).map((r) => [`${r.scopeKind}|${r.scopeId}|${r.period}`, r.counters]));
      expect(stored).toEqual(recomputed(all, street));
    }
    await store.close();
  });
});

describe('migration: 考核 columns of requests stored before', () => {
  it('fills accepted_at and assessed_worker_id from data, so the new filters see old requests', async () => {
    const db = new Database(':memory:');
    // Found by content: other migrations may be appended after it.
    const before = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE assessment_counters'));
    applyMigrations(db, MIGRATIONS.slice(0, before));
    const requests: ServiceRequest[] = [
      aRequest('rq-1', { status: 'accepted', handler: { kind: 'worker', id: 'w-zhao', name: '赵敏' }, acceptedAt: at(30) }),
      aRequest('rq-2', { status: 'accepted', handler: { kind: 'worker', id: 'w-qian', name: '钱多' }, dueHolderId: 'w-sun', acceptedAt: at(40), idempotencyKey: 'k2' }),
      aRequest('rq-3', { status: 'dispatched', handler: { kind: 'community', id: 'cm-a1', name: '东湖社区' }, acceptedAt: at(50), idempotencyKey: 'k3' }),
    ];
    const insert = db.prepare(`INSERT INTO requests (id, street_id, community_id, grid_id, category_id, resident_id, submitter_id, handler_id, status,
      due_at, deadline_key, created_at, resolved_at, idempotency_key, version, data) VALUES (?, 's', 'c', 'g', 'k', NULL, 'u', NULL, ?, NULL, '~', ?, NULL, ?, 1, ?)`);
    for (const r of requests) insert.run(r.id, r.status, r.createdAt, r.idempotencyKey, JSON.stringify(r));
    expect(applyMigrations(db, MIGRATIONS.slice(0, before + 1))).toEqual([before + 1]);
    expect(db.prepare('SELECT id, accepted_at, assessed_worker_id FROM requests ORDER BY id').all()).toEqual([
      { id: 'rq-1', accepted_at: at(30), assessed_worker_id: 'w-zhao' },
      { id: 'rq-2', accepted_at: at(40), assessed_worker_id: 'w-sun' },
      { id: 'rq-3', accepted_at: at(50), assessed_worker_id: null },
    ]);
    db.close();
  });
});

describe('migration 5: list rows beside each request', () => {
  it('fills the list columns of requests stored before it exactly as listItemOf computes them', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 4));
    const upTo5 = MIGRATIONS.slice(0, 5);
    const requests: ServiceRequest[] = [
      aRequest('rq-1'),
      // 70 characters, several outside the BMP (two UTF-16 units each): the excerpt counts characters.
      aRequest('rq-2', { description: '𠀀楼道灯不亮😀'.repeat(10), photoFileIds: [], source: 'patrol', reopenCount: 2, categoryName: '公共安全', idempotencyKey: 'k2' }),
      aRequest('rq-3', { description: '短', photoFileIds: ['a', 'b', 'c'], source: 'proxy', idempotencyKey: 'k3' }),
    ];
    const insert = db.prepare(`INSERT INTO requests (id, street_id, community_id, grid_id, category_id, resident_id, submitter_id, handler_id, status,
      due_at, deadline_key, created_at, resolved_at, idempotency_key, version, data) VALUES (?, 's', 'c', 'g', 'k', NULL, 'u', NULL, 'submitted', NULL, '~', ?, NULL, ?, 1, ?)`);
    for (const r of requests) insert.run(r.id, r.createdAt, r.idempotencyKey, JSON.stringify(r));
    expect(applyMigrations(db, upTo5)).toEqual([5]);
    const rows = db.prepare('SELECT id, category_name, excerpt, source, reopen_count, photo_count FROM requests ORDER BY id').all();
    expect(rows).toEqual(
      requests.map((r) => {
        const item = listItemOf(r);
        return { id: r.id, category_name: item.categoryName, excerpt: item.excerpt, source: item.source, reopen_count: item.reopenCount, photo_count: item.photoCount };
      }),
    );
    expect(Array.from((rows[1] as { excerpt: string }).excerpt)).toHaveLength(60);
    db.close();
  });
});

describe('migration 7: calendar meta and the uncalibrated-deadline flag', () => {
  it('a request and a calendar year stored before it read as calibrated and as seeded', () => {
    const db = new Database(':memory:');
    applyMigrations(db, MIGRATIONS.slice(0, 6));
    const old = aRequest('rq-old') as Partial<ServiceRequest>;
    delete old.dueUncalibrated;
    db.prepare(`INSERT INTO requests (id, street_id, community_id, grid_id, category_id, resident_id, submitter_id, handler_id, status,
      due_at, deadline_key, created_at, resolved_at, idempotency_key, version, data) VALUES (?, 'st-a', 'cm-a1', 'gd-a1-1', 'k', NULL, 'u', NULL, 'submitted', ?, '~', ?, NULL, 'k-old', 1, ?)`)
      .run('rq-old', old.responseDueAt, old.createdAt, JSON.stringify(old));
    db.prepare('INSERT INTO calendars (year, data) VALUES (?, ?)').run(2026, JSON.stringify({ year: 2026, holidays: ['2026-01-01'], workdays: [] }));
    expect(applyMigrations(db, MIGRATIONS.slice(0, 7))).toEqual([7]);
    expect(db.prepare('SELECT due_uncalibrated, meta FROM requests, calendars').get()).toEqual({ due_uncalibrated: 0, meta: null });
    db.close();
  });
});

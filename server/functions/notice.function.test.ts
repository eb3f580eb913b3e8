/**
 * The `notice` function on the small street: scope permissions, sanitizing, publishing without per-resident
 * rows, feeds, edits and withdrawals, and coverage arithmetic. (Who may call what at all: authorization-matrix.)
 * r1 lives in g1 (b1), r2 in g2, r3 in g3 (c2), r4 in g4; w1 leads g1 and backs up g2; cs1 runs c1; ss the street.
 */
import type { GridReach, NoticeCoverage, NoticeDetail, NoticeFeed, NoticeManageItem, PublishNoticeInput } from '@core/api/notice.contract';
import type { Database } from 'better-sqlite3';
import type { EmbeddedStore } from '../adapters/embedded/embedded-store';
import { functionHarness, type Harness } from '../testing/function-harness';
import { fakePdf, smallPdf } from '../testing/pdf.fixture';
import { buildingOf } from '../testing/small-street.fixture';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let PDF: Buffer;
beforeAll(async () => {
  PDF = await smallPdf('water');
});

let h: Harness;
let n = 0;
beforeEach(async () => {
  h = await functionHarness();
});
afterEach(() => h.close());

function input(over: Partial<PublishNoticeInput> = {}): PublishNoticeInput {
  return {
    idempotencyKey: `notice-key-${++n}`,
    scope: { level: 'street', ids: [] },
    title: '停水通知',
    body: '因管网维修，明天上午九点到十二点停水。\n\n请提前储水：\n- 准备好水桶\n- 关好水龙头',
    imageFileIds: [],
    attachments: [],
    category: 'utility',
    urgent: false,
    requireAck: false,
    pinned: false,
    ...over,
  };
}

async function must<T>(p: Promise<{ ok: boolean; data?: unknown; code?: string; message?: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data as T;
}

/** Publishes as `who`; each publish a minute after the last, so feeds have one order. */
async function publish(who: string, over: Partial<PublishNoticeInput> = {}): Promise<string> {
  h.clock.set(new Date(h.clock.now().getTime() + 60e3));
  return (await must<{ id: string }>(h.call(who, 'notice', 'publish', input(over)))).id;
}

const feedIds = async (who: string) => (await must<NoticeFeed>(h.call(who, 'notice', 'feed', {}))).items.map((i) => i.id);
const db = () => (h.deps.store as EmbeddedStore).db as Database;
const count = (table: string) => (db().prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('publishing to a scope', () => {
  it('each publisher reaches only within their own scope', async () => {
    const outside = 'NOTICE.SCOPE_OUTSIDE';
    // A community's staff: their community, its grids and buildings — not another community, not the street.
    expect((await h.call('cs1', 'notice', 'publish', input({ scope: { level: 'communities', ids: ['c1'] } }))).ok).toBe(true);
    expect(await h.call('cs1', 'notice', 'publish', input({ scope: { level: 'communities', ids: ['c1', 'c2'] } }))).toMatchObject({ ok: false, code: outside });
    expect(await h.call('cs1', 'notice', 'publish', input({ scope: { level: 'grids', ids: ['g3'] } }))).toMatchObject({ ok: false, code: outside });
    expect(await h.call('cs1', 'notice', 'publish', input())).toMatchObject({ ok: false, code: outside });
    // A grid worker: their grids (led or backed up) and the buildings in them.
    expect((await h.call('w1', 'notice', 'publish', input({ scope: { level: 'grids', ids: ['g1', 'g2'] } }))).ok).toBe(true);
    expect((await h.call('w1', 'notice', 'publish', input({ scope: { level: 'buildings', ids: [buildingOf('g1').id] } }))).ok).toBe(true);
    expect(await h.call('w1', 'notice', 'publish', input({ scope: { level: 'buildings', ids: [buildingOf('g4').id] } }))).toMatchObject({ ok: false, code: outside });
    expect(await h.call('w1', 'notice', 'publish', input({ scope: { level: 'communities', ids: ['c1'] } }))).toMatchObject({ ok: false, code: outside });
    expect(await h.call('w1', 'notice', 'publish', input())).toMatchObject({ ok: false, code: outside });
    // Street staff: anything in the street; nothing outside it; unknown ids are refused like foreign ones.
    expect((await h.call('ss', 'notice', 'publish', input())).ok).toBe(true);
    expect(await h.call('ss', 'notice', 'publish', input({ scope: { level: 'grids', ids: ['nosuchgrid'] } }))).toMatchObject({ ok: false, code: outside });
    expect(await h.call('ss', 'notice', 'publish', input({ scope: { level: 'grids', ids: [] } }))).toMatchObject({ ok: false, code: 'NOTICE.SCOPE_EMPTY' });
  });

  it('writes the notice and its keys, never a row per resident; an urgent one leaves one outbox record for everyone', async () => {
    await publish('ss', { urgent: true });
    await publish('ss', { scope: { level: 'communities', ids: ['c1'] } });
    expect(count('notices')).toBe(2);
    expect(count('notice_keys')).toBe(2);
    expect(count('notice_receipts') + count('notice_reach') + count('notice_grid_stats') + count('inbox')).toBe(0);
    const outbox = await (h.deps.store as EmbeddedStore).outboxRecords();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ recipientId: '*', template: 'notice_urgent', channel: 'subscribe', status: 'pending' });
  });

  it('a retried publish with the same key publishes once', async () => {
    const body = input();
    const [a, b] = await Promise.all([h.call('ss', 'notice', 'publish', body), h.call('ss', 'notice', 'publish', body)]);
    const ids = [a, b].map((r) => (r.ok ? (r.data as { id: string }).id : r.code));
    expect(ids[0]).toBe(ids[1]);
    expect(count('notices')).toBe(1);
    expect((await must<{ duplicate: boolean }>(h.call('ss', 'notice', 'publish', body))).duplicate).toBe(true);
  });

  it('sanitizes the body: no tag, script or event handler survives, and nothing-but-markup is refused', async () => {
    const id = await publish('ss', {
      body: '<p onclick="steal()">今晚<b>八点</b>停电</p><script>alert(document.cookie)</script><img src=x onerror="alert(1)">' +
        '<ul><li>关好电器</li><li><a href="javascript:alert(2)">备好手电</a></li></ul><style>p{}</style>&lt;script&gt;alert(3)&lt;/script&gt;',
    });
    const detail = await must<NoticeDetail>(h.call('r1', 'notice', 'open', { id }));
    expect(detail.body).toEqual([{ kind: 'p', text: '今晚八点停电' }, { kind: 'ul', items: ['关好电器', '备好手电'] }]);
    const stored = JSON.stringify(detail.body);
    for (const bad of ['<', 'script', 'onclick', 'onerror', 'javascript:', 'steal', 'cookie', 'style']) expect(stored).not.toContain(bad);
    expect(await h.call('ss', 'notice', 'publish', input({ body: '<script>alert(1)</script><img src=x onerror=alert(1)>' }))).toMatchObject({ ok: false, code: 'NOTICE.BODY_EMPTY' });
  });

  it('checks files: images must be the publisher\'s own images, attachments their own PDFs', async () => {
    const mine = { fileId: await h.upload('ss', PNG) };
    const pdf = { fileId: await h.upload('ss', PDF) };
    const theirs = { fileId: await h.upload('r1', PNG) };
    expect(await h.call('ss', 'notice', 'publish', input({ imageFileIds: [theirs.fileId] }))).toMatchObject({ ok: false, code: 'FILE.NOT_OWNED' });
    expect(await h.call('ss', 'notice', 'publish', input({ imageFileIds: [pdf.fileId] }))).toMatchObject({ ok: false, code: 'FILE.NOT_IMAGE' });
    expect(await h.call('ss', 'notice', 'publish', input({ attachments: [{ fileId: mine.fileId, name: '图' }] }))).toMatchObject({ ok: false, code: 'FILE.NOT_PDF' });
    const id = await publish('ss', { imageFileIds: [mine.fileId], attachments: [{ fileId: pdf.fileId, name: '停水范围' }] });
    const detail = await must<NoticeDetail>(h.call('r1', 'notice', 'open', { id }));
    expect(detail.imageUrls).toHaveLength(1);
    expect(detail.attachments).toEqual([{ fileId: pdf.fileId, name: '停水范围.pdf', size: PDF.length, url: expect.stringContaining(pdf.fileId) }]);
    // A file that only starts like a PDF is refused where it comes in: no record, no file.
    await expect(h.upload('ss', fakePdf())).rejects.toMatchObject({ code: 'UPLOAD.BAD_FILE' });
    expect(await h.files.listCreatedBefore('9999', 100)).toHaveLength(3);
    // Request photos stay images only.
    expect(await h.call('r1', 'request', 'submit', { idempotencyKey: 'photo-is-pdf', categoryId: 'k-env', description: '楼道灯坏了好几天', photoFileIds: [await h.upload('r1', PDF)] }))
      .toMatchObject({ ok: false, code: 'FILE.NOT_IMAGE' });
  });

  it('refuses times that make no sense', async () => {
    const now = h.clock.now().getTime();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    expect(await h.call('ss', 'notice', 'publish', input({ publishAt: iso(-3600e3) }))).toMatchObject({ ok: false, code: 'NOTICE.TIME_INVALID' });
    expect(await h.call('ss', 'notice', 'publish', input({ publishAt: iso(3600e3), expiresAt: iso(1800e3) }))).toMatchObject({ ok: false, code: 'NOTICE.TIME_INVALID' });
    expect(await h.call('ss', 'notice', 'publish', input({ publishAt: iso(200 * 86400e3) }))).toMatchObject({ ok: false, code: 'NOTICE.TIME_INVALID' });
    expect(await h.call('ss', 'notice', 'publish', input({ title: '' }))).toMatchObject({ ok: false, code: 'INPUT.INVALID', message: '请填写标题' });
  });
});

describe('residents\' feeds', () => {
  it('a resident sees what reaches their household, never what does not — not even by link', async () => {
    const street = await publish('ss');
    const c2 = await publish('ss', { scope: { level: 'communities', ids: ['c2'] } });
    const b1 = await publish('w1', { scope: { level: 'buildings', ids: [buildingOf('g1').id] }, pinned: true });
    const g4 = await publish('cs1', { scope: { level: 'grids', ids: ['g4'] }, urgent: true });
    expect(await feedIds('r1')).toEqual([b1, street]);
    expect(await feedIds('r3')).toEqual([c2, street]);
    expect(await feedIds('r4')).toEqual([g4, street]);
    expect(await h.call('r1', 'notice', 'open', { id: c2 })).toMatchObject({ ok: false, code: 'NOTICE.NOT_FOUND' });
    expect(await h.call('r1', 'notice', 'open', { id: g4 })).toMatchObject({ ok: false, code: 'NOTICE.NOT_FOUND' });
  });

  it('counts unread, marks read on opening, and asks for 我已知晓 only when required', async () => {
    const a = await publish('ss', { requireAck: true });
    const b = await publish('ss');
    expect(await must(h.call('r1', 'notice', 'unread', {}))).toEqual({ count: 2 });
    const opened = await must<NoticeDetail>(h.call('r1', 'notice', 'open', { id: a }));
    expect(opened.mine).toMatchObject({ acknowledgedAt: null, changedSinceRead: false });
    expect(await must(h.call('r1', 'notice', 'unread', {}))).toEqual({ count: 1 });
    const acked = await must<NoticeDetail>(h.call('r1', 'notice', 'acknowledge', { id: a }));
    expect(acked.mine?.acknowledgedAt).toBe(h.clock.now().toISOString());
    expect(await h.call('r1', 'notice', 'acknowledge', { id: b })).toMatchObject({ ok: false, code: 'NOTICE.NO_ACK_NEEDED' });
    const feed = await must<NoticeFeed>(h.call('r1', 'notice', 'feed', {}));
    expect(feed.unread).toBe(1);
    expect(feed.items.find((i) => i.id === a)).toMatchObject({ read: true, acknowledged: true });
    expect(feed.items.find((i) => i.id === b)).toMatchObject({ read: false, acknowledged: false });
  });

  it('a scheduled notice appears at its time; an expired one leaves the feed', async () => {
    const now = h.clock.now().getTime();
    const later = await publish('ss', { publishAt: new Date(now + 3600e3).toISOString(), expiresAt: new Date(now + 7200e3).toISOString() });
    expect(await feedIds('r1')).toEqual([]);
    expect(await h.call('r1', 'notice', 'open', { id: later })).toMatchObject({ ok: false, code: 'NOTICE.NOT_FOUND' });
    h.clock.set(new Date(now + 3601e3));
    expect(await feedIds('r1')).toEqual([later]);
    h.clock.set(new Date(now + 7201e3));
    expect(await feedIds('r1')).toEqual([]);
    expect((await must<NoticeDetail>(h.call('r1', 'notice', 'open', { id: later }))).state).toBe('expired');
  });
});

describe('editing and withdrawing', () => {
  it('an edit keeps the history, tells readers it changed, and loses to a concurrent edit', async () => {
    const id = await publish('cs1', { scope: { level: 'communities', ids: ['c1'] } });
    await must(h.call('r1', 'notice', 'open', { id }));
    const edit = { id, version: 1, title: '停水通知（更正）', body: '改为下午两点到五点停水。', imageFileIds: [], attachments: [], category: 'utility', urgent: false, requireAck: false, pinned: false, note: '更正停水时间' };
    const [x, y] = await Promise.all([h.call('cs1', 'notice', 'edit', edit), h.call('ss', 'notice', 'edit', { ...edit, note: '另一处修改' })]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect([x, y].find((r) => !r.ok)).toMatchObject({ code: 'NOTICE.VERSION_CONFLICT' });
    const feed = await must<NoticeFeed>(h.call('r1', 'notice', 'feed', {}));
    expect(feed.items[0]).toMatchObject({ id, title: '停水通知（更正）', read: true, changedSinceRead: true });
    const detail = await must<NoticeDetail>(h.call('r1', 'notice', 'open', { id }));
    expect(detail.version).toBe(2);
    expect(detail.revisions).toEqual([expect.objectContaining({ version: 2, title: '停水通知' })]);
    expect(detail.body).toEqual([{ kind: 'p', text: '改为下午两点到五点停水。' }]);
    // The open that follows the edit tells the reader (the page shows why); it records the read of version 2.
    expect(detail.mine?.changedSinceRead).toBe(true);
    expect((await must<NoticeDetail>(h.call('r1', 'notice', 'open', { id }))).mine?.changedSinceRead).toBe(false);
    expect((await must<NoticeFeed>(h.call('r1', 'notice', 'feed', {}))).items[0]).toMatchObject({ id, changedSinceRead: false });
    // A grid worker of the community sees it but may not change it.
    expect(await h.call('w1', 'notice', 'edit', { ...edit, version: 2 })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
  });

  it('withdrawing hides it from residents and keeps it for the record', async () => {
    const id = await publish('ss', { requireAck: true });
    await must(h.call('r1', 'notice', 'acknowledge', { id }));
    const withdrawn = await must<NoticeDetail>(h.call('ss', 'notice', 'withdraw', { id, version: 1, reason: '内容有误' }));
    expect(withdrawn).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', withdrawnReason: '内容有误' });
    expect(await feedIds('r1')).toEqual([]);
    expect(await h.call('r1', 'notice', 'open', { id })).toMatchObject({ ok: false, code: 'NOTICE.NOT_FOUND' });
    expect(await must(h.call('r1', 'notice', 'unread', {}))).toEqual({ count: 0 });
    const list = await must<{ items: NoticeManageItem[] }>(h.call('ss', 'notice', 'manageList', {}));
    expect(list.items.find((i) => i.id === id)).toMatchObject({ state: 'withdrawn', coverage: expect.objectContaining({ reached: 1, acks: 1 }) });
    expect(await h.call('ss', 'notice', 'withdraw', { id, version: 2, reason: '再撤一次' })).toMatchObject({ ok: false, code: 'NOTICE.WITHDRAWN' });
    expect(await h.call('ss', 'notice', 'edit', { id, version: 2, title: '改个标题', body: '改一下内容', imageFileIds: [], attachments: [], category: 'other', urgent: false, requireAck: false, pinned: false, note: '修改一下' }))
      .toMatchObject({ ok: false, code: 'NOTICE.WITHDRAWN' });
  });
});

describe('urgent notices as subscribe messages', () => {
  type SentLog = { items: { template: string; fields: { label: string; value: string }[]; page: string }[] };
  it('reach, once each, the residents in scope who allowed them — and no one once the notice is withdrawn', async () => {
    for (const who of ['r1', 'r2', 'r3']) {
      await must(h.call(who, 'message', 'consent', { moment: 'urgent_notices', accepted: ['notice_urgent'] }));
    }
    const id = await publish('cs1', { scope: { level: 'communities', ids: ['c1'] }, urgent: true, title: '紧急：明日全天停水' });
    const withdrawnId = await publish('ss', { urgent: true, title: '发错的紧急通知' });
    await must(h.call('ss', 'notice', 'withdraw', { id: withdrawnId, version: 1, reason: '发错了' }));
    // Two runs (the second finds nothing left to do).
    expect((await h.call('system', 'message', 'dispatch')).ok).toBe(true);
    expect((await h.call('system', 'message', 'dispatch')).ok).toBe(true);
    const r1 = await must<SentLog>(h.call('r1', 'message', 'sentLog', {}));
    expect(r1.items).toHaveLength(1);
    expect(r1.items[0]).toMatchObject({ template: 'notice_urgent', page: `/features/notices/pages/detail/index?id=${id}` });
    expect(r1.items[0].fields.map((f) => f.value)).toEqual(expect.arrayContaining(['紧急：明日全天停水', '东湖社区居委会']));
    expect((await must<SentLog>(h.call('r2', 'message', 'sentLog', {}))).items).toHaveLength(1);
    // r3 lives in c2: outside the first notice; the street-wide one was withdrawn before it went out. r4 never allowed it.
    expect((await must<SentLog>(h.call('r3', 'message', 'sentLog', {}))).items).toHaveLength(0);
    expect((await must<SentLog>(h.call('r4', 'message', 'sentLog', {}))).items).toHaveLength(0);
  });
});

describe('failures are not answers', () => {
  it('a store failure while checking who may manage a notice is an error, not "not yours"', async () => {
    let failBuildings = false;
    const fh = await functionHarness(new Date('2026-11-23T02:00:00Z'), {
      onStatement: (sql) => {
        // One failed read: the first building lookup of the next call.
        if (failBuildings && sql.includes('FROM buildings WHERE id')) {
          failBuildings = false;
          throw new Error('disk I/O error');
        }
      },
    });
    try {
      const published = await fh.call<{ id: string }>('w1', 'notice', 'publish', input({ scope: { level: 'buildings', ids: [buildingOf('g1').id] } }));
      if (!published.ok) throw new Error(published.code);
      failBuildings = true;
      const reply = await fh.call('w1', 'notice', 'withdraw', { id: published.data.id, version: 1, reason: '发错了' });
      expect(reply).toMatchObject({ ok: false, code: 'INTERNAL' });
    } finally {
      await fh.close();
    }
  });
});

describe('coverage', () => {
  it('counts households reached by reading (each household once) or in person, over households in scope', async () => {
    const id = await publish('cs1', { scope: { level: 'communities', ids: ['c1'] }, requireAck: true });
    // c1 has g1, g2, g4: one building of 2 units × 4 rooms each → 8 households per grid.
    let cov = await must<NoticeCoverage>(h.call('cs1', 'notice', 'coverage', { id }));
    expect(cov.total).toMatchObject({ households: 24, reached: 0, rateText: '0.0%' });
    await must(h.call('r1', 'notice', 'acknowledge', { id }));
    await must(h.call('r2', 'notice', 'open', { id }));
    cov = await must<NoticeCoverage>(h.call('cs1', 'notice', 'coverage', { id }));
    expect(cov.total).toMatchObject({ households: 24, reached: 2, reads: 2, acks: 1, rateText: '8.3%' });
    expect(cov.grids.map((g) => [g.id, g.reached, g.households])).toEqual([['g1', 1, 8], ['g2', 1, 8], ['g4', 0, 8]]);
    expect(cov.communities).toEqual([expect.objectContaining({ id: 'c1', name: '东湖社区', households: 24, reached: 2 })]);

    // The grid worker of g1: households not reached, the elderly living alone first; mark one visited.
    let reach = await must<GridReach>(h.call('w1', 'notice', 'gridReach', { id, gridId: 'g1' }));
    expect(reach.total).toMatchObject({ households: 8, reached: 1 });
    expect(reach.notReached).toHaveLength(7);
    expect(reach.notReached.slice(0, 2).every((x) => x.keyGroups.includes('独居老人'))).toBe(true);
    expect(reach.reached).toEqual([expect.objectContaining({ method: 'read', methodLabel: '已阅读' })]);
    const target = reach.notReached[0];
    reach = await must<GridReach>(h.call('w1', 'notice', 'markReached', { id, householdId: target.householdId, method: 'visit', note: '老人在家' }));
    expect(reach.total).toMatchObject({ reached: 2, byVisit: 1 });
    expect(reach.notReached.map((x) => x.householdId)).not.toContain(target.householdId);
    expect(reach.buildings).toEqual([expect.objectContaining({ households: 8, reached: 2 })]);
    // Marking it again (or by phone) does not count twice.
    reach = await must<GridReach>(h.call('w1', 'notice', 'markReached', { id, householdId: target.householdId, method: 'phone' }));
    expect(reach.total.reached).toBe(2);
    // A household of another grid, or outside the notice, is refused.
    const g3home = (await h.deps.store.places.listGridHouseholds('g3'))[0];
    expect(await h.call('w1', 'notice', 'markReached', { id, householdId: g3home.id, method: 'visit' })).toMatchObject({ ok: false, code: 'NOTICE.HOUSEHOLD_OUTSIDE' });
    const g4home = (await h.deps.store.places.listGridHouseholds('g4'))[0];
    expect(await h.call('w1', 'notice', 'markReached', { id, householdId: g4home.id, method: 'visit' })).toMatchObject({ ok: false, code: 'NOTICE.HOUSEHOLD_OUTSIDE' });
  });

  it('each viewer sees coverage for the grids they look after only; residents see no one', async () => {
    const id = await publish('ss', { scope: { level: 'street', ids: [] } });
    await must(h.call('r3', 'notice', 'open', { id }));
    const street = await must<NoticeCoverage>(h.call('ss', 'notice', 'coverage', { id }));
    expect(street.grids.map((g) => g.id)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(street.total).toMatchObject({ households: 32, reached: 1 });
    const community = await must<NoticeCoverage>(h.call('cs1', 'notice', 'coverage', { id }));
    expect(community.grids.map((g) => g.id)).toEqual(['g1', 'g2', 'g4']);
    expect(community.total.reached).toBe(0);
    const worker = await must<NoticeCoverage>(h.call('w1', 'notice', 'coverage', { id }));
    expect(worker.grids.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(await h.call('w1', 'notice', 'gridReach', { id, gridId: 'g3' })).toMatchObject({ ok: false, code: 'GRID.NOT_FOUND' });
    expect(await h.call('r1', 'notice', 'coverage', { id })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    // What a resident gets back never names other readers.
    const detail = await must<NoticeDetail>(h.call('r1', 'notice', 'open', { id }));
    expect(JSON.stringify(detail)).not.toMatch(/r3|reads|reached/);
  });

  it('a building notice covers that building\'s households only', async () => {
    const b = buildingOf('g1');
    const id = await publish('w1', { scope: { level: 'buildings', ids: [b.id] } });
    const reach = await must<GridReach>(h.call('w1', 'notice', 'gridReach', { id, gridId: 'g1' }));
    expect(reach.total.households).toBe(8);
    const cov = await must<NoticeCoverage>(h.call('w1', 'notice', 'coverage', { id }));
    expect(cov.grids).toEqual([expect.objectContaining({ id: 'g1', households: 8 })]);
  });
});

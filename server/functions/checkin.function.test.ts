/**
 * The `checkin` function on the small street: a check-in writes one document at the start, each household's
 * first answer counts once (retries and concurrent duplicates count nothing), 需要帮助 opens one request for the
 * grid, a grid worker sees only their own grids' door lists, and closing freezes the figures.
 * r1 lives in g1 (b1), r2 in g2, r3 in g3 (c2), r4 in g4; w1 leads g1 and backs up g2; w3 leads g3; cs1 runs c1; ss the street.
 */
import type { CheckInCard, CheckInGridDoors, CheckInProgress } from '@core/api/checkin.contract';
import type { Database } from 'better-sqlite3';
import { emptyImport } from '../adapters/store-import';
import type { EmbeddedStore } from '../adapters/embedded/embedded-store';
import { functionHarness, type Harness } from '../testing/function-harness';
import { household } from '../testing/small-street.fixture';

let h: Harness;
let n = 0;
beforeEach(async () => {
  h = await functionHarness();
  await (h.deps.store as EmbeddedStore).importPlaces({
    ...emptyImport(),
    categories: [{ id: 'k-help', streetId: 's1', name: '困难求助', kind: 'help', responseMinutes: 4 * 60, resolutionDays: 1, active: true, seq: 9 }],
  });
});
afterEach(() => h.close());

async function must<T>(p: Promise<{ ok: boolean; data?: unknown; code?: string; message?: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data as T;
}

const start = (who: string, over: Record<string, unknown> = {}) =>
  must<{ id: string; duplicate: boolean; noticeId: string | null }>(
    h.call(who, 'checkin', 'start', { idempotencyKey: `checkin-key-${++n}`, scope: { level: 'communities', ids: ['c1'] }, ...over }),
  );
const progress = (who: string, id: string) => must<CheckInProgress>(h.call(who, 'checkin', 'progress', { id }));
const db = () => (h.deps.store as EmbeddedStore).db as Database;
const count = (table: string) => (db().prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('starting a check-in', () => {
  it('writes one check-in and no row per household; a retried start returns the first', async () => {
    const key = 'same-start-key';
    const first = await start('cs1', { idempotencyKey: key });
    const again = await start('cs1', { idempotencyKey: key });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(count('checkins')).toBe(1);
    expect(count('checkin_answers')).toBe(0);
    const p = await progress('cs1', first.id);
    expect(p.question).toBe('请报平安：家中是否有人需要帮助？');
    // c1: g1, g2, g4 with 8 households each.
    expect(p.total).toEqual({ households: 24, answered: 0, safe: 0, help: 0, notYet: 24 });
    expect(p.grids.map((g) => g.gridId)).toEqual(['g1', 'g2', 'g4']);
  });

  it('同时发布紧急通知 publishes an urgent notice to the same scope', async () => {
    const { noticeId } = await start('cs1', { notice: { title: '暴雨红色预警', body: '请居民尽量不要外出，注意安全。' } });
    expect(noticeId).not.toBeNull();
    const notice = await h.deps.store.notices.get(noticeId!);
    expect(notice).toMatchObject({ urgent: true, scope: { level: 'communities', ids: ['c1'] } });
  });

  it('refuses a scope outside the starter’s reach, grid workers, and says what is wrong in Chinese', async () => {
    expect(await h.call('cs1', 'checkin', 'start', { idempotencyKey: 'outside-key', scope: { level: 'communities', ids: ['c2'] } })).toMatchObject({
      ok: false, code: 'NOTICE.SCOPE_OUTSIDE',
    });
    expect(await h.call('w1', 'checkin', 'start', { idempotencyKey: 'worker-key', scope: { level: 'grids', ids: ['g1'] } })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const bad = await h.call('cs1', 'checkin', 'start', { idempotencyKey: 'x', scope: { level: 'communities', ids: ['c1'] }, question: '好' });
    expect(bad).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(JSON.stringify(bad)).toMatch(/发起编号|问题/);
    const answerBad = await h.call('r1', 'checkin', 'answer', { id: 'abcdefgh', answer: 'maybe' });
    expect(answerBad).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(JSON.stringify(answerBad)).toContain('请选择有效的回复');
  });
});

describe('answers', () => {
  it('a resident answers once: a retry and a second answer count nothing; 需要帮助 opens one request for the grid', async () => {
    const { id } = await start('cs1');
    const mine = await must<{ items: CheckInCard[] }>(h.call('r1', 'checkin', 'mine', {}));
    expect(mine.items.map((c) => c.id)).toEqual([id]);
    expect(mine.items[0].answer).toBeNull();
    const card = await must<CheckInCard>(h.call('r1', 'checkin', 'answer', { id, answer: 'help', note: '老人腿脚不便，需要送药' }));
    expect(card.answer).toMatchObject({ answer: 'help', answerLabel: '需要帮助', viaLabel: '居民自报' });
    expect(card.answer!.requestId).not.toBeNull();
    const again = await must<CheckInCard>(h.call('r1', 'checkin', 'answer', { id, answer: 'safe' }));
    expect(again.answer).toMatchObject({ answer: 'help', requestId: card.answer!.requestId });
    const request = await h.deps.store.requests.get(card.answer!.requestId!);
    expect(request).toMatchObject({ gridId: 'g1', categoryId: 'k-help', residentId: 'r1' });
    expect(request!.description).toContain('老人腿脚不便，需要送药');
    expect(count('requests')).toBe(1);
    const p = await progress('cs1', id);
    expect(p.grids.find((g) => g.gridId === 'g1')).toMatchObject({ households: 8, answered: 1, help: 1, safe: 0, notYet: 7 });
  });

  it('a resident outside the scope is not asked', async () => {
    const { id } = await start('cs1');
    expect((await must<{ items: CheckInCard[] }>(h.call('r3', 'checkin', 'mine', {}))).items).toEqual([]);
    expect(await h.call('r3', 'checkin', 'answer', { id, answer: 'safe' })).toMatchObject({ ok: false, code: 'CHECKIN.NOT_FOUND' });
  });

  it('200 concurrent answers with a duplicate retry of each count each household exactly once', async () => {
    const { id } = await start('ss', { scope: { level: 'street', ids: [] } });
    const c = await h.deps.store.checkIns.get(id);
    const all = await Promise.all(['g1', 'g2', 'g3', 'g4'].map((g) => h.deps.store.places.listGridHouseholds(g)));
    const households = all.flat();
    const answers = Array.from({ length: 200 }, (_, i) => {
      const hh = households[i % households.length];
      return { checkInId: c!.id, householdId: hh.id, communityId: hh.communityId, gridId: hh.gridId, buildingId: hh.buildingId,
        answer: i % 3 === 0 ? ('help' as const) : ('safe' as const), note: '', via: 'door' as const, byId: 'w1', at: new Date().toISOString(), requestId: null };
    });
    const results = await Promise.all([...answers, ...answers].map((a) => h.deps.store.checkIns.answer(a)));
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(households.length);
    const p = await progress('ss', id);
    expect(p.total.answered).toBe(households.length);
    expect(p.total.safe + p.total.help).toBe(households.length);
    expect(count('checkin_answers')).toBe(households.length);
  });
});

describe('the not-yet door list and answering for a household', () => {
  it('shows the grid’s not-yet doors with masked phones; a worker answers for one; figures move', async () => {
    const { id } = await start('cs1');
    const doors = await must<CheckInGridDoors>(h.call('w1', 'checkin', 'doors', { id, gridId: 'g1' }));
    expect(doors.notYet).toHaveLength(8);
    const r1door = doors.notYet.find((d) => d.householdId === household('g1').id)!;
    expect(r1door).toMatchObject({ buildingName: '1号楼', unit: 1, room: '101', residents: [{ name: '孙*', phone: '139****5678' }] });
    const other = doors.notYet.find((d) => d.householdId !== r1door.householdId)!;
    const after = await must<CheckInGridDoors>(h.call('w1', 'checkin', 'answerFor', { id, householdId: other.householdId, answer: 'safe', via: 'phone' }));
    expect(after.figures).toEqual({ households: 8, answered: 1, safe: 1, help: 0, notYet: 7 });
    expect(after.answered[0]).toMatchObject({ householdId: other.householdId, viaLabel: '电话联系', answerLabel: '平安' });
    expect(after.notYet.map((d) => d.householdId)).not.toContain(other.householdId);
  });

  it('another grid’s worker gets NOT_FOUND for this grid’s door list and cannot answer for its households', async () => {
    const { id } = await start('cs1');
    // w3 works in g3 (community c2), outside the scope: the check-in is not theirs to see.
    expect(await h.call('w3', 'checkin', 'doors', { id, gridId: 'g1' })).toMatchObject({ ok: false, code: 'CHECKIN.NOT_FOUND' });
    // w1 sees g1 and g2 but not g4 of the same community.
    expect(await h.call('w1', 'checkin', 'doors', { id, gridId: 'g4' })).toMatchObject({ ok: false, code: 'GRID.NOT_FOUND' });
    expect(await h.call('w1', 'checkin', 'answerFor', { id, householdId: household('g4').id, answer: 'safe', via: 'door' })).toMatchObject({
      ok: false, code: 'CHECKIN.HOUSEHOLD_OUTSIDE',
    });
  });

  it('reminds the not-yet households of a grid once (in-app message and a subscribe message record)', async () => {
    const { id } = await start('cs1');
    expect(await must<{ reminded: number }>(h.call('w1', 'checkin', 'remind', { id, gridId: 'g1' }))).toEqual({ reminded: 1 });
    expect(await must<{ reminded: number }>(h.call('w1', 'checkin', 'remind', { id, gridId: 'g1' }))).toEqual({ reminded: 0 });
    await must(h.call('r1', 'checkin', 'answer', { id, answer: 'safe' }));
    h.clock.set(new Date(h.clock.now().getTime() + 5 * 60e3));
    expect(await must<{ reminded: number }>(h.call('w1', 'checkin', 'remind', { id, gridId: 'g1' }))).toEqual({ reminded: 0 });
  });
});

describe('closing', () => {
  it('freezes the figures: later answers are refused and the progress stays as it was', async () => {
    const { id } = await start('cs1');
    await must(h.call('r1', 'checkin', 'answer', { id, answer: 'safe' }));
    expect(await h.call('w1', 'checkin', 'close', { id })).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    const closed = await must<CheckInProgress>(h.call('cs1', 'checkin', 'close', { id }));
    expect(closed.frozen).toBe(true);
    expect(closed.total).toMatchObject({ households: 24, answered: 1, safe: 1 });
    expect(await h.call('r2', 'checkin', 'answer', { id, answer: 'safe' })).toMatchObject({ ok: false, code: 'CHECKIN.CLOSED' });
    expect(await h.call('w1', 'checkin', 'answerFor', { id, householdId: household('g2').id, answer: 'safe', via: 'door' })).toMatchObject({
      ok: false, code: 'CHECKIN.CLOSED',
    });
    expect(await h.call('cs1', 'checkin', 'close', { id })).toMatchObject({ ok: false, code: 'CHECKIN.CLOSED' });
    expect((await progress('cs1', id)).total).toEqual(closed.total);
  });
});

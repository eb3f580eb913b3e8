/**
 * 同问 and 合并 end to end through the request function: suggestions while writing, following, refusals,
 * the handler's count, notices at resolution, followers' ratings, merging and what the 考核 counters keep.
 */
import type { RequestDetail, RequestPage, SimilarSuggestion } from '@core/api/request.contract';
import type { Reply } from '@core/shared/errors';
import type { EmbeddedStore } from '../adapters/embedded/embedded-store';
import { functionHarness, type Harness } from '../testing/function-harness';

function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.code}: ${reply.message}`);
  return reply.data;
}
const code = (reply: Reply<unknown>) => (reply.ok ? 'ok' : reply.code);
let keySeq = 0;
const key = () => `metoo${String(++keySeq).padStart(8, '0')}`;

/** A resident bound (confirmed) to a household; r1 lives in b1u1r101 (grid g1, building b1). */
async function resident(h: Harness, id: string, name: string, householdId: string): Promise<void> {
  const hh = (await h.deps.store.places.getHousehold(householdId))!;
  await h.deps.store.users.ensure({ id, openid: `open-${id}`, name, phone: '13911112222', residence: null, posts: [], createdAt: '2026-11-01T00:00:00.000Z' });
  await h.deps.store.users.setResidence(id, { streetId: hh.streetId, communityId: hh.communityId, gridId: hh.gridId, householdId: hh.id, via: 'address', boundAt: '2026-11-01T00:00:00.000Z' });
}

const submit = async (h: Harness, who: string, description: string, categoryId = 'k-env') =>
  data(await h.call<RequestDetail>(who, 'request', 'submit', { idempotencyKey: key(), categoryId, description, photoFileIds: [], address: '1号楼1单元101', hideName: false }));

describe('同问 and 合并', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness(new Date('2026-11-23T02:00:00Z'));
    await resident(h, 'nb', '钱多', 'b1u1r102'); // same building as r1
    await resident(h, 'nc', '林森', 'b1u2r201'); // same building too
  });
  afterEach(() => h.close());

  it('while writing, a neighbour sees open requests of the same category in their building, excerpts only, their own left out', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    await submit(h, 'r1', '楼道灯坏了', 'k-hazard'); // another category
    const other = await submit(h, 'nb', '楼道里的灯也坏了');
    const { items } = data(await h.call<{ items: SimilarSuggestion[] }>('nb', 'request', 'similar', { categoryId: 'k-env', description: '楼道的灯坏了' }));
    expect(items.map((s) => s.id)).toEqual([a.id]);
    expect(items[0]).toEqual({
      id: a.id, categoryName: '环境卫生', excerpt: '楼道里的灯坏了好几天，晚上很黑', status: 'submitted', statusLabel: '待受理',
      createdAt: a.createdAt, place: 'building', placeLabel: '同一楼栋', followerCount: 0,
    });
    expect(JSON.stringify(items)).not.toMatch(/孙丽|孙\*|1号楼1单元/);
    // Older than 30 days or closed: not suggested.
    h.clock.set(new Date('2026-12-24T02:00:00Z'));
    expect(data(await h.call<{ items: SimilarSuggestion[] }>('nc', 'request', 'similar', { categoryId: 'k-env', description: '楼道的灯坏了' })).items).toEqual([]);
    expect(other.id).toBeTruthy();
  });

  it('同问: counted once, the handler sees 同问 1人, refused for its own reporter, twice, and outside the grid', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    const b = data(await h.call<RequestDetail>('nb', 'request', 'metoo', { id: a.id }));
    expect(b).toMatchObject({ id: a.id, followerCount: 1, follow: { via: 'metoo', viaLabel: '同问', rating: null, canRate: false } });
    // The follower sees status and timeline, not who reported it or where they live.
    expect(b).toMatchObject({ residentName: null, address: null, location: null, actions: [] });
    expect(b.timeline.map((e) => e.who)).toEqual(['居民']);
    expect(code(await h.call('nb', 'request', 'metoo', { id: a.id }))).toBe('REQUEST.METOO_TWICE');
    expect(code(await h.call('r1', 'request', 'metoo', { id: a.id }))).toBe('REQUEST.METOO_OWN');
    expect(code(await h.call('r2', 'request', 'metoo', { id: a.id }))).toBe('REQUEST.NOT_FOUND'); // r2 lives in g2
    const list = data(await h.call<RequestPage>('w1', 'request', 'worklist', { tab: 'new' }));
    expect(list.items.find((r) => r.id === a.id)?.followerCount).toBe(1);
    const detail = data(await h.call<RequestDetail>('w1', 'request', 'detail', { id: a.id }));
    expect(detail.followerCount).toBe(1);
    expect(detail.follow).toBeNull();
    // The follower's 我同问的 lists it; their own 我的诉求 does not.
    const following = data(await h.call<RequestPage>('nb', 'request', 'mine', { list: 'following' }));
    expect(following.items.map((r) => [r.id, r.followVia])).toEqual([[a.id, 'metoo']]);
    expect(data(await h.call<RequestPage>('nb', 'request', 'mine', {})).items).toEqual([]);
  });

  it('a resolved or merged request takes no more 同问', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    const acc = data(await h.call<RequestDetail>('w1', 'request', 'accept', { id: a.id, version: a.version }));
    data(await h.call<RequestDetail>('w1', 'request', 'resolve', { id: a.id, version: acc.version, note: '已换灯泡', photoFileIds: [] }));
    expect(code(await h.call('nb', 'request', 'metoo', { id: a.id }))).toBe('REQUEST.METOO_CLOSED');
  });

  it('at resolution every follower is told (inbox and a subscribe record) and may rate once; the 考核 keeps the reporter\'s rating only', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    data(await h.call('nb', 'request', 'metoo', { id: a.id }));
    expect(code(await h.call('nb', 'request', 'rateFollowed', { id: a.id, rating: 'satisfied' }))).toBe('REQUEST.RATE_NOT_READY');
    const fresh = data(await h.call<RequestDetail>('w1', 'request', 'detail', { id: a.id }));
    const acc = data(await h.call<RequestDetail>('w1', 'request', 'accept', { id: a.id, version: fresh.version }));
    const res = data(await h.call<RequestDetail>('w1', 'request', 'resolve', { id: a.id, version: acc.version, note: '已换灯泡', photoFileIds: [] }));
    const inbox = await h.deps.store.inbox.list('nb', { limit: 10 });
    expect(inbox.items.map((m) => m.title)).toContain('您同问的诉求已办结');
    const outbox = await (h.deps.store as EmbeddedStore).outboxRecords();
    expect(outbox.filter((o) => o.recipientId === 'nb').map((o) => o.template)).toEqual(['request_status']);

    const seen = data(await h.call<RequestDetail>('nb', 'request', 'detail', { id: a.id }));
    expect(seen).toMatchObject({ status: 'resolved', follow: { canRate: true } });
    expect(seen.timeline.map((e) => e.actionLabel)).toEqual(['发现上报', '受理', '办结']);
    const rated = data(await h.call<RequestDetail>('nb', 'request', 'rateFollowed', { id: a.id, rating: 'basically_satisfied', comment: '修得挺快' }));
    expect(rated.follow).toMatchObject({ rating: { value: 'basically_satisfied', label: '基本满意', comment: '修得挺快' }, canRate: false });
    expect(rated.status).toBe('resolved'); // a follower's rating moves nothing
    expect(code(await h.call('nb', 'request', 'rateFollowed', { id: a.id, rating: 'unsatisfied' }))).toBe('REQUEST.RATED_TWICE');
    expect(code(await h.call('nc', 'request', 'rateFollowed', { id: a.id, rating: 'satisfied' }))).toBe('REQUEST.NOT_FOUND');
    // Staff see the followers' ratings without names.
    const staff = data(await h.call<RequestDetail>('cs1', 'request', 'detail', { id: a.id }));
    expect(staff.followerRatings).toEqual([{ value: 'basically_satisfied', label: '基本满意', comment: '修得挺快', at: '2026-11-23T02:00:00.000Z' }]);
    // The reporter confirms and rates: that is the rating the assessment counts, once.
    data(await h.call('r1', 'request', 'confirm', { id: a.id, version: res.version, rating: 'satisfied' }));
    const rows = await h.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'grid', scopeIds: ['g1'], periods: ['2026-11'] });
    expect(rows[0].counters).toMatchObject({ filed: 1, resolved: 1, rated: 1, satisfied: 1, unsatisfied: 0 });
  });

  it('合并: the duplicate is 已合并 with its history, its reporter follows the target, and it leaves the 考核 figures', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    data(await h.call('nb', 'request', 'metoo', { id: a.id }));
    const dup = await submit(h, 'nc', '楼道的灯坏了，一直没人修');
    const dupAccepted = data(await h.call<RequestDetail>('w1', 'request', 'accept', { id: dup.id, version: dup.version }));
    const grid = async () => (await h.deps.store.assessment.counters({ streetId: 's1', scopeKind: 'grid', scopeIds: ['g1'], periods: ['2026-11'] }))[0].counters;
    expect(await grid()).toMatchObject({ filed: 2, accepted: 1 });

    const candidates = data(await h.call<{ items: SimilarSuggestion[] }>('cs1', 'request', 'mergeCandidates', { id: dup.id })).items;
    expect(candidates.map((c) => c.id)).toEqual([a.id]);
    // The grid worker may not merge (it would take their own figures away); the staff may not merge into itself.
    expect(code(await h.call('w1', 'request', 'merge', { id: dup.id, version: dupAccepted.version, targetId: a.id }))).toBe('AUTH.FORBIDDEN');
    expect(code(await h.call('cs1', 'request', 'merge', { id: dup.id, version: dupAccepted.version, targetId: dup.id }))).toBe('REQUEST.MERGE_SELF');

    const merged = data(await h.call<RequestDetail>('cs1', 'request', 'merge', { id: dup.id, version: dupAccepted.version, targetId: a.id }));
    expect(merged).toMatchObject({ status: 'merged', statusLabel: '已合并', mergedInto: a.id });
    expect(merged.timeline.map((e) => [e.actionLabel, e.to])).toEqual([['发现上报', 'submitted'], ['受理', 'accepted'], ['合并到其他诉求', 'merged']]);
    const target = data(await h.call<RequestDetail>('cs1', 'request', 'detail', { id: a.id }));
    expect(target.followerCount).toBe(2);
    expect(target.timeline.at(-1)).toMatchObject({ actionLabel: '合并同类诉求', note: '合并了一条同类诉求（环境卫生），1人转为同问' });
    // The duplicate's reporter is told, and now follows the target.
    expect((await h.deps.store.inbox.list('nc', { limit: 10 })).items.map((m) => m.title)).toContain('诉求已合并办理');
    const following = data(await h.call<RequestPage>('nc', 'request', 'mine', { list: 'following' }));
    expect(following.items.map((r) => [r.id, r.followVia])).toEqual([[a.id, 'merge']]);
    expect(data(await h.call<RequestDetail>('nc', 'request', 'detail', { id: a.id })).follow).toMatchObject({ via: 'merge', viaLabel: '诉求合并后转为同问' });
    // Not received, not accepted, not resolved: the duplicate is gone from the figures.
    expect(await grid()).toMatchObject({ filed: 1, accepted: 0, resolved: 0 });
    // A merged request cannot be merged again, and nothing can be merged into it.
    expect(code(await h.call('cs1', 'request', 'merge', { id: dup.id, version: merged.version, targetId: a.id }))).toBe('REQUEST.ILLEGAL_TRANSITION');
    const third = await submit(h, 'r2', '楼道灯坏了');
    expect(code(await h.call('cs1', 'request', 'merge', { id: third.id, version: third.version, targetId: dup.id }))).toBe('REQUEST.MERGE_TARGET');
    // Someone who already follows the target is not counted twice when their duplicate is merged.
    const fromFollower = await submit(h, 'nb', '楼道灯还是坏的');
    const again = data(await h.call<RequestDetail>('cs1', 'request', 'merge', { id: fromFollower.id, version: fromFollower.version, targetId: a.id }));
    expect(again.status).toBe('merged');
    expect(data(await h.call<RequestDetail>('cs1', 'request', 'detail', { id: a.id })).followerCount).toBe(2);
  });

  it('staff of another community cannot see, list candidates for, or merge a request', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    const dup = await submit(h, 'nc', '楼道的灯坏了');
    expect(code(await h.call('cs2', 'request', 'mergeCandidates', { id: dup.id }))).toBe('REQUEST.NOT_FOUND');
    expect(code(await h.call('cs2', 'request', 'merge', { id: dup.id, version: dup.version, targetId: a.id }))).toBe('REQUEST.NOT_FOUND');
  });

  it('合并 into a resolved request: its reporter then follows a request with a result and may rate it', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    const acc = data(await h.call<RequestDetail>('w1', 'request', 'accept', { id: a.id, version: a.version }));
    data(await h.call<RequestDetail>('w1', 'request', 'resolve', { id: a.id, version: acc.version, note: '已换灯泡', photoFileIds: [] }));
    const dup = await submit(h, 'nc', '楼道的灯坏了，一直没人修');
    expect(data(await h.call<{ items: SimilarSuggestion[] }>('cs1', 'request', 'mergeCandidates', { id: dup.id })).items.map((c) => c.id)).toEqual([a.id]);
    data(await h.call<RequestDetail>('cs1', 'request', 'merge', { id: dup.id, version: dup.version, targetId: a.id, note: '已修好' }));
    const seen = data(await h.call<RequestDetail>('nc', 'request', 'detail', { id: a.id }));
    expect(seen).toMatchObject({ status: 'resolved', follow: { via: 'merge', canRate: true } });
  });

  it('concurrent 同问: two neighbours at once are both counted (the loser of the version race retries); one person twice at once is counted once', async () => {
    const a = await submit(h, 'r1', '楼道里的灯坏了好几天，晚上很黑');
    const both = await Promise.all([h.call('nb', 'request', 'metoo', { id: a.id }), h.call('nc', 'request', 'metoo', { id: a.id })]);
    expect(both.map(code)).toEqual(['ok', 'ok']);
    expect((await h.deps.store.requests.get(a.id))?.followerCount).toBe(2);
    const b = await submit(h, 'r1', '楼道里又堆满了杂物', 'k-hazard');
    const twice = await Promise.all([h.call('nb', 'request', 'metoo', { id: b.id }), h.call('nb', 'request', 'metoo', { id: b.id })]);
    expect(twice.map(code).sort()).toEqual(['REQUEST.METOO_TWICE', 'ok']);
    expect((await h.deps.store.requests.get(b.id))?.followerCount).toBe(1);
    expect(await h.deps.store.followers.listForRequest(b.id, 10)).toHaveLength(1);
  });
});

/**
 * The authorization matrix: every action of every cloud function × every kind of caller × every scope
 * (own grid, another grid of the same community, a grid of another community), each with the outcome
 * the product promises. Adding an action without rows here fails the first test.
 */
import type { ErrorCode } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';
import { buildingOf, household } from '../testing/small-street.fixture';
import { FUNCTIONS } from './registry';

const WHO = ['resident', 'grid_worker', 'community_staff', 'street_staff', 'new_user', 'system'] as const;
type Who = (typeof WHO)[number];
const CALLER: Record<Who, string> = { resident: 'r1', grid_worker: 'w1', community_staff: 'cs1', street_staff: 'ss', new_user: 'newcomer', system: 'system' };

const WHERE = ['own_grid', 'other_grid', 'other_community'] as const;
type Where = (typeof WHERE)[number];
// Seen from each caller: r1 lives in g1; w1 leads g1 (and backs up g2); cs1 runs c1 (g1, g2, g4); g3 is in c2.
const GRID: Record<Where, string> = { own_grid: 'g1', other_grid: 'g4', other_community: 'g3' };
const COMMUNITY: Record<Where, string> = { own_grid: 'c1', other_grid: 'c1', other_community: 'c2' };
const WORKERS: Record<Where, [string, string]> = { own_grid: ['w2', 'w1'], other_grid: ['w1', 'w5'], other_community: ['w4', 'w3'] };

type Expect = 'ok' | ErrorCode;
/** One outcome for an action without a target; three (own grid, other grid, other community) for one with. */
type Cell = Expect | [Expect, Expect, Expect];
/** `input` for stateless actions; `prepare` builds the state an action needs (a request in the right status) and returns its input. */
type Spec = { input?: (where: Where) => unknown; prepare?: (h: Harness, where: Where) => Promise<unknown>; rows: Record<Who, Cell> };

const F = 'AUTH.FORBIDDEN' as const;
const NF = 'GRID.NOT_FOUND' as const;
const UNAUTH = 'AUTH.UNAUTHENTICATED' as const;
const none = () => ({});
const card = {
  displayName: '新名字',
  workPhone: '13800009999',
  photoFileId: null,
  dutyHours: [{ days: [1, 2, 3], start: '09:00', end: '17:00' }],
  intro: '你好',
};

/** A person of the register in the community of `where` (unbound to invite them, bound to revoke them). */
async function registerPerson(h: Harness, where: Where, bound: boolean): Promise<{ userId: string }> {
  const id = h.deps.newId();
  const street = (await h.deps.store.places.getCommunity(COMMUNITY[where]))?.streetId as string;
  await h.deps.store.people.createUser({
    id, openid: bound ? `open-${id}` : `unbound:${id}`, name: '新网格员', phone: '13911112222', residence: null,
    posts: [{ role: 'grid_worker', streetId: street, communityId: COMMUNITY[where] }], createdAt: '2026-11-01T00:00:00.000Z',
  });
  return { userId: id };
}
/** A newcomer's pending binding to a household of the grid of `where`. */
async function pendingBinding(h: Harness, where: Where): Promise<{ userId: string }> {
  const openid = `open-claim-${where}-${h.deps.newId()}`;
  const user = await h.deps.store.users.ensure({ id: h.deps.newId(), openid, name: '新居民', phone: null, residence: null, posts: [], createdAt: '2026-11-01T00:00:00.000Z' });
  const hh = household(GRID[where]);
  await h.deps.store.users.setResidence(user.id, {
    streetId: hh.streetId, communityId: hh.communityId, gridId: hh.gridId, householdId: hh.id, via: 'address', boundAt: '2026-11-01T00:00:00.000Z', status: 'pending',
  });
  return { userId: user.id };
}
const bindingRows: Record<Who, Cell> = {
  resident: [F, F, F], grid_worker: ['ok', F, F], community_staff: ['ok', 'ok', F], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH],
};
// Only a street admin (not a row here: the small street has none; see people.function.test.ts) and community staff
// manage people; community staff only their own community's grid workers.
const peopleRows = (outside: Expect): Record<Who, Cell> => ({
  resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', outside], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH],
});

const MATRIX: Record<string, Spec> = {
  // Every role may upload (within its limits); a user with no role may not. No such file here: each role gets as far as looking for it.
  'account.claimUpload': {
    input: () => ({ fileId: 'cloud://env-1.bucket/uploads/nobody/0123456789abcdef.png' }),
    rows: { resident: 'FILE.NOT_FOUND', grid_worker: 'FILE.NOT_FOUND', community_staff: 'FILE.NOT_FOUND', street_staff: 'FILE.NOT_FOUND', new_user: F, system: UNAUTH },
  },
  'account.redeemInvitation': {
    input: () => ({ code: 'ABCD2345', mobileLast4: '1234' }),
    rows: { resident: 'INVITATION.NOT_FOUND', grid_worker: 'INVITATION.NOT_FOUND', community_staff: 'INVITATION.NOT_FOUND', street_staff: 'INVITATION.NOT_FOUND', new_user: 'INVITATION.NOT_FOUND', system: UNAUTH },
  },
  'people.list': { input: (w) => ({ communityId: COMMUNITY[w] }), rows: peopleRows('COMMUNITY.NOT_FOUND') },
  'people.invite': { prepare: (h, w) => registerPerson(h, w, false), rows: peopleRows('PERSON.OUTSIDE') },
  'people.revoke': { prepare: (h, w) => registerPerson(h, w, true), rows: peopleRows('PERSON.OUTSIDE') },
  'people.audit': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: 'ok', new_user: F, system: UNAUTH } },
  // Only a street admin of the street imports registers (see register.function.test.ts for the admin's own refusals).
  'register.template': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'register.inspect': { input: () => ({ fileId: 'abc123' }), rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'register.dryRun': { input: () => ({ fileId: 'abc123' }), rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'register.apply': { input: () => ({ fileId: 'abc123' }), rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'register.job': { input: () => ({ jobId: 'job1' }), rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'account.me': { input: none, rows: { resident: 'ok', grid_worker: 'ok', community_staff: 'ok', street_staff: 'ok', new_user: 'ok', system: UNAUTH } },
  'account.communities': { input: none, rows: { resident: 'ok', grid_worker: 'ok', community_staff: 'ok', street_staff: 'ok', new_user: 'ok', system: UNAUTH } },
  // Addresses are on every door: anyone signed in may browse them to find their own; who lives there is never returned.
  'account.buildings': {
    input: (w) => ({ communityId: COMMUNITY[w] }),
    rows: { resident: ['ok', 'ok', 'ok'], grid_worker: ['ok', 'ok', 'ok'], community_staff: ['ok', 'ok', 'ok'], street_staff: ['ok', 'ok', 'ok'], new_user: ['ok', 'ok', 'ok'], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'account.households': {
    input: (w) => ({ buildingId: buildingOf(GRID[w]).id, unit: 1 }),
    rows: { resident: ['ok', 'ok', 'ok'], grid_worker: ['ok', 'ok', 'ok'], community_staff: ['ok', 'ok', 'ok'], street_staff: ['ok', 'ok', 'ok'], new_user: ['ok', 'ok', 'ok'], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'account.gridByQr': {
    input: (w) => ({ token: `qr${GRID[w]}token` }),
    rows: { resident: ['ok', 'ok', 'ok'], grid_worker: ['ok', 'ok', 'ok'], community_staff: ['ok', 'ok', 'ok'], street_staff: ['ok', 'ok', 'ok'], new_user: ['ok', 'ok', 'ok'], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'account.bindHousehold': {
    input: (w) => ({ householdId: household(GRID[w]).id }),
    rows: { resident: ['ok', 'ok', 'ok'], grid_worker: ['ok', 'ok', 'ok'], community_staff: ['ok', 'ok', 'ok'], street_staff: ['ok', 'ok', 'ok'], new_user: ['ok', 'ok', 'ok'], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'account.bindByQr': {
    input: (w) => ({ token: `qr${GRID[w]}token`, householdId: household(GRID[w]).id }),
    rows: { resident: ['ok', 'ok', 'ok'], grid_worker: ['ok', 'ok', 'ok'], community_staff: ['ok', 'ok', 'ok'], street_staff: ['ok', 'ok', 'ok'], new_user: ['ok', 'ok', 'ok'], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  // Bindings wait for a worker of their grid (primary or B角) or its community's staff; r1 and every seeded resident
  // are confirmed already, so an allowed caller hears BINDING.NOT_PENDING, never 'ok' on someone settled.
  'account.pendingBindings': {
    input: (w) => ({ gridId: GRID[w] }),
    rows: { resident: [F, F, F], grid_worker: ['ok', NF, NF], community_staff: ['ok', 'ok', NF], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'account.confirmBinding': { prepare: (h, w) => pendingBinding(h, w), rows: bindingRows },
  'account.rejectBinding': { prepare: async (h, w) => ({ ...(await pendingBinding(h, w)), reason: '不住这里' }), rows: bindingRows },
  'account.leaveHousehold': { input: none, rows: { resident: 'ok', grid_worker: 'ok', community_staff: 'ok', street_staff: 'ok', new_user: 'ok', system: UNAUTH } },
  'grid.myCard': {
    input: none,
    rows: { resident: 'ok', grid_worker: 'RESIDENT.NOT_BOUND', community_staff: 'RESIDENT.NOT_BOUND', street_staff: 'RESIDENT.NOT_BOUND', new_user: F, system: UNAUTH },
  },
  'grid.card': {
    input: (w) => ({ gridId: GRID[w] }),
    rows: { resident: ['ok', NF, NF], grid_worker: ['ok', NF, NF], community_staff: ['ok', 'ok', NF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'grid.myCardEdit': { input: none, rows: { resident: F, grid_worker: 'ok', community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'grid.updateMyCard': { input: () => card, rows: { resident: F, grid_worker: 'ok', community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'grid.list': {
    input: (w) => ({ communityId: COMMUNITY[w] }),
    rows: { resident: [F, F, F], grid_worker: ['ok', 'ok', 'ok'], community_staff: ['ok', 'ok', F], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'grid.workers': {
    input: (w) => ({ communityId: COMMUNITY[w] }),
    rows: { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', F], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'grid.assign': {
    input: (w) => ({ gridId: GRID[w], primaryWorkerId: WORKERS[w][0], backupWorkerId: WORKERS[w][1], version: 1 }),
    rows: { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', NF], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'grid.poster': {
    input: (w) => ({ gridId: GRID[w] }),
    rows: { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', NF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'housekeeping.purgeOrphanUploads': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  'housekeeping.purgeExpiredExports': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  // Only staff of the scope export: community staff their community, street staff their street.
  'assessment.export': {
    input: (w) => ({ kind: 'requests', format: 'csv', scope: { kind: 'grid', id: GRID[w] }, period: { from: '2026-11-01', to: '2026-11-30' } }),
    rows: { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', F], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'housekeeping.purgeOldVisits': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  // 走访: a worker records in the grids they serve; the grid's workers and the community's staff read; other grids,
  // residents and street staff see nothing (the same NOT_FOUND as a grid or household that does not exist).
  'visit.record': {
    input: (w) => ({ clientKey: `matrix-${w}-0001`, kind: 'door', gridId: GRID[w], householdId: household(GRID[w]).id, at: '2026-11-23T01:00:00.000Z', note: '入户了解情况', outcome: 'none' }),
    rows: { resident: [F, F, F], grid_worker: ['ok', NF, NF], community_staff: [F, F, F], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'visit.due': {
    input: (w) => ({ gridId: GRID[w] }),
    rows: { resident: [F, F, F], grid_worker: ['ok', NF, NF], community_staff: ['ok', 'ok', NF], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'visit.households': {
    input: (w) => ({ gridId: GRID[w] }),
    rows: { resident: [F, F, F], grid_worker: ['ok', NF, NF], community_staff: ['ok', 'ok', NF], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'visit.history': {
    input: (w) => ({ householdId: household(GRID[w]).id }),
    rows: {
      resident: [F, F, F],
      grid_worker: ['ok', 'HOUSEHOLD.NOT_FOUND', 'HOUSEHOLD.NOT_FOUND'],
      community_staff: ['ok', 'ok', 'HOUSEHOLD.NOT_FOUND'],
      street_staff: [F, F, F],
      new_user: [F, F, F],
      system: [UNAUTH, UNAUTH, UNAUTH],
    },
  },
  'visit.coverage': {
    input: (w) => ({ from: '2026-11-01', to: '2026-11-30', communityId: COMMUNITY[w] }),
    rows: { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', F], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'housekeeping.recountAssessment': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  'housekeeping.daily': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  // Open311 partner keys are the street admin's alone (not a caller here; see open311.function.test.ts). The
  // Open311 API itself is HTTP with api_keys, not an action (open311.function.test.ts covers who may do what).
  'open311.partnerKeys': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'open311.createPartnerKey': {
    input: () => ({ name: '12345热线', kind: 'hotline' }),
    rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH },
  },
  'open311.revokePartnerKey': { input: () => ({ id: 'a'.repeat(64) }), rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
};


// Requests: one in each grid, filed by a resident living there (r1 → g1, r4 → g4, r3 → g3), worked by that grid's worker.
const FILER: Record<Where, string> = { own_grid: 'r1', other_grid: 'r4', other_community: 'r3' };
const WORKER_OF: Record<Where, string> = { own_grid: 'w1', other_grid: 'w5', other_community: 'w3' };
const STAFF_OF: Record<Where, string> = { own_grid: 'cs1', other_grid: 'cs1', other_community: 'cs2' };
const REASSIGN_TO: Record<Where, string> = { own_grid: 'g2', other_grid: 'g2', other_community: 'g1' };
type Ref = { id: string; version: number };
let keys = 0;

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; code?: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`setup step failed: ${r.code}`);
  return r.data as T;
}

type State = 'submitted' | 'held' | 'accepted' | 'resolved' | 'verified';
async function requestIn(h: Harness, where: Where, state: State): Promise<Ref> {
  const description = state === 'held' ? '这里有测试违禁词需要处理一下' : '楼道里的灯坏了好几天了';
  let r = await ok<Ref>(h.call(FILER[where], 'request', 'submit', { idempotencyKey: `matrix${++keys}xx`, categoryId: 'k-env', description, photoFileIds: [] }));
  if (state === 'submitted' || state === 'held') return r;
  r = await ok<Ref>(h.call(WORKER_OF[where], 'request', 'accept', { id: r.id, version: r.version }));
  if (state === 'accepted') return r;
  r = await ok<Ref>(h.call(WORKER_OF[where], 'request', 'resolve', { id: r.id, version: r.version, note: '已修好', photoFileIds: [] }));
  if (state === 'resolved') return r;
  h.clock.set(new Date(h.clock.now().getTime() + 4 * 24 * 3600 * 1000));
  return ok<Ref>(h.call(STAFF_OF[where], 'request', 'verify', { id: r.id, version: r.version, note: '电话回访' }));
}

/** A patrol finding of the grid's worker in the grid of `where`: no resident is its reporter. */
async function patrolIn(h: Harness, where: Where): Promise<Ref> {
  return ok<Ref>(h.call(WORKER_OF[where], 'request', 'file', {
    idempotencyKey: `matrix${++keys}pp`, categoryId: 'k-env', description: '楼道里的灯坏了，晚上很黑', photoFileIds: [], gridId: GRID[where], source: 'patrol',
  }));
}

const on = (state: State, extra: (w: Where) => Record<string, unknown> = () => ({})) => async (h: Harness, w: Where) => {
  const r = await requestIn(h, w, state);
  return { id: r.id, version: r.version, ...extra(w) };
};
const RNF = 'REQUEST.NOT_FOUND' as const;
/** Grid workers and community staff act on requests of their reach; others cannot even see them. */
const handlerRows: Record<Who, Cell> = { resident: [F, F, F], grid_worker: ['ok', RNF, RNF], community_staff: ['ok', 'ok', RNF], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] };
/** Only the resident the request is for follows it up. */
const residentRows: Record<Who, Cell> = { resident: ['ok', RNF, RNF], grid_worker: [F, F, F], community_staff: [F, F, F], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] };
/** Verification, reassignment and review are the community's. */
const communityRows: Record<Who, Cell> = { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', RNF], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] };
const everyone = (v: Expect, system: Expect = UNAUTH): Record<Who, Cell> => ({ resident: v, grid_worker: v, community_staff: v, street_staff: v, new_user: v, system });

const REQUEST_MATRIX: Record<string, Spec> = {
  'request.categories': { input: none, rows: { ...everyone('ok'), new_user: F } },
  'request.departments': { input: none, rows: { resident: F, grid_worker: 'ok', community_staff: 'ok', street_staff: F, new_user: F, system: UNAUTH } },
  'request.submit': {
    input: () => ({ idempotencyKey: `matrix${++keys}xx`, categoryId: 'k-env', description: '小区门口的垃圾没人清理', photoFileIds: [] }),
    rows: { resident: 'ok', grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH },
  },
  'request.file': {
    input: (w) => ({ idempotencyKey: `matrix${++keys}xx`, gridId: GRID[w], source: 'patrol', categoryId: 'k-env', description: '巡查发现井盖缺失', photoFileIds: [] }),
    rows: { resident: [F, F, F], grid_worker: ['ok', F, F], community_staff: [F, F, F], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'request.mine': { input: none, rows: { ...everyone('ok'), new_user: F } },
  'request.worklist': { input: () => ({ tab: 'new' }), rows: { resident: F, grid_worker: 'ok', community_staff: 'ok', street_staff: F, new_user: F, system: UNAUTH } },
  'request.streetList': {
    input: (w) => ({ communityId: COMMUNITY[w] }),
    rows: { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', F], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'request.detail': {
    prepare: async (h, w) => ({ id: (await requestIn(h, w, 'submitted')).id }),
    rows: { resident: ['ok', RNF, RNF], grid_worker: ['ok', RNF, RNF], community_staff: ['ok', 'ok', RNF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'request.accept': { prepare: on('submitted'), rows: handlerRows },
  'request.dispatch': { prepare: on('submitted', () => ({ target: 'community', reason: '需要社区协调' })), rows: handlerRows },
  'request.reject': { prepare: on('submitted', () => ({ reason: '不属于网格服务范围' })), rows: handlerRows },
  'request.withdraw': { prepare: on('submitted'), rows: residentRows },
  'request.progress': { prepare: on('accepted', () => ({ note: '已联系维修', photoFileIds: [] })), rows: handlerRows },
  'request.resolve': { prepare: on('accepted', () => ({ note: '已修好', photoFileIds: [] })), rows: handlerRows },
  'request.confirm': { prepare: on('resolved', () => ({ rating: 'satisfied' })), rows: residentRows },
  'request.rate': { prepare: on('verified', () => ({ rating: 'basically_satisfied' })), rows: residentRows },
  'request.reopen': { prepare: on('resolved', () => ({ comment: '还是没修好' })), rows: residentRows },
  'request.verify': {
    prepare: async (h, w) => {
      const r = await requestIn(h, w, 'resolved');
      h.clock.set(new Date(h.clock.now().getTime() + 4 * 24 * 3600 * 1000));
      return { id: r.id, version: r.version, note: '电话回访确认' };
    },
    rows: communityRows,
  },
  'request.reassign': { prepare: on('submitted', (w) => ({ gridId: REASSIGN_TO[w], reason: '不在本网格' })), rows: communityRows },
  'request.release': { prepare: on('held'), rows: communityRows },
  'request.refuse': { prepare: on('held', () => ({ reason: '内容不当' })), rows: communityRows },
  // 同问: residents of the request's grid only (a request elsewhere reads as missing); the request is a worker's
  // patrol finding, so r1 is not its reporter. 合并: the community's staff, within their community.
  'request.similar': { input: () => ({ categoryId: 'k-env', description: '楼道里的灯坏了' }), rows: { ...everyone(F), resident: 'ok' } },
  'request.metoo': { prepare: async (h, w) => ({ id: (await patrolIn(h, w)).id }), rows: residentRows },
  'request.rateFollowed': {
    prepare: async (h, w) => {
      let r = await patrolIn(h, w);
      if (w === 'own_grid') await ok(h.call('r1', 'request', 'metoo', { id: r.id }));
      r = await ok<Ref>(h.call(WORKER_OF[w], 'request', 'accept', { id: r.id, version: (await ok<Ref>(h.call(WORKER_OF[w], 'request', 'detail', { id: r.id }))).version }));
      await ok(h.call(WORKER_OF[w], 'request', 'resolve', { id: r.id, version: r.version, note: '已修好', photoFileIds: [] }));
      return { id: r.id, rating: 'satisfied' };
    },
    rows: residentRows,
  },
  'request.mergeCandidates': { prepare: on('submitted', () => ({})), rows: communityRows },
  'request.merge': {
    prepare: async (h, w) => {
      const target = await patrolIn(h, w);
      const dup = await requestIn(h, w, 'submitted');
      return { id: dup.id, version: dup.version, targetId: target.id };
    },
    rows: communityRows,
  },
  // Staff who watch deadlines see the calendar status; residents and grid workers do not need it.
  'request.calendarStatus': { input: none, rows: { resident: F, grid_worker: F, community_staff: 'ok', street_staff: 'ok', new_user: F, system: UNAUTH } },
  // Only a street administrator loads a year (the street_admin caller is tested in calendar.function.test.ts).
  'request.importCalendar': {
    input: () => ({ year: 2027, calendar: { year: 2027, holidays: ['2027-01-01'], workdays: [] } }),
    rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH },
  },
  'request.archiveRated': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  'request.remindDeadlines': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  'request.routeUnconfirmed': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  'request.timerJobs': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
  'message.inbox': { input: none, rows: everyone('ok') },
  'message.markRead': { input: () => ({ ids: ['nosuchmessage'] }), rows: everyone('ok') },
  'message.subscriptions': { input: none, rows: everyone('ok') },
  // Each consent moment is for the people it names: residents after submitting, staff going on duty, everyone for urgent notices.
  'message.consent': {
    input: () => ({ moment: 'urgent_notices', accepted: ['notice_urgent'] }),
    rows: { resident: 'ok', grid_worker: 'ok', community_staff: 'ok', street_staff: 'ok', new_user: F, system: UNAUTH },
  },
  'message.sentLog': { input: none, rows: everyone('ok') },
  'message.dispatch': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: 'ok' } },
};

// Notices: one per case, published by street staff to the grid of the case (g1, g4 or g3).
const NNF = 'NOTICE.NOT_FOUND' as const;
const OUTSIDE = 'NOTICE.SCOPE_OUTSIDE' as const;
const aNotice = (w: Where) => ({
  idempotencyKey: `matrixnotice${++keys}`,
  scope: { level: 'grids', ids: [GRID[w]] },
  title: '停水通知',
  body: '明天上午九点到十二点停水，请提前储水。',
  imageFileIds: [],
  attachments: [],
  category: 'utility',
  urgent: false,
  requireAck: true,
  pinned: false,
});
const noticeIn = async (h: Harness, w: Where) => (await ok<{ id: string }>(h.call('ss', 'notice', 'publish', aNotice(w)))).id;
const withNotice = (extra: (w: Where) => Record<string, unknown> = () => ({})) => async (h: Harness, w: Where) => ({ id: await noticeIn(h, w), ...extra(w) });
const noticeEdit = {
  title: '停水通知（更正）', body: '改为下午两点到五点停水。', imageFileIds: [], attachments: [], category: 'utility',
  urgent: false, requireAck: true, pinned: false, note: '更正停水时间',
};
/** Staff see notices touching the grids they look after; grid workers their own grids only. */
const noticeStaffRows: Record<Who, Cell> = {
  resident: [F, F, F], grid_worker: ['ok', NNF, NNF], community_staff: ['ok', 'ok', NNF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH],
};
const NOT_BOUND = 'RESIDENT.NOT_BOUND' as const;

const NOTICE_MATRIX: Record<string, Spec> = {
  'notice.feed': { input: none, rows: { resident: 'ok', grid_worker: NOT_BOUND, community_staff: NOT_BOUND, street_staff: NOT_BOUND, new_user: F, system: UNAUTH } },
  'notice.unread': { input: none, rows: { ...everyone('ok'), new_user: F } },
  'notice.open': {
    prepare: withNotice(),
    rows: { resident: ['ok', NNF, NNF], grid_worker: ['ok', NNF, NNF], community_staff: ['ok', 'ok', NNF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  // Only a resident the notice reaches confirms 我已知晓.
  'notice.acknowledge': {
    prepare: withNotice(),
    rows: { resident: ['ok', NNF, NNF], grid_worker: [NNF, NNF, NNF], community_staff: [NNF, NNF, NNF], street_staff: [NNF, NNF, NNF], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'notice.scopeOptions': { input: none, rows: { resident: F, grid_worker: 'ok', community_staff: 'ok', street_staff: 'ok', new_user: F, system: UNAUTH } },
  'notice.publish': {
    input: aNotice,
    rows: { resident: [F, F, F], grid_worker: ['ok', OUTSIDE, OUTSIDE], community_staff: ['ok', 'ok', OUTSIDE], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'notice.edit': { prepare: withNotice(() => ({ ...noticeEdit, version: 1 })), rows: noticeStaffRows },
  'notice.withdraw': { prepare: withNotice(() => ({ version: 1, reason: '发布有误' })), rows: noticeStaffRows },
  'notice.manageList': { input: none, rows: { resident: F, grid_worker: 'ok', community_staff: 'ok', street_staff: 'ok', new_user: F, system: UNAUTH } },
  'notice.coverage': { prepare: withNotice(), rows: noticeStaffRows },
  'notice.gridReach': { prepare: withNotice((w) => ({ gridId: GRID[w] })), rows: noticeStaffRows },
  'notice.markReached': {
    prepare: withNotice((w) => ({ householdId: household(GRID[w]).id, method: 'visit' })),
    rows: { ...noticeStaffRows, street_staff: [F, F, F] },
  },
};

// 报平安: one per case, started by street staff for the grid of the case (g1, g4 or g3). Staff and workers see
// check-ins touching the grids they look after (others: CHECKIN.NOT_FOUND); only residents answer for themselves,
// only grid workers answer for a household; closing is for staff whose reach covers the scope.
const CNF = 'CHECKIN.NOT_FOUND' as const;
const checkInIn = async (h: Harness, w: Where) =>
  (await ok<{ id: string }>(h.call('ss', 'checkin', 'start', { idempotencyKey: `matrixcheckin${++keys}`, scope: { level: 'grids', ids: [GRID[w]] } }))).id;
const withCheckIn = (extra: (w: Where) => Record<string, unknown> = () => ({})) => async (h: Harness, w: Where) => ({ id: await checkInIn(h, w), ...extra(w) });
const checkInStaffRows: Record<Who, Cell> = {
  resident: [F, F, F], grid_worker: ['ok', CNF, CNF], community_staff: ['ok', 'ok', CNF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH],
};
const CHECKIN_MATRIX: Record<string, Spec> = {
  'checkin.start': {
    input: (w) => ({ idempotencyKey: `matrixcheckin${++keys}`, scope: { level: 'grids', ids: [GRID[w]] } }),
    rows: { resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', OUTSIDE], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'checkin.list': { input: none, rows: { resident: F, grid_worker: 'ok', community_staff: 'ok', street_staff: 'ok', new_user: F, system: UNAUTH } },
  'checkin.progress': { prepare: withCheckIn(), rows: checkInStaffRows },
  'checkin.doors': { prepare: withCheckIn((w) => ({ gridId: GRID[w] })), rows: checkInStaffRows },
  'checkin.remind': { prepare: withCheckIn((w) => ({ gridId: GRID[w] })), rows: checkInStaffRows },
  'checkin.close': { prepare: withCheckIn(), rows: { ...checkInStaffRows, grid_worker: [F, F, F] } },
  'checkin.mine': { input: none, rows: { resident: 'ok', grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'checkin.answer': {
    prepare: withCheckIn(() => ({ answer: 'safe' })),
    rows: { resident: ['ok', CNF, CNF], grid_worker: [F, F, F], community_staff: [F, F, F], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'checkin.answerFor': {
    prepare: withCheckIn((w) => ({ householdId: household(GRID[w]).id, answer: 'safe', via: 'door' })),
    rows: { resident: [F, F, F], grid_worker: ['ok', CNF, CNF], community_staff: [F, F, F], street_staff: [F, F, F], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
};

// 考核评价: staff see the dashboards of their reach (a grid out of reach is GRID.NOT_FOUND); a worker only their own
// figures; residents, workers and staff the public scorecard of the grids they reach. Weights are the street admin's
// (not a caller here; see assessment.function.test.ts).
const month = { from: '2026-11-01', to: '2026-11-30' };
const viewRows: Record<Who, Cell> = {
  resident: [F, F, F], grid_worker: [F, F, F], community_staff: ['ok', 'ok', NF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH],
};
const ASSESSMENT_MATRIX: Record<string, Spec> = {
  'assessment.dashboard': { input: (w) => ({ scope: { kind: 'grid', id: GRID[w] }, period: month }), rows: viewRows },
  'assessment.figureRequests': { input: (w) => ({ scope: { kind: 'grid', id: GRID[w] }, period: month, figure: 'onTimeRate' }), rows: viewRows },
  'assessment.mine': { input: () => ({ period: month }), rows: { resident: F, grid_worker: 'ok', community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'assessment.scorecard': {
    input: (w) => ({ gridId: GRID[w] }),
    rows: { resident: ['ok', NF, NF], grid_worker: ['ok', NF, NF], community_staff: ['ok', 'ok', NF], street_staff: ['ok', 'ok', 'ok'], new_user: [F, F, F], system: [UNAUTH, UNAUTH, UNAUTH] },
  },
  'assessment.weights': { input: none, rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH } },
  'assessment.saveWeights': {
    input: () => ({ onTimeRate: 30, satisfactionRate: 30, solveRate: 20, timelyAcceptRate: 20 }),
    rows: { resident: F, grid_worker: F, community_staff: F, street_staff: F, new_user: F, system: UNAUTH },
  },
};

Object.assign(MATRIX, REQUEST_MATRIX, NOTICE_MATRIX, CHECKIN_MATRIX, ASSESSMENT_MATRIX);

const ACTIONS = Object.values(FUNCTIONS).flatMap((fn) => Object.keys(fn.actions).map((a) => `${fn.name}.${a}`));

const cases = Object.entries(MATRIX).flatMap(([action, spec]) =>
  WHO.flatMap((who) => {
    const cell = spec.rows[who];
    return Array.isArray(cell)
      ? WHERE.map((where, i) => ({ action, who, where: where as Where | undefined, expected: cell[i], spec }))
      : [{ action, who, where: undefined as Where | undefined, expected: cell, spec }];
  }),
);

describe('authorization matrix', () => {
  it('has rows for every action of every function, for every kind of caller', () => {
    const missing = ACTIONS.filter((a) => !MATRIX[a]);
    expect(missing).toEqual([]);
    const stale = Object.keys(MATRIX).filter((a) => !ACTIONS.includes(a));
    expect(stale).toEqual([]);
    for (const [action, spec] of Object.entries(MATRIX)) {
      expect([action, Object.keys(spec.rows).sort()]).toEqual([action, [...WHO].sort()]);
    }
  });


  it.each(cases)('$action as $who on $where → $expected', async ({ action, who, where, expected, spec }) => {
    const h = await functionHarness();
    try {
      const input = spec.prepare ? await spec.prepare(h, where ?? 'own_grid') : spec.input?.(where ?? 'own_grid');
      const [fn, name] = action.split('.') as [keyof typeof FUNCTIONS, string];
      const reply = await h.call(CALLER[who], fn, name, input);
      expect(reply.ok ? 'ok' : reply.code).toBe(expected);
    } finally {
      await h.close();
    }
  });
});

describe('every allowed action with each transaction closure run twice', () => {
  // CloudBase re-runs a transaction's closure when it conflicts at commit: the closures of every action must be
  // safe to run again (nothing changed outside the transaction, nothing carried over from the first run).
  const allowed = cases.filter((c) => c.expected === 'ok');

  it.each(allowed)('$action as $who on $where', async ({ action, who, where, spec }) => {
    const h = await functionHarness(undefined, { rerunTransactions: true });
    try {
      const input = spec.prepare ? await spec.prepare(h, where ?? 'own_grid') : spec.input?.(where ?? 'own_grid');
      const [fn, name] = action.split('.') as [keyof typeof FUNCTIONS, string];
      const reply = await h.call(CALLER[who], fn, name, input);
      expect(reply.ok ? 'ok' : reply.code).toBe('ok');
    } finally {
      await h.close();
    }
  });
});

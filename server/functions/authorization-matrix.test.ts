/**
 * The authorization matrix: every action of every cloud function × every kind of caller × every scope
 * (own grid, another grid of the same community, a grid of another community), each with the outcome
 * the product promises. Adding an action without rows here fails the first test.
 */
import type { ErrorCode } from '@core/shared/errors';
import { functionHarness } from '../testing/function-harness';
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
type Spec = { input: (where: Where) => unknown; rows: Record<Who, Cell> };

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

const MATRIX: Record<string, Spec> = {
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
};

const ACTIONS = Object.values(FUNCTIONS).flatMap((fn) => Object.keys(fn.actions).map((a) => `${fn.name}.${a}`));

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

  const cases = Object.entries(MATRIX).flatMap(([action, spec]) =>
    WHO.flatMap((who) => {
      const cell = spec.rows[who];
      return Array.isArray(cell)
        ? WHERE.map((where, i) => ({ action, who, where: where as Where | undefined, expected: cell[i], input: spec.input(where) }))
        : [{ action, who, where: undefined as Where | undefined, expected: cell, input: spec.input('own_grid') }];
    }),
  );

  it.each(cases)('$action as $who on $where → $expected', async ({ action, who, expected, input }) => {
    const h = await functionHarness();
    try {
      const [fn, name] = action.split('.') as [keyof typeof FUNCTIONS, string];
      const reply = await h.call(CALLER[who], fn, name, input);
      expect(reply.ok ? 'ok' : reply.code).toBe(expected);
    } finally {
      await h.close();
    }
  });
});

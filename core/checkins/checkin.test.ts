import { answerDelta, answerRefusal, checkInAsks, helpRequestText, notYet, sumFigures, type CheckIn } from './checkin';

const place = { streetId: 's1', communityId: 'c1', gridId: 'g1', buildingId: 'b1' };
const open = (scope: CheckIn['scope']) => ({ streetId: 's1', scope, closedAt: null });

describe('check-in figures', () => {
  it('a first answer counts once as answered and once as its kind', () => {
    expect(answerDelta('safe')).toEqual({ answered: 1, safe: 1, help: 0 });
    expect(answerDelta('help')).toEqual({ answered: 1, safe: 0, help: 1 });
  });

  it('未报 is what is left of the households asked, never negative', () => {
    expect(notYet({ households: 300, answered: 120 })).toBe(180);
    expect(notYet({ households: 2, answered: 3 })).toBe(0);
  });

  it('sums grids into a community or street line', () => {
    expect(
      sumFigures([
        { households: 10, answered: 4, safe: 3, help: 1 },
        { households: 5, answered: 5, safe: 5, help: 0 },
      ]),
    ).toEqual({ households: 15, answered: 9, safe: 8, help: 1 });
  });
});

describe('who is asked and who may answer', () => {
  it('asks the households of its scope, by the same rule as a notice', () => {
    expect(checkInAsks(open({ level: 'street', ids: [] }), place)).toBe(true);
    expect(checkInAsks(open({ level: 'grids', ids: ['g2'] }), place)).toBe(false);
    expect(checkInAsks(open({ level: 'buildings', ids: ['b1'] }), place)).toBe(true);
    expect(checkInAsks(open({ level: 'street', ids: [] }), { ...place, streetId: 's2' })).toBe(false);
  });

  it('refuses answers after closing, outside the scope, and by the wrong channel', () => {
    const c = open({ level: 'communities', ids: ['c1'] });
    expect(answerRefusal(c, place, 'resident', 'app')).toBeNull();
    expect(answerRefusal(c, place, 'grid_worker', 'phone')).toBeNull();
    expect(answerRefusal(c, place, 'grid_worker', 'door')).toBeNull();
    expect(answerRefusal({ ...c, closedAt: '2026-12-07T10:00:00.000Z' }, place, 'resident', 'app')).toBe('closed');
    expect(answerRefusal(c, { ...place, communityId: 'c2' }, 'resident', 'app')).toBe('not_in_scope');
    expect(answerRefusal(c, place, 'resident', 'door')).toBe('resident_via_worker');
    expect(answerRefusal(c, place, 'grid_worker', 'app')).toBe('worker_via_app');
  });
});

it('a 需要帮助 answer opens a request that quotes the question and the note', () => {
  expect(helpRequestText('请报平安：家中是否有人需要帮助？', ' 老人发烧 ')).toBe('报平安「请报平安：家中是否有人需要帮助？」回复需要帮助：老人发烧');
  expect(helpRequestText('停水期间是否需要送水？', '')).toBe('报平安「停水期间是否需要送水？」回复需要帮助');
});

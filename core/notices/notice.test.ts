import { coverageRate, feedKeys, NOTICE_EXCERPT_LENGTH, noticeExcerpt, noticePriority, noticeState, percentText, scopeReaches, sumCoverage, type Place } from './notice';

const place: Place = { streetId: 's1', communityId: 'c1', gridId: 'g1', buildingId: 'b1' };

describe('scopes', () => {
  it('a scope reaches a place by street, community, grid or building — only in its own street', () => {
    expect(scopeReaches('s1', { level: 'street', ids: [] }, place)).toBe(true);
    expect(scopeReaches('s2', { level: 'street', ids: [] }, place)).toBe(false);
    expect(scopeReaches('s1', { level: 'communities', ids: ['c2', 'c1'] }, place)).toBe(true);
    expect(scopeReaches('s1', { level: 'communities', ids: ['c2'] }, place)).toBe(false);
    expect(scopeReaches('s1', { level: 'grids', ids: ['g1'] }, place)).toBe(true);
    expect(scopeReaches('s1', { level: 'buildings', ids: ['b1'] }, place)).toBe(true);
    expect(scopeReaches('s1', { level: 'buildings', ids: ['b1'] }, { ...place, buildingId: null })).toBe(false);
  });

  it('a place is looked up by one key per level it belongs to', () => {
    expect(feedKeys(place)).toEqual([
      { level: 'street', id: 's1' }, { level: 'communities', id: 'c1' }, { level: 'grids', id: 'g1' }, { level: 'buildings', id: 'b1' },
    ]);
    expect(feedKeys({ ...place, buildingId: null })).toHaveLength(3);
  });

  it('states and priorities', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const n = { withdrawn: null, publishAt: '2026-11-22T00:00:00.000Z', expiresAt: null };
    expect(noticeState(n, now)).toBe('published');
    expect(noticeState({ ...n, publishAt: '2026-11-24T00:00:00.000Z' }, now)).toBe('scheduled');
    expect(noticeState({ ...n, expiresAt: '2026-11-23T00:00:00.000Z' }, now)).toBe('expired');
    expect(noticeState({ ...n, withdrawn: { at: '', byId: '', reason: '' } }, now)).toBe('withdrawn');
    expect([noticePriority({ pinned: true, urgent: true }), noticePriority({ pinned: true, urgent: false }), noticePriority({ pinned: false, urgent: true }), noticePriority({ pinned: false, urgent: false })]).toEqual([3, 2, 1, 0]);
  });
});

describe('coverage arithmetic', () => {
  it('到户率 is reached households over households in scope, never over 100%, and never rounded up to it', () => {
    expect(coverageRate({ households: 300, reached: 150 })).toBe(0.5);
    expect(coverageRate({ households: 3, reached: 5 })).toBe(1);
    expect(coverageRate({ households: 0, reached: 0 })).toBe(1);
    expect(percentText(coverageRate({ households: 3, reached: 1 }))).toBe('33.3%');
    expect(percentText(coverageRate({ households: 1000, reached: 999 }))).toBe('99.9%');
    expect(percentText(coverageRate({ households: 10000, reached: 9999 }))).toBe('99.9%');
    expect(percentText(1)).toBe('100.0%');
    expect(percentText(0)).toBe('0.0%');
    expect(sumCoverage([{ households: 10, reached: 3 }, { households: 5, reached: 5 }])).toEqual({ households: 15, reached: 8 });
  });
});

describe('notice excerpt', () => {
  it('is the body as one line of plain text (list items joined), cut to 60 characters', () => {
    expect(noticeExcerpt([{ kind: 'p', text: '停水\n通知' }, { kind: 'ul', items: ['一号楼', '二号楼'] }])).toBe('停水 通知 一号楼 二号楼');
    expect(Array.from(noticeExcerpt([{ kind: 'p', text: '水'.repeat(100) }]))).toHaveLength(NOTICE_EXCERPT_LENGTH);
  });
});

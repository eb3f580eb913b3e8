import { followerRateRefusal, metooRefusal } from './follow';

const r = { status: 'accepted' as const, residentId: 'a', submitterId: 'a' };

describe('who may 同问', () => {
  it('a neighbour may, once, while the request is open and not resolved', () => {
    expect(metooRefusal('b', r, false)).toBeNull();
    expect(metooRefusal('b', r, true)).toBe('REQUEST.METOO_TWICE');
    expect(metooRefusal('b', { ...r, status: 'resolved' }, false)).toBe('REQUEST.METOO_CLOSED');
    expect(metooRefusal('b', { ...r, status: 'merged' }, false)).toBe('REQUEST.METOO_CLOSED');
    expect(metooRefusal('b', { ...r, status: 'held' }, false)).toBe('REQUEST.METOO_CLOSED');
  });

  it('its own reporter may not: the resident it is for, or whoever filed it', () => {
    expect(metooRefusal('a', r, false)).toBe('REQUEST.METOO_OWN');
    expect(metooRefusal('w', { ...r, residentId: null, submitterId: 'w' }, false)).toBe('REQUEST.METOO_OWN');
  });
});

describe('who may rate a followed request', () => {
  it('a follower, once, after the handler resolved it', () => {
    expect(followerRateRefusal({ status: 'resolved' }, { rating: null })).toBeNull();
    expect(followerRateRefusal({ status: 'archived' }, { rating: null })).toBeNull();
    expect(followerRateRefusal({ status: 'in_progress' }, { rating: null })).toBe('REQUEST.RATE_NOT_READY');
    expect(followerRateRefusal({ status: 'resolved' }, { rating: { value: 'satisfied' } })).toBe('REQUEST.RATED_TWICE');
    expect(followerRateRefusal({ status: 'resolved' }, null)).toBe('REQUEST.NOT_FOLLOWER');
  });
});

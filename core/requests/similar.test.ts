import { bigrams, dice, MIN_TEXT_SCORE, normalizeText, rankSimilar, suggestionOf } from './similar';

const c = (id: string, description: string, buildingId: string | null, createdAt = '2026-11-20T02:00:00.000Z') => ({ id, description, buildingId, createdAt });

describe('text similarity (character bigrams, Dice)', () => {
  it('normalises full-width letters and digits, case, punctuation and spaces before comparing', () => {
    expect(normalizeText('３号楼　电梯！！ＡＢ坏了。')).toBe('3号楼电梯ab坏了');
    const pair = (s: string) => Array.from(s).reduce((n, ch) => n * 0x110000 + ch.codePointAt(0)!, 0);
    expect(bigrams('电梯坏了')).toEqual(new Set([pair('电梯'), pair('梯坏'), pair('坏了')]));
    expect(bigrams('电梯梯电').size).toBe(3);
    expect(bigrams('灯')).toEqual(new Set([pair('灯')]));
    expect(bigrams('，。！')).toEqual(new Set());
    // Characters outside the BMP are one character each, and the pair numbers stay exact.
    expect(bigrams('𠀀𠀁')).toEqual(new Set([0x20000 * 0x110000 + 0x20001]));
    expect(0x10ffff * 0x110000 + 0x10ffff).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('the same complaint in other words scores well above an unrelated one', () => {
    const a = bigrams('3号楼电梯坏了，老人上下楼很不方便');
    const same = dice(a, bigrams('3号楼的电梯又坏了，老人下楼不方便'));
    const other = dice(a, bigrams('小区门口垃圾桶满了没人清理'));
    expect(same).toBeGreaterThan(0.5);
    expect(other).toBe(0);
    expect(dice(a, a)).toBe(1);
    expect(dice(new Set(), a)).toBe(0);
  });
});

describe('rankSimilar', () => {
  const mine = { description: '楼道里的灯坏了，晚上很黑', buildingId: 'b1' };

  it('a request of the same building ranks above one elsewhere in the grid, even with less similar text', () => {
    const ranked = rankSimilar(mine, [c('grid', '楼道里的灯坏了，晚上很黑看不见', 'b2'), c('building', '楼道灯不亮', 'b1')]);
    expect(ranked.map((r) => [r.candidate.id, r.sameBuilding])).toEqual([['building', true], ['grid', false]]);
  });

  it('elsewhere in the grid only when the text is similar enough; the same building always', () => {
    const ranked = rankSimilar(mine, [c('unrelated-grid', '垃圾桶满了', 'b2'), c('unrelated-building', '垃圾桶满了', 'b1')]);
    expect(ranked.map((r) => r.candidate.id)).toEqual(['unrelated-building']);
    expect(dice(bigrams(mine.description), bigrams('垃圾桶满了'))).toBeLessThan(MIN_TEXT_SCORE);
  });

  it('by text score, then newest first, then id; at most five', () => {
    const list = [
      c('old', '楼道里的灯坏了', 'b1', '2026-11-01T00:00:00.000Z'),
      c('new', '楼道里的灯坏了', 'b1', '2026-11-10T00:00:00.000Z'),
      c('best', '楼道里的灯坏了，晚上很黑', 'b1', '2026-10-20T00:00:00.000Z'),
      ...['x1', 'x2', 'x3', 'x4'].map((id) => c(id, '灯', 'b1', '2026-10-01T00:00:00.000Z')),
    ];
    const ranked = rankSimilar(mine, list);
    expect(ranked).toHaveLength(5);
    expect(ranked.slice(0, 3).map((r) => r.candidate.id)).toEqual(['best', 'new', 'old']);
  });

  it('a writer bound to the grid only (no building) sees text matches only', () => {
    const ranked = rankSimilar({ ...mine, buildingId: null }, [c('b', '垃圾桶满了', null), c('t', '楼道里的灯坏了', 'b1')]);
    expect(ranked.map((r) => r.candidate.id)).toEqual(['t']);
  });

  it('a suggestion shows an excerpt, status and place, never who reported it', () => {
    const [r] = rankSimilar(mine, [{ ...c('r1', '楼道灯坏了'.repeat(20), 'b1'), categoryName: '公共设施', status: 'accepted' as const, followerCount: 2 }]);
    const s = suggestionOf(r, '已受理');
    expect(s).toEqual({
      id: 'r1', categoryName: '公共设施', excerpt: Array.from('楼道灯坏了'.repeat(20)).slice(0, 60).join(''), status: 'accepted', statusLabel: '已受理',
      createdAt: '2026-11-20T02:00:00.000Z', place: 'building', placeLabel: '同一楼栋', followerCount: 2,
    });
    expect(Object.keys(s)).not.toEqual(expect.arrayContaining(['residentName', 'residentId', 'submitterId', 'address']));
  });
});

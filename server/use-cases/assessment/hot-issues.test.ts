import { maskExcerpt, pickHot } from './hot-issues';

const c = (id: string, count: number, rise: number | null) => ({ kind: 'category' as const, id, count, baseline: 1, rise });

describe('hot issues rule', () => {
  it('takes the top by count, then the sharpest riser among the rest (新出现 first), rises below 50% left out', () => {
    const picked = pickHot([c('a', 10, 0.1), c('b', 9, 0.2), c('c', 8, 0), c('d', 7, 0.4), c('e', 4, 2), c('f', 3, null)], { top: 3, rising: 1 });
    expect(picked.map((p) => p.id)).toEqual(['a', 'b', 'c', 'f']);
    expect(pickHot([c('a', 10, 0.1), c('b', 9, 0.2), c('d', 7, 0.4)], { top: 2, rising: 1 }).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('equal counts: the sharper rise first, then the id', () => {
    expect(pickHot([c('b', 5, 0), c('a', 5, 0), c('z', 5, 1)], { top: 3, rising: 0 }).map((p) => p.id)).toEqual(['z', 'a', 'b']);
  });

  it('masks phone numbers and other long digit runs in excerpts', () => {
    expect(maskExcerpt('请回电13912345678或0710-8000001，3号楼')).toBe('请回电139****或0710-800****，3号楼');
  });
});

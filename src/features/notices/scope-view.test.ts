import type { ScopeOptions } from '@core/api/notice.contract';
import { allowedLevels, groupBy, scopeSummary, shortName } from './scope-view';

const street: ScopeOptions = {
  streetId: 's',
  streetName: '银杏街道',
  canStreet: true,
  communities: [
    { id: 'c1', name: '东湖社区' },
    { id: 'c2', name: '西苑社区' },
  ],
  grids: [
    { id: 'g1', name: '东湖社区第1网格', communityId: 'c1', communityName: '东湖社区' },
    { id: 'g2', name: '东湖社区第2网格', communityId: 'c1', communityName: '东湖社区' },
    { id: 'g3', name: '西苑社区第1网格', communityId: 'c2', communityName: '西苑社区' },
    { id: 'g4', name: '西苑社区第2网格', communityId: 'c2', communityName: '西苑社区' },
  ],
  buildings: [
    { id: 'b1', name: '1号楼', gridId: 'g1', gridName: '东湖社区第1网格', communityName: '东湖社区' },
    { id: 'b2', name: '2号楼', gridId: 'g1', gridName: '东湖社区第1网格', communityName: '东湖社区' },
  ],
};
const worker: ScopeOptions = { ...street, canStreet: false, communities: [], grids: street.grids.slice(0, 1) };

describe('allowedLevels', () => {
  it('offers street staff every level, widest first', () => {
    expect(allowedLevels(street)).toEqual(['street', 'communities', 'grids', 'buildings']);
  });

  it('offers a grid worker only grids and buildings', () => {
    expect(allowedLevels(worker)).toEqual(['grids', 'buildings']);
  });
});

describe('scopeSummary', () => {
  it('says nothing until something is chosen', () => {
    expect(scopeSummary(street, null, [])).toBe('');
    expect(scopeSummary(street, 'grids', [])).toBe('');
  });

  it('names the street, communities, grids and buildings chosen', () => {
    expect(scopeSummary(street, 'street', [])).toBe('全街道（银杏街道）');
    expect(scopeSummary(street, 'communities', ['c2', 'c1'])).toBe('东湖社区、西苑社区');
    expect(scopeSummary(street, 'buildings', ['b2'])).toBe('东湖社区2号楼');
  });

  it('shortens a long list to three names and a count', () => {
    expect(scopeSummary(street, 'grids', ['g1', 'g2', 'g3', 'g4'])).toBe('东湖社区第1网格、东湖社区第2网格、西苑社区第1网格等4个网格');
  });
});

describe('helpers', () => {
  it('drops the heading from a name under it', () => {
    expect(shortName('东湖社区第3网格', '东湖社区')).toBe('第3网格');
    expect(shortName('东湖社区', '东湖社区')).toBe('东湖社区');
    expect(shortName('第3网格', '')).toBe('第3网格');
  });

  it('groups in the order headings first appear', () => {
    expect(groupBy(street.grids, (g) => g.communityName).map((g) => [g.key, g.items.length])).toEqual([
      ['东湖社区', 2],
      ['西苑社区', 2],
    ]);
  });
});

import type { GridSummary } from '@core/api/contract';
import { assignmentProblem, communityTabs, unassignedCount } from './grid-list';

const grid = (id: string, communityId: string, primary: boolean, backup: boolean): GridSummary => ({
  id,
  code: `C${id}`,
  name: `第${id}网格`,
  communityId,
  communityName: communityId === 'c1' ? '东湖社区' : '西湖社区',
  households: 300,
  primary: primary ? { id: `w${id}`, name: '张伟' } : null,
  backup: backup ? { id: `b${id}`, name: '李娜' } : null,
  version: 1,
});

describe('communityTabs', () => {
  it('lists each community once with its grid count, in first-seen order', () => {
    expect(communityTabs([grid('1', 'c1', true, true), grid('2', 'c2', true, false), grid('3', 'c1', false, false)])).toEqual([
      { id: 'c1', name: '东湖社区', count: 2 },
      { id: 'c2', name: '西湖社区', count: 1 },
    ]);
  });
});

describe('unassignedCount', () => {
  it('counts grids missing a worker and missing a B角 separately', () => {
    expect(unassignedCount([grid('1', 'c1', true, true), grid('2', 'c1', true, false), grid('3', 'c1', false, false)])).toEqual({ noPrimary: 1, noBackup: 2 });
  });
});

describe('assignmentProblem', () => {
  it('requires a primary worker', () => {
    expect(assignmentProblem(null, 'b')).toBe('请选择网格员');
  });

  it('refuses the same person as worker and B角', () => {
    expect(assignmentProblem('w1', 'w1')).toBe('网格员和B角不能是同一个人');
  });

  it('allows no B角', () => {
    expect(assignmentProblem('w1', null)).toBeNull();
  });
});

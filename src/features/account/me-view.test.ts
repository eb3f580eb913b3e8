import type { MeView } from '@core/api/contract';
import { grantOf, isStaff, workerGrids } from './me-view';

const base: MeView = { userId: 'u1', name: '张伟', roles: [], grants: [], residence: null };

describe('workerGrids', () => {
  it('lists own grids first, then B角 grids, each once', () => {
    const me: MeView = { ...base, grants: [{ role: 'grid_worker', streetId: 's', communityId: 'c', gridIds: ['g1', 'g2'], backupGridIds: ['g3', 'g1'] }] };
    expect(workerGrids(me)).toEqual([
      { gridId: 'g1', asBackup: false },
      { gridId: 'g2', asBackup: false },
      { gridId: 'g3', asBackup: true },
    ]);
  });

  it('is empty for someone who is not a worker', () => {
    expect(workerGrids(base)).toEqual([]);
  });
});

describe('isStaff / grantOf', () => {
  it('a resident alone is not staff', () => {
    const me: MeView = { ...base, grants: [{ role: 'resident', streetId: 's', communityId: 'c', gridId: 'g', householdId: 'h' }] };
    expect(isStaff(me)).toBe(false);
    expect(grantOf(me, 'resident')?.gridId).toBe('g');
  });

  it('community staff are staff', () => {
    expect(isStaff({ ...base, grants: [{ role: 'community_staff', streetId: 's', communityId: 'c' }] })).toBe(true);
  });
});

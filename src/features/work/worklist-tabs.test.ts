import type { MeView } from '@core/api/contract';
import type { RoleGrant } from '@core/people/role';
import { canFile, tabsFor } from './worklist-tabs';

function me(grants: RoleGrant[]): MeView {
  return { userId: 'u1', name: '张三', roles: [], grants, residence: null };
}

const worker: RoleGrant = { role: 'grid_worker', streetId: 's', communityId: 'c', gridIds: ['g1'], backupGridIds: [] };
const staff: RoleGrant = { role: 'community_staff', streetId: 's', communityId: 'c' };
const resident: RoleGrant = { role: 'resident', streetId: 's', communityId: 'c', gridId: 'g1', householdId: 'h1' };

describe('tabsFor', () => {
  it('gives grid workers 待受理, 处理中, 已超期 and 已办结', () => {
    expect(tabsFor(me([worker]))).toEqual(['new', 'mine', 'overdue', 'done']);
  });

  it('adds 待核查, 派遣给社区 and 待审核 for community staff, 已办结 still last', () => {
    expect(tabsFor(me([staff]))).toEqual(['new', 'mine', 'overdue', 'verify', 'dispatched', 'review', 'done']);
    expect(tabsFor(me([worker, staff]))).toEqual(['new', 'mine', 'overdue', 'verify', 'dispatched', 'review', 'done']);
  });

  it('gives a resident no worklist', () => {
    expect(tabsFor(me([resident]))).toEqual([]);
  });
});

describe('canFile', () => {
  it('lets grid workers file, not community staff or residents', () => {
    expect(canFile(me([worker]))).toBe(true);
    expect(canFile(me([staff, resident]))).toBe(false);
  });
});

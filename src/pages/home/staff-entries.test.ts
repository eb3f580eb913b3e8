import type { MeView } from '@core/api/contract';
import { PERMISSIONS } from '@core/people/permission';
import type { RoleGrant } from '@core/people/role';
import { staffEntries } from './staff-entries';

const base: MeView = { userId: 'u1', name: '张伟', roles: [], grants: [], residence: null };
const worker: RoleGrant = { role: 'grid_worker', streetId: 's', communityId: 'c', gridIds: ['g1'], backupGridIds: [] };
const community: RoleGrant = { role: 'community_staff', streetId: 's', communityId: 'c' };
const street: RoleGrant = { role: 'street_staff', streetId: 's' };
const admin: RoleGrant = { role: 'street_admin', streetId: 's' };

const keys = (...grants: RoleGrant[]) => staffEntries({ ...base, grants }).map((e) => e.key);

describe('staffEntries', () => {
  it('a grid worker gets the worklist, bindings, own figures, notices and own card', () => {
    expect(keys(worker)).toEqual(['worklist', 'bindings', 'my-assessment', 'visits', 'notice-manage', 'card-edit']);
  });

  it('community staff get the community tools, not a worker’s own card or figures', () => {
    expect(keys(community)).toEqual(['worklist', 'bindings', 'overview', 'assessment', 'visit-coverage', 'notice-manage', 'admin', 'people']);
  });

  it('street staff who are also the street admin get the street-wide tools and the register import', () => {
    expect(keys(street, admin)).toEqual(['overview', 'assessment', 'visit-coverage', 'notice-manage', 'street', 'people', 'register-import']);
  });

  it('a resident alone has no 工作台 entries', () => {
    expect(keys({ role: 'resident', streetId: 's', communityId: 'c', gridId: 'g1', householdId: 'h' })).toEqual([]);
  });

  it('words an entry by the reach of its verb', () => {
    const notice = (...grants: RoleGrant[]) => staffEntries({ ...base, grants }).find((e) => e.key === 'notice-manage')?.sub;
    expect(notice(worker)).toContain('本网格');
    expect(notice(worker, community)).toContain('本社区');
    expect(notice(street)).toContain('全街道');
  });

  it('offers 操作记录 with 人员管理 to those who may read the audit', () => {
    const people = (...grants: RoleGrant[]) => staffEntries({ ...base, grants }).find((e) => e.key === 'people')?.url;
    expect(people(community)).not.toContain('audit=1');
    expect(people(street, admin)).toContain('audit=1');
  });

  describe('an entry follows its permission', () => {
    const rules = PERMISSIONS as unknown as Record<string, { roles: Record<string, string> }>;
    let saved: Record<string, string>;
    beforeEach(() => {
      saved = { ...rules['card.edit'].roles };
    });
    afterEach(() => {
      rules['card.edit'].roles = saved;
    });

    it('moves 我的联系卡 to community staff when card.edit moves to them', () => {
      expect(keys(community)).not.toContain('card-edit');
      rules['card.edit'].roles = { community_staff: 'self' };
      expect(keys(community)).toContain('card-edit');
      expect(keys(worker)).not.toContain('card-edit');
    });
  });
});

import { can, PERMISSIONS, reachesOf } from './permission';
import { PERMISSION_LABELS } from './permission-labels';
import type { Actor } from './role';

const street = 's1';
const resident: Actor = { userId: 'r1', name: '居民', grants: [{ role: 'resident', streetId: street, communityId: 'c1', gridId: 'g1', householdId: 'h1' }] };
const worker: Actor = { userId: 'w1', name: '网格员', grants: [{ role: 'grid_worker', streetId: street, communityId: 'c1', gridIds: ['g1'], backupGridIds: ['g2'] }] };
const communityStaff: Actor = { userId: 'c', name: '社区', grants: [{ role: 'community_staff', streetId: street, communityId: 'c1' }] };
const streetStaff: Actor = { userId: 's', name: '街道', grants: [{ role: 'street_staff', streetId: street }] };
const streetAdmin: Actor = { userId: 'a', name: '管理员', grants: [{ role: 'street_staff', streetId: street }, { role: 'street_admin', streetId: street }] };
const nobody: Actor = { userId: 'n', name: '新用户', grants: [] };

const ownGrid = { streetId: street, communityId: 'c1', gridId: 'g1' };
const backupGrid = { streetId: street, communityId: 'c1', gridId: 'g2' };
const otherGrid = { streetId: street, communityId: 'c1', gridId: 'g3' };
const otherCommunity = { streetId: street, communityId: 'c2', gridId: 'g9' };
const otherStreet = { streetId: 's2', communityId: 'c7', gridId: 'g70' };

describe('can()', () => {
  it('every permission has a Chinese label', () => {
    for (const key of Object.keys(PERMISSIONS)) expect(PERMISSION_LABELS[key as keyof typeof PERMISSIONS]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a resident sees the card of their own grid only', () => {
    expect(can(resident, 'card.view', ownGrid)).toBe(true);
    expect(can(resident, 'card.view', otherGrid)).toBe(false);
    expect(can(resident, 'card.view', otherCommunity)).toBe(false);
  });

  it('a worker reaches the grids they lead and back up, not their neighbours', () => {
    expect(can(worker, 'card.view', ownGrid)).toBe(true);
    expect(can(worker, 'card.view', backupGrid)).toBe(true);
    expect(can(worker, 'card.view', otherGrid)).toBe(false);
  });

  it('a worker edits only their own card', () => {
    expect(can(worker, 'card.edit', { streetId: street, userId: 'w1' })).toBe(true);
    expect(can(worker, 'card.edit', { streetId: street, userId: 'w2' })).toBe(false);
    expect(can(communityStaff, 'card.edit', { streetId: street, userId: 'w1' })).toBe(false);
  });

  it('community staff assign within their community; street staff see all but do not assign', () => {
    expect(can(communityStaff, 'grid.assign', otherGrid)).toBe(true);
    expect(can(communityStaff, 'grid.assign', otherCommunity)).toBe(false);
    expect(can(streetStaff, 'card.view', otherCommunity)).toBe(true);
    expect(can(streetStaff, 'grid.assign', otherCommunity)).toBe(false);
  });

  it('no role reaches into another street', () => {
    for (const actor of [resident, worker, communityStaff, streetStaff]) expect(can(actor, 'card.view', otherStreet)).toBe(false);
  });

  it('any signed-in user may bind a household; a user with no role may do nothing else', () => {
    expect(can(nobody, 'household.bind')).toBe(true);
    expect(can(nobody, 'card.view')).toBe(false);
    expect(can(nobody, 'grid.list')).toBe(false);
  });

  it('only a street administrator imports registers and changes settings, and only in their own street', () => {
    expect(can(streetAdmin, 'register.import', otherCommunity)).toBe(true);
    expect(can(streetAdmin, 'street.settings', ownGrid)).toBe(true);
    expect(can(streetAdmin, 'register.import', otherStreet)).toBe(false);
    for (const actor of [resident, worker, communityStaff, streetStaff]) expect(can(actor, 'register.import', ownGrid)).toBe(false);
  });

  it('community staff invite and revoke within their community only; street staff read the audit log but invite no one', () => {
    expect(can(communityStaff, 'people.invite', otherGrid)).toBe(true);
    expect(can(communityStaff, 'people.invite', otherCommunity)).toBe(false);
    expect(can(communityStaff, 'people.revoke', otherCommunity)).toBe(false);
    expect(can(streetStaff, 'audit.read', otherCommunity)).toBe(true);
    expect(can(streetStaff, 'people.invite', ownGrid)).toBe(false);
    expect(can(communityStaff, 'audit.read', ownGrid)).toBe(false);
    expect(can(nobody, 'invitation.redeem')).toBe(true);
  });
});


describe('reachesOf', () => {
  const actor = (grants: Actor['grants']): Actor => ({ userId: 'u1', name: '张伟', grants });
  it('lists the reaches the grants give for a verb, widest first, each once', () => {
    expect(
      reachesOf(actor([{ role: 'grid_worker', streetId: 's', communityId: 'c', gridIds: ['g'], backupGridIds: [] }, { role: 'street_staff', streetId: 's' }]), 'notice.publish'),
    ).toEqual(['street', 'grid']);
  });
  it('is empty for a verb none of the roles carries', () => {
    expect(reachesOf(actor([{ role: 'street_staff', streetId: 's' }]), 'card.edit')).toEqual([]);
  });
});

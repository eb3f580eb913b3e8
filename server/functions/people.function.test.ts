import type { MeView } from '@core/api/contract';
import type { AuditPageView, InvitationView, PeoplePageView } from '@core/api/people.contract';
import type { User } from '@core/people/user';
import type { Reply } from '@core/shared/errors';
import { functionHarness, type Harness } from '../testing/function-harness';
import { household } from '../testing/small-street.fixture';
import { initStreet } from '../use-cases/people/init-street';

const AT = '2026-11-01T00:00:00.000Z';

function code<T>(reply: Reply<T>): string {
  return reply.ok ? 'ok' : reply.code;
}
function data<T>(reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
  return reply.data;
}

/** A person of the register: unbound (`unbound:<id>`) unless `bound`. */
async function person(h: Harness, id: string, posts: User['posts'], bound = false): Promise<void> {
  await h.deps.store.people.createUser({
    id, openid: bound ? `open-${id}` : `unbound:${id}`, name: `人员${id}`, phone: '13911115678', residence: null, posts, createdAt: AT,
  });
}

describe('people and access', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await functionHarness();
    await person(h, 'admin', [{ role: 'street_staff', streetId: 's1' }, { role: 'street_admin', streetId: 's1' }], true);
    await person(h, 'nw', [{ role: 'grid_worker', streetId: 's1', communityId: 'c1' }]);
  });
  afterEach(() => h.close());

  const invite = async (who = 'admin', userId = 'nw') => data(await h.call<InvitationView>(who, 'people', 'invite', { userId }));

  it('an invitation is a short unambiguous code, a link to the redeem page, a QR image and a 7-day expiry; only its hash is stored', async () => {
    const inv = await invite();
    expect(inv.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(inv.link).toBe(`https://wgt.example/#/features/people/pages/redeem/index?code=${inv.code}`);
    expect(inv.qr).toMatch(/^data:image\/gif;base64,/);
    expect(Date.parse(inv.expiresAt) - h.clock.now().getTime()).toBe(7 * 86400_000);
    const stored = await h.deps.store.invitations.listOpenForUser('nw');
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(inv.code);
    expect((await h.deps.store.audit.listFor('user', 'nw', 5)).map((e) => e.action)).toEqual(['people.invite']);
  });

  it('redeeming binds the caller to exactly the invited person, who then acts in their role; the code works once', async () => {
    const inv = await invite();
    const me = data(await h.call<MeView>('newcomer', 'account', 'redeemInvitation', { code: inv.code.toLowerCase(), mobileLast4: '5678' }));
    expect(me.userId).toBe('nw');
    expect(me.roles.map((r) => r.role)).toEqual(['grid_worker']);
    expect((await h.deps.store.users.findByOpenid('open-newcomer'))?.id).toBe('nw');
    const released = (await h.deps.store.audit.listFor('user', 'nw', 5)).find((e) => e.action === 'invitation.redeem');
    expect(released?.detail).toMatchObject({ to: { status: '已激活' } });
    expect(code(await h.call('other', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '5678' }))).toBe('INVITATION.USED');
    expect(code(await h.call('admin', 'people', 'invite', { userId: 'nw' }))).toBe('INVITATION.ALREADY_BOUND');
  });

  it('two redeems of one code at once bind once', async () => {
    const inv = await invite();
    const replies = await Promise.all(['p1', 'p2', 'p3'].map((who) => h.call('x' + who, 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '5678' })));
    expect(replies.map(code).sort()).toEqual(['INVITATION.USED', 'INVITATION.USED', 'ok']);
    const bound = await h.deps.store.users.getById('nw');
    expect(['open-xp1', 'open-xp2', 'open-xp3']).toContain(bound?.openid);
  });

  it('a wrong last 4 is refused and counted; the 5th wrong try burns the invitation, even for the right digits after', async () => {
    const inv = await invite();
    for (let i = 0; i < 4; i++) {
      const reply = await h.call('newcomer', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '0000' });
      expect(code(reply)).toBe('INVITATION.MOBILE_MISMATCH');
      expect(!reply.ok && reply.message).toBe(`手机号后四位不正确，还可以再试 ${4 - i} 次`);
    }
    expect(code(await h.call('newcomer', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '0000' }))).toBe('INVITATION.BURNT');
    expect(code(await h.call('newcomer', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '5678' }))).toBe('INVITATION.BURNT');
    expect((await h.deps.store.users.getById('nw'))?.openid).toBe('unbound:nw');
  });

  it('refuses an expired code, an unknown code, and a caller who already holds staff posts', async () => {
    const inv = await invite();
    expect(code(await h.call('w1', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '5678' }))).toBe('INVITATION.CALLER_HAS_POSTS');
    expect(code(await h.call('newcomer', 'account', 'redeemInvitation', { code: 'ZZZZ2222', mobileLast4: '5678' }))).toBe('INVITATION.NOT_FOUND');
    expect(code(await h.call('newcomer', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '56' }))).toBe('INPUT.INVALID');
    h.clock.set(new Date(h.clock.now().getTime() + 7 * 86400_000 + 1));
    expect(code(await h.call('newcomer', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '5678' }))).toBe('INVITATION.EXPIRED');
  });

  it('a resident who redeems keeps their household: the residence moves to the invited person', async () => {
    const inv = await invite();
    data(await h.call('newcomer', 'account', 'bindHousehold', { householdId: household('g1').id }));
    const me = data(await h.call<MeView>('newcomer', 'account', 'redeemInvitation', { code: inv.code, mobileLast4: '5678' }));
    expect(me.roles.map((r) => r.role).sort()).toEqual(['grid_worker', 'resident']);
  });

  it('community staff invite only grid workers of their own community; nobody invites a person without posts', async () => {
    await person(h, 'nw2', [{ role: 'grid_worker', streetId: 's1', communityId: 'c2' }]);
    await person(h, 'nss', [{ role: 'street_staff', streetId: 's1' }]);
    await person(h, 'ncs', [{ role: 'community_staff', streetId: 's1', communityId: 'c1' }]);
    await person(h, 'nobody', []);
    expect(code(await h.call('cs1', 'people', 'invite', { userId: 'nw' }))).toBe('ok');
    expect(code(await h.call('cs1', 'people', 'invite', { userId: 'nw2' }))).toBe('PERSON.OUTSIDE');
    expect(code(await h.call('cs1', 'people', 'invite', { userId: 'nss' }))).toBe('PERSON.OUTSIDE');
    expect(code(await h.call('cs1', 'people', 'invite', { userId: 'ncs' }))).toBe('PERSON.OUTSIDE');
    expect(code(await h.call('admin', 'people', 'invite', { userId: 'nss' }))).toBe('ok');
    expect(code(await h.call('admin', 'people', 'invite', { userId: 'nobody' }))).toBe('PERSON.NOT_FOUND');
    expect(code(await h.call('admin', 'people', 'invite', { userId: 'missing' }))).toBe('PERSON.NOT_FOUND');
    expect(code(await h.call('ss', 'people', 'invite', { userId: 'nw' }))).toBe('AUTH.FORBIDDEN');
  });

  it('revoking takes every post at once: the next call is refused, the grids show no worker, open invitations are burnt', async () => {
    const before = await h.deps.store.places.getGrid('g1');
    expect(before?.primaryWorkerId).toBe('w1');
    expect(code(await h.call('w1', 'grid', 'myCardEdit', {}))).toBe('ok');
    const open = await invite('admin', 'nw');
    expect(code(await h.call('cs2', 'people', 'revoke', { userId: 'w1' }))).toBe('PERSON.OUTSIDE');
    const result = data(await h.call<{ clearedGrids: string[] }>('cs1', 'people', 'revoke', { userId: 'w1' }));
    expect(result.clearedGrids.sort()).toEqual(['g1', 'g2']);
    expect(code(await h.call('w1', 'grid', 'myCardEdit', {}))).toBe('AUTH.FORBIDDEN');
    const grids = data(await h.call<{ id: string; primary: unknown; backup: { id: string } | null }[]>('cs1', 'grid', 'list', { communityId: 'c1' }));
    expect(grids.find((g) => g.id === 'g1')?.primary).toBeNull();
    expect(grids.find((g) => g.id === 'g2')?.backup).toBeNull();
    data(await h.call('admin', 'people', 'revoke', { userId: 'nw' }));
    expect(code(await h.call('newcomer', 'account', 'redeemInvitation', { code: open.code, mobileLast4: '5678' }))).toBe('INVITATION.REVOKED');
    expect(code(await h.call('admin', 'people', 'revoke', { userId: 'admin' }))).toBe('PERSON.SELF');
  });

  it('the admin lists staff with status and masked mobiles; street staff read the audit log newest first in Chinese', async () => {
    const list = data(await h.call<PeoplePageView>('admin', 'people', 'list', {}));
    const nw = list.people.find((p) => p.id === 'nw');
    expect(nw).toMatchObject({ status: 'pending', mobile: '139****5678', roleLabels: ['网格员'], communityName: '东湖社区' });
    expect(list.people.find((p) => p.id === 'w1')).toMatchObject({ status: 'active', grids: [expect.any(String)] });
    const mine = data(await h.call<PeoplePageView>('cs1', 'people', 'list', {}));
    expect(mine.people.every((p) => p.roles.every((r) => r === 'grid_worker'))).toBe(true);
    expect(code(await h.call('cs1', 'people', 'list', { communityId: 'c2' }))).toBe('COMMUNITY.NOT_FOUND');
    await invite();
    // Entries order by time (ties by id): a minute apart, as two admin actions are.
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    data(await h.call('admin', 'people', 'revoke', { userId: 'w5' }));
    const log = data(await h.call<AuditPageView>('ss', 'people', 'audit', {}));
    expect(log.entries.map((e) => e.actionLabel)).toEqual(['停用工作人员', '邀请工作人员']);
    expect(log.entries[0]).toMatchObject({ actorName: '人员admin', targetName: '何军' });
    expect(log.entries[0].summary).toContain('→');
  });

  it('street init creates a street that takes requests and an admin who redeems into street_admin', async () => {
    await expect(initStreet(h.deps, h.clock.now(), { name: '新街道', code: '12345', adminMobile: '13800001111' })).rejects.toMatchObject({ code: 'STREET.CODE_INVALID' });
    const made = await initStreet(h.deps, h.clock.now(), { name: '新街道', code: '420100009001', adminName: '郑管', adminMobile: '13800001111' });
    await expect(initStreet(h.deps, h.clock.now(), { name: '又一个', code: '420100009001', adminMobile: '13800001111' })).rejects.toMatchObject({ code: 'STREET.EXISTS' });
    expect((await h.deps.store.requestConfig.categories(made.streetId)).length).toBeGreaterThan(0);
    expect((await h.deps.store.requestConfig.calendars()).length).toBeGreaterThan(0);
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    const me = data(await h.call<MeView>('boss', 'account', 'redeemInvitation', { code: made.invitation.code, mobileLast4: '1111' }));
    expect(me.roles.map((r) => r.role)).toEqual(['street_staff', 'street_admin']);
    const log = data(await h.call<AuditPageView>('boss', 'people', 'audit', {}));
    expect(log.entries.map((e) => e.action)).toEqual(['invitation.redeem', expect.any(String), expect.any(String)]);
    expect(log.entries.map((e) => e.action).slice(1).sort()).toEqual(['people.invite', 'street.init']);
  });
});

import type { PeoplePageView, PersonRow } from '@core/api/people.contract';
import { maskPhone } from '@core/people/phone';
import { grantOf, ROLE_LABELS, type Role } from '@core/people/role';
import { isBound, type User } from '@core/people/user';
import { DomainError } from '@core/shared/errors';
import type { UserContext } from '../context';

const PAGE = 50;

/**
 * `people.list`: the register's staff as an admin manages them — status (未激活 until an invitation is
 * redeemed, then 已激活), masked mobile, and the grids each leads and backs up. A street admin sees the whole
 * street's staff; community staff see their community's grid workers only. Revoked people hold no post and
 * so are not listed (their history is in the 操作日志).
 */
export async function listPeople(ctx: UserContext, input: { communityId?: string; role?: Role; cursor?: string }): Promise<PeoplePageView> {
  const { store } = ctx.deps;
  const admin = grantOf(ctx.actor, 'street_admin');
  const staff = grantOf(ctx.actor, 'community_staff');
  const streetId = admin?.streetId ?? staff?.streetId;
  if (!streetId) throw new DomainError('AUTH.FORBIDDEN');
  let users: User[];
  if (admin) {
    const communities = await store.places.listCommunities(streetId);
    const lists = await Promise.all([
      store.users.listStaff({ role: 'street_staff', streetId }),
      store.users.listWorkers({ streetId }),
      ...communities.map((c) => store.users.listStaff({ role: 'community_staff', communityId: c.id })),
    ]);
    const byId = new Map<string, User>();
    for (const u of lists.flat()) byId.set(u.id, u);
    users = [...byId.values()];
  } else {
    const communityId = staff?.communityId as string;
    if (input.communityId && input.communityId !== communityId) throw new DomainError('COMMUNITY.NOT_FOUND');
    users = await store.users.listWorkers({ streetId, communityId });
  }
  users = users
    .filter((u) => !input.role || u.posts.some((p) => p.role === input.role))
    .filter((u) => !input.communityId || u.posts.some((p) => 'communityId' in p && p.communityId === input.communityId))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.id < b.id ? -1 : 1));
  const start = input.cursor ? Math.max(0, Number.parseInt(input.cursor, 10) || 0) : 0;
  const page = users.slice(start, start + PAGE);
  const [grids, communities] = await Promise.all([store.places.listGrids({ streetId }), store.places.listCommunities(streetId)]);
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  const rows: PersonRow[] = page.map((u) => {
    const post = u.posts.find((p) => 'communityId' in p);
    const communityId = post && 'communityId' in post ? post.communityId : null;
    return {
      id: u.id,
      name: u.name,
      mobile: u.phone ? maskPhone(u.phone) : null,
      status: isBound(u) ? 'active' : 'pending',
      roles: u.posts.map((p) => p.role),
      roleLabels: u.posts.map((p) => ROLE_LABELS[p.role]),
      communityId,
      communityName: communityId ? (communityName.get(communityId) ?? null) : null,
      grids: grids.filter((g) => g.primaryWorkerId === u.id).map((g) => g.name),
      backupGrids: grids.filter((g) => g.backupWorkerId === u.id).map((g) => g.name),
      manageable: u.id !== ctx.user.id && (Boolean(admin) || u.posts.every((p) => p.role === 'grid_worker')),
    };
  });
  return { people: rows, next: start + PAGE < users.length ? String(start + PAGE) : null };
}

import { actorOf } from '@core/people/actor';
import type { Actor } from '@core/people/role';
import type { User } from '@core/people/user';
import type { Deps } from '../context';

/**
 * Who the caller is to the street, read fresh from the store on every call (one read: users.findCaller)
 * so a role change (a worker reassigned, a resident who left) takes effect at once. A WeChat user seen for the
 * first time is registered with no role; binding a household makes them a resident.
 */
export async function resolveActor(deps: Deps, openid: string, now: Date): Promise<{ actor: Actor; user: User }> {
  const caller = await deps.store.users.findCaller(openid);
  const user =
    caller?.user ??
    (await deps.store.users.ensure({
      id: deps.newId(),
      openid,
      name: '微信用户',
      phone: null,
      residence: null,
      posts: [],
      createdAt: now.toISOString(),
    }));
  const actor = actorOf(user, { primaryGridIds: caller?.primaryGridIds ?? [], backupGridIds: caller?.backupGridIds ?? [] });
  return { actor, user };
}

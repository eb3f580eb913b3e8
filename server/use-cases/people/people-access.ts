/**
 * Who may manage whom: a street admin manages every staff person of their street; community staff manage
 * only grid workers of their own community (never other staff, never street staff). Anyone else, or a
 * person of another street, is answered as if the person did not exist.
 */
import { grantOf, type Actor } from '@core/people/role';
import type { User } from '@core/people/user';
import { DomainError } from '@core/shared/errors';

export function streetOf(user: User): string | null {
  return user.posts[0]?.streetId ?? null;
}

/** Throws unless the actor may invite or revoke this person. */
export function assertManages(actor: Actor, target: User | null): asserts target is User {
  if (!target) throw new DomainError('PERSON.NOT_FOUND');
  const streetId = streetOf(target);
  const admin = grantOf(actor, 'street_admin');
  if (admin && streetId === admin.streetId) return;
  const staff = actor.grants.filter((g) => g.role === 'community_staff');
  const sameStreet = actor.grants.some((g) => g.streetId === streetId);
  if (!sameStreet || staff.length === 0) throw new DomainError('PERSON.NOT_FOUND');
  const communities = new Set(staff.map((g) => ('communityId' in g ? g.communityId : '')));
  const onlyWorkersHere = target.posts.length > 0 && target.posts.every((p) => p.role === 'grid_worker' && communities.has(p.communityId));
  if (!onlyWorkersHere) throw new DomainError('PERSON.OUTSIDE');
}

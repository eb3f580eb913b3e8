/**
 * The local demo sign-in (development only): who can be signed in as, with the role they sign in as and
 * where they act. Only the embedded store implements it; production has no demo sign-in.
 */
import type { Role } from '@core/people/role';

/** One person as the local demo sign-in page lists them. */
export interface PersonSummary {
  id: string;
  openid: string;
  name: string;
  /**
   * The role they sign in as: the filter's role, or their highest one (street > community > grid >
   * resident); null for a WeChat user who holds none yet.
   */
  role: Role | null;
  /** Where they act, in Chinese: 银杏街道 / 东湖社区 / 东湖社区第3网格 / 东湖社区3号楼2单元1202室. */
  where: string;
}

export interface ListPeopleQuery {
  role?: Role;
  communityId?: string;
  /** Part of a name or openid. */
  q?: string;
  limit: number;
  offset: number;
}

export interface PeoplePage {
  people: PersonSummary[];
  /** How many match in all (for paging). */
  total: number;
}

export interface DemoLoginDirectory {
  /**
   * People for the local demo sign-in page, in sign-in order: street staff, community staff, grid workers,
   * residents, then (only without filters) users with no role; within each, as imported or registered.
   */
  listPeople(query: ListPeopleQuery): Promise<PeoplePage>;
}

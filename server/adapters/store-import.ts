/**
 * What both adapters share beyond the port: the bulk-import shape (seed data, fixtures) and the small
 * rules that must read the same in SQLite and in CloudBase (room order, the transaction restriction).
 */
import type { YearCalendar } from '@core/calendar/working-days';
import type { ContactCard } from '@core/contact-card/contact-card';
import type { Building, Community, Grid, Household, Street } from '@core/places/place';
import type { User } from '@core/people/user';
import type { Category, Department, RequestSettings } from '@core/requests/request';

/** A whole street's places, people and request configuration, imported in one go (demo seed, contract-test fixtures). */
export interface StoreImport {
  streets: Street[];
  communities: Community[];
  grids: Grid[];
  buildings: Building[];
  households: Household[];
  users: User[];
  cards: ContactCard[];
  categories: Category[];
  departments: Department[];
  /** At most one per street; a street without one uses DEFAULT_REQUEST_SETTINGS. */
  requestSettings: RequestSettings[];
  /** Working-day calendars, one per year (shared by every street). */
  calendars: YearCalendar[];
}

/** An import with nothing in it, to spread the parts a fixture needs over. */
export function emptyImport(): StoreImport {
  return { streets: [], communities: [], grids: [], buildings: [], households: [], users: [], cards: [], categories: [], departments: [], requestSettings: [], calendars: [] };
}

/**
 * Numeric-aware sort key for room numbers, so "101" < "201" < "1001" and "3A" < "12": every run of
 * digits is left-padded to 10 places; anything else compares as written. Stored next to the room in
 * both databases so the database itself sorts (and pages) in this order.
 */
export function roomSortKey(room: string): string {
  return room.replace(/\d+/g, (run) => run.replace(/^0+(?=\d)/, '').padStart(10, '0'));
}

/**
 * CloudBase transactions allow single-document reads and writes only. The embedded adapter enforces the
 * same rule, so a use case that queries inside `transact` fails locally instead of in production.
 */
export class TransactionQueryError extends Error {
  constructor(method: string) {
    super(`store.${method} runs a query and cannot be used inside transact(): read what you need before the transaction, or by id inside it`);
    this.name = 'TransactionQueryError';
  }
}

/** `getMany` answers in the order asked, each id once, skipping ids that match nothing. */
export function inAskedOrder<T>(ids: string[], found: T[], idOf: (item: T) => string): T[] {
  const byId = new Map(found.map((item) => [idOf(item), item] as const));
  const out: T[] = [];
  for (const id of new Set(ids)) {
    const item = byId.get(id);
    if (item !== undefined) out.push(item);
  }
  return out;
}

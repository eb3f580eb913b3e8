import type { EmbeddedStore } from '../../adapters/embedded/embedded-store';
import { generateDemoStreet } from './demo-street';
import { demoNotices } from './demo-notices';

/**
 * Fills a new database with the demo street. Runs only on an empty database (no users and no places),
 * so it never writes over, or beside, data that is already there.
 */
export function seedIfEmpty(store: EmbeddedStore): { seeded: boolean } {
  if (!store.isEmpty()) return { seeded: false };
  const street = generateDemoStreet();
  store.importPlaces(street);
  store.importNotices(demoNotices(street));
  return { seeded: true };
}

import type { EmbeddedStore } from '../../adapters/embedded/embedded-store';
import { generateDemoStreet } from './demo-street';

/**
 * Fills a new database with the demo street. Runs only on an empty database (no users and no places),
 * so it never writes over, or beside, data that is already there.
 */
export function seedIfEmpty(store: EmbeddedStore): { seeded: boolean } {
  if (!store.isEmpty()) return { seeded: false };
  store.importPlaces(generateDemoStreet());
  return { seeded: true };
}

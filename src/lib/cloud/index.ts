/**
 * The one cloud client of the app. Feature APIs (`src/features/<area>/api.ts`) call it; pages never
 * touch the transport. `./transport` resolves to the platform's file at build time.
 */
import { createClient } from './client';
import { transport } from './transport';

export const cloud = createClient(transport);
export { CallError, isCallError, messageOf } from './call-error';

// Declares the platform location pickers for the type checker: webpack resolves `./location` to
// `location.weapp.ts` or `location.h5.ts` (Taro's multi-platform resolution), each exporting these.
import type { LocationPick } from './location-pick';

/** Whether this phone or browser can give a location at all; when not, only the typed address is offered. */
export declare function canPickLocation(): boolean;
export declare function pickLocation(): Promise<LocationPick>;

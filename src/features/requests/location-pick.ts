import type { GeoPoint } from '@core/requests/request';
import type { PickFailure } from './photo-rules';

/** A picked place: the point, and the address the map gave (weapp), to fill the address field when it is empty. */
export type LocationPick = { kind: 'picked'; point: GeoPoint; address: string | null } | { kind: PickFailure };

/** The function keeps a location name of at most 60 characters. */
export function placeName(name: string | null | undefined): string | null {
  const n = (name ?? '').trim();
  return n ? Array.from(n).slice(0, 60).join('') : null;
}

/** An address the map gave, cut to the 100 characters the address field allows. */
export function placeAddress(address: string | null | undefined): string | null {
  const a = (address ?? '').trim();
  return a ? Array.from(a).slice(0, 100).join('') : null;
}

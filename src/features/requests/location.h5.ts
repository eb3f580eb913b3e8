import type { LocationPick } from './location-pick';

/** Browsers give a position only on a secure page (https or localhost) and only when asked through a tap. */
export function canPickLocation(): boolean {
  return typeof navigator !== 'undefined' && Boolean(navigator.geolocation) && (typeof window === 'undefined' || window.isSecureContext !== false);
}

/** The browser's current position (no map to pick from on H5); refusing is fine, the address field stays. */
export function pickLocation(): Promise<LocationPick> {
  return new Promise((resolve) => {
    if (!canPickLocation()) {
      resolve({ kind: 'failed' });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ kind: 'picked', point: { latitude: pos.coords.latitude, longitude: pos.coords.longitude, name: '我的当前位置' }, address: null }),
      (err) => resolve({ kind: err.code === err.PERMISSION_DENIED ? 'denied' : 'failed' }),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

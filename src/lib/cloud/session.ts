import Taro from '@tarojs/taro';
import { STORAGE_KEYS } from '../storage-keys';

/**
 * The H5 session token from the dev sign-in. On weapp the platform itself says who is calling,
 * so nothing is stored there.
 */
export function getToken(): string | null {
  const value: unknown = Taro.getStorageSync(STORAGE_KEYS.session);
  return typeof value === 'string' && value ? value : null;
}

export function setToken(token: string): void {
  Taro.setStorageSync(STORAGE_KEYS.session, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(STORAGE_KEYS.session);
}

/** H5 needs a sign-in before any call; weapp never does. */
export function needsSignIn(): boolean {
  return process.env.TARO_ENV === 'h5' && !getToken();
}

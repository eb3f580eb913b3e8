import Taro from '@tarojs/taro';
import { STORAGE_KEYS } from './storage-keys';

/**
 * 大字模式: one switch on 我的, kept in storage and read by every page. A tiny store rather than a
 * context, because each Taro page is its own React root on weapp.
 */
type Listener = (on: boolean) => void;

const listeners = new Set<Listener>();
let current: boolean | null = null;

export function isLargeText(): boolean {
  if (current === null) current = Taro.getStorageSync(STORAGE_KEYS.largeText) === '1';
  return current;
}

export function setLargeText(on: boolean): void {
  current = on;
  Taro.setStorageSync(STORAGE_KEYS.largeText, on ? '1' : '0');
  listeners.forEach((l) => l(on));
}

export function subscribeLargeText(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

import { useSyncExternalStore } from 'react';
import { isLargeText, setLargeText, subscribeLargeText } from '../lib/large-text';

export function useLargeText(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribeLargeText, isLargeText, isLargeText);
  return [on, setLargeText];
}

import Taro from '@tarojs/taro';
import { STORAGE_KEYS } from '../../lib/storage-keys';
import { restoreDraft, type RequestDraft } from './request-draft';

export type DraftKind = 'request' | 'file';

/** Per user: on the H5 demo one browser can sign in as several people, and a draft is nobody else's. */
function keyOf(kind: DraftKind, userId: string): string {
  return `${kind === 'request' ? STORAGE_KEYS.requestDraft : STORAGE_KEYS.fileDraft}.${userId}`;
}

export function loadDraft(kind: DraftKind, userId: string, now = Date.now()): ReturnType<typeof restoreDraft> {
  try {
    return restoreDraft(Taro.getStorageSync(keyOf(kind, userId)), now);
  } catch {
    return null;
  }
}

/** Storage can be full or unavailable; the form still works, it just is not kept. */
export function saveDraft(kind: DraftKind, userId: string, draft: RequestDraft): void {
  try {
    Taro.setStorageSync(keyOf(kind, userId), draft);
  } catch {
    // Nothing to do: the person's form is still on screen.
  }
}

export function clearDraft(kind: DraftKind, userId: string): void {
  try {
    Taro.removeStorageSync(keyOf(kind, userId));
  } catch {
    // A draft left behind is restored next time and sent with its own key: the server answers with the same request.
  }
}

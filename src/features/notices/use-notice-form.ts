import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { NoticeDetail } from '@core/api/notice.contract';
import { STORAGE_KEYS } from '../../lib/storage-keys';
import { draftFromDetail, emptyNoticeDraft, isBlankNotice, restoreNoticeDraft, type NoticeDraft, type NoticeErrors } from './notice-form';

const keyOf = (userId: string) => `${STORAGE_KEYS.noticeDraft}.${userId}`;

function save(userId: string, d: NoticeDraft): void {
  try {
    if (isBlankNotice(d)) Taro.removeStorageSync(keyOf(userId));
    else Taro.setStorageSync(keyOf(userId), d);
  } catch {
    // Storage full or unavailable: the form is still on screen, it just is not kept.
  }
}

function forget(userId: string): void {
  try {
    Taro.removeStorageSync(keyOf(userId));
  } catch {
    // A draft left behind is restored next time and sent with its own key: the server answers with the same notice.
  }
}

export interface NoticeFormState {
  draft: NoticeDraft | null;
  errors: NoticeErrors;
  setErrors: (errors: NoticeErrors) => void;
  /** Set when a new notice's form came back from storage (and whether its uploads had to be dropped). */
  restored: { filesDropped: boolean } | null;
  update: (patch: (d: NoticeDraft) => Partial<NoticeDraft>, clear?: string[]) => void;
  /** Writes a new notice's form with its key now: called before every attempt to publish. */
  keep: () => void;
  /** Start over: an empty form with a new key. */
  discard: () => void;
  /** The notice exists: forget the form. */
  finish: () => void;
}

/**
 * The form of a new notice (kept in storage while it is filled in, key included, so nothing is lost and a
 * retry publishes once) or of an edit (filled from the notice, never kept: the notice itself is the record).
 */
export function useNoticeForm(userId: string | undefined, editing: NoticeDetail | undefined, isEdit: boolean): NoticeFormState {
  const [draft, setDraft] = useState<NoticeDraft | null>(null);
  const [errors, setErrors] = useState<NoticeErrors>({});
  const [restored, setRestored] = useState<{ filesDropped: boolean } | null>(null);
  const latest = useRef<NoticeDraft | null>(null);
  latest.current = draft;
  const done = useRef(false);
  const persistent = !isEdit;

  useEffect(() => {
    if (isEdit) {
      if (editing) setDraft((d) => d ?? draftFromDetail(editing, Date.now()));
      return;
    }
    if (!userId) return;
    let kept: ReturnType<typeof restoreNoticeDraft> = null;
    try {
      kept = restoreNoticeDraft(Taro.getStorageSync(keyOf(userId)), Date.now());
    } catch {
      kept = null;
    }
    if (kept && !isBlankNotice(kept.draft)) {
      setDraft(kept.draft);
      setRestored({ filesDropped: kept.filesDropped });
    } else {
      setDraft(emptyNoticeDraft(Date.now()));
    }
  }, [userId, editing, isEdit]);

  useEffect(() => {
    if (!persistent || !userId || !draft || done.current) return;
    const t = setTimeout(() => save(userId, draft), 400);
    return () => clearTimeout(t);
  }, [draft, userId, persistent]);

  // Leaving the page within the debounce still keeps the last change.
  useEffect(
    () => () => {
      if (persistent && userId && latest.current && !done.current) save(userId, latest.current);
    },
    [userId, persistent],
  );

  const update = useCallback((patch: (d: NoticeDraft) => Partial<NoticeDraft>, clear: string[] = []) => {
    setDraft((d) => (d ? { ...d, ...patch(d) } : d));
    if (clear.length) {
      setErrors((e) => {
        if (!clear.some((k) => k in e)) return e;
        const next = { ...e };
        clear.forEach((k) => delete next[k]);
        return next;
      });
    }
  }, []);

  const keep = useCallback(() => {
    if (persistent && userId && latest.current) save(userId, latest.current);
  }, [userId, persistent]);

  const discard = useCallback(() => {
    if (userId) forget(userId);
    setDraft(emptyNoticeDraft(Date.now()));
    setRestored(null);
    setErrors({});
  }, [userId]);

  const finish = useCallback(() => {
    done.current = true;
    if (persistent && userId) forget(userId);
  }, [userId, persistent]);

  return { draft, errors, setErrors, restored, update, keep, discard, finish };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, loadDraft, saveDraft, type DraftKind } from './draft-store';
import { emptyDraft, isBlank, type DraftErrors, type RequestDraft } from './request-draft';

export interface DraftState {
  draft: RequestDraft | null;
  errors: DraftErrors;
  setErrors: (errors: DraftErrors) => void;
  /** Set when the form came back from storage (and whether its photos had to be dropped). */
  restored: { photosDropped: boolean } | null;
  update: (patch: (d: RequestDraft) => Partial<RequestDraft>, clear?: string[]) => void;
  /** Writes the draft with its key now: called before every attempt to send. */
  keep: () => void;
  /** Start over: an empty form with a new key. */
  discard: () => void;
  /** The request exists: forget the draft and keep nothing more. */
  finish: () => void;
}

/**
 * The form of a new request, kept in storage while it is being filled in (a moment after each change, and
 * when the page closes), so that closing the app or losing the network loses nothing — the idempotency key
 * included, so a retry later still creates only one request.
 */
export function useRequestDraft(kind: DraftKind, userId: string | undefined, init?: (d: RequestDraft) => RequestDraft): DraftState {
  const [draft, setDraft] = useState<RequestDraft | null>(null);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [restored, setRestored] = useState<{ photosDropped: boolean } | null>(null);
  const latest = useRef<RequestDraft | null>(null);
  latest.current = draft;
  const done = useRef(false);
  const initRef = useRef(init);
  initRef.current = init;

  useEffect(() => {
    if (!userId) return;
    const kept = loadDraft(kind, userId);
    if (kept) {
      setDraft(kept.draft);
      setRestored({ photosDropped: kept.photosDropped });
    } else {
      const fresh = emptyDraft();
      setDraft(initRef.current ? initRef.current(fresh) : fresh);
    }
  }, [kind, userId]);

  const persist = useCallback(
    (d: RequestDraft | null) => {
      if (!d || !userId || done.current) return;
      if (isBlank(d)) clearDraft(kind, userId);
      else saveDraft(kind, userId, d);
    },
    [kind, userId],
  );

  useEffect(() => {
    const t = setTimeout(() => persist(draft), 400);
    return () => clearTimeout(t);
  }, [draft, persist]);

  // Leaving the page within the debounce still keeps the last change.
  useEffect(() => () => persist(latest.current), [persist]);

  const update = useCallback((patch: (d: RequestDraft) => Partial<RequestDraft>, clear: string[] = []) => {
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
    if (latest.current && userId) saveDraft(kind, userId, latest.current);
  }, [kind, userId]);

  const discard = useCallback(() => {
    if (userId) clearDraft(kind, userId);
    const fresh = emptyDraft();
    setDraft(initRef.current ? initRef.current(fresh) : fresh);
    setRestored(null);
    setErrors({});
  }, [kind, userId]);

  const finish = useCallback(() => {
    done.current = true;
    if (userId) clearDraft(kind, userId);
  }, [kind, userId]);

  return { draft, errors, setErrors, restored, update, keep, discard, finish };
}

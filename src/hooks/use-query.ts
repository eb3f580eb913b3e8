import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';

export interface QueryState<T> {
  data: T | undefined;
  /** True until the first answer (or error) arrives; reloads keep showing the data they have. */
  loading: boolean;
  /** True while any load is under way, the first one included. */
  fetching: boolean;
  error: unknown;
  /** Loads again; resolves when done (errors are kept in `error`, not thrown). */
  reload: () => Promise<void>;
  /** Replaces the data with a value the caller got elsewhere (e.g. the reply of a write). */
  setData: (data: T) => void;
}

export interface QueryOptions {
  /** Skip loading until this is true (e.g. a required query parameter is known). */
  enabled?: boolean;
  /** Reload on the page's pull-down (the page config must set `enablePullDownRefresh: true`). */
  pullToRefresh?: boolean;
  /** Reload quietly each time the page is shown again (a tab page after a change made elsewhere). */
  reloadOnShow?: boolean;
}

/**
 * Loads once on mount and whenever `key` changes. A reply that arrives after a newer load started,
 * or after the page is gone, is dropped so it cannot overwrite fresher data.
 */
export function useQuery<T>(key: string, load: () => Promise<T>, options: QueryOptions = {}): QueryState<T> {
  const { enabled = true, pullToRefresh = false, reloadOnShow = false } = options;
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(enabled);
  const [fetching, setFetching] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setFetching(true);
    try {
      const value = await loadRef.current();
      if (!alive.current || mine !== seq.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (!alive.current || mine !== seq.current) return;
      setError(e);
    } finally {
      if (alive.current && mine === seq.current) {
        setFetching(false);
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (!enabled) return;
    setLoading(true);
    void reload();
  }, [key, enabled, reload]);

  const shownBefore = useRef(false);
  useDidShow(() => {
    // The first show is the mount, which already loads.
    if (!shownBefore.current) {
      shownBefore.current = true;
      return;
    }
    if (reloadOnShow && enabled) void reload();
  });

  usePullDownRefresh(() => {
    if (!pullToRefresh) {
      Taro.stopPullDownRefresh();
      return;
    }
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return { data, loading, fetching, error, reload, setData };
}

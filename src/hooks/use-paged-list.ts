import { useCallback, useEffect, useRef, useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import { useQuery, type QueryOptions } from './use-query';

export interface Paged<T> {
  items: T[];
  next: string | null;
}

export interface PagedListState<T, P extends Paged<T>> {
  /** The first page as it arrived (carries extras such as a total). */
  first: P | undefined;
  items: T[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A cursor-paged list: the first page loads like any query (pull to refresh, reload on show), the next
 * pages append when the person scrolls to the bottom or taps 加载更多. A reload starts again from the top.
 * `merge` joins pages (e.g. dropping an item that moved from one page to the next).
 */
export function usePagedList<T, P extends Paged<T>>(
  key: string,
  loadPage: (cursor?: string) => Promise<P>,
  options: QueryOptions & { merge?: (items: T[], next: T[]) => T[] } = {},
): PagedListState<T, P> {
  const { merge = (a: T[], b: T[]) => [...a, ...b], ...queryOptions } = options;
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const q = useQuery<P>(key, () => loadRef.current(), { pullToRefresh: true, ...queryOptions });
  const [extra, setExtra] = useState<{ items: T[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const busy = useRef(false);

  // A fresh first page (a reload or a new key) replaces whatever had been appended to the old one.
  useEffect(() => {
    setExtra(null);
    setMoreError(null);
  }, [q.data]);

  const first = q.data;
  const items = first ? (extra ? merge(first.items, extra.items) : first.items) : [];
  const cursor = extra ? extra.next : (first?.next ?? null);

  const mergeRef = useRef(merge);
  mergeRef.current = merge;
  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return;
    busy.current = true;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await loadRef.current(cursor);
      setExtra((e) => ({ items: e ? mergeRef.current(e.items, page.items) : page.items, next: page.next }));
    } catch (e) {
      setMoreError(e);
    } finally {
      busy.current = false;
      setLoadingMore(false);
    }
  }, [cursor]);

  useReachBottom(() => {
    if (!moreError) void loadMore();
  });

  return { first, items, loading: q.loading, error: q.error, hasMore: Boolean(cursor), loadingMore, moreError, reload: q.reload, loadMore };
}

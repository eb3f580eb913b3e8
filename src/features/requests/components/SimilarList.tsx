import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SimilarSuggestion } from '@core/api/request.contract';
import { normalizeText, SIMILAR_MIN_TEXT } from '@core/requests/similar';
import ActionButton from '../../../components/ActionButton';
import { messageOf } from '../../../lib/cloud/call-error';
import { requestApi } from '../api';
import { formatDateTime } from '../request-view';

interface Props {
  categoryId: string | null;
  description: string;
  now: number;
  /** The resident tapped 同问 and it went through: the form hands over to the request they now follow. */
  onFollowed: (id: string) => void;
}

/** Waits for typing to pause before asking (one call per pause, not per keystroke). */
const PAUSE_MS = 700;

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'done'; items: SimilarSuggestion[] }
  | { kind: 'error'; message: string };

/**
 * 附近已有相似诉求: once a category is chosen and a few characters written, the open requests of that category
 * in the resident's building or grid from the last 30 days — excerpts only, never who reported them. 同问 joins
 * one of them instead of filing the same problem again.
 */
export default function SimilarList({ categoryId, description, now, onFollowed }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [joining, setJoining] = useState<string | null>(null);
  const asked = useRef('');
  const ready = Boolean(categoryId) && Array.from(normalizeText(description)).length >= SIMILAR_MIN_TEXT;

  useEffect(() => {
    if (!ready || !categoryId) {
      setState({ kind: 'idle' });
      asked.current = '';
      return undefined;
    }
    const key = `${categoryId}\n${description.trim()}`;
    if (key === asked.current) return undefined;
    const timer = setTimeout(() => {
      asked.current = key;
      setState((s) => (s.kind === 'done' ? s : { kind: 'loading' }));
      requestApi
        .similar(categoryId, description.trim())
        .then((r) => {
          if (asked.current === key) setState({ kind: 'done', items: r.items });
        })
        .catch((e: unknown) => {
          if (asked.current === key) setState({ kind: 'error', message: messageOf(e) });
        });
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [ready, categoryId, description]);

  async function join(s: SimilarSuggestion) {
    if (joining) return;
    const ok = await Taro.showModal({
      title: '同问这条诉求？',
      content: '同问后不再新建诉求：网格员会看到又多了一位居民反映，办理进展和结果会通知您，办结后您也可以评价。',
      confirmText: '同问',
      cancelText: '再看看',
    });
    if (!ok.confirm) return;
    setJoining(s.id);
    try {
      await requestApi.metoo(s.id);
      onFollowed(s.id);
    } catch (e) {
      void Taro.showModal({ title: '没有同问成功', content: messageOf(e), showCancel: false });
    } finally {
      setJoining(null);
    }
  }

  if (state.kind === 'idle') return null;
  return (
    <View className="section rq-similar e2e-similar">
      <Text className="section__title">附近已有相似诉求</Text>
      {state.kind === 'loading' && <Text className="section__hint e2e-similar-loading">正在查找附近的相似诉求…</Text>}
      {state.kind === 'error' && <Text className="section__hint e2e-similar-error">暂时查不到相似诉求（{state.message}），可以直接提交。</Text>}
      {state.kind === 'done' && state.items.length === 0 && (
        <Text className="section__hint e2e-similar-empty">附近最近没有同类的未办结诉求，请继续填写并提交。</Text>
      )}
      {state.kind === 'done' && state.items.length > 0 && (
        <>
          <Text className="section__hint">如果是同一个问题，点「同问」即可，不用重复提交。</Text>
          {state.items.map((s) => (
            <View key={s.id} className="rq-similar__item e2e-similar-item">
              <View className="rq-item__head">
                <Text className="rq-item__cat">{s.categoryName}</Text>
                <Text className="tag tag--primary">{s.statusLabel}</Text>
              </View>
              <Text className="rq-item__excerpt e2e-similar-excerpt">{s.excerpt}</Text>
              <View className="rq-similar__foot">
                <View className="rq-item__meta">
                  <Text className="e2e-similar-place">{s.placeLabel}</Text>
                  <Text>{formatDateTime(s.createdAt, now)}</Text>
                  {s.followerCount > 0 && <Text>已有{s.followerCount}人同问</Text>}
                </View>
                <ActionButton type="primary" size="small" loading={joining === s.id} disabled={Boolean(joining) && joining !== s.id} className="e2e-metoo" onClick={() => void join(s)}>
                  同问
                </ActionButton>
              </View>
            </View>
          ))}
        </>
      )}
    </View>
  );
}

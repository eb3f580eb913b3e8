import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { RequestDetail } from '@core/api/request.contract';
import ActionButton from '../../../components/ActionButton';
import { ErrorState } from '../../../components/StateViews';
import { useQuery } from '../../../hooks/use-query';
import { messageOf } from '../../../lib/cloud/call-error';
import { requestApi } from '../api';
import { formatDateTime } from '../request-view';
import Sheet from './Sheet';

interface Props {
  detail: RequestDetail;
  now: number;
  onClose: () => void;
  onMerged: (next: RequestDetail) => void;
}

/**
 * 合并到…: staff pick the request this duplicate goes into — from the similar open requests of its grid, or
 * by its 诉求编号 — and confirm. The duplicate's reporter then follows that request (同问).
 */
export default function MergeSheet({ detail, now, onClose, onMerged }: Props) {
  const candidates = useQuery(`merge-candidates-${detail.id}`, () => requestApi.mergeCandidates(detail.id));
  const [target, setTarget] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const chosen = typed.trim() || target;

  async function confirm() {
    if (sending) return;
    if (!chosen) {
      setError('请选择要合并到的诉求，或输入诉求编号');
      return;
    }
    const ok = await Taro.showModal({
      title: '确认合并？',
      content: '这条诉求将标记为「已合并」，不再单独办理和计入考核；反映人会收到通知，并以「同问」身份跟进合并后的诉求。',
      confirmText: '确认合并',
      cancelText: '取消',
    });
    if (!ok.confirm) return;
    setSending(true);
    setError(null);
    try {
      onMerged(await requestApi.merge({ id: detail.id, version: detail.version }, chosen));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <Sheet
      title="合并到其他诉求"
      className="e2e-merge-sheet"
      onClose={onClose}
      footer={
        <ActionButton type="primary" size="large" block loading={sending} className="e2e-merge-confirm" onClick={() => void confirm()}>
          合并
        </ActionButton>
      }
    >
      <Text className="section__hint">同一网格同类别、30天内仍在办理的相似诉求：</Text>
      {candidates.loading && <Text className="section__hint e2e-merge-loading">正在查找相似诉求…</Text>}
      {candidates.error ? <ErrorState error={candidates.error} onRetry={() => void candidates.reload()} /> : null}
      {candidates.data && candidates.data.items.length === 0 && <Text className="section__hint e2e-merge-empty">没有找到相似的诉求，可以输入诉求编号。</Text>}
      {candidates.data?.items.map((c) => (
        <View
          key={c.id}
          className={`rq-choice rq-choice--block rq-similar__item e2e-merge-candidate ${target === c.id && !typed.trim() ? 'rq-choice--on e2e-on' : ''}`}
          onClick={() => {
            setTarget(c.id);
            setTyped('');
            setError(null);
          }}
        >
          <View>
            <Text className="rq-item__cat">{c.categoryName} · {c.statusLabel}</Text>
            <Text className="rq-item__excerpt">{c.excerpt}</Text>
            <Text className="rq-choice__sub">
              {c.placeLabel} · {formatDateTime(c.createdAt, now)}
              {c.followerCount > 0 ? ` · 已有${c.followerCount}人同问` : ''}
            </Text>
          </View>
        </View>
      ))}
      <Text className="section__hint">或输入诉求编号（在诉求详情「办理信息」中）：</Text>
      <Input className="rq-merge-input e2e-merge-id" value={typed} placeholder="诉求编号" onInput={(e) => setTyped(e.detail.value)} />
      {error && <Text className="rq-form-error e2e-merge-error">{error}</Text>}
    </Sheet>
  );
}

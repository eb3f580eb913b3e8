import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AuditRowView } from '@core/api/people.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { messageOf } from '../../../../lib/cloud/call-error';
import { peopleApi } from '../../api';
import { shortTime } from '../../people-view';
import '../../people.scss';

/** 操作记录: the street's append-only audit log, newest first, in words (who, when, what, before → after). */
export default function PeopleAuditPage() {
  const q = useQuery('people-audit', () => peopleApi.audit(), { pullToRefresh: true, reloadOnShow: true });
  const [more, setMore] = useState<{ rows: AuditRowView[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const rows = [...(q.data?.entries ?? []), ...(more?.rows ?? [])];
  const next = more ? more.next : (q.data?.next ?? null);

  async function loadMore() {
    if (!next) return;
    setLoadingMore(true);
    try {
      const r = await peopleApi.audit(next);
      setMore({ rows: [...(more?.rows ?? []), ...r.entries], next: r.next });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <PageShell
      className="people-audit"
      loading={q.loading}
      skeleton="list"
      error={q.error}
      hasContent={Boolean(q.data)}
      onRetry={() => {
        setMore(null);
        void q.reload();
      }}
      empty={q.data && rows.length === 0 && { title: '还没有操作记录', description: '邀请、激活、停用工作人员后会记录在这里。' }}
    >
      <View className="e2e-audit-list">
        {rows.map((r) => (
          <View key={r.id} className="people-item e2e-audit-row">
            <Text className="audit-row__what">
              {r.actionLabel}
              {r.targetName ? `：${r.targetName}` : ''}
            </Text>
            <Text className="audit-row__summary">
              {shortTime(r.at)} · {r.actorName}
            </Text>
            {r.summary && <Text className="audit-row__summary e2e-audit-summary">{r.summary}</Text>}
          </View>
        ))}
      </View>
      {next && (
        <ActionButton block loading={loadingMore} className="people-more e2e-audit-more" onClick={() => void loadMore()}>
          加载更多
        </ActionButton>
      )}
    </PageShell>
  );
}

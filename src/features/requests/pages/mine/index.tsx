import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RequestPage, RequestSummary } from '@core/api/request.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { EmptyState } from '../../../../components/StateViews';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { ROUTES } from '../../../../lib/routes';
import { requestApi } from '../../api';
import ListFooter from '../../components/ListFooter';
import RequestItem from '../../components/RequestItem';
import { mergePages } from '../../request-view';
import '../../components/requests.scss';

type MineList = 'filed' | 'following';
const LIST_LABELS: Record<MineList, string> = { filed: '我反映的', following: '我同问的' };

/** 我的诉求: what the resident reported, newest first, with where each one stands; 我同问的: what they follow. */
export default function MyRequestsPage() {
  const [which, setWhich] = useState<MineList>('filed');
  const list = usePagedList<RequestSummary, RequestPage>(`request-mine-${which}`, (cursor) => requestApi.mine(cursor, which), { reloadOnShow: true, merge: mergePages });
  const now = useNow();
  const newRequest = () => void Taro.navigateTo({ url: ROUTES.requestSubmit });

  return (
    <PageShell
      className="rq-mine"
      loading={list.loading}
      skeleton="list"
      error={list.error}
      hasContent={Boolean(list.first)}
      onRetry={() => void list.reload()}
      footer={
        list.items.length > 0 && (
          <ActionButton type="primary" size="large" block className="e2e-mine-submit" onClick={newRequest}>
            我要反映
          </ActionButton>
        )
      }
    >
      <View className="rq-tabs e2e-mine-tabs">
        {(['filed', 'following'] as const).map((t) => (
          <Text key={t} className={`rq-tab e2e-mine-tab-${t} ${t === which ? 'rq-tab--on e2e-tab-on' : ''}`} onClick={() => setWhich(t)}>
            {LIST_LABELS[t]}
          </Text>
        ))}
      </View>
      {/* Under the tabs, not instead of them: a resident who filed nothing may still follow requests. */}
      {which === 'filed' && list.first && list.items.length === 0 && (
        <EmptyState title="还没有反映过问题" icon="诉" description="遇到噪音扰民、设施损坏、安全隐患等问题，都可以在这里告诉网格员。">
          <ActionButton type="primary" size="large" block className="e2e-empty-submit" onClick={newRequest}>
            我要反映
          </ActionButton>
        </EmptyState>
      )}
      {which === 'following' && list.first && list.items.length === 0 && (
        <Text className="section__hint e2e-following-empty">您还没有同问过诉求。写诉求时如果附近已有同样的问题，点「同问」就会出现在这里。</Text>
      )}
      <View className="rq-list e2e-request-list">
        {list.items.map((item) => (
          <RequestItem key={item.id} item={item} now={now} />
        ))}
      </View>
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} count={list.items.length} />
    </PageShell>
  );
}

import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { RequestPage, RequestSummary } from '@core/api/request.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { ROUTES } from '../../../../lib/routes';
import { requestApi } from '../../api';
import ListFooter from '../../components/ListFooter';
import RequestItem from '../../components/RequestItem';
import { mergePages } from '../../request-view';
import '../../components/requests.scss';

/** 我的诉求: what the resident reported, newest first, with where each one stands. */
export default function MyRequestsPage() {
  const list = usePagedList<RequestSummary, RequestPage>('request-mine', (cursor) => requestApi.mine(cursor), { reloadOnShow: true, merge: mergePages });
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
      empty={
        list.first &&
        list.items.length === 0 && {
          title: '还没有反映过问题',
          icon: '诉',
          description: '遇到噪音扰民、设施损坏、安全隐患等问题，都可以在这里告诉网格员。',
          actions: (
            <ActionButton type="primary" size="large" block className="e2e-empty-submit" onClick={newRequest}>
              我要反映
            </ActionButton>
          ),
        }
      }
      footer={
        list.items.length > 0 && (
          <ActionButton type="primary" size="large" block className="e2e-mine-submit" onClick={newRequest}>
            我要反映
          </ActionButton>
        )
      }
    >
      <View className="rq-list e2e-request-list">
        {list.items.map((item) => (
          <RequestItem key={item.id} item={item} now={now} />
        ))}
      </View>
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} count={list.items.length} />
    </PageShell>
  );
}

import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import type { RequestPage, RequestSummary } from '@core/api/request.contract';
import { REQUEST_STATUSES, STATUS_LABELS, type RequestStatus } from '@core/requests/request.status';
import PageShell from '../../../../components/PageShell';
import { ErrorState } from '../../../../components/StateViews';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useQuery } from '../../../../hooks/use-query';
import { requestApi } from '../../../requests/api';
import ListFooter from '../../../requests/components/ListFooter';
import RequestItem from '../../../requests/components/RequestItem';
import ToggleRow from '../../../requests/components/ToggleRow';
import { mergePages } from '../../../requests/request-view';
import Chips from '../../components/Chips';
import { NO_FILTER, QUICK_RANGE_LABELS, communitiesOf, matchingRange, quickRange, toStreetFilter, type OverviewFilter, type QuickRange } from '../../overview-filter';
import '../../../requests/components/requests.scss';

async function loadOptions() {
  const [grids, categories] = await Promise.all([requestApi.grids(), requestApi.categories()]);
  return { grids, categories };
}

const RANGES: QuickRange[] = ['all', '7d', '30d', 'month'];

/** 诉求总览: every request of the street (street staff) or the community (community staff), filtered. */
export default function OverviewPage() {
  const options = useQuery('overview-options', loadOptions);
  const [filter, setFilter] = useState<OverviewFilter>(NO_FILTER);
  const now = useNow();
  const list = usePagedList<RequestSummary, RequestPage & { total: number }>(
    `overview-${JSON.stringify(filter)}`,
    (cursor) => requestApi.streetList({ ...toStreetFilter(filter), ...(cursor ? { cursor } : {}) }),
    { reloadOnShow: true, merge: mergePages },
  );

  const communities = communitiesOf(options.data?.grids ?? []);
  const community = communities.length === 1 ? communities[0] : communities.find((c) => c.id === filter.communityId);
  const set = (patch: Partial<OverviewFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const range = matchingRange(filter, now);

  return (
    <PageShell className="overview" loading={options.loading} skeleton="list" error={options.error} hasContent={Boolean(options.data)} onRetry={() => void options.reload()}>
      {options.data && (
        <>
          <View className="section rq-filters e2e-filters">
            {communities.length > 1 && (
              <View className="rq-filter">
                <Text className="rq-filter__label">社区</Text>
                <Chips
                  className="e2e-filter-community"
                  value={filter.communityId}
                  options={[{ value: null, label: '全部社区' }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
                  onChange={(communityId) => set({ communityId, gridId: null })}
                />
              </View>
            )}
            {community && (
              <View className="rq-filter">
                <Text className="rq-filter__label">网格</Text>
                <Chips
                  className="e2e-filter-grid"
                  value={filter.gridId}
                  options={[{ value: null, label: '全部网格' }, ...community.grids.map((g) => ({ value: g.id, label: g.name }))]}
                  onChange={(gridId) => set({ gridId })}
                />
              </View>
            )}
            <View className="rq-filter">
              <Text className="rq-filter__label">类别</Text>
              <Chips
                className="e2e-filter-category"
                value={filter.categoryId}
                options={[{ value: null, label: '全部类别' }, ...options.data.categories.map((c) => ({ value: c.id, label: c.name }))]}
                onChange={(categoryId) => set({ categoryId })}
              />
            </View>
            {!filter.overdue && (
              <View className="rq-filter">
                <Text className="rq-filter__label">状态</Text>
                <Chips<RequestStatus>
                  className="e2e-filter-status"
                  value={filter.status}
                  options={[{ value: null, label: '全部状态' }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
                  onChange={(status) => set({ status })}
                />
              </View>
            )}
            <View className="rq-filter">
              <Text className="rq-filter__label">提交时间</Text>
              <Chips<QuickRange>
                className="e2e-filter-range"
                value={range}
                options={RANGES.map((r) => ({ value: r, label: QUICK_RANGE_LABELS[r] }))}
                onChange={(r) => set(quickRange(r ?? 'all', now))}
              />
              <View className="rq-dates">
                <Picker mode="date" value={filter.from ?? ''} end={filter.to ?? undefined} onChange={(e) => set({ from: String(e.detail.value) })}>
                  <Text className="rq-date e2e-filter-from">{filter.from ?? '开始日期'}</Text>
                </Picker>
                <Text className="rq-dates__sep">至</Text>
                <Picker mode="date" value={filter.to ?? ''} start={filter.from ?? undefined} onChange={(e) => set({ to: String(e.detail.value) })}>
                  <Text className="rq-date e2e-filter-to">{filter.to ?? '结束日期'}</Text>
                </Picker>
              </View>
            </View>
            <ToggleRow className="e2e-filter-overdue" text="只看超期的诉求" on={filter.overdue} onChange={(overdue) => set({ overdue })} />
          </View>

          {list.error && !list.first ? (
            <ErrorState error={list.error} onRetry={() => void list.reload()} />
          ) : (
            <>
              <Text className="rq-total">
                共<Text className="rq-total__num e2e-total">{list.first ? list.first.total : '…'}</Text>条
                {list.loading ? '（正在查询）' : ''}
              </Text>
              {list.first && list.items.length === 0 ? (
                <View className="state e2e-empty">
                  <Text className="state__title">没有符合条件的诉求</Text>
                  <Text className="state__desc">可以换个筛选条件试试</Text>
                </View>
              ) : (
                <View className="rq-list e2e-request-list">
                  {list.items.map((item) => (
                    <RequestItem key={item.id} item={item} now={now} showGrid />
                  ))}
                </View>
              )}
              <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} count={list.items.length} />
            </>
          )}
        </>
      )}
    </PageShell>
  );
}

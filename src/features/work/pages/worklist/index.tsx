import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { WORKLIST_TAB_LABELS, WORKLIST_TABS, type RequestPage, type RequestSummary, type WorklistTab } from '@core/api/request.contract';
import { can } from '@core/people/permission';
import ActionButton from '../../../../components/ActionButton';
import ConsentButton from '../../../../components/ConsentButton';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES } from '../../../../lib/routes';
import { accountApi } from '../../../account/api';
import { actorOf } from '../../../account/me-view';
import { requestApi } from '../../../requests/api';
import ListFooter from '../../../requests/components/ListFooter';
import RequestItem from '../../../requests/components/RequestItem';
import { byDeadline, mergePages } from '../../../requests/request-view';
import { canFile, tabsFor } from '../../worklist-tabs';
import '../../../requests/components/requests.scss';

/** Tabs whose requests run against a deadline are worked earliest deadline first. */
const BY_NEWEST: WorklistTab[] = ['done', 'review'];

const EMPTY_TEXT: Record<WorklistTab, string> = {
  new: '没有待受理的诉求',
  mine: '没有正在处理的诉求',
  overdue: '没有超期的诉求，继续保持',
  done: '还没有办结的诉求',
  verify: '没有需要社区核查的诉求',
  dispatched: '没有派遣给社区的诉求',
  review: '没有待审核的诉求',
};

function isTab(v: string | undefined): v is WorklistTab {
  return typeof v === 'string' && (WORKLIST_TABS as readonly string[]).includes(v);
}

/** 诉求工作台: a grid worker's and community staff's queue, one tab per step that needs them. */
export default function WorklistPage() {
  const { params } = useRouter();
  const me = useQuery('me', accountApi.me);
  const tabs = me.data ? tabsFor(me.data) : [];
  const [picked, setPicked] = useState<WorklistTab | null>(isTab(params.tab) ? params.tab : null);
  const tab = picked && tabs.includes(picked) ? picked : (tabs[0] ?? null);
  const list = usePagedList<RequestSummary, RequestPage>(`worklist-${tab}`, (cursor) => requestApi.worklist(tab ?? 'new', cursor), {
    enabled: Boolean(tab),
    reloadOnShow: true,
    merge: mergePages,
  });
  const now = useNow();
  const items = tab && !BY_NEWEST.includes(tab) ? [...list.items].sort(byDeadline) : list.items;
  const worker = me.data ? canFile(me.data) : false;
  // Handlers who may also see the whole community's requests get 诉求总览 here too.
  const staff = me.data ? can(actorOf(me.data), 'request.handle') && can(actorOf(me.data), 'request.list_street') : false;

  return (
    <PageShell
      className="worklist"
      loading={me.loading || (Boolean(tab) && list.loading)}
      skeleton="list"
      error={me.error ?? list.error}
      hasContent={Boolean(me.data && list.first)}
      onRetry={() => void (me.error ? me.reload() : list.reload())}
      empty={me.data && tabs.length === 0 && { title: '您没有需要处理的诉求', description: '诉求工作台供网格员和社区工作人员使用。' }}
    >
      {(worker || staff) && (
        <View className="rq-actions worklist-entries">
          {worker && (
            <ActionButton type="primary" size="large" className="e2e-file-entry" onClick={() => void Taro.navigateTo({ url: ROUTES.requestFile })}>
              巡查上报
            </ActionButton>
          )}
          {staff && (
            <ActionButton type="ghost" size="large" className="e2e-overview-entry" onClick={() => void Taro.navigateTo({ url: ROUTES.requestOverview })}>
              诉求总览
            </ActionButton>
          )}
        </View>
      )}
      {(worker || staff) && <ConsentButton moment="on_duty" block showCredits className="worklist-duty" />}
      {tabs.length > 0 && (
        <ScrollView scrollX className="rq-tabs e2e-tabs">
          {tabs.map((t) => (
            <Text key={t} className={`rq-tab e2e-tab-${t} ${t === tab ? 'rq-tab--on e2e-tab-on' : ''}`} onClick={() => setPicked(t)}>
              {WORKLIST_TAB_LABELS[t]}
            </Text>
          ))}
        </ScrollView>
      )}
      {tab && list.first && items.length === 0 ? (
        <View className="state e2e-empty">
          <Text className="state__title">{EMPTY_TEXT[tab]}</Text>
          <Text className="state__desc">下拉可以刷新</Text>
        </View>
      ) : (
        <View className="rq-list e2e-request-list">
          {items.map((item) => (
            <RequestItem key={item.id} item={item} now={now} showGrid />
          ))}
        </View>
      )}
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} count={items.length} />
    </PageShell>
  );
}

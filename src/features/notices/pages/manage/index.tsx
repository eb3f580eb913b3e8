import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeManageItem } from '@core/api/notice.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { ROUTES, withQuery } from '../../../../lib/routes';
import ListFooter from '../../../requests/components/ListFooter';
import { noticeApi, type ManagePage } from '../../api';
import CoverageBar from '../../components/CoverageBar';
import { stateTone, timeText } from '../../notice-view';
import '../../components/notices.scss';

function ManageItem({ n, now }: { n: NoticeManageItem; now: number }) {
  const open = () => void Taro.navigateTo({ url: withQuery(ROUTES.noticeDetail, { id: n.id }) });
  return (
    <View id={`manage-${n.id}`} className={`nt-mitem e2e-manage-item ${n.urgent ? 'nt-mitem--urgent' : ''}`}>
      <View className="nt-mitem__main" hoverClass="nt-mitem--pressed" onClick={open}>
        <View className="nt-head__tags">
          <Text className={`tag nt-tag--${stateTone(n.state)} e2e-manage-state`}>{n.stateLabel}</Text>
          {n.urgent && <Text className="tag nt-tag--urgent">紧急</Text>}
          {n.pinned && <Text className="tag tag--primary">置顶</Text>}
          {n.requireAck && <Text className="tag nt-tag--warning">需确认</Text>}
          <Text className="tag">{n.categoryLabel}</Text>
        </View>
        <Text className="nt-mitem__title e2e-manage-title">{n.title}</Text>
        <Text className="nt-mitem__meta">
          {n.state === 'scheduled' ? '定于' : ''}
          {timeText(n.publishAt, now)}
          {n.state === 'scheduled' ? '发布' : ''} · {n.publisherLabel}
        </Text>
        <Text className="nt-mitem__meta">范围：{n.scopeText}</Text>
      </View>
      {n.coverage && (
        <CoverageBar
          row={n.coverage}
          requireAck={n.requireAck}
          className="nt-mitem__cov e2e-manage-coverage"
          onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.noticeCoverage, { id: n.id }) })}
        />
      )}
    </View>
  );
}

/**
 * 通知管理: the notices touching the places this person looks after (any state), newest first, each with
 * its 到户率 there. Publishing starts from here.
 */
export default function NoticeManagePage() {
  const list = usePagedList<NoticeManageItem, ManagePage>('notice-manage', (cursor) => noticeApi.manageList(cursor), { reloadOnShow: true });
  const now = useNow();
  const publish = () => void Taro.navigateTo({ url: ROUTES.noticePublish });
  return (
    <PageShell
      className="nt-manage"
      loading={list.loading}
      skeleton="list"
      error={list.error}
      hasContent={Boolean(list.first)}
      onRetry={() => void list.reload()}
      empty={
        list.first &&
        list.items.length === 0 && {
          title: '还没有通知',
          icon: '通',
          description: '发布后，居民在「通知」里就能看到；这里会显示每条通知的到户率和未到户的住户。',
          actions: (
            <ActionButton type="primary" size="large" block className="e2e-empty-publish" onClick={publish}>
              发布通知
            </ActionButton>
          ),
        }
      }
      footer={
        list.items.length > 0 && (
          <ActionButton type="primary" size="large" block className="e2e-publish-new" onClick={publish}>
            发布通知
          </ActionButton>
        )
      }
    >
      <View className="e2e-manage-list">
        {list.items.map((n) => (
          <ManageItem key={n.id} n={n} now={now} />
        ))}
      </View>
      <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} count={list.items.length} />
    </PageShell>
  );
}

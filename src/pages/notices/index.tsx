import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeFeed, NoticeFeedItem } from '@core/api/notice.contract';
import ActionButton from '../../components/ActionButton';
import PageShell from '../../components/PageShell';
import { accountApi } from '../../features/account/api';
import { isStaff } from '../../features/account/me-view';
import { messageTime } from '../../features/messages/message-time';
import { noticeApi } from '../../features/notices/api';
import { extrasText, feedTags } from '../../features/notices/feed-view';
import { showNoticeBadge } from '../../features/notices/tab-badge';
import { useNow } from '../../hooks/use-now';
import { usePagedList } from '../../hooks/use-paged-list';
import { useQuery } from '../../hooks/use-query';
import { isCallError, messageOf } from '../../lib/cloud/call-error';
import { needsSignIn } from '../../lib/cloud/session';
import { ROUTES, withQuery } from '../../lib/routes';
import { goToSignIn } from '../../lib/sign-in';
import './index.scss';

function NoticeRow({ n, read, now, onOpen }: { n: NoticeFeedItem; read: boolean; now: number; onOpen: () => void }) {
  const tags = feedTags({ ...n, read: n.read || read });
  const extras = extrasText(n);
  const unread = !n.read && !read;
  return (
    <View
      id={`notice-${n.id}`}
      className={['nf-item', 'e2e-notice', unread ? 'nf-item--unread e2e-notice-unread' : '', n.urgent ? 'nf-item--urgent' : ''].filter(Boolean).join(' ')}
      hoverClass="nf-item--pressed"
      onClick={onOpen}
    >
      <View className="nf-item__head">
        {unread && <View className="nf-item__dot" ariaLabel="未读" />}
        <Text className="nf-item__title e2e-notice-title">{n.title}</Text>
      </View>
      <View className="nf-item__tags">
        {tags.map((t) => (
          <Text key={t.key} className={`tag nf-tag nf-tag--${t.tone} e2e-notice-${t.key}`}>
            {t.text}
          </Text>
        ))}
        <Text className="tag">{n.categoryLabel}</Text>
      </View>
      {n.excerpt ? <Text className="nf-item__excerpt">{n.excerpt}</Text> : null}
      <View className="nf-item__meta">
        <Text className="nf-item__from">{n.publisherLabel}</Text>
        <Text>{messageTime(n.publishedAt, now)}</Text>
        {extras ? <Text>{extras}</Text> : null}
      </View>
    </View>
  );
}

/**
 * 通知 (a tab): the notices that reach the resident's household, pinned and urgent first. The unread count
 * also goes on the tab's badge. Opening a notice is what marks it read (on its page).
 */
export default function NoticesPage() {
  const signInFirst = needsSignIn();
  useEffect(() => {
    if (signInFirst) goToSignIn();
  }, [signInFirst]);
  const list = usePagedList<NoticeFeedItem, NoticeFeed>('notice-feed', (cursor) => noticeApi.feed(cursor), { enabled: !signInFirst, reloadOnShow: true });
  const me = useQuery('me', accountApi.me, { enabled: !signInFirst });
  const now = useNow();
  // Opened here: shown as read at once; the next load (on coming back) brings the server's view.
  const [readHere, setReadHere] = useState<Record<string, true>>({});

  const unbound = isCallError(list.error) && list.error.code === 'RESIDENT.NOT_BOUND';
  useEffect(() => {
    if (list.first) {
      setReadHere({});
      showNoticeBadge(list.first.unread);
    }
  }, [list.first]);
  useEffect(() => {
    if (unbound) showNoticeBadge(0);
  }, [unbound]);

  function open(n: NoticeFeedItem) {
    setReadHere((r) => ({ ...r, [n.id]: true }));
    void Taro.navigateTo({ url: withQuery(ROUTES.noticeDetail, { id: n.id }) });
  }

  const staff = me.data && isStaff(me.data);
  const manageEntry = staff ? (
    <View className="nf-manage e2e-notices-manage" hoverClass="nf-item--pressed" onClick={() => void Taro.navigateTo({ url: ROUTES.noticeManage })}>
      <View className="nf-manage__main">
        <Text className="nf-manage__title">通知管理</Text>
        <Text className="nf-manage__sub">发布通知，查看到户情况</Text>
      </View>
      <Text className="nf-manage__arrow">›</Text>
    </View>
  ) : null;

  if (unbound) {
    return (
      <PageShell
        className="nf"
        empty={{
          title: '还没有绑定住址',
          icon: '通',
          description: '绑定您家的住址后，这里会显示街道、社区和网格员发给您家的通知。',
          actions: (
            <>
              <ActionButton type="primary" size="large" block className="e2e-bind-start" onClick={() => void Taro.navigateTo({ url: ROUTES.bind })}>
                绑定住址
              </ActionButton>
              {staff && (
                <ActionButton size="large" block className="e2e-notices-manage" onClick={() => void Taro.navigateTo({ url: ROUTES.noticeManage })}>
                  通知管理
                </ActionButton>
              )}
            </>
          ),
        }}
      />
    );
  }

  const unread = list.first ? list.first.unread - list.items.filter((n) => !n.read && readHere[n.id]).length : 0;
  return (
    <PageShell
      className="nf"
      loading={list.loading || signInFirst}
      skeleton="list"
      error={list.error}
      hasContent={Boolean(list.first)}
      onRetry={() => void list.reload()}
      empty={
        list.first &&
        list.items.length === 0 && {
          title: '暂时没有通知',
          icon: '通',
          description: '街道、社区和网格员发布的通知会显示在这里，紧急通知排在最前面。',
          actions: manageEntry,
        }
      }
    >
      {manageEntry}
      <View className="nf-head">
        <Text className="e2e-feed-unread">{unread > 0 ? `${unread >= 99 ? '99+' : unread}条未读` : '全部已读'}</Text>
        <Text className="nf-head__hint">下拉可刷新</Text>
      </View>
      <View className="e2e-notice-list">
        {list.items.map((n) => (
          <NoticeRow key={n.id} n={n} read={Boolean(readHere[n.id])} now={now} onOpen={() => open(n)} />
        ))}
      </View>
      {list.loadingMore ? (
        <Text className="nf-more">正在加载…</Text>
      ) : list.moreError ? (
        <Text className="nf-more nf-more--link e2e-load-more" onClick={() => void list.loadMore()}>
          加载失败：{messageOf(list.moreError)}，点此重试
        </Text>
      ) : list.hasMore ? (
        <Text className="nf-more nf-more--link e2e-load-more" onClick={() => void list.loadMore()}>
          加载更多
        </Text>
      ) : list.items.length > 0 ? (
        <Text className="nf-more e2e-list-end">没有更多了</Text>
      ) : null}
    </PageShell>
  );
}

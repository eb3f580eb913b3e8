import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { InboxMessage } from '@core/messages/message';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { messageOf } from '../../../../lib/cloud/call-error';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { messageApi, type InboxPage } from '../../api';
import { messageTime } from '../../message-time';
import './index.scss';

/** 消息: what happened to the person's requests (and later notices), newest first. Opening one marks it read. */
export default function InboxPage() {
  const list = usePagedList<InboxMessage, InboxPage>('inbox', (cursor) => messageApi.inbox(cursor), { reloadOnShow: true });
  const now = useNow();
  // Read marks made here, shown at once; the server's count follows from its replies.
  const [readHere, setReadHere] = useState<Record<string, true>>({});
  const [unread, setUnread] = useState<number | null>(null);
  const [markError, setMarkError] = useState<unknown>(null);

  useEffect(() => {
    if (list.first) {
      setUnread(list.first.unread);
      setReadHere({});
    }
  }, [list.first]);

  const isUnread = (m: InboxMessage) => m.readAt === null && !readHere[m.id];

  async function markRead(ids: string[]) {
    if (ids.length === 0) return;
    setReadHere((r) => ({ ...r, ...Object.fromEntries(ids.map((id) => [id, true as const])) }));
    try {
      const res = await messageApi.markRead(ids);
      setUnread(res.unread);
      setMarkError(null);
    } catch (e) {
      setMarkError(e);
    }
  }

  function open(m: InboxMessage) {
    if (isUnread(m)) void markRead([m.id]);
    if (m.link?.kind === 'request') void Taro.navigateTo({ url: withQuery(ROUTES.requestDetail, { id: m.link.id }) });
  }

  const unreadShown = list.items.filter(isUnread);
  return (
    <PageShell
      className="inbox"
      loading={list.loading}
      skeleton="list"
      error={list.error}
      hasContent={Boolean(list.first)}
      onRetry={() => void list.reload()}
      empty={list.first && list.items.length === 0 && { title: '暂时没有消息', icon: '信', description: '您反映的诉求有了进展，会在这里告诉您。' }}
    >
      <View className="inbox-head">
        <Text className="e2e-unread-count">{unread ? `${unread}条未读` : '全部已读'}</Text>
        {unreadShown.length > 0 && (
          <Text className="inbox-head__all e2e-mark-all-read" onClick={() => void markRead(unreadShown.slice(0, 100).map((m) => m.id))}>
            全部标为已读
          </Text>
        )}
      </View>
      {markError ? <Text className="field-error">标记已读没有成功：{messageOf(markError)}</Text> : null}
      {list.items.map((m) => (
        <View key={m.id} id={`message-${m.id}`} className={`msg e2e-message ${isUnread(m) ? 'msg--unread e2e-message-unread' : ''}`} hoverClass="msg--pressed" onClick={() => open(m)}>
          <View className="msg__dot" />
          <View className="msg__main">
            <Text className="msg__title e2e-message-title">{m.title}</Text>
            <Text className="msg__body e2e-message-body">{m.body}</Text>
            <Text className="msg__at">{messageTime(m.at, now)}</Text>
          </View>
          {m.link ? <Text className="msg__arrow">›</Text> : null}
        </View>
      ))}
      {list.loadingMore ? (
        <Text className="msg-more">正在加载…</Text>
      ) : list.moreError ? (
        <Text className="msg-more msg-more--link e2e-load-more" onClick={() => void list.loadMore()}>
          加载失败：{messageOf(list.moreError)}，点此重试
        </Text>
      ) : list.hasMore ? (
        <Text className="msg-more msg-more--link e2e-load-more" onClick={() => void list.loadMore()}>
          加载更多
        </Text>
      ) : null}
    </PageShell>
  );
}

import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SentLogView, SentMessageView } from '@core/api/message.contract';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import { useQuery } from '../../../../hooks/use-query';
import { messageOf } from '../../../../lib/cloud/call-error';
import { messageApi } from '../../api';
import { messageTime } from '../../message-time';
import './index.scss';

/**
 * 消息记录: what WeChat would have shown in this person's 服务通知 — each subscribe message the local runtime
 * "sent", card by card as the phone shows them, opening the same page. In production WeChat keeps this
 * record itself and the page says so.
 */
export default function SentLogPage() {
  const list = usePagedList<SentMessageView, SentLogView>('sent-log', (cursor) => messageApi.sentLog(cursor), { reloadOnShow: true });
  const subs = useQuery('sent-log-credits', messageApi.subscriptions, { reloadOnShow: true });
  const now = useNow();
  const available = list.first?.available !== false;

  return (
    <PageShell
      className="sent"
      loading={list.loading}
      skeleton="list"
      error={list.error}
      hasContent={Boolean(list.first)}
      onRetry={() => void list.reload()}
      empty={
        list.first &&
        list.items.length === 0 && {
          title: available ? '还没有订阅消息' : '订阅消息在微信「服务通知」中查看',
          icon: '微',
          description: available
            ? '在「状态变化时通知我」「上岗接收提醒」等处同意接收后，有新进展时这里会出现本应发到微信的消息（每分钟投递一次）。'
            : '这里只在本地演示时记录发送内容。',
        }
      }
    >
      <View className="sent-head">
        <Text className="sent-head__title">本地演示：以下是本应发到您微信「服务通知」的订阅消息</Text>
        {subs.data ? (
          <Text className="sent-head__credits e2e-sent-credits">
            还可接收：{subs.data.templates.filter((t) => t.templateId).map((t) => `${t.label} ${t.credits} 次`).join('，')}
          </Text>
        ) : null}
      </View>
      {list.items.map((m) => (
        <View key={m.key} className="sent-card e2e-sent-message" data-template={m.template}>
          <View className="sent-card__top">
            <Text className="sent-card__app">网格通</Text>
            <Text className="sent-card__at">{messageTime(m.at, now)}</Text>
          </View>
          <Text className="sent-card__title e2e-sent-title">{m.title}</Text>
          {m.fields.map((f) => (
            <View key={f.label} className="sent-card__field">
              <Text className="sent-card__label">{f.label}</Text>
              <Text className="sent-card__value e2e-sent-value">{f.value}</Text>
            </View>
          ))}
          <View className="sent-card__open e2e-sent-open" hoverClass="sent-card__open--pressed" onClick={() => void Taro.navigateTo({ url: m.page })}>
            <Text>进入小程序查看</Text>
            <Text className="sent-card__arrow">›</Text>
          </View>
        </View>
      ))}
      {list.loadingMore ? (
        <Text className="sent-more">正在加载…</Text>
      ) : list.moreError ? (
        <Text className="sent-more sent-more--link" onClick={() => void list.loadMore()}>
          加载失败：{messageOf(list.moreError)}，点此重试
        </Text>
      ) : list.hasMore ? (
        <Text className="sent-more sent-more--link" onClick={() => void list.loadMore()}>
          加载更多
        </Text>
      ) : null}
    </PageShell>
  );
}

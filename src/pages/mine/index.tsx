import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import ActionButton from '../../components/ActionButton';
import ConsentButton from '../../components/ConsentButton';
import PageShell from '../../components/PageShell';
import { accountApi } from '../../features/account/api';
import { isStaff } from '../../features/account/me-view';
import { useLargeText } from '../../hooks/use-large-text';
import { useQuery } from '../../hooks/use-query';
import { messageOf } from '../../lib/cloud/call-error';
import { needsSignIn } from '../../lib/cloud/session';
import { gridLabel } from '../../lib/format';
import { ROUTES } from '../../lib/routes';
import { goToSignIn } from '../../lib/sign-in';
import './index.scss';

export default function MinePage() {
  const signInFirst = needsSignIn();
  useEffect(() => {
    if (signInFirst) goToSignIn();
  }, [signInFirst]);
  const q = useQuery('me', accountApi.me, { enabled: !signInFirst, pullToRefresh: true, reloadOnShow: true });
  const [largeText, setLargeText] = useLargeText();
  const [leaving, setLeaving] = useState(false);
  const me = q.data;

  async function leave() {
    const { confirm } = await Taro.showModal({
      title: '解除绑定',
      content: '解除后将看不到您家网格的联系卡，之后可以重新绑定。确定解除吗？',
      confirmText: '解除绑定',
      confirmColor: '#d4380d',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setLeaving(true);
    try {
      q.setData(await accountApi.leaveHousehold());
      void Taro.showToast({ title: '已解除绑定', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有解除成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setLeaving(false);
    }
  }

  return (
    <PageShell className="mine" loading={q.loading || signInFirst} error={q.error} hasContent={Boolean(me)} onRetry={() => void q.reload()}>
      {me && (
        <>
          <View className="section mine-profile">
            <View className="mine-profile__avatar">
              <Text>{Array.from(me.name)[0] ?? '我'}</Text>
            </View>
            <View className="mine-profile__main">
              <Text className="mine-profile__name e2e-mine-name">{me.name}</Text>
              {me.roles.length === 0 ? (
                <Text className="section__hint">尚未绑定住址或担任职务</Text>
              ) : (
                me.roles.map((r) => (
                  <View key={`${r.role}-${r.where}`} className="mine-role e2e-mine-role">
                    <Text className="tag tag--primary">{r.label}</Text>
                    <Text className="mine-role__where">{r.where}</Text>
                  </View>
                ))
              )}
            </View>
          </View>

          <View className="section">
            <Text className="section__title">我的住址</Text>
            {me.residence ? (
              <>
                <Text className="mine-address e2e-mine-address">{me.residence.address ?? `${me.residence.communityName}${me.residence.gridName}（未选择房屋）`}</Text>
                <View className="mine-binding">
                  <Text className={`tag ${me.residence.status === 'pending' ? 'tag--warning' : 'tag--success'} e2e-mine-binding-status`}>{me.residence.statusLabel}</Text>
                  {me.residence.status === 'pending' && <Text className="section__hint">网格员核实您住在这里后，才能看到本户的通知和信息。</Text>}
                </View>
                {me.residence.housemates.length > 0 && (
                  <Text className="section__hint e2e-mine-housemates">同户已绑定：{me.residence.housemates.join('、')}</Text>
                )}
                <Text className="section__hint">
                  所属网格：{gridLabel(me.residence.communityName, me.residence.gridName)}
                </Text>
                <View className="mine-actions">
                  <ActionButton type="ghost" className="e2e-mine-change" onClick={() => void Taro.navigateTo({ url: ROUTES.bind })}>
                    更换住址
                  </ActionButton>
                  <ActionButton type="danger" loading={leaving} className="e2e-mine-leave" onClick={() => void leave()}>
                    解除绑定
                  </ActionButton>
                </View>
              </>
            ) : (
              <>
                {me.bindingRejected ? (
                  <View className="mine-binding e2e-mine-binding-rejected">
                    <Text className="tag tag--danger">被退回</Text>
                    <Text className="section__hint">
                      网格员没有确认您上次绑定的住址{me.bindingRejected.reason ? `：${me.bindingRejected.reason}` : ''}。如有疑问请联系社区，也可以重新绑定。
                    </Text>
                  </View>
                ) : (
                  <Text className="section__hint">还没有绑定住址</Text>
                )}
                <View className="mine-actions">
                  <ActionButton type="primary" className="e2e-mine-bind" onClick={() => void Taro.navigateTo({ url: ROUTES.bind })}>
                    去绑定
                  </ActionButton>
                </View>
              </>
            )}
          </View>

          <View className="section e2e-message-settings">
            <Text className="section__title">消息提醒</Text>
            <Text className="section__hint">站内「消息」总会收到；在微信「服务通知」里提醒，需要您每次同意。</Text>
            <View className="mine-consent">
              <Text className="mine-consent__title">紧急通知</Text>
              <ConsentButton moment="urgent_notices" showCredits />
            </View>
            {isStaff(me) && (
              <View className="mine-consent">
                <Text className="mine-consent__title">诉求办理（网格员、工作人员）</Text>
                <ConsentButton moment="on_duty" showCredits />
              </View>
            )}
            {process.env.TARO_ENV === 'h5' && (
              <View className="mine-link e2e-sent-log-entry" hoverClass="mine-link--pressed" onClick={() => void Taro.navigateTo({ url: ROUTES.sentLog })}>
                <Text>消息记录（本地演示：本应发到微信的订阅消息）</Text>
                <Text className="mine-link__arrow">›</Text>
              </View>
            )}
          </View>

          <View className="section">
            <View className="mine-link e2e-mine-redeem" hoverClass="mine-link--pressed" onClick={() => void Taro.navigateTo({ url: ROUTES.redeem })}>
              <Text>我有邀请码（网格员、社区和街道工作人员）</Text>
              <Text className="mine-link__arrow">›</Text>
            </View>
          </View>

          <View className="section mine-setting">
            <View className="mine-setting__main">
              <Text className="section__title mine-setting__title">大字模式</Text>
              <Text className="section__hint">放大全部页面的文字，看得更清楚</Text>
            </View>
            <Switch
              className="e2e-large-text"
              checked={largeText}
              color="#1a5fd1"
              onChange={(e) => setLargeText(Boolean(e.detail.value))}
            />
          </View>

          {process.env.TARO_ENV === 'h5' && (
            <ActionButton block size="large" className="e2e-switch-identity" onClick={() => void Taro.reLaunch({ url: ROUTES.signIn })}>
              切换身份（演示）
            </ActionButton>
          )}
        </>
      )}
    </PageShell>
  );
}

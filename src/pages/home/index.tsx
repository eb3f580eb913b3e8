import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import ActionButton from '../../components/ActionButton';
import ContactCardView from '../../components/ContactCardView';
import PageShell from '../../components/PageShell';
import { ErrorState } from '../../components/StateViews';
import { isStaff } from '../../features/account/me-view';
import { parseQrToken } from '../../features/household/qr-token';
import { badgeText } from '../../features/notices/feed-view';
import { showNoticeBadge } from '../../features/notices/tab-badge';
import { useQuery } from '../../hooks/use-query';
import { needsSignIn } from '../../lib/cloud/session';
import { gridLabel } from '../../lib/format';
import { ROUTES, withQuery } from '../../lib/routes';
import { goToSignIn } from '../../lib/sign-in';
import { loadHome, type HomeData } from './load-home';
import { staffEntries } from './staff-entries';
import './index.scss';

function openBind() {
  void Taro.navigateTo({ url: ROUTES.bind });
}

/** weapp only: scan a grid poster's QR code and continue on the scan page with its token. */
async function scanGridQr() {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
    const token = parseQrToken(res.result);
    if (!token) {
      void Taro.showToast({ title: '这不是网格二维码，请扫描社区张贴的网格服务联系卡', icon: 'none', duration: 2500 });
      return;
    }
    void Taro.navigateTo({ url: withQuery(ROUTES.scan, { t: token }) });
  } catch {
    // Closing the scanner is not an error.
  }
}

function EntryItem({ title, sub, className, onClick }: { title: string; sub: string; className: string; onClick: () => void }) {
  return (
    <View className={`list__item home-entry ${className}`} hoverClass="list__item--pressed" onClick={onClick}>
      <View className="list__main">
        <Text className="list__title">{title}</Text>
        <Text className="list__sub">{sub}</Text>
      </View>
      <Text className="list__arrow">›</Text>
    </View>
  );
}

function go(url: string) {
  void Taro.navigateTo({ url });
}

/** 我要反映 and 我的诉求: the two things a resident comes for, as big as the screen allows. */
function RequestEntries() {
  return (
    <View className="home-big">
      <View className="home-big__item home-big__item--primary e2e-entry-submit" hoverClass="home-big__item--pressed" onClick={() => go(ROUTES.requestSubmit)}>
        <Text className="home-big__title">我要反映</Text>
        <Text className="home-big__sub">问题、求助、建议</Text>
      </View>
      <View className="home-big__item e2e-entry-mine" hoverClass="home-big__item--pressed" onClick={() => go(ROUTES.requestMine)}>
        <Text className="home-big__title">我的诉求</Text>
        <Text className="home-big__sub">查看办理进度</Text>
      </View>
    </View>
  );
}

function InboxEntry({ unread, notices }: { unread: number | null; notices: number | null }) {
  const noticeBadge = notices === null ? null : badgeText(notices);
  return (
    <View className="list">
      {notices !== null && (
        <View className="list__item home-entry e2e-entry-notices" hoverClass="list__item--pressed" onClick={() => void Taro.switchTab({ url: ROUTES.notices })}>
          <View className="list__main">
            <Text className="list__title">通知公告</Text>
            <Text className="list__sub">街道、社区和网格员发给您家的通知</Text>
          </View>
          {noticeBadge ? <Text className="home-badge e2e-notices-unread">{noticeBadge}</Text> : null}
          <Text className="list__arrow">›</Text>
        </View>
      )}
      <View className="list__item home-entry e2e-entry-inbox" hoverClass="list__item--pressed" onClick={() => go(ROUTES.inbox)}>
        <View className="list__main">
          <Text className="list__title">消息</Text>
          <Text className="list__sub">诉求的受理、办理和评价提醒</Text>
        </View>
        {unread ? <Text className="home-badge e2e-inbox-unread">{unread > 99 ? '99+' : unread}</Text> : null}
        <Text className="list__arrow">›</Text>
      </View>
    </View>
  );
}

function ResidentSection({ data, reload }: { data: HomeData; reload: () => void }) {
  const { me, myCard } = data;
  if (!me.residence) {
    if (isStaff(me)) {
      return (
        <View className="list">
          <EntryItem title="绑定我的住址" sub="绑定后可查看您家所在网格的联系卡" className="e2e-bind-entry" onClick={openBind} />
        </View>
      );
    }
    return null;
  }
  if (!myCard) return null;
  if (!myCard.ok) return <ErrorState error={myCard.error} onRetry={reload} />;
  return (
    <View className="home-section">
      {/* Above the card: the first thing a person who just bound should read. */}
      {me.residence.status === 'pending' && (
        <View className="section home-tip e2e-home-binding-pending">
          <Text className="tag tag--warning">待网格员确认</Text>
          <Text className="section__hint">网格员核实后，您就能看到本户的通知和信息。</Text>
        </View>
      )}
      <Text className="home-section__title">我的网格服务联系卡</Text>
      <ContactCardView card={myCard.value} onChangeAddress={openBind} scorecard={data.scorecard} />
      {me.residence.householdId === null ? (
        <View className="section home-tip">
          <Text className="section__hint">您是扫码绑定到网格的，还没有选择具体房屋。</Text>
          <Text className="link e2e-pick-room" onClick={openBind}>
            选择楼栋和房屋 ›
          </Text>
        </View>
      ) : null}
    </View>
  );
}

function StaffSection({ data, reload }: { data: HomeData; reload: () => void }) {
  const { me, workerCards } = data;
  if (!isStaff(me)) return null;
  const entries = staffEntries(me);
  return (
    <View className="home-section">
      {data.calendarWarning && (
        <View className="home-warning e2e-calendar-warning">
          <Text className="home-warning__text">{data.calendarWarning}</Text>
        </View>
      )}
      <Text className="home-section__title">工作台</Text>
      <View className="list">
        {entries.map((e) => (
          <EntryItem key={e.key} title={e.title} sub={e.sub} className={`e2e-entry-${e.key}`} onClick={() => go(e.url)} />
        ))}
      </View>
      {workerCards.length > 0 && <Text className="home-section__title">我负责的网格</Text>}
      {workerCards.map((w) => (
        <View key={w.gridId} className="home-worker-card">
          {w.asBackup && <Text className="tag tag--primary home-worker-card__tag">我是B角</Text>}
          {w.card.ok ? <ContactCardView card={w.card.value} /> : <ErrorState error={w.card.error} onRetry={reload} />}
        </View>
      ))}
    </View>
  );
}

export default function HomePage() {
  const signInFirst = needsSignIn();
  useEffect(() => {
    if (signInFirst) goToSignIn();
  }, [signInFirst]);
  const q = useQuery('home', loadHome, { enabled: !signInFirst, pullToRefresh: true, reloadOnShow: true });
  const data = q.data;
  // Each load of home (it reloads when shown) brings the 通知 tab's badge up to date; a count that could not
  // be asked leaves the badge as it was.
  useEffect(() => {
    if (data && (data.noticeUnread !== null || !data.me.residence)) showNoticeBadge(data.noticeUnread ?? 0);
  }, [data]);
  const reload = () => void q.reload();
  const unbound = data && !data.me.residence && !isStaff(data.me);

  return (
    <PageShell
      className="home"
      loading={q.loading || signInFirst}
      error={q.error}
      hasContent={Boolean(data)}
      onRetry={reload}
      empty={
        unbound && {
          title: '还没有绑定住址',
          icon: '家',
          description: '绑定您家的住址后，就能看到负责您家的网格员、值班时间和联系电话。',
          actions: (
            <>
              <ActionButton type="primary" size="large" block className="e2e-bind-start" onClick={openBind}>
                选择小区楼栋绑定
              </ActionButton>
              {process.env.TARO_ENV === 'weapp' && (
                <ActionButton type="ghost" size="large" block className="e2e-scan-start" onClick={() => void scanGridQr()}>
                  扫描网格二维码
                </ActionButton>
              )}
            </>
          ),
        }
      }
    >
      {data && (
        <>
          <View className="home-hello">
            <Text className="home-hello__name e2e-home-name">{data.me.name}，您好</Text>
            <Text className="home-hello__sub">{data.me.residence ? gridLabel(data.me.residence.communityName, data.me.residence.gridName) : '网格通 · 社区网格服务'}</Text>
          </View>
          {data.me.residence && <RequestEntries />}
          <InboxEntry unread={data.unread} notices={data.noticeUnread} />
          <ResidentSection data={data} reload={reload} />
          <StaffSection data={data} reload={reload} />
        </>
      )}
    </PageShell>
  );
}

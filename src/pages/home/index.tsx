import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { can } from '@core/people/permission';
import ActionButton from '../../components/ActionButton';
import ContactCardView from '../../components/ContactCardView';
import PageShell from '../../components/PageShell';
import { ErrorState } from '../../components/StateViews';
import { grantOf, isStaff } from '../../features/account/me-view';
import { parseQrToken } from '../../features/household/qr-token';
import { badgeText } from '../../features/notices/feed-view';
import { showNoticeBadge } from '../../features/notices/tab-badge';
import { useQuery } from '../../hooks/use-query';
import { needsSignIn } from '../../lib/cloud/session';
import { gridLabel } from '../../lib/format';
import { ROUTES, withQuery } from '../../lib/routes';
import { goToSignIn } from '../../lib/sign-in';
import { loadHome, type HomeData } from './load-home';
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
  const worker = grantOf(me, 'grid_worker');
  const community = grantOf(me, 'community_staff');
  const street = grantOf(me, 'street_staff');
  const admin = grantOf(me, 'street_admin');
  if (!worker && !community && !street && !admin) return null;
  // The same permission table the server checks decides which entries show.
  const actor = { userId: me.userId, name: me.name, grants: me.grants };
  const assessment = can(actor, 'assessment.view');
  const myAssessment = can(actor, 'assessment.mine');
  return (
    <View className="home-section">
      {data.calendarWarning && (
        <View className="home-warning e2e-calendar-warning">
          <Text className="home-warning__text">{data.calendarWarning}</Text>
        </View>
      )}
      <Text className="home-section__title">工作台</Text>
      <View className="list">
        {(worker || community) && (
          <EntryItem title="诉求工作台" sub="受理、处置和跟进居民反映的问题" className="e2e-entry-worklist" onClick={() => go(ROUTES.worklist)} />
        )}
        {(worker || community) && (
          <EntryItem title="住户绑定确认" sub="核实新绑定住址的居民，确认或退回" className="e2e-entry-bindings" onClick={() => go(ROUTES.bindings)} />
        )}
        {(street || community) && (
          <EntryItem title="诉求总览" sub={street ? '全街道诉求的办理情况，按社区、网格筛选' : '本社区诉求的办理情况'} className="e2e-entry-overview" onClick={() => go(ROUTES.requestOverview)} />
        )}
        {assessment && (
          <EntryItem
            title="考核评价"
            sub={street ? '各社区、网格和网格员的办理指标、排名和本月热点，可导出报表' : '本社区网格和网格员的办理指标、排名和本月热点'}
            className="e2e-entry-assessment"
            onClick={() => go(ROUTES.assessment)}
          />
        )}
        {can(actor, 'visit.record') && (
          <EntryItem title="今日待访" sub="按走访节奏该上门的住户，登记走访和回访" className="e2e-entry-visits" onClick={() => go(ROUTES.visitDue)} />
        )}
        {can(actor, 'visit.coverage') && (
          <EntryItem title="走访覆盖" sub="各网格住户走访覆盖和重点人群按节奏走访情况" className="e2e-entry-visit-coverage" onClick={() => go(ROUTES.visitCoverage)} />
        )}
        {myAssessment && (
          <EntryItem title="我的考核" sub="我的办理指标、网格排名，以及超期和不满意的诉求" className="e2e-entry-my-assessment" onClick={() => go(ROUTES.assessmentMine)} />
        )}
        <EntryItem
          title="通知管理"
          sub={street ? '向全街道或社区、网格、楼栋发布通知，查看到户率' : worker && !community ? '向本网格居民发布通知，查看未到户的住户' : '向本社区居民发布通知，查看到户率'}
          className="e2e-entry-notice-manage"
          onClick={() => go(ROUTES.noticeManage)}
        />
        {worker && (
          <EntryItem
            title="我的联系卡"
            sub="编辑照片、工作电话、值班时间和简介"
            className="e2e-entry-card-edit"
            onClick={() => void Taro.navigateTo({ url: ROUTES.cardEdit })}
          />
        )}
        {community && (
          <EntryItem
            title="网格管理"
            sub="查看本社区网格，调整网格员和B角，打印联系卡"
            className="e2e-entry-admin"
            onClick={() => void Taro.navigateTo({ url: ROUTES.adminGrids })}
          />
        )}
        {street && (
          <EntryItem
            title="全街道网格"
            sub="按社区查看全部网格及网格员指派情况"
            className="e2e-entry-street"
            onClick={() => void Taro.navigateTo({ url: ROUTES.adminGrids })}
          />
        )}
        {(admin || community) && (
          <EntryItem
            title="人员管理"
            sub={admin ? '邀请街道、社区工作人员和网格员加入，停用离岗人员，查看操作记录' : '邀请本社区网格员加入，停用离岗网格员'}
            className="e2e-entry-people"
            onClick={() => go(withQuery(ROUTES.people, { audit: admin || street ? 1 : undefined }))}
          />
        )}
        {admin && (
          <EntryItem title="台账导入" sub="从 Excel 导入社区、网格、房屋和工作人员台账" className="e2e-entry-register-import" onClick={() => go(ROUTES.registerImport)} />
        )}
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

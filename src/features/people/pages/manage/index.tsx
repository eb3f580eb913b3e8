import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import { PERSON_STATUS_LABELS, type InvitationView, type PeoplePageView, type PersonRow } from '@core/api/people.contract';
import { ROLE_LABELS, type Role } from '@core/people/role';
import { can } from '@core/people/permission';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { messageOf } from '../../../../lib/cloud/call-error';
import { ROUTES } from '../../../../lib/routes';
import { adminApi } from '../../../admin/api';
import { communityTabs } from '../../../admin/grid-list';
import { accountApi } from '../../../account/api';
import { actorOf } from '../../../account/me-view';
import { PARTNERS_ROUTE, peopleApi } from '../../api';
import { inviteShareText, revokeConfirmText, revokeResultText, shortTime } from '../../people-view';
import { saveDataUrlImage } from '../../save-image';
import '../../people.scss';

const ROLE_FILTERS: Role[] = ['grid_worker', 'community_staff', 'street_staff', 'street_admin'];

function InviteSheet({ inv, onClose }: { inv: InvitationView; onClose: () => void }) {
  async function copy() {
    await Taro.setClipboardData({ data: inviteShareText(inv) });
    void Taro.showToast({ title: '已复制，可粘贴发给本人', icon: 'none' });
  }
  async function save() {
    try {
      await saveDataUrlImage(inv.qr, `邀请-${inv.name}.gif`);
      void Taro.showToast({ title: '图片已保存', icon: 'success' });
    } catch {
      void Taro.showToast({ title: '没有保存成功，可截屏发送', icon: 'none' });
    }
  }
  return (
    <View className="section invite-sheet e2e-invite-sheet">
      <Text className="section__title">已邀请 {inv.name}</Text>
      <Text className="section__hint">请把邀请码或二维码发给本人。邀请码只显示这一次，本人凭它和登记手机号后四位加入。</Text>
      <Text className="invite-sheet__code e2e-invite-code">{inv.code}</Text>
      {/* The QR is square: scaleToFill fills its box (H5's aspectFit places the image absolutely, off the sheet's centre). */}
      <Image className="invite-sheet__qr e2e-invite-qr" src={inv.qr} mode="scaleToFill" />
      <Text className="invite-sheet__link e2e-invite-link">{inv.link}</Text>
      <Text className="section__hint e2e-invite-expiry">有效期至 {shortTime(inv.expiresAt)}</Text>
      <View className="invite-sheet__actions">
        <ActionButton type="primary" className="e2e-invite-copy" onClick={() => void copy()}>
          复制邀请
        </ActionButton>
        <ActionButton className="e2e-invite-save" onClick={() => void save()}>
          保存图片
        </ActionButton>
        <ActionButton type="ghost" className="e2e-invite-close" onClick={onClose}>
          完成
        </ActionButton>
      </View>
    </View>
  );
}

function PersonItem({ p, busy, onInvite, onRevoke }: { p: PersonRow; busy: boolean; onInvite: () => void; onRevoke: () => void }) {
  const grids = [...p.grids, ...p.backupGrids.map((g) => `${g}（B角）`)];
  return (
    <View className="people-item e2e-person-row" id={`person-${p.id}`}>
      <View className="people-row__head">
        <Text className="people-row__name e2e-person-row-name">{p.name}</Text>
        <Text className={`people-status people-status--${p.status} e2e-person-status`}>{PERSON_STATUS_LABELS[p.status]}</Text>
      </View>
      <Text className="people-row__meta">
        {p.roleLabels.join('、') || '无岗位'}
        {p.communityName ? ` · ${p.communityName}` : ''}
        {p.mobile ? ` · ${p.mobile}` : ' · 未登记手机号'}
      </Text>
      {grids.length > 0 && <Text className="people-row__meta">负责：{grids.join('、')}</Text>}
      {p.manageable && p.status !== 'active' && (
        <View className="people-row__actions">
          <ActionButton size="small" type="primary" loading={busy} className="e2e-person-invite" onClick={onInvite}>
            {p.status === 'revoked' ? '重新邀请' : '邀请'}
          </ActionButton>
        </View>
      )}
      {p.manageable && p.status === 'active' && (
        <View className="people-row__actions">
          <ActionButton size="small" type="danger" loading={busy} className="e2e-person-revoke" onClick={onRevoke}>
            停用
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/**
 * 人员管理: the street's staff register (a street admin) or a community's grid workers (community staff), who
 * has joined, inviting the ones who have not, and 停用 of one who leaves. The server decides who may be
 * managed (`manageable`); masked mobiles are as the server gives them.
 */
export default function PeopleManagePage() {
  // 操作记录 is for street staff and admins (audit.read); home says whether to offer it.
  const showAudit = useRouter().params.audit === '1';
  // 对接系统密钥 (Open311) is the street admin's alone (partner.manage).
  const me = useQuery('me', accountApi.me);
  const showPartners = Boolean(me.data && can(actorOf(me.data), 'partner.manage'));
  const [role, setRole] = useState<Role | null>(null);
  const [community, setCommunity] = useState<string | null>(null);
  const [more, setMore] = useState<{ rows: PersonRow[]; next: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const filter = { role: role ?? undefined, communityId: community ?? undefined };
  const q = useQuery(`people:${role ?? ''}:${community ?? ''}`, () => peopleApi.list(filter), { pullToRefresh: true, reloadOnShow: true });
  const grids = useQuery('people-grids', () => adminApi.grids());
  const tabs = communityTabs(grids.data ?? []);
  const page: PeoplePageView | undefined = q.data;
  const rows = [...(page?.people ?? []), ...(more?.rows ?? [])];
  const next = more ? more.next : (page?.next ?? null);

  function refilter(nextRole: Role | null, nextCommunity: string | null) {
    setMore(null);
    setRole(nextRole);
    setCommunity(nextCommunity);
  }

  async function loadMore() {
    if (!next) return;
    setLoadingMore(true);
    try {
      const r = await peopleApi.list({ ...filter, cursor: next });
      setMore({ rows: [...(more?.rows ?? []), ...r.people], next: r.next });
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    } finally {
      setLoadingMore(false);
    }
  }

  async function reloadAll() {
    setMore(null);
    await q.reload();
  }

  async function invite(p: PersonRow) {
    setBusy(p.id);
    try {
      setInvitation(await peopleApi.invite(p.id));
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (e) {
      void Taro.showModal({ title: '没有邀请成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(null);
    }
  }

  async function revoke(p: PersonRow) {
    const { confirm } = await Taro.showModal({
      title: `停用${p.name}`,
      content: revokeConfirmText(p),
      confirmText: '确定停用',
      confirmColor: '#d4380d',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(p.id);
    try {
      const result = await peopleApi.revoke(p.id);
      await reloadAll();
      void Taro.showModal({ title: '已停用', content: revokeResultText(p, result), showCancel: false, confirmText: '知道了' });
    } catch (e) {
      void Taro.showModal({ title: '没有停用成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(null);
    }
  }

  return (
    <PageShell
      className="people-manage"
      loading={q.loading}
      skeleton="list"
      error={q.error}
      hasContent={Boolean(page)}
      onRetry={() => void reloadAll()}
    >
      {invitation && <InviteSheet inv={invitation} onClose={() => setInvitation(null)} />}
      {showAudit && (
      <View className="list">
        <View className="list__item e2e-entry-people-audit" hoverClass="list__item--pressed" onClick={() => void Taro.navigateTo({ url: ROUTES.peopleAudit })}>
          <View className="list__main">
            <Text className="list__title">操作记录</Text>
            <Text className="list__sub">谁在何时邀请、停用了谁</Text>
          </View>
          <Text className="list__arrow">›</Text>
        </View>
        {showPartners && (
          <View className="list__item e2e-entry-partner-keys" hoverClass="list__item--pressed" onClick={() => void Taro.navigateTo({ url: PARTNERS_ROUTE })}>
            <View className="list__main">
              <Text className="list__title">对接系统密钥</Text>
              <Text className="list__sub">12345热线、城市平台通过 Open311 接口提交和查询诉求</Text>
            </View>
            <Text className="list__arrow">›</Text>
          </View>
        )}
      </View>
      )}
      <ScrollView scrollX className="chips e2e-role-filter">
        <Text className={`chips__item ${role === null ? 'chips__item--active' : ''}`} onClick={() => refilter(null, community)}>
          全部岗位
        </Text>
        {ROLE_FILTERS.map((r) => (
          <Text key={r} className={`chips__item e2e-role-chip-${r} ${role === r ? 'chips__item--active' : ''}`} onClick={() => refilter(r, community)}>
            {ROLE_LABELS[r]}
          </Text>
        ))}
      </ScrollView>
      {tabs.length > 1 && (
        <ScrollView scrollX className="chips e2e-people-community-filter">
          <Text className={`chips__item ${community === null ? 'chips__item--active' : ''}`} onClick={() => refilter(role, null)}>
            全部社区
          </Text>
          {tabs.map((t) => (
            <Text key={t.id} className={`chips__item e2e-people-community-${t.id} ${community === t.id ? 'chips__item--active' : ''}`} onClick={() => refilter(role, t.id)}>
              {t.name}
            </Text>
          ))}
        </ScrollView>
      )}
      {rows.length === 0 && <Text className="section__hint">没有符合条件的人员</Text>}
      <View className="e2e-people-list">
        {rows.map((p) => (
          <PersonItem key={p.id} p={p} busy={busy === p.id} onInvite={() => void invite(p)} onRevoke={() => void revoke(p)} />
        ))}
      </View>
      {next && (
        <ActionButton block loading={loadingMore} className="people-more e2e-people-more" onClick={() => void loadMore()}>
          加载更多
        </ActionButton>
      )}
    </PageShell>
  );
}

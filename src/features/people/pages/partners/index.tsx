import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { PARTNER_KIND_LABELS, type CreatedPartnerKey, type PartnerKeyView, type PartnerKindInput } from '@core/api/open311.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { messageOf } from '../../../../lib/cloud/call-error';
import { peopleApi } from '../../api';
import { partnerKeyMeta, revokePartnerConfirmText } from '../../partner-view';
import '../../people.scss';

const KINDS = Object.keys(PARTNER_KIND_LABELS) as PartnerKindInput[];

/** Shown once, right after creating: only its hash is stored, so it cannot be shown again. */
function SecretSheet({ created, onClose }: { created: CreatedPartnerKey; onClose: () => void }) {
  async function copy() {
    await Taro.setClipboardData({ data: created.apiKey });
    void Taro.showToast({ title: '密钥已复制', icon: 'none' });
  }
  return (
    <View className="section e2e-partner-secret-sheet">
      <Text className="section__title">「{created.key.name}」的密钥</Text>
      <Text className="partner-secret__warn">密钥只显示这一次，关闭后无法再查看。请立即复制，交给对接方配置在其系统中（作为 api_key 参数）；不要在群聊中公开发送。</Text>
      <Text className="partner-secret e2e-partner-secret" userSelect>
        {created.apiKey}
      </Text>
      <View className="invite-sheet__actions">
        <ActionButton type="primary" className="e2e-partner-copy" onClick={() => void copy()}>
          复制密钥
        </ActionButton>
        <ActionButton type="ghost" className="e2e-partner-close" onClick={onClose}>
          我已保存
        </ActionButton>
      </View>
    </View>
  );
}

function KeyItem({ k, busy, onRevoke }: { k: PartnerKeyView; busy: boolean; onRevoke: () => void }) {
  const revoked = k.revokedAt !== null;
  return (
    <View className="people-item e2e-partner-row" id={`partner-${k.id.slice(0, 12)}`}>
      <View className="people-row__head">
        <Text className="people-row__name e2e-partner-name">{k.name}</Text>
        <Text className={`people-status people-status--${revoked ? 'revoked' : 'active'} e2e-partner-status`}>{revoked ? '已停用' : '使用中'}</Text>
      </View>
      <Text className="people-row__meta">{partnerKeyMeta(k)}</Text>
      {!revoked && (
        <View className="people-row__actions">
          <ActionButton size="small" type="danger" loading={busy} className="e2e-partner-revoke" onClick={onRevoke}>
            停用
          </ActionButton>
        </View>
      )}
    </View>
  );
}

/**
 * 对接系统密钥: the street admin gives the 12345 hotline and city platforms an Open311 api_key (shown once, with
 * a copy button) and revokes it when the partnership ends or the key leaked. Each change is in 操作记录.
 */
export default function PartnerKeysPage() {
  const q = useQuery('partner-keys', () => peopleApi.partnerKeys(), { pullToRefresh: true, reloadOnShow: true });
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartnerKindInput>('hotline');
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedPartnerKey | null>(null);

  async function create() {
    if (name.trim().length < 2) {
      void Taro.showToast({ title: '请填写对接系统名称（至少2个字）', icon: 'none' });
      return;
    }
    setCreating(true);
    try {
      setCreated(await peopleApi.createPartnerKey({ name: name.trim(), kind }));
      setName('');
      await q.reload();
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (e) {
      void Taro.showModal({ title: '没有创建成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setCreating(false);
    }
  }

  async function revoke(k: PartnerKeyView) {
    const { confirm } = await Taro.showModal({
      title: `停用「${k.name}」的密钥`,
      content: revokePartnerConfirmText(k),
      confirmText: '确定停用',
      confirmColor: '#d4380d',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(k.id);
    try {
      await peopleApi.revokePartnerKey(k.id);
      await q.reload();
      void Taro.showToast({ title: '已停用', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有停用成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(null);
    }
  }

  const keys = q.data ?? [];
  return (
    <PageShell className="people-page people-partners" loading={q.loading} skeleton="list" error={q.error} hasContent={Boolean(q.data)} onRetry={() => void q.reload()}>
      {created && <SecretSheet created={created} onClose={() => setCreated(null)} />}
      <View className="section">
        <Text className="section__title">新建密钥</Text>
        <Text className="section__hint">12345热线、城市运行管理平台等系统用密钥通过 Open311 接口向本街道提交诉求、查询办理进度。每个对接系统单独一把密钥。</Text>
        <View className="field">
          <Text className="field__label">对接系统名称</Text>
          <Input
            className="field__input e2e-partner-name-input"
            value={name}
            maxlength={30}
            placeholder="例如 12345热线（市级）"
            onInput={(e) => setName(e.detail.value)}
          />
        </View>
        <View className="partner-kinds">
          {KINDS.map((k) => (
            <Text key={k} className={`partner-kind e2e-partner-kind-${k} ${kind === k ? 'partner-kind--on' : ''}`} onClick={() => setKind(k)}>
              {PARTNER_KIND_LABELS[k]}
            </Text>
          ))}
        </View>
        <ActionButton block type="primary" loading={creating} className="e2e-partner-create" onClick={() => void create()}>
          创建密钥
        </ActionButton>
      </View>
      <View className="e2e-partner-list">
        {keys.length === 0 && <Text className="section__hint">还没有对接系统密钥。</Text>}
        {keys.map((k) => (
          <KeyItem key={k.id} k={k} busy={busy === k.id} onRevoke={() => void revoke(k)} />
        ))}
      </View>
    </PageShell>
  );
}

import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PendingBindingRow } from '@core/api/binding.contract';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { messageOf } from '../../../../lib/cloud/call-error';
import { formatDateTime } from '../../../requests/request-view';
import { bindingApi } from '../../api.bindings';
import './index.scss';

/**
 * 住户绑定确认: a new binding counts for the grid (coverage, 已阅读, household data) only once a worker of the grid
 * confirms the person lives there. Names are masked; the address is what is being confirmed.
 */
export default function BindingsPage() {
  const q = useQuery('pending-bindings', bindingApi.pending, { pullToRefresh: true, reloadOnShow: true });
  const [busy, setBusy] = useState<string | null>(null);
  const items = q.data?.items ?? [];

  async function settle(row: PendingBindingRow, kind: 'confirm' | 'reject') {
    const { confirm } = await Taro.showModal({
      title: kind === 'confirm' ? '确认住户' : '退回绑定',
      content:
        kind === 'confirm'
          ? `确认${row.name}住在${row.address}？确认后可查看本户信息，并计入通知到户。`
          : `退回${row.name}对${row.address}的绑定？对方会在「我的」看到已被退回。`,
      confirmText: kind === 'confirm' ? '确认' : '退回',
      confirmColor: kind === 'confirm' ? '#1a5fd1' : '#d4380d',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setBusy(row.userId);
    try {
      if (kind === 'confirm') await bindingApi.confirm(row.userId);
      else await bindingApi.reject(row.userId, '经核实不是本户住户');
      void Taro.showToast({ title: kind === 'confirm' ? '已确认' : '已退回', icon: 'success' });
    } catch (e) {
      void Taro.showModal({ title: '没有处理成功', content: messageOf(e), showCancel: false, confirmText: '知道了' });
    } finally {
      setBusy(null);
      // Another worker may have settled some meanwhile: the list is read again either way.
      await q.reload();
    }
  }

  return (
    <PageShell
      className="bindings"
      loading={q.loading}
      skeleton="list"
      error={q.error}
      hasContent={Boolean(q.data)}
      onRetry={() => void q.reload()}
      empty={q.data && items.length === 0 && { title: '没有待确认的住户绑定', description: '居民绑定您网格的住址后会出现在这里。下拉可以刷新。' }}
    >
      <Text className="section__hint bindings-hint">居民绑定住址后需要您核实确认；确认前，他只能看到网格公开的通知，反映的问题会标为「未核实住户」。</Text>
      <View className="bindings-list e2e-binding-list">
        {items.map((row) => (
          <View key={row.userId} className="section bindings-item e2e-binding-item">
            <View className="bindings-item__head">
              <Text className="bindings-item__name e2e-binding-name">{row.name}</Text>
              <Text className="tag tag--warning">待确认</Text>
            </View>
            <Text className="bindings-item__address e2e-binding-address">{row.address}</Text>
            <Text className="section__hint">
              {row.gridName} · {row.viaLabel} · {formatDateTime(row.boundAt, Date.now())}
            </Text>
            <View className="bindings-item__actions">
              <ActionButton type="danger" size="large" disabled={busy !== null} loading={busy === row.userId} className="bindings-item__action e2e-binding-reject" onClick={() => void settle(row, 'reject')}>
                退回
              </ActionButton>
              <ActionButton type="primary" size="large" disabled={busy !== null} loading={busy === row.userId} className="bindings-item__action e2e-binding-confirm" onClick={() => void settle(row, 'confirm')}>
                确认是本户
              </ActionButton>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}

import { useState } from 'react';
import Taro from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import type { GridSummary } from '@core/api/contract';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { adminApi } from '../../api';
import { communityTabs, unassignedCount } from '../../grid-list';
import '../../components/admin.scss';

function Person({ label, person, className }: { label: string; person: GridSummary['primary']; className: string }) {
  return (
    <Text className={className}>
      <Text className="grid-row__label">{label}</Text>
      {person ? <Text>{person.name}</Text> : <Text className="grid-row__none e2e-grid-row-none">无{label}</Text>}
    </Text>
  );
}

/** All grids the staff member looks after: a community's, or the whole street's with a community filter. */
export default function GridsPage() {
  const q = useQuery('grids', () => adminApi.grids(), { pullToRefresh: true, reloadOnShow: true });
  const [community, setCommunity] = useState<string | null>(null);
  const all = q.data ?? [];
  const tabs = communityTabs(all);
  const shown = community ? all.filter((g) => g.communityId === community) : all;
  const missing = unassignedCount(shown);

  return (
    <PageShell
      className="grids"
      loading={q.loading}
      skeleton="list"
      error={q.error}
      hasContent={Boolean(q.data)}
      onRetry={() => void q.reload()}
      empty={q.data && all.length === 0 && { title: '还没有网格', description: '请联系街道管理员导入网格数据。' }}
    >
      {tabs.length > 1 && (
        <ScrollView scrollX className="chips e2e-community-filter">
          <Text className={`chips__item ${community === null ? 'chips__item--active' : ''}`} onClick={() => setCommunity(null)}>
            全部（{all.length}）
          </Text>
          {tabs.map((t) => (
            <Text key={t.id} className={`chips__item e2e-community-chip ${community === t.id ? 'chips__item--active' : ''}`} onClick={() => setCommunity(t.id)}>
              {t.name}（{t.count}）
            </Text>
          ))}
        </ScrollView>
      )}
      <View className="admin-summary">
        <View className="admin-summary__item">
          <Text className="admin-summary__num">{shown.length}</Text>
          <Text className="admin-summary__label">网格</Text>
        </View>
        <View className="admin-summary__item">
          <Text className={`admin-summary__num ${missing.noPrimary ? 'admin-summary__num--danger' : ''}`}>{missing.noPrimary}</Text>
          <Text className="admin-summary__label">无网格员</Text>
        </View>
        <View className="admin-summary__item">
          <Text className={`admin-summary__num ${missing.noBackup ? 'admin-summary__num--danger' : ''}`}>{missing.noBackup}</Text>
          <Text className="admin-summary__label">无B角</Text>
        </View>
      </View>
      <View className="list e2e-grid-list">
        {shown.map((g) => (
          <View
            key={g.id}
            className="list__item grid-row e2e-grid-row"
            id={`grid-${g.id}`}
            hoverClass="list__item--pressed"
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.adminGrid, { id: g.id }) })}
          >
            <View className="grid-row__head">
              <Text className="grid-row__name e2e-grid-row-name">{g.name}</Text>
              <Text className="grid-row__code">{g.code}</Text>
            </View>
            <Text className="grid-row__meta">
              {tabs.length > 1 ? `${g.communityName} · ` : ''}
              {g.households} 户
            </Text>
            <View className="grid-row__people">
              <Person label="网格员" person={g.primary} className="e2e-grid-row-primary" />
              <Person label="B角" person={g.backup} className="e2e-grid-row-backup" />
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}

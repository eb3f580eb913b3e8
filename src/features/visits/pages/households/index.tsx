import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { KEY_GROUP_LABELS, KEY_GROUPS, type KeyGroup } from '@core/places/place';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES, withQuery } from '../../../../lib/routes';
import Chips from '../../../work/components/Chips';
import { visitApi } from '../../api';
import '../../../requests/components/requests.scss';
import '../../visits.scss';

/** A grid's households with their last visit (within a year), by building and key group. */
export default function HouseholdsPage() {
  const { params } = useRouter();
  const gridId = params.gridId ?? '';
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [keyGroup, setKeyGroup] = useState<KeyGroup | null>(null);
  const q = useQuery(
    `visit-households-${gridId}-${buildingId ?? ''}-${keyGroup ?? ''}`,
    () => visitApi.households(gridId, { buildingId: buildingId ?? undefined, keyGroup: keyGroup ?? undefined }),
    { pullToRefresh: true, reloadOnShow: true },
  );
  const buildings = q.data?.buildings ?? [];
  return (
    <PageShell className="vs-households" loading={q.loading} skeleton="list" error={q.error} hasContent={Boolean(q.data)} onRetry={() => void q.reload()}>
      <Chips className="e2e-visit-filter-building" options={[{ value: null, label: '全部楼栋' }, ...buildings.map((b) => ({ value: b.id, label: b.name }))]} value={buildingId} onChange={setBuildingId} />
      <Chips className="e2e-visit-filter-group" options={[{ value: null, label: '全部住户' }, ...KEY_GROUPS.map((g) => ({ value: g, label: KEY_GROUP_LABELS[g] }))]} value={keyGroup} onChange={setKeyGroup} />
      <View className="list e2e-visit-household-list">
        {(q.data?.households ?? []).map((h) => (
          <View key={h.id} className="list__item e2e-visit-household" hoverClass="list__item--pressed" onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.visitHistory, { householdId: h.id }) })}>
            <View className="list__main">
              <Text className="list__title">{h.label}</Text>
              <Text className="list__sub">
                {h.keyGroups.map((g) => KEY_GROUP_LABELS[g]).join('、')}
                {h.keyGroups.length ? ' · ' : ''}
                {h.lastVisit ? `上次走访 ${h.lastVisit}` : '近一年未走访'}
              </Text>
            </View>
            <Text className="list__arrow">›</Text>
          </View>
        ))}
      </View>
      {q.data && q.data.households.length === 0 && (
        <View className="section">
          <Text className="section__hint">没有符合条件的住户。</Text>
        </View>
      )}
    </PageShell>
  );
}

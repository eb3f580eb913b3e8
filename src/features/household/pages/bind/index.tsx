import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { CommunityOption } from '@core/api/contract';
import { householdAddress } from '@core/places/place';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { ErrorState, Skeleton } from '../../../../components/StateViews';
import { useQuery } from '../../../../hooks/use-query';
import { messageOf } from '../../../../lib/cloud/call-error';
import { ROUTES } from '../../../../lib/routes';
import { householdApi } from '../../api';
import Crumbs from '../../components/Crumbs';
import RoomPicker, { type PickedRoom } from '../../components/RoomPicker';
import '../../components/household.scss';

function Buildings({ community, onChangeCommunity, onPicked }: { community: CommunityOption; onChangeCommunity?: () => void; onPicked: (r: PickedRoom) => void }) {
  const q = useQuery(community.id, () => householdApi.buildings(community.id));
  const before = [{ label: community.name, onClick: onChangeCommunity }];
  if (q.loading) return <Skeleton kind="list" />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.reload()} />;
  return <RoomPicker buildings={q.data ?? []} before={before} onPicked={onPicked} />;
}

/** 绑定住址: 社区 → 楼栋 → 单元 → 房号 → 确认. */
export default function BindPage() {
  const communities = useQuery('communities', householdApi.communities);
  const [chosen, setChosen] = useState<CommunityOption | null>(null);
  const [picked, setPicked] = useState<PickedRoom | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const list = communities.data ?? [];
  // With one community there is nothing to choose; the crumb still lets the person see where they are.
  const community = chosen ?? (list.length === 1 ? list[0] : null);

  async function confirm(room: PickedRoom) {
    setSaving(true);
    setSaveError(null);
    try {
      await householdApi.bindHousehold(room.household.id);
      // 待网格员确认: said at once, so nobody thinks the household is theirs already.
      void Taro.showToast({ title: '已提交，待网格员确认', icon: 'none', duration: 2000 });
      setTimeout(() => void Taro.switchTab({ url: ROUTES.home }), 1200);
    } catch (e) {
      setSaveError(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <PageShell
      className="bind"
      loading={communities.loading}
      skeleton="list"
      error={communities.error}
      hasContent={Boolean(communities.data)}
      onRetry={() => void communities.reload()}
      empty={communities.data && list.length === 0 && { title: '暂无可选择的社区', description: '请稍后再试，或联系社区工作人员。' }}
    >
      {picked && community ? (
        <>
          <Crumbs items={[{ label: '重新选择', onClick: () => setPicked(null) }, { label: '确认住址' }]} />
          <View className="confirm-box e2e-bind-confirm">
            <Text className="confirm-box__label">请确认您的住址</Text>
            <Text className="confirm-box__address e2e-bind-address">{householdAddress(community, picked.building, { unit: picked.unit, room: picked.household.room })}</Text>
            <Text className="confirm-box__hint">绑定后即可查看负责您家的网格员和联系电话</Text>
            {saveError && <Text className="field-error e2e-bind-error">{saveError}</Text>}
            <ActionButton type="primary" size="large" block loading={saving} className="e2e-bind-submit" onClick={() => void confirm(picked)}>
              确认绑定
            </ActionButton>
            <ActionButton size="large" block disabled={saving} onClick={() => setPicked(null)}>
              选错了，重新选择
            </ActionButton>
          </View>
        </>
      ) : community ? (
        <Buildings
          community={community}
          onChangeCommunity={list.length > 1 ? () => setChosen(null) : undefined}
          onPicked={setPicked}
        />
      ) : (
        <>
          <Crumbs items={[{ label: '选择社区' }]} />
          <Text className="step-title">您住在哪个社区？</Text>
          <View className="list e2e-communities">
            {list.map((c) => (
              <View key={c.id} className="list__item e2e-community" hoverClass="list__item--pressed" onClick={() => setChosen(c)}>
                <View className="list__main">
                  <Text className="list__title">{c.name}</Text>
                  <Text className="list__sub">{c.streetName}</Text>
                </View>
                <Text className="list__arrow">›</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </PageShell>
  );
}

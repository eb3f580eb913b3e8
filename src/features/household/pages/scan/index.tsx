import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { EmptyState } from '../../../../components/StateViews';
import { useQuery } from '../../../../hooks/use-query';
import { isCallError, messageOf } from '../../../../lib/cloud/call-error';
import { needsSignIn } from '../../../../lib/cloud/session';
import { gridLabel } from '../../../../lib/format';
import { ROUTES } from '../../../../lib/routes';
import { goToSignIn } from '../../../../lib/sign-in';
import { householdApi } from '../../api';
import RoomPicker, { type PickedRoom } from '../../components/RoomPicker';
import { tokenFromParams } from '../../qr-token';
import '../../components/household.scss';

/**
 * Where a grid poster's QR code lands (`?t=<token>`; WeChat's scan passes `?q=<url>`): shows the grid,
 * then binds the resident to a room in it, or to the grid alone.
 */
export default function ScanPage() {
  const router = useRouter();
  const token = tokenFromParams(router.params);
  const signInFirst = needsSignIn();
  useEffect(() => {
    if (signInFirst && token) goToSignIn();
  }, [signInFirst, token]);

  const q = useQuery(token ?? '', () => householdApi.gridByQr(token ?? ''), { enabled: Boolean(token) && !signInFirst });
  const [picked, setPicked] = useState<PickedRoom | null>(null);
  const [saving, setSaving] = useState<'room' | 'grid' | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  async function bind(room: PickedRoom | null) {
    if (!token) return;
    setSaving(room ? 'room' : 'grid');
    setSaveError(null);
    try {
      await householdApi.bindByQr(token, room?.household.id);
      // 待网格员确认: said at once, so nobody thinks the household is theirs already.
      void Taro.showToast({ title: '已提交，待网格员确认', icon: 'none', duration: 2000 });
      setTimeout(() => void Taro.switchTab({ url: ROUTES.home }), 1200);
    } catch (e) {
      setSaveError(messageOf(e));
    } finally {
      setSaving(null);
    }
  }

  if (!token) {
    return (
      <PageShell className="scan">
        <EmptyState title="二维码无效" description="没有识别到网格信息。请扫描社区张贴的网格服务联系卡上的二维码，或手动选择住址。">
          <ActionButton type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: ROUTES.bind })}>
            手动选择住址
          </ActionButton>
        </EmptyState>
      </PageShell>
    );
  }

  // A poster whose code was replaced (or a mistyped link) cannot be fixed by retrying: offer the manual way.
  if (!q.data && isCallError(q.error) && (q.error.code === 'GRID.QR_INVALID' || q.error.code === 'GRID.NOT_FOUND')) {
    return (
      <PageShell className="scan">
        <EmptyState title="二维码无效" description={q.error.message}>
          <ActionButton type="primary" size="large" block className="e2e-scan-manual" onClick={() => void Taro.redirectTo({ url: ROUTES.bind })}>
            手动选择住址
          </ActionButton>
        </EmptyState>
      </PageShell>
    );
  }

  const preview = q.data;
  return (
    <PageShell className="scan" loading={q.loading || signInFirst} error={q.error} hasContent={Boolean(preview)} onRetry={() => void q.reload()}>
      {preview && (
        <>
          <View className="grid-preview e2e-scan-preview">
            <View className="grid-preview__head">
              <Text className="grid-preview__title e2e-scan-grid-name">
                {gridLabel(preview.communityName, preview.gridName)}
              </Text>
              {preview.boundaryText !== '' && <Text className="grid-preview__sub">{preview.boundaryText}</Text>}
            </View>
            <View className="grid-preview__body">
              <Text className="section__hint">选择您家的楼栋和房号后绑定；暂时不想填写房号，也可以只绑定到这个网格。</Text>
            </View>
          </View>
          {saveError && <Text className="field-error e2e-scan-error">{saveError}</Text>}
          {picked ? (
            <View className="confirm-box">
              <Text className="confirm-box__label">请确认您的住址</Text>
              <Text className="confirm-box__address e2e-scan-address">
                {preview.communityName}
                {picked.building.name}
                {picked.unit}单元{picked.household.room}室
              </Text>
              <Text className="confirm-box__hint">绑定后即可查看负责您家的网格员和联系电话</Text>
              <ActionButton type="primary" size="large" block loading={saving === 'room'} disabled={saving !== null} className="e2e-scan-submit" onClick={() => void bind(picked)}>
                确认绑定
              </ActionButton>
              <ActionButton size="large" block disabled={saving !== null} onClick={() => setPicked(null)}>
                重新选择
              </ActionButton>
            </View>
          ) : (
            <RoomPicker buildings={preview.buildings} before={[{ label: preview.gridName }]} onPicked={setPicked} />
          )}
          {!picked && (
            <ActionButton block size="large" type="ghost" loading={saving === 'grid'} disabled={saving !== null} className="e2e-scan-grid-only" onClick={() => void bind(null)}>
              仅绑定到该网格
            </ActionButton>
          )}
        </>
      )}
    </PageShell>
  );
}

import { useMemo } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { formatPhone, gridLabel, surnameOf } from '../../../../lib/format';
import { adminApi } from '../../api';
import { canPrint, printPage } from '../../print';
import { qrDataUrl } from '../../qr';
import './index.scss';

/** A printable 网格服务联系卡 for the building entrance: who serves this grid, and a QR code to bind to it. */
export default function PosterPage() {
  const { params } = useRouter();
  const gridId = params.id ?? '';
  const q = useQuery(gridId, () => adminApi.poster(gridId), { enabled: Boolean(gridId) });
  const poster = q.data;
  const qr = useMemo(() => (poster ? qrDataUrl(poster.bindUrl) : null), [poster]);
  const card = poster?.card;

  return (
    <PageShell
      className="poster-page"
      loading={Boolean(gridId) && q.loading}
      error={gridId ? q.error : null}
      hasContent={Boolean(poster)}
      onRetry={() => void q.reload()}
      empty={!gridId && { title: '没有指定网格', description: '请从网格列表进入。' }}
      footer={
        poster &&
        (canPrint ? (
          <ActionButton type="primary" size="large" block className="e2e-poster-print" onClick={printPage}>
            打印
          </ActionButton>
        ) : (
          <Text className="poster-hint">请在电脑浏览器中打开“网格管理”打印海报</Text>
        ))
      }
    >
      {card && qr && (
        <View className="poster e2e-poster">
          <Text className="poster__title">网格服务联系卡</Text>
          <Text className="poster__grid e2e-poster-grid">
            {gridLabel(card.grid.communityName, card.grid.name)}
          </Text>
          {card.grid.boundaryText !== '' && <Text className="poster__boundary">{card.grid.boundaryText}</Text>}

          {card.worker ? (
            <View className="poster__worker">
              {card.worker.photoUrl ? (
                <Image className="poster__photo" src={card.worker.photoUrl} mode="aspectFill" />
              ) : (
                <View className="poster__avatar">
                  <Text>{surnameOf(card.worker.name)}</Text>
                </View>
              )}
              <View className="poster__worker-main">
                <Text className="poster__label">网格员</Text>
                <Text className="poster__name e2e-poster-worker">{card.worker.name}</Text>
                <Text className="poster__phone">{formatPhone(card.worker.workPhone)}</Text>
                <Text className="poster__duty">值班：{card.worker.dutyText}</Text>
              </View>
            </View>
          ) : (
            <View className="poster__worker">
              <Text className="poster__name">网格员待指派</Text>
            </View>
          )}

          <View className="poster__rows">
            {card.backup && (
              <View className="poster__row">
                <Text className="poster__row-label">B角</Text>
                <Text className="poster__row-value e2e-poster-backup">
                  {card.backup.name}
                  {'\u3000'}
                  {formatPhone(card.backup.workPhone)}
                </Text>
              </View>
            )}
            <View className="poster__row">
              <Text className="poster__row-label">社区热线</Text>
              <Text className="poster__row-value">
                {card.hotline.name}
                {'\u3000'}
                {formatPhone(card.hotline.phone)}
              </Text>
            </View>
          </View>

          <View className="poster__qr-box">
            {/* The box is square like the code: scaleToFill draws it whole, with no fitting offsets. */}
            <Image className="poster__qr e2e-poster-qr" src={qr} mode="scaleToFill" />
            <Text className="poster__qr-caption">微信扫一扫，绑定您的网格</Text>
          </View>
          <Text className="poster__foot">
            {card.grid.streetName} · {card.grid.code}
          </Text>
        </View>
      )}
    </PageShell>
  );
}

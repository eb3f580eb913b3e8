import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { KEY_GROUP_LABELS } from '@core/places/place';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { accountApi } from '../../../account/api';
import { visitApi } from '../../api';
import { flushQueue, readQueue } from '../../visit-queue';
import '../../../requests/components/requests.scss';
import '../../visits.scss';

async function load() {
  const [me, grids] = await Promise.all([accountApi.me(), visitApi.grids()]);
  return { me, grids };
}

/** 今日待访: the households the rhythm table (独居老人 每周一次 …) or a 回访 date asks to be visited now, most pressing first. */
export default function DuePage() {
  const base = useQuery('visit-grids', load);
  const grids = base.data?.grids ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const gridId = picked ?? grids[0]?.id ?? null;
  const due = useQuery(`visit-due-${gridId ?? ''}`, () => visitApi.due(gridId as string), { enabled: Boolean(gridId), pullToRefresh: true, reloadOnShow: true });
  // 巡查 is of a building: the grid's buildings, read when the picker first opens.
  const [wantBuildings, setWantBuildings] = useState(false);
  const buildings = useQuery(`visit-buildings-${gridId ?? ''}`, () => visitApi.households(gridId as string, {}), { enabled: Boolean(gridId) && wantBuildings });
  const buildingList = buildings.data?.buildings ?? [];
  const userId = base.data?.me.userId;
  const [waiting, setWaiting] = useState(0);

  // Visits saved on the phone go out whenever the list is shown (the record page also sends at once).
  function flush() {
    if (!userId) return;
    setWaiting(readQueue(userId).length);
    void flushQueue(userId, visitApi.record).then((r) => {
      setWaiting(readQueue(userId).length);
      if (r.sent > 0) void due.reload();
    });
  }
  useDidShow(flush);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once per signed-in worker; later shows flush through useDidShow
  useEffect(flush, [userId]);

  const entries = due.data?.entries ?? [];
  return (
    <PageShell
      className="vs-due"
      loading={base.loading || due.loading}
      skeleton="list"
      error={base.error ?? due.error}
      hasContent={Boolean(due.data)}
      onRetry={() => void (base.error ? base.reload() : due.reload())}
      empty={base.data && grids.length === 0 && { title: '您目前没有负责的网格', description: '请联系社区为您指派网格。' }}
    >
      {grids.length > 1 && (
        <View className="rq-choices section e2e-visit-grids">
          {grids.map((g) => (
            <View key={g.id} className={`rq-choice ${g.id === gridId ? 'rq-choice--on e2e-on' : ''}`} onClick={() => setPicked(g.id)}>
              {g.name}
            </View>
          ))}
        </View>
      )}
      {waiting > 0 && (
        <View className="rq-notice vs-queue e2e-visit-queued">
          <Text>有 {waiting} 条走访记录保存在手机上，联网后自动发送</Text>
        </View>
      )}
      <View className="section">
        <Text className="section__title">{due.data ? `${due.data.gridName} · 今日待访 ${entries.length} 户` : '今日待访'}</Text>
        <Text className="section__hint">按走访节奏（独居老人每周一次，残疾人、低保户每月一次）和约定的回访日期排出。</Text>
        <Text className="link e2e-visit-households" onClick={() => gridId && void Taro.navigateTo({ url: withQuery(ROUTES.visitHouseholds, { gridId }) })}>
          全部住户和最近走访 ›
        </Text>
        {wantBuildings && buildingList.length > 0 ? (
          <Picker
            mode="selector"
            range={buildingList.map((b) => b.name)}
            onChange={(e) => {
              const b = buildingList[Number(e.detail.value)];
              if (b && gridId) void Taro.navigateTo({ url: withQuery(ROUTES.visitRecord, { gridId, kind: 'patrol', buildingId: b.id, label: `巡查 ${b.name}` }) });
            }}
          >
            <Text className="link e2e-visit-patrol-pick">选择巡查的楼栋 ›</Text>
          </Picker>
        ) : (
          <Text className="link e2e-visit-patrol" onClick={() => setWantBuildings(true)}>
            {wantBuildings && buildings.loading ? '正在读取楼栋…' : '登记巡查 ›'}
          </Text>
        )}
      </View>
      {due.data && entries.length === 0 && (
        <View className="section">
          <Text className="section__hint e2e-visit-due-empty">今天没有待访的住户。</Text>
        </View>
      )}
      <View className="rq-list e2e-visit-due-list">
        {entries.map((e) => (
          <View
            key={e.householdId}
            className="section vs-item e2e-visit-due-item"
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.visitRecord, { gridId: gridId ?? '', householdId: e.householdId, label: e.label }) })}
          >
            <View className="vs-item__head">
              <Text className="vs-item__title e2e-visit-due-label">{e.label}</Text>
              {e.overdue ? <Text className="tag tag--danger">已超期</Text> : <Text className="tag tag--warning">{e.followUp ? '回访' : `${e.dueBy.slice(5)}前`}</Text>}
            </View>
            <View className="vs-row">
              {e.keyGroups.map((g) => (
                <Text key={g} className="tag tag--primary">
                  {KEY_GROUP_LABELS[g]}
                </Text>
              ))}
              <Text className="section__hint">{e.lastVisit ? `上次走访 ${e.lastVisit}` : '近期未走访'}</Text>
            </View>
            <Text className="link">登记走访 ›</Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}

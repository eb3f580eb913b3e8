import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { KEY_GROUP_LABELS } from '@core/places/place';
import { VISIT_KIND_LABELS, VISIT_OUTCOME_LABELS } from '@core/visits/visit';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES, withQuery } from '../../../../lib/routes';
import PhotoGrid from '../../../requests/components/PhotoGrid';
import { visitApi } from '../../api';
import '../../../requests/components/requests.scss';
import '../../visits.scss';

/** A household's visits, newest first: for its grid's workers and its community's staff. */
export default function HistoryPage() {
  const { params } = useRouter();
  const householdId = params.householdId ?? '';
  const q = useQuery(`visit-history-${householdId}`, () => visitApi.history(householdId), { reloadOnShow: true });
  const h = q.data?.household;
  return (
    <PageShell className="vs-history" loading={q.loading} skeleton="list" error={q.error} hasContent={Boolean(q.data)} onRetry={() => void q.reload()}>
      {h && (
        <View className="section vs-item">
          <Text className="vs-item__title e2e-visit-history-label">{h.label}</Text>
          <View className="vs-row">
            {h.keyGroups.map((g) => (
              <Text key={g} className="tag tag--primary">
                {KEY_GROUP_LABELS[g]}
              </Text>
            ))}
            <Text className="section__hint">{h.lastVisit ? `上次走访 ${h.lastVisit}` : '还没有走访记录'}</Text>
          </View>
          <ActionButton
            type="primary"
            size="large"
            className="e2e-visit-record-here"
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.visitRecord, { gridId: q.data?.gridId ?? '', householdId: h.id, label: h.label }) })}
          >
            登记走访
          </ActionButton>
        </View>
      )}
      <View className="rq-list e2e-visit-history">
        {(q.data?.visits ?? []).map((v) => (
          <View key={v.id} className="section vs-item e2e-visit-history-item">
            <View className="vs-item__head">
              <Text className="vs-item__title">{v.date}</Text>
              <Text className="tag tag--success">{VISIT_OUTCOME_LABELS[v.outcome]}</Text>
            </View>
            <Text className="section__hint">
              {VISIT_KIND_LABELS[v.kind]} · {v.workerName} · {v.met ? `见到${v.met}` : '无人在家'}
              {v.followUpOn ? ` · ${v.followUpOn} 回访` : ''}
            </Text>
            <Text className="rq-desc e2e-visit-history-note">{v.note}</Text>
            {v.requestId && (
              <Text className="link e2e-visit-history-request" onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.requestDetail, { id: v.requestId as string }) })}>
                查看现场上报的诉求 ›
              </Text>
            )}
            <PhotoGrid urls={v.photoUrls} />
          </View>
        ))}
      </View>
    </PageShell>
  );
}

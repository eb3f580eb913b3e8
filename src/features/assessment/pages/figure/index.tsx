import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FigureRequestsView } from '@core/api/assessment.contract';
import type { RequestSummary } from '@core/api/request.contract';
import { INDICATORS, INDICATOR_IDS, type IndicatorId } from '@core/assessment/indicators';
import { rangeLabel } from '@core/assessment/periods';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { usePagedList } from '../../../../hooks/use-paged-list';
import ListFooter from '../../../requests/components/ListFooter';
import RequestItem from '../../../requests/components/RequestItem';
import { mergePages } from '../../../requests/request-view';
import { assessmentApi } from '../../api';
import { parseFigureQuery } from '../../assessment-view';
import '../../../requests/components/requests.scss';
import '../../components/assessment.scss';

const isIndicator = (s: string): s is IndicatorId => (INDICATOR_IDS as readonly string[]).includes(s);

/**
 * The requests behind one figure: the server lists them by the same rule that counted them, so the total here
 * is the count the figure was computed from. Each opens its detail.
 */
export default function FigureRequestsPage() {
  const { params } = useRouter();
  const q = parseFigureQuery(params, isIndicator);
  const now = useNow();
  const list = usePagedList<RequestSummary, FigureRequestsView>(
    `figure-${JSON.stringify(q)}`,
    (cursor) => assessmentApi.figureRequests(q!.scope, q!.period, q!.figure, cursor),
    { enabled: Boolean(q), merge: mergePages },
  );
  const def = q ? INDICATORS[q.figure] : null;

  return (
    <PageShell
      className="asm"
      loading={Boolean(q) && list.loading}
      skeleton="list"
      error={list.error}
      hasContent={Boolean(list.first)}
      onRetry={() => void list.reload()}
      empty={!q && { title: '没有指定指标', description: '请从考核评价页点击一个数字进入。' }}
    >
      {q && def && list.first && (
        <>
          <View className="section asm-figure-head">
            <Text className="asm-head__title e2e-figure-title">
              {q.name} · {def.label}
            </Text>
            <Text className="asm-head__sub">{rangeLabel(q.period)}</Text>
            {q.shown && <Text className="asm-figure-head__shown e2e-figure-shown">{q.shown}</Text>}
            <Text className="section__hint">{def.definition}</Text>
          </View>
          <Text className="rq-total">
            按此指标统计的诉求共<Text className="rq-total__num e2e-total">{list.first.total}</Text>件
          </Text>
          {list.items.length === 0 ? (
            <View className="state e2e-empty">
              <Text className="state__title">没有对应的诉求</Text>
              <Text className="state__desc">统计期内这一项没有计入任何诉求。</Text>
            </View>
          ) : (
            <View className="rq-list e2e-request-list">
              {list.items.map((item) => (
                <RequestItem key={item.id} item={item} now={now} showGrid />
              ))}
            </View>
          )}
          <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} count={list.items.length} />
        </>
      )}
    </PageShell>
  );
}

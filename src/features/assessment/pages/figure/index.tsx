import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FigureRequestItem, FigureRequestsView } from '@core/api/assessment.contract';
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

/** A rate's list is its denominator; each row says whether it is in the numerator, in words (not 分子). */
const MARKS: Partial<Record<IndicatorId, [string, string]>> = {
  timelyAcceptRate: ['按时受理', '超时受理'],
  onTimeRate: ['按期办结', '超期办结'],
  solveRate: ['已解决', '未确认解决'],
  satisfactionRate: ['满意或基本满意', '不满意'],
  reopenRate: ['曾重办', '未重办'],
  patrolShare: ['巡查发现', '居民上报'],
};

/**
 * The requests behind one figure: the server lists them by the same rule that counted them, so the total here
 * is the count the figure was computed from. Each opens its detail.
 */
export default function FigureRequestsPage() {
  const { params } = useRouter();
  const q = parseFigureQuery(params, isIndicator);
  const now = useNow();
  const list = usePagedList<FigureRequestItem, FigureRequestsView>(
    `figure-${JSON.stringify(q)}`,
    (cursor) => assessmentApi.figureRequests(q!.scope, q!.period, q!.figure, cursor),
    { enabled: Boolean(q), merge: (a, b) => mergePages(a, b) as FigureRequestItem[] },
  );
  const def = q ? INDICATORS[q.figure] : null;
  const marks = q ? MARKS[q.figure] : undefined;
  const first = list.first;

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
            共<Text className="rq-total__num e2e-total">{list.first.total}</Text>件
            {marks && first ? (
              <>
                ，其中{marks[0]}<Text className="rq-total__num e2e-counted">{first.counted}</Text>件
              </>
            ) : null}
          </Text>
          {first?.definition && <Text className="section__hint asm-list-def e2e-list-definition">列出的是：{first.definition}</Text>}
          {list.items.length === 0 ? (
            <View className="state e2e-empty">
              <Text className="state__title">没有对应的诉求</Text>
              <Text className="state__desc">统计期内这一项没有计入任何诉求。</Text>
            </View>
          ) : (
            <View className="rq-list e2e-request-list">
              {list.items.map((item) => (
                <View key={item.id} className="asm-marked" data-counted={item.counted ? '1' : '0'}>
                  {marks && <Text className={`tag asm-marked__tag e2e-mark ${item.counted ? 'tag--success' : 'tag--danger'}`}>{item.counted ? marks[0] : marks[1]}</Text>}
                  <RequestItem item={item} now={now} showGrid />
                </View>
              ))}
            </View>
          )}
          <ListFooter hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={() => void list.loadMore()} count={list.items.length} />
        </>
      )}
    </PageShell>
  );
}

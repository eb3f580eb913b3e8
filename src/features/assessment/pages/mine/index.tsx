import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { RequestSummary } from '@core/api/request.contract';
import { SCORE_DEFINITION } from '@core/assessment/indicators';
import PageShell from '../../../../components/PageShell';
import { useNow } from '../../../../hooks/use-now';
import { useQuery } from '../../../../hooks/use-query';
import RequestItem from '../../../requests/components/RequestItem';
import { beijingDate } from '../../../work/overview-filter';
import { assessmentApi } from '../../api';
import FigureCards from '../../components/FigureCards';
import PeriodBar, { periodOfState, type PeriodState } from '../../components/PeriodBar';
import '../../../requests/components/requests.scss';
import '../../components/assessment.scss';

function PullingDown({ title, hint, items, now, className }: { title: string; hint: string; items: RequestSummary[]; now: number; className: string }) {
  return (
    <View className={`section ${className}`}>
      <Text className="section__title">
        {title}（{items.length} 件）
      </Text>
      {items.length === 0 ? (
        <Text className="section__hint">{hint}</Text>
      ) : (
        <View className="rq-list asm-list">
          {items.map((item) => (
            <RequestItem key={item.id} item={item} now={now} showGrid />
          ))}
        </View>
      )}
    </View>
  );
}

/** 我的考核: a grid worker's own figures, each grid's place among the street's grids, and what pulls them down. */
export default function MyAssessmentPage() {
  const now = useNow();
  const today = beijingDate(now);
  const [period, setPeriod] = useState<PeriodState>({ choice: 'month', from: null, to: null });
  const range = periodOfState(period, today);
  const q = useQuery(`my-assessment-${JSON.stringify(range)}`, () => assessmentApi.mine(range!), { enabled: Boolean(range), pullToRefresh: true });
  const view = q.data;

  return (
    <PageShell className="asm" loading={Boolean(range) && q.loading && !view} error={q.error} hasContent={Boolean(view)} onRetry={() => void q.reload()}>
      <View className="section rq-filters">
        <PeriodBar value={period} today={today} onChange={setPeriod} />
      </View>
      {!range && <Text className="section__hint">请选择开始和结束日期。</Text>}
      {range && view && (
        <>
          <View className="asm-head">
            <Text className="asm-head__title">我的考核</Text>
            <Text className="asm-head__sub e2e-period-label">{view.period.label}</Text>
          </View>
          {view.grids.length > 0 && (
            <View className="section e2e-my-grids">
              <Text className="section__title">我负责的网格排名</Text>
              {view.grids.map((g) => (
                <View key={g.gridId} className="asm-rankline e2e-my-grid" data-grid={g.gridId}>
                  <Text className="asm-rankline__name">{g.name}</Text>
                  <Text className="asm-rankline__rank e2e-my-grid-rank">{g.rank === null ? `暂无排名（共 ${g.of} 个网格）` : `第 ${g.rank} 名 / 共 ${g.of} 个网格`}</Text>
                  <Text className="asm-rankline__score">综合得分 {g.score === null ? '无数据' : g.score.toFixed(1)}</Text>
                </View>
              ))}
              <Text className="section__hint">名次按街道全部网格的综合得分排列；统计期内没有受理或办结的网格不参与排名。</Text>
            </View>
          )}
          <FigureCards figures={view.figures} extras={[{ key: 'score', label: '我的综合得分', display: view.score === null ? '无数据' : view.score.toFixed(1), definition: SCORE_DEFINITION }]} />
          <PullingDown title="超期办结的诉求" hint="统计期内没有超期办结的诉求。" items={view.late} now={now} className="e2e-my-late" />
          <PullingDown title="居民评价不满意的诉求" hint="统计期内没有评价为不满意的诉求。" items={view.unsatisfied} now={now} className="e2e-my-unsatisfied" />
        </>
      )}
    </PageShell>
  );
}

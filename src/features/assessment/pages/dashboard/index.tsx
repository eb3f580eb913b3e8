import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FigureView, PeriodInput, ScopeInput } from '@core/api/assessment.contract';
import { formatFigure, type IndicatorId } from '@core/assessment/indicators';
import { can } from '@core/people/permission';
import PageShell from '../../../../components/PageShell';
import { ErrorState, StaleBanner } from '../../../../components/StateViews';
import { useNow } from '../../../../hooks/use-now';
import { useQuery } from '../../../../hooks/use-query';
import { ROUTES, withQuery } from '../../../../lib/routes';
import { accountApi } from '../../../account/api';
import { grantOf } from '../../../account/me-view';
import RequestItem from '../../../requests/components/RequestItem';
import { requestApi } from '../../../requests/api';
import { beijingDate } from '../../../work/overview-filter';
import { assessmentApi } from '../../api';
import { figureQueryString, scopeTree, type ScopeTree } from '../../assessment-view';
import ExportBar from '../../components/ExportBar';
import WeightsEditor from '../../components/WeightsEditor';
import FigureCards from '../../components/FigureCards';
import HotIssues from '../../components/HotIssues';
import PeriodBar, { periodOfState, type PeriodState } from '../../components/PeriodBar';
import RankingTable, { type RankKind } from '../../components/RankingTable';
import ScopeBar from '../../components/ScopeBar';
import TrendBars from '../../components/TrendBars';
import '../../../requests/components/requests.scss';
import '../../components/assessment.scss';

const OVERDUE_DEFINITION = '此刻已超过当前时限（受理时限或办结时限）仍未办结的诉求件数，不受统计期影响。';

/**
 * Who may see what: street staff the whole street, community staff their community; others are refused by
 * the server too. Whether the caller may change the score weights is the server's own permission verb.
 */
async function loadTree(): Promise<(ScopeTree & { canSetWeights: boolean }) | null> {
  const me = await accountApi.me();
  // The street admin is held beside street_staff, and sees the street the same way.
  const street = grantOf(me, 'street_staff') ?? grantOf(me, 'street_admin');
  const community = grantOf(me, 'community_staff');
  if (!street && !community) return null;
  const grids = await requestApi.grids();
  const tree = street ? scopeTree(grids, { streetId: street.streetId }) : scopeTree(grids, { communityId: community!.communityId });
  const actor = { userId: me.userId, name: me.name, grants: me.grants };
  return { ...tree, canSetWeights: Boolean(street) && can(actor, 'street.settings', { streetId: street!.streetId }) };
}

function rankKindsOf(scope: ScopeInput): RankKind[] {
  if (scope.kind === 'street') return ['grid', 'worker', 'community'];
  if (scope.kind === 'community') return ['grid', 'worker'];
  return ['worker'];
}

function openFigure(scope: ScopeInput, period: PeriodInput, figure: IndicatorId, shown: string, name: string) {
  void Taro.navigateTo({ url: withQuery(ROUTES.assessmentFigure, figureQueryString({ scope, period, figure, shown, name })) });
}

/** 考核评价: the figures of a scope and period, the ranking, the trend, what is overdue now and the month's hot issues. */
export default function AssessmentDashboardPage() {
  const now = useNow();
  const today = beijingDate(now);
  const tree = useQuery('assessment-tree', loadTree);
  const [period, setPeriod] = useState<PeriodState>({ choice: 'month', from: null, to: null });
  const [chosenScope, setScope] = useState<ScopeInput | null>(null);
  const [chosenKind, setKind] = useState<RankKind | null>(null);
  const scope = chosenScope ?? tree.data?.root.scope ?? null;
  const kinds = scope ? rankKindsOf(scope) : [];
  const rankBy = chosenKind && kinds.includes(chosenKind) ? chosenKind : kinds[0];
  const range = periodOfState(period, today);
  const ready = Boolean(scope && range);
  const dash = useQuery(
    `assessment-${JSON.stringify({ scope, range, rankBy })}`,
    () => assessmentApi.dashboard(scope!, range!, rankBy),
    { enabled: ready, pullToRefresh: true },
  );
  const view = dash.data;
  const noAccess = tree.data === null;

  return (
    <PageShell
      className="asm"
      loading={tree.loading}
      error={tree.error}
      hasContent={Boolean(tree.data)}
      onRetry={() => void tree.reload()}
      empty={noAccess && { title: '没有查看考核评价的权限', description: '考核评价供街道和社区工作人员查看；网格员请在首页打开“我的考核”。' }}
    >
      {tree.data && scope && (
        <>
          <View className="section rq-filters e2e-filters">
            <PeriodBar value={period} today={today} onChange={setPeriod} />
            <ScopeBar tree={tree.data} value={scope} onChange={(s) => setScope(s)} />
          </View>
          {!range ? (
            <Text className="section__hint">请选择开始和结束日期。</Text>
          ) : dash.error && !view ? (
            <ErrorState error={dash.error} onRetry={() => void dash.reload()} />
          ) : !view ? (
            <Text className="rq-total e2e-loading">正在统计…</Text>
          ) : (
            <>
              {/* A new scope or period keeps the old figures on screen until the new ones arrive, marked as such. */}
              {dash.loading && <Text className="rq-total e2e-updating">正在统计所选范围和统计期…</Text>}
              {dash.error ? <StaleBanner error={dash.error} onRetry={() => void dash.reload()} /> : null}
              <View className="asm-head">
                <Text className="asm-head__title e2e-scope-name">{view.scope.name}</Text>
                <Text className="asm-head__sub e2e-period-label">{view.period.label}</Text>
              </View>
              <FigureCards
                figures={view.figures}
                extras={[
                  { key: 'score', label: '综合得分', display: view.score === null ? '无数据' : view.score.toFixed(1), definition: view.scoreDefinition },
                  { key: 'overdueNow', label: '超期未办结（此刻）', display: `${view.overdueNow} 件`, definition: OVERDUE_DEFINITION, tone: view.overdueNow > 0 ? 'danger' : undefined },
                ]}
                onOpen={(f: FigureView) => openFigure(scope, range, f.id, f.display, view.scope.name)}
              />
              <RankingTable
                kinds={kinds}
                kind={rankBy}
                onKind={setKind}
                rows={view.ranking.kind === rankBy ? view.ranking.rows : []}
                loading={view.ranking.kind !== rankBy}
                onOpen={(row, figure) => openFigure(row.scope, range, figure, formatFigure(figure, row.figures[figure]), row.name)}
              />
              <TrendBars points={view.trend} />
              <View className="section e2e-overdue">
                <Text className="section__title">超期未办结</Text>
                {view.overdue.length === 0 ? (
                  <Text className="section__hint e2e-overdue-empty">此刻没有超期未办结的诉求。</Text>
                ) : (
                  <>
                    <Text className="section__hint">
                      共 {view.overdueNow} 件{view.overdueNow > view.overdue.length ? `，下面是超期最久的 ${view.overdue.length} 件` : ''}。
                    </Text>
                    <View className="rq-list asm-list">
                      {view.overdue.map((item) => (
                        <RequestItem key={item.id} item={item} now={now} showGrid />
                      ))}
                    </View>
                  </>
                )}
              </View>
              <HotIssues issues={view.hotIssues} monthLabel={`${view.period.to.slice(0, 4)}年${Number(view.period.to.slice(5, 7))}月`} />
              <ExportBar scope={scope} period={range} />
              {tree.data.canSetWeights && <WeightsEditor key={JSON.stringify(view.weights)} weights={view.weights} onSaved={() => void dash.reload()} />}
            </>
          )}
        </>
      )}
    </PageShell>
  );
}

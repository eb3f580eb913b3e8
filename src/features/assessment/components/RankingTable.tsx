import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { RankingRow } from '@core/api/assessment.contract';
import { INDICATORS, INDICATOR_IDS, type IndicatorId } from '@core/assessment/indicators';
import Chips from '../../work/components/Chips';
import { cellText, changeText, defaultDir, sortRows, type SortDir, type SortKey } from '../assessment-view';

/** 东湖社区第1网格 under 东湖社区 reads 第1网格: the community is on the line below. */
function shortName(row: RankingRow): string {
  const c = row.communityName;
  return c && row.name.startsWith(c) && row.name.length > c.length ? row.name.slice(c.length) : row.name;
}

export type RankKind = 'grid' | 'worker' | 'community';
const KIND_LABELS: Record<RankKind, string> = { grid: '网格', worker: '网格员', community: '社区' };

interface Props {
  kinds: RankKind[];
  kind: RankKind;
  onKind: (k: RankKind) => void;
  rows: RankingRow[];
  /** Opens the requests behind one figure of one row. */
  onOpen: (row: RankingRow, figure: IndicatorId) => void;
  loading?: boolean;
}

/**
 * 排名: by 综合得分 (the server's rank, with 环比 ↑↓) or by any indicator. Four columns fit a phone in 大字模式;
 * a tap on a row shows all of its figures, each opening its requests.
 */
export default function RankingTable({ kinds, kind, onKind, rows, onOpen, loading }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'score', dir: 'desc' });
  const [expanded, setExpanded] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const sortedAll = sortRows(rows, sort.key, sort.dir);
  // Rows with nothing to assess (no score) go behind 「显示全部」: a street of 48 grids should not bury the ranked ones.
  const unranked = rows.filter((r) => r.score === null).length;
  const sorted = showAll ? sortedAll : sortedAll.filter((r) => r.score !== null);
  const byIndicator = sort.key !== 'score';
  const pickSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'desc' ? 'asc' : 'desc' } : { key, dir: defaultDir(key) }));
  const arrow = (key: SortKey) => (sort.key === key ? (sort.dir === 'desc' ? ' ▼' : ' ▲') : '');

  return (
    <View className="section asm-rank e2e-ranking">
      <Text className="section__title">排名</Text>
      {kinds.length > 1 && (
        <Chips<RankKind> className="e2e-rank-kind" value={kind} options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))} onChange={(k) => k && onKind(k)} />
      )}
      <Text className="rq-filter__label">排序（再点一次换方向）</Text>
      <Chips<SortKey>
        className="e2e-rank-sort"
        value={sort.key}
        options={[{ value: 'score', label: `综合得分${arrow('score')}` }, ...INDICATOR_IDS.map((id) => ({ value: id, label: `${INDICATORS[id].label}${arrow(id)}` }))]}
        onChange={(k) => pickSort(k ?? 'score')}
      />
      {loading ? (
        <Text className="section__hint">正在加载排名…</Text>
      ) : rows.length === 0 ? (
        <Text className="section__hint e2e-rank-empty">没有可排名的{KIND_LABELS[kind]}。</Text>
      ) : (
        <View className="asm-table">
          <View className="asm-table__row asm-table__row--head">
            <Text className="asm-table__rank">名次</Text>
            <Text className="asm-table__name">{KIND_LABELS[kind]}</Text>
            <Text className="asm-table__num asm-table__num--main" onClick={() => pickSort(sort.key)}>
              {byIndicator ? INDICATORS[sort.key as IndicatorId].label : '得分'}
              {arrow(sort.key)}
            </Text>
            <Text className="asm-table__num">{byIndicator ? '得分' : '环比'}</Text>
          </View>
          {sorted.map((row) => {
            const k = `${row.scope.kind}:${row.scope.id}`;
            const change = changeText(row.change);
            const open = expanded === k;
            return (
              <View key={k} className={`asm-table__item e2e-rank-row ${open ? 'asm-table__item--open' : ''}`} data-scope={row.scope.id}>
                <View className="asm-table__row" onClick={() => setExpanded(open ? null : k)}>
                  <Text className="asm-table__rank e2e-rank-no">{row.rank ?? '—'}</Text>
                  <View className="asm-table__name">
                    <Text className="asm-table__title e2e-rank-name">{shortName(row)}</Text>
                    {row.communityName && <Text className="asm-table__sub">{row.communityName}</Text>}
                  </View>
                  {byIndicator ? (
                    <Text
                      className={`asm-table__num asm-table__num--main ${row.figures[sort.key as IndicatorId] === null ? '' : 'asm-table__num--link'} e2e-rank-cell`}
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(row, sort.key as IndicatorId);
                      }}
                    >
                      {cellText(sort.key, row.figures[sort.key as IndicatorId])}
                    </Text>
                  ) : (
                    <Text className="asm-table__num asm-table__num--main asm-table__score e2e-rank-score">{cellText('score', row.score)}</Text>
                  )}
                  {byIndicator ? (
                    <Text className="asm-table__num e2e-rank-score">{cellText('score', row.score)}</Text>
                  ) : (
                    <Text className={`asm-table__num asm-change asm-change--${change?.tone ?? 'none'} e2e-rank-change`}>{change?.text ?? '—'}</Text>
                  )}
                </View>
                {open && (
                  <View className="asm-table__detail e2e-rank-detail">
                    {INDICATOR_IDS.map((id) => (
                      <View key={id} className="asm-table__fig e2e-rank-figure" data-figure={id} onClick={() => onOpen(row, id)}>
                        <Text className="asm-table__fig-label">{INDICATORS[id].label}</Text>
                        <Text className="asm-table__fig-value">{cellText(id, row.figures[id])} ›</Text>
                      </View>
                    ))}
                  </View>
                )}
              </View>
            );
          })}
          {sorted.length === 0 && <Text className="section__hint e2e-rank-empty">统计期内还没有可排名的{KIND_LABELS[kind]}。</Text>}
          {unranked > 0 && (
            <Text className="link asm-table__all e2e-rank-all" onClick={() => setShowAll(!showAll)}>
              {showAll ? '只看有得分的' : `另有 ${unranked} 个${KIND_LABELS[kind]}统计期内没有受理或办结，点此显示`}
            </Text>
          )}
        </View>
      )}
      <Text className="section__hint">点击一行可查看全部指标，点击任一数字可查看对应的诉求。环比为与上一统计期综合得分之差。</Text>
    </View>
  );
}

import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import PageShell from '../../../../components/PageShell';
import { useQuery } from '../../../../hooks/use-query';
import Chips from '../../../work/components/Chips';
import { visitApi } from '../../api';
import '../../../requests/components/requests.scss';
import '../../visits.scss';

type Span = 'month' | 'last_month' | 'quarter';
const SPANS: { value: Span; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'last_month', label: '上月' },
  { value: 'quarter', label: '本季度' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The period a span names, in the phone's calendar (Beijing for the people using it). */
export function spanRange(span: Span, now: Date): { from: string; to: string } {
  const y = now.getFullYear();
  const m = now.getMonth();
  if (span === 'last_month') return { from: ymd(new Date(y, m - 1, 1)), to: ymd(new Date(y, m, 0)) };
  if (span === 'quarter') {
    const q = Math.floor(m / 3) * 3;
    return { from: ymd(new Date(y, q, 1)), to: ymd(new Date(y, q + 3, 0)) };
  }
  return { from: ymd(new Date(y, m, 1)), to: ymd(new Date(y, m + 1, 0)) };
}

const rate = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—');

/**
 * 走访覆盖 per grid: households visited at least once in the period, and key-group households visited on rhythm
 * (every week or month of theirs that ended in the period had its visits).
 */
export default function CoveragePage() {
  const [span, setSpan] = useState<Span>('month');
  const range = spanRange(span, new Date());
  const q = useQuery(`visit-coverage-${span}`, () => visitApi.coverage(range.from, range.to), { pullToRefresh: true, reloadOnShow: true });
  return (
    <PageShell className="vs-coverage" loading={q.loading} skeleton="list" error={q.error} hasContent={Boolean(q.data)} onRetry={() => void q.reload()}>
      <Chips className="e2e-visit-span" options={SPANS} value={span} onChange={(v) => setSpan(v ?? 'month')} />
      <View className="section">
        <Text className="section__hint">
          {range.from} 至 {range.to}。按节奏走访只计统计期内已结束的周、月。
        </Text>
      </View>
      <View className="rq-list e2e-visit-coverage">
        {(q.data?.grids ?? []).map((g) => (
          <View key={g.gridId} className="section vs-item e2e-visit-coverage-grid" data-grid={g.gridId}>
            <View className="vs-item__head">
              <Text className="vs-item__title">{g.gridName}</Text>
              <Text className="section__hint">{g.communityName}</Text>
            </View>
            <View className="vs-row">
              <Text className="section__hint">走访覆盖</Text>
              <Text className="vs-figure e2e-visit-visited">
                {g.visited}/{g.households}
              </Text>
              <Text className="section__hint">{rate(g.visited, g.households)}</Text>
            </View>
            <View className="vs-row">
              <Text className="section__hint">重点人群按节奏走访</Text>
              <Text className="vs-figure e2e-visit-kept">
                {g.keptRhythm}/{g.keyHouseholds}
              </Text>
              <Text className="section__hint">{rate(g.keptRhythm, g.keyHouseholds)}</Text>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}

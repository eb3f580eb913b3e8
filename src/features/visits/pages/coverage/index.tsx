import { useEffect, useState } from 'react';
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
  const [communityId, setCommunityId] = useState<string | null>(null);
  // The communities a street's staff can narrow to, as the first street-wide answer listed them.
  const [communities, setCommunities] = useState<{ value: string; label: string }[]>([]);
  const range = spanRange(span, new Date());
  const q = useQuery(`visit-coverage-${span}-${communityId ?? ''}`, () => visitApi.coverage(range.from, range.to, communityId ?? undefined), {
    pullToRefresh: true,
    reloadOnShow: true,
  });
  const grids = q.data?.grids ?? [];
  useEffect(() => {
    if (communityId || !q.data) return;
    const seen = new Map(q.data.grids.map((g) => [g.communityId, g.communityName]));
    setCommunities([...seen].map(([value, label]) => ({ value, label })));
  }, [q.data, communityId]);
  const total = grids.reduce((t, g) => ({ households: t.households + g.households, visited: t.visited + g.visited, key: t.key + g.keyHouseholds, kept: t.kept + g.keptRhythm }), {
    households: 0,
    visited: 0,
    key: 0,
    kept: 0,
  });
  return (
    <PageShell className="vs-coverage" loading={q.loading} skeleton="list" error={q.error} hasContent={Boolean(q.data)} onRetry={() => void q.reload()}>
      <Chips className="e2e-visit-span" options={SPANS} value={span} onChange={(v) => setSpan(v ?? 'month')} />
      {communities.length > 1 && (
        <Chips className="e2e-visit-community" options={[{ value: null, label: '全部社区' }, ...communities]} value={communityId} onChange={setCommunityId} />
      )}
      <View className="section">
        <Text className="section__hint">
          {range.from} 至 {range.to}。按节奏走访只计统计期内已结束的周、月。
        </Text>
      </View>
      {grids.length > 1 && (
        <View className="section vs-item e2e-visit-coverage-total">
          <Text className="vs-item__title">{communityId ? `${communities.find((c) => c.value === communityId)?.label ?? ''}合计` : '合计'}</Text>
          <View className="vs-row">
            <Text className="section__hint">走访覆盖</Text>
            <Text className="vs-figure e2e-visit-total-visited">
              {total.visited}/{total.households}
            </Text>
            <Text className="section__hint">{rate(total.visited, total.households)}</Text>
          </View>
          <View className="vs-row">
            <Text className="section__hint">重点人群按节奏走访</Text>
            <Text className="vs-figure">
              {total.kept}/{total.key}
            </Text>
            <Text className="section__hint">{rate(total.kept, total.key)}</Text>
          </View>
        </View>
      )}
      {q.data && grids.length === 0 && (
        <View className="section">
          <Text className="section__hint">范围内没有网格。</Text>
        </View>
      )}
      <View className="rq-list e2e-visit-coverage">
        {grids.map((g) => (
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

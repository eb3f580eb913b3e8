import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { TrendPoint } from '@core/api/assessment.contract';
import Chips from '../../work/components/Chips';
import { TREND_LABELS, trendBars, trendRangeText, type TrendMetric } from '../assessment-view';

/**
 * 近12个月趋势, drawn as bars from plain Views.
 * Why not a chart library: neither @antv/f2 nor echarts (with a weapp canvas component) is installed in this
 * repo and helpers may not add packages; bars from Views work the same in weapp and H5, weigh nothing, and
 * scale with 大字模式. Swap this component for an F2 chart (inside this subpackage only) once the package is added.
 */
export default function TrendBars({ points }: { points: TrendPoint[] }) {
  const [metric, setMetric] = useState<TrendMetric>('accepted');
  const bars = trendBars(points, metric);
  return (
    <View className="section asm-trend e2e-trend">
      <Text className="section__title">近12个月趋势</Text>
      <Chips<TrendMetric>
        className="e2e-trend-metric"
        value={metric}
        options={(Object.keys(TREND_LABELS) as TrendMetric[]).map((m) => ({ value: m, label: TREND_LABELS[m] }))}
        onChange={(m) => m && setMetric(m)}
      />
      <View className="asm-trend__chart" ariaLabel={`${TREND_LABELS[metric]}近12个月`}>
        {bars.map((b) => (
          <View key={b.month} className="asm-trend__col e2e-trend-bar" data-month={b.month} data-value={b.value ?? ''}>
            <Text className="asm-trend__value">{b.text}</Text>
            <View className="asm-trend__track">
              <View className={`asm-trend__bar ${b.value === null ? 'asm-trend__bar--none' : ''}`} style={{ height: `${Math.max(b.height, b.value ? 2 : 0)}%` }} />
            </View>
            <Text className="asm-trend__month">{b.label}</Text>
          </View>
        ))}
      </View>
      <Text className="section__hint e2e-trend-range">{trendRangeText(points)}</Text>
      {metric !== 'accepted' && <Text className="section__hint">“—”表示当月没有可计算的诉求。</Text>}
    </View>
  );
}

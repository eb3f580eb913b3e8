import { useEffect, useRef, useState } from 'react';
import { Canvas, Text, View } from '@tarojs/components';
import type { TrendPoint } from '@core/api/assessment.contract';
import Chips from '../../work/components/Chips';
import { TREND_LABELS, trendBars, trendRangeText, type TrendBar, type TrendMetric } from '../assessment-view';
import { trendSurface } from '../chart/trend-canvas';
import { drawTrendChart, type TrendChart } from '../chart/trend-chart';

const CANVAS_ID = 'asm-trend-canvas';

/**
 * 近12个月趋势: the bars are an F2 chart on a Canvas 2d (this subpackage only: F2 never reaches the main
 * package); the month's figure and the month itself stay as text in twelve columns under the bars, so every
 * figure can be read with 大字模式 or a screen reader.
 */
export default function TrendBars({ points }: { points: TrendPoint[] }) {
  const [metric, setMetric] = useState<TrendMetric>('accepted');
  const bars = trendBars(points, metric);
  const chart = useRef<TrendChart | null>(null);
  const pending = useRef<Promise<void> | null>(null);
  // The latest bars, for the chart once its canvas is ready (a change may come in before it is).
  const latest = useRef<{ bars: TrendBar[]; metric: TrendMetric }>({ bars, metric });
  latest.current = { bars, metric };
  const key = `${metric}|${bars.map((b) => `${b.month}:${b.value ?? ''}`).join(',')}`;

  useEffect(() => {
    let gone = false;
    pending.current = (async () => {
      const surface = await trendSurface(CANVAS_ID);
      if (!surface || gone) return;
      const drawn = await drawTrendChart(surface, latest.current.bars, latest.current.metric);
      if (gone) drawn.destroy();
      else chart.current = drawn;
    })().catch(() => undefined);
    return () => {
      gone = true;
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Redraw after the first draw has finished (or been given up): the figures under it are already current.
    void pending.current?.then(() => chart.current?.update(latest.current.bars, latest.current.metric)).catch(() => undefined);
  }, [key]);

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
        <View className="asm-trend__plot">
          <Canvas type="2d" id={CANVAS_ID} canvasId={CANVAS_ID} className="asm-trend__canvas e2e-trend-canvas" />
        </View>
        <View className="asm-trend__cols">
          {bars.map((b) => (
            <View key={b.month} className="asm-trend__col e2e-trend-bar" data-month={b.month} data-value={b.value ?? ''}>
              <Text className="asm-trend__value e2e-trend-value">{b.text}</Text>
              <Text className="asm-trend__month">{b.label}</Text>
            </View>
          ))}
        </View>
      </View>
      <Text className="section__hint e2e-trend-range">{trendRangeText(points)}</Text>
      {metric !== 'accepted' && <Text className="section__hint">“—”表示当月没有可计算的诉求。</Text>}
    </View>
  );
}

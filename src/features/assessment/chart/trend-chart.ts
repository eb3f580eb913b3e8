import { Axis, Canvas, Chart, Interval, createElement, type CanvasProps } from '@antv/f2';
import type { TrendBar, TrendMetric } from '../assessment-view';

/**
 * The 近12个月趋势 as an F2 (v5) bar chart, built with F2's own `createElement` calls: our JSX is React's, and F2's
 * JSX runtime would have to own the file's pragma. The chart has no axis labels of its own: the figures and months
 * are text under it (large-text users and screen readers read those), and the bars line up with those columns
 * because the chart has no horizontal padding and a category scale over the same twelve months.
 */
export interface TrendChartSurface {
  /** A 2d context of the page's canvas, already sized to width × height × pixelRatio device pixels. */
  context: CanvasRenderingContext2D;
  /** CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
  /** weapp: the canvas node's own frame scheduler (there is no global requestAnimationFrame there). */
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
  /** weapp: F2 measures text on an offscreen canvas; the page has no `document`. */
  offscreenCanvas?: unknown;
}

export const TREND_COLOR = '#1a5fd1';

/**
 * F2's `createElement` is typed for its JSX compiler (a component's props checked against a narrower IProps); called
 * by hand the generic class components do not fit that signature, so it is given a plain one here. The element it
 * returns carries the props the Canvas is constructed from.
 */
const h = createElement as unknown as (type: unknown, props: Record<string, unknown>, ...children: unknown[]) => { props: CanvasProps };

interface Datum {
  month: string;
  value: number;
}

function canvasProps(surface: TrendChartSurface, bars: TrendBar[], metric: TrendMetric) {
  // A month without a computable rate ("—") has no bar; the scale still lists every month so the bars keep their columns.
  const data: Datum[] = bars.filter((b) => b.value !== null).map((b) => ({ month: b.month, value: b.value as number }));
  const max = metric === 'accepted' ? Math.max(1, ...data.map((d) => d.value)) : 1;
  const { props } = h(
    Canvas,
    {
      context: surface.context,
      width: surface.width,
      height: surface.height,
      pixelRatio: surface.pixelRatio,
      // Redrawing on a change of measure should not animate: the text under the chart changes at once too.
      animate: false,
      padding: [8, 0, 0, 0],
      ...(surface.requestAnimationFrame ? { requestAnimationFrame: surface.requestAnimationFrame, cancelAnimationFrame: surface.cancelAnimationFrame } : {}),
      ...(surface.offscreenCanvas ? { offscreenCanvas: surface.offscreenCanvas } : {}),
    },
    h(
      Chart,
      {
        data,
        scale: {
          month: { type: 'cat', values: bars.map((b) => b.month) },
          value: { min: 0, max, nice: false, tickCount: 3 },
        },
      },
      h(Axis, { field: 'month', visible: false }),
      h(Axis, { field: 'value', visible: false }),
      h(Interval, { x: 'month', y: 'value', color: TREND_COLOR, style: { radius: [4, 4, 0, 0] }, sizeRatio: 0.6 }),
    ),
  );
  return props;
}

/** A drawn chart: `update` redraws it for other data or another measure; `destroy` frees it (on unmount). */
export interface TrendChart {
  update(bars: TrendBar[], metric: TrendMetric): Promise<void>;
  destroy(): void;
}

export async function drawTrendChart(surface: TrendChartSurface, bars: TrendBar[], metric: TrendMetric): Promise<TrendChart> {
  const canvas = new Canvas(canvasProps(surface, bars, metric));
  await canvas.render();
  return {
    update: (next, nextMetric) => canvas.update(canvasProps(surface, next, nextMetric)),
    destroy: () => canvas.destroy(),
  };
}

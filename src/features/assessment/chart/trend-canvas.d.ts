// Resolved per platform: trend-canvas.h5.ts (the <canvas> element inside Taro's Canvas, sized for the screen's
// devicePixelRatio) or trend-canvas.weapp.ts (the Canvas 2d node through a selector query, sized for the
// system pixelRatio).
import type { TrendChartSurface } from './trend-chart';

/**
 * The 2d surface of the page's `<Canvas type="2d" id={id}>`, its backing store sized to its CSS box × pixel ratio;
 * null when the canvas is not (or no longer) on the page. `scope` is the component's page scope (weapp).
 */
export declare function trendSurface(id: string, scope?: unknown): Promise<TrendChartSurface | null>;

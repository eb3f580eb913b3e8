import Taro from '@tarojs/taro';
import type { TrendChartSurface } from './trend-chart';

interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
  requestAnimationFrame(cb: () => void): number;
  cancelAnimationFrame(id: number): void;
}

/** The Canvas 2d node (WeChat base library ≥ 2.9): its size and backing store are set here, at the system pixel ratio. */
export function trendSurface(id: string, scope?: unknown): Promise<TrendChartSurface | null> {
  return new Promise((resolve) => {
    const query = Taro.createSelectorQuery();
    (scope ? query.in(scope as Parameters<typeof query.in>[0]) : query)
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
        const hit = res?.[0];
        const canvas = hit?.node;
        if (!canvas || !hit.width || !hit.height) return resolve(null);
        const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
        canvas.width = Math.round(hit.width * pixelRatio);
        canvas.height = Math.round(hit.height * pixelRatio);
        const offscreen = (Taro as unknown as { createOffscreenCanvas?: (o: { type: '2d' }) => unknown }).createOffscreenCanvas;
        resolve({
          context: canvas.getContext('2d'),
          width: hit.width,
          height: hit.height,
          pixelRatio,
          requestAnimationFrame: (cb) => canvas.requestAnimationFrame(cb),
          cancelAnimationFrame: (n) => canvas.cancelAnimationFrame(n),
          offscreenCanvas: offscreen ? offscreen({ type: '2d' }) : undefined,
        });
      });
  });
}

import type { TrendChartSurface } from './trend-chart';

/** Taro's H5 Canvas is a web component that renders its <canvas> a little after React mounts it: wait a few frames. */
async function canvasElement(id: string): Promise<HTMLCanvasElement | null> {
  for (let i = 0; i < 30; i++) {
    const el = document.getElementById(id);
    const canvas = el instanceof HTMLCanvasElement ? el : el?.querySelector('canvas');
    if (canvas && canvas.clientWidth > 0) return canvas;
    await new Promise((r) => requestAnimationFrame(() => r(null)));
  }
  return null;
}

export async function trendSurface(id: string): Promise<TrendChartSurface | null> {
  const canvas = await canvasElement(id);
  const context = canvas?.getContext('2d');
  if (!canvas || !context) return null;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const pixelRatio = window.devicePixelRatio || 1;
  // Taro's component sized the backing store to the CSS box (1×); F2 draws at pixelRatio, so give it the device pixels.
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  return { context, width, height, pixelRatio };
}

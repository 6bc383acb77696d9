import { init } from './echarts';
import type { MountedChart } from './canvas';

/** Taro's canvas element (a Stencil component) once it has rendered its inner <canvas>. */
interface TaroCanvasElement extends HTMLElement {
  componentOnReady?: () => Promise<unknown>;
}

/**
 * h5: Taro's `<Canvas>` is the `taro-canvas-core` element holding a real <canvas>; ECharts draws
 * on that canvas directly (it listens to the pointer itself), at the window's pixel ratio.
 */
export async function mountChart(id: string, height: number): Promise<MountedChart | null> {
  const host = document.getElementById(id) as TaroCanvasElement | null;
  if (!host) return null;
  await host.componentOnReady?.();
  const canvas = host.querySelector('canvas');
  const width = host.getBoundingClientRect().width;
  if (!canvas || width <= 0) return null;
  const chart = init(canvas, null, { width, height, devicePixelRatio: window.devicePixelRatio || 1 });
  return { chart, dispose: () => chart.dispose() };
}

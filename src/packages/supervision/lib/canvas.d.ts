import type { EChartsType } from './echarts';

/*
 * One way per platform to put an ECharts instance on the `<Canvas type="2d">` a Chart renders,
 * picked by Taro's unified-file resolution at build time: canvas.weapp.ts (the canvas node from a
 * selector query scoped to the page, wrapped for zrender) and canvas.h5.ts (the real <canvas>
 * inside Taro's canvas element). This file only declares what both export.
 */

/** A chart drawn on a canvas, and what the Chart component forwards to it. */
export interface MountedChart {
  chart: EChartsType;
  /** weapp: the canvas's touch events for zrender (tooltips on tap); h5 listens itself. */
  touch?(kind: 'start' | 'move' | 'end', event: unknown): void;
  dispose(): void;
}

/**
 * Initialises ECharts on the canvas `id` (rendered by the caller) at `height` px and the full
 * width the canvas has, at the device pixel ratio; `scope` is the page instance the canvas is
 * rendered in (weapp's selector queries look inside it). Null when the canvas cannot be drawn on.
 */
export function mountChart(id: string, height: number, scope: unknown): Promise<MountedChart | null>;

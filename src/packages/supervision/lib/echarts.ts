/**
 * The one import of ECharts in the app, with only the parts the charts use registered (the
 * package is large: each series type or component not registered stays out of the bundle).
 * Used only by this subpackage, so Taro's `optimizeMainPackage` keeps it out of the main package.
 * A chart that needs another part (a bar series, a title) registers it here.
 */
import * as echarts from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** An option made of the registered parts only. */
export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export const { init, setPlatformAPI } = echarts;
export type { EChartsType };

import Taro from '@tarojs/taro';
import { Canvas, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { mountChart, type MountedChart } from './canvas';
import type { ChartOption } from './echarts';
import './Chart.scss';

export interface ChartProps {
  /** What to draw, made of the parts lib/echarts.ts registers. */
  option: ChartOption;
  /** The chart's height in px (its width is the container's). */
  height: number;
  /** What the chart shows, in words: read by screen readers, shown under it, and all there is when it cannot be drawn. */
  label: string;
}

let seq = 0;
const TRIES = 3;

/**
 * An ECharts chart on a `<Canvas type="2d">`, at the device pixel ratio: weapp finds the canvas
 * node with a selector query in the page (lib/canvas.weapp.ts), h5 draws on Taro's real canvas
 * (lib/canvas.h5.ts). The words of `label` stand under it; a page with a chart also shows its
 * figures as text (a table), so it reads without the chart and in 大字模式.
 */
export function Chart({ option, height, label }: ChartProps) {
  const id = useMemo(() => `txy-chart-${++seq}`, []);
  // The page the canvas is rendered in: weapp's selector queries look inside it.
  const scope = useMemo(() => Taro.getCurrentInstance().page, []);
  const mounted = useRef<MountedChart | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let gone = false;
    const attempt = async (left: number): Promise<void> => {
      const m = await mountChart(id, height, scope).catch(() => null);
      if (gone) return m?.dispose();
      if (m) {
        mounted.current = m;
        m.chart.setOption(latest.current);
      } else if (left > 1) setTimeout(() => void attempt(left - 1), 100);
      else setFailed(true);
    };
    // After the canvas reaches the page (weapp: once its setData is applied).
    Taro.nextTick(() => void attempt(TRIES));
    return () => {
      gone = true;
      mounted.current?.dispose();
      mounted.current = null;
    };
  }, [id, height, scope]);

  useEffect(() => {
    mounted.current?.chart.setOption(option, true);
  }, [option]);

  return (
    <View className="txy-chart">
      <Canvas
        type="2d"
        id={id}
        className="txy-chart__canvas"
        style={{ height: `${height}px` }}
        onTouchStart={(e) => mounted.current?.touch?.('start', e)}
        onTouchMove={(e) => mounted.current?.touch?.('move', e)}
        onTouchEnd={(e) => mounted.current?.touch?.('end', e)}
      />
      <Text className="txy-chart__label">{label}</Text>
      {failed ? <Text className="txy-chart__failed">图表暂时无法显示，请看下方表格。</Text> : null}
    </View>
  );
}

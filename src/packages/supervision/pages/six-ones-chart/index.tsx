import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useMemo } from 'react';
import type { TallyView } from '../../../../../contract';
import { Choices } from '../../../../components/staff/Choices';
import { Segmented } from '../../../../components/staff/Segmented';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { session } from '../../../../stores/session';
import { OVERVIEW_TAB_LABELS, OVERVIEW_TABS } from '../../../../stores/staff/sixOnesOverview';
import { tallyYears } from '../../../../stores/staff/sixOnesTally';
import {
  COMPARE_LABELS,
  COMPARE_MEASURES,
  sixOnesChart as store,
  type CompareBar,
} from '../../../../stores/supervision/sixOnesChart';
import { percent } from '../../../../utils/percent';
import { Chart } from '../../lib/Chart';
import type { ChartOption } from '../../lib/echarts';
import './index.scss';

const RED = '#c8161d';
const KIND: Record<'county' | 'community' | 'unit', string> = { county: '全县', community: '社区', unit: '结对单位' };
const TABS = OVERVIEW_TABS.map((key) => ({ key, label: OVERVIEW_TAB_LABELS[key] }));
const doneLabel = (k: number) => `${k}项`;

/** Members by items done: a bar for 0…6, its count on top; all six done the darker bar. */
function distributionOption(d: TallyView, large: boolean): ChartOption {
  const fontSize = large ? 16 : 12;
  return {
    animation: false,
    textStyle: { fontSize },
    grid: { top: 28, left: 8, right: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: d.byDone.map((_, k) => doneLabel(k)),
      axisLabel: { fontSize, color: '#595959', interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize, color: '#595959' } },
    series: [
      {
        type: 'bar',
        name: '党员人数',
        barMaxWidth: 40,
        label: { show: true, position: 'top', fontSize: large ? 16 : 12, color: '#1f1f1f' },
        data: d.byDone.map((n, k) => ({ value: n, itemStyle: { color: k === 6 ? '#8c0d12' : RED } })),
      },
    ],
  };
}

/** One bar a community or unit (the largest share at the top), 0–100 %, its share at the bar's end. */
function compareOption(bars: CompareBar[], large: boolean): ChartOption {
  const fontSize = large ? 16 : 12;
  return {
    animation: false,
    textStyle: { fontSize },
    grid: { top: 8, left: 8, right: 48, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { fontSize, color: '#595959', formatter: '{value}%' },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.name),
      axisLabel: { fontSize, color: '#1f1f1f', interval: 0, width: large ? 112 : 96, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: '完成率',
        barMaxWidth: 20,
        itemStyle: { color: RED },
        label: { show: true, position: 'right', fontSize, color: '#1f1f1f', formatter: '{c}%' },
        data: bars.map((b) => b.share),
      },
    ],
  };
}

const Distribution = observer(() => {
  const { source } = store;
  const large = session.largeText;
  const d = store.figures;
  const option = useMemo(() => (d ? distributionOption(d, large) : null), [d, large]);
  if (source.error) return <ErrorNotice error={source.error} onRetry={source.load} />;
  if (!d || !option) return <Loading />;
  const total = d.byDone.reduce((a, b) => a + b, 0);
  const words = d.byDone.map((n, k) => `${doneLabel(k)}${n}人`).join('，');
  return (
    <View className="six-chart__section">
      <Text className="six-chart__heading">党员完成项数分布</Text>
      <Text className="six-chart__meta">
        已报到党员 {d.reported} 人{total > d.reported ? ` · 本年度计入的共 ${total} 人（含已转出报到的党员）` : ''}
      </Text>
      <Chart option={option} height={large ? 300 : 220} label={`柱状图：完成六个一的项数与党员人数——${words}。`} />
      <View className="six-chart__table">
        <View className="six-chart__row six-chart__row--head">
          <Text className="six-chart__cell six-chart__cell--name">完成项数</Text>
          <Text className="six-chart__cell">人数</Text>
          <Text className="six-chart__cell">占比</Text>
        </View>
        {d.byDone.map((n, k) => (
          <View key={k} className="six-chart__row" id={`done-${k}`}>
            <Text className="six-chart__cell six-chart__cell--name">{k === 6 ? '6项（全部完成）' : doneLabel(k)}</Text>
            <Text className="six-chart__cell">{n}</Text>
            <Text className="six-chart__cell">{percent(n, total)}%</Text>
          </View>
        ))}
      </View>
      <Text className="six-chart__note">
        党员按本年度第一条审核通过的记录计入社区和单位；已报到但还没有完成任何一项的党员计为0项。
      </Text>
    </View>
  );
});

const Compare = observer(() => {
  const { overview } = store;
  const large = session.largeText;
  const bars = store.bars;
  const option = useMemo(() => (bars ? compareOption(bars, large) : null), [bars, large]);
  const label = COMPARE_LABELS[store.measure];
  return (
    <View className="six-chart__section six-chart__compare">
      <Text className="six-chart__heading">各社区、各单位对比</Text>
      <Segmented options={TABS} value={store.tab} onChange={store.show} />
      <Choices
        name="measure"
        options={COMPARE_MEASURES.map((m) => ({ value: m, label: COMPARE_LABELS[m] }))}
        selected={store.measure}
        onPick={(m) => store.pick(m as (typeof COMPARE_MEASURES)[number])}
      />
      {overview.error ? <ErrorNotice error={overview.error} onRetry={overview.load} /> : null}
      {!overview.error && (!bars || !option) ? <Loading /> : null}
      {bars && option ? (
        bars.length === 0 ? (
          <Text className="six-chart__none">暂无数据</Text>
        ) : (
          <>
            <Chart
              option={option}
              height={bars.length * (large ? 36 : 28) + (large ? 56 : 44)}
              label={`条形图：${OVERVIEW_TAB_LABELS[store.tab]}已报到党员中“${label}”的比例，从高到低，各${store.tab === 'community' ? '社区' : '单位'}人数见下表。`}
            />
            <View className="six-chart__table">
              <View className="six-chart__row six-chart__row--head">
                <Text className="six-chart__cell six-chart__cell--name">
                  {store.tab === 'community' ? '社区' : '单位'}
                </Text>
                <Text className="six-chart__cell">完成/报到</Text>
                <Text className="six-chart__cell">比例</Text>
              </View>
              {bars.map((b) => (
                <View key={b.id} className="six-chart__row six-chart__row--compare" id={`compare-${b.id}`}>
                  <Text className="six-chart__cell six-chart__cell--name">{b.name}</Text>
                  <Text className="six-chart__cell">
                    {b.done}/{b.reported}
                  </Text>
                  <Text className="six-chart__cell">{b.share}%</Text>
                </View>
              ))}
            </View>
          </>
        )
      ) : null}
    </View>
  );
});

/**
 * 六个一图表 (`?scope=county|community|unit&scopeId=&year=`, from 六个一统计 and 六个一总览): the
 * scope's members by how many items they have done, a bar each for 0…6 with the same figures in a
 * table; for the county also every community or unit side by side, the share with all six (or one
 * item) done, largest first.
 */
const SixOnesChart = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.enter(params.scope, params.scopeId, params.year));
  usePullDownRefresh(() => void store.reload().then(() => Taro.stopPullDownRefresh()));
  const years = tallyYears().map((y) => ({ key: String(y), label: `${y} 年` }));
  if (store.noScope) {
    return (
      <Screen>
        <Prompt name="chart-scope" title="没有指定查看范围" description="请从“六个一统计”或“六个一总览”页面打开图表" />
      </Screen>
    );
  }
  const scope = store.scope;
  if (!scope) {
    return (
      <Screen>
        <Loading />
      </Screen>
    );
  }
  return (
    <Screen>
      <View className="six-chart__head">
        <Text className="six-chart__scope">{store.name}</Text>
        <Text className="six-chart__kind">{scope === 'county' ? '' : `${KIND[scope]} · `}六个一完成情况图表</Text>
      </View>
      <Segmented options={years} value={String(store.year)} onChange={(y) => store.setYear(Number(y))} />
      <View className="six-chart">
        <Distribution />
        {scope === 'county' ? <Compare /> : null}
      </View>
    </Screen>
  );
});

export default SixOnesChart;

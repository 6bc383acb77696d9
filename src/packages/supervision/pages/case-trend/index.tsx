import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useMemo } from 'react';
import type { MetricsTrendView } from '../../../../../contract';
import { METRIC_MEASURE_LABELS, METRIC_SCOPE_LABELS, type MetricMeasure } from '../../../../../contract/caseLabels';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { session } from '../../../../stores/session';
import { caseTrend as store } from '../../../../stores/supervision/caseTrend';
import { percentText, ratePercent } from '../../../../utils/percent';
import { Chart } from '../../lib/Chart';
import type { ChartOption } from '../../lib/echarts';
import './index.scss';

type RateMeasure = Exclude<MetricMeasure, 'departmentGrades'>;
const isRate = (m: MetricMeasure): m is RateMeasure => m !== 'departmentGrades';

/** Each line its colour and its own mark and dash, so no line is told by colour alone. */
const LINE_STYLE: Record<RateMeasure, { color: string; symbol: string; dash: 'solid' | 'dashed' | 'dotted' }> = {
  responseRate: { color: '#c8161d', symbol: 'circle', dash: 'solid' },
  resolutionRate: { color: '#0958d9', symbol: 'rect', dash: 'dashed' },
  satisfactionRate: { color: '#237804', symbol: 'triangle', dash: 'solid' },
  onTimeReportRate: { color: '#a85400', symbol: 'diamond', dash: 'dotted' },
  whistleRate: { color: '#722ed1', symbol: 'pin', dash: 'dashed' },
};

const monthLabel = (m: { month: number }) => `${m.month}月`;

/** The line chart of the view's rates in percent, 0–100; a month without a figure is a gap. */
function chartOption(view: MetricsTrendView, rates: RateMeasure[], large: boolean): ChartOption {
  const fontSize = large ? 16 : 12;
  return {
    animation: false,
    textStyle: { fontSize },
    color: rates.map((m) => LINE_STYLE[m].color),
    legend: { top: 0, itemWidth: 24, textStyle: { fontSize, color: '#1f1f1f' } },
    grid: { top: large ? 64 : 48, left: 8, right: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      textStyle: { fontSize },
      valueFormatter: (v) => (typeof v === 'number' ? `${v}%` : '—'),
    },
    xAxis: {
      type: 'category',
      data: view.months.map(monthLabel),
      axisLabel: { fontSize, color: '#595959' },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { fontSize, color: '#595959', formatter: '{value}%' },
    },
    series: rates.map((m) => ({
      type: 'line',
      name: METRIC_MEASURE_LABELS[m],
      symbol: LINE_STYLE[m].symbol,
      symbolSize: large ? 10 : 7,
      lineStyle: { type: LINE_STYLE[m].dash, width: 2 },
      connectNulls: false,
      data: view.months.map((month) => {
        const rate = month.rates[m];
        return typeof rate === 'number' ? ratePercent(rate) : null;
      }),
    })),
  };
}

/** The same figures as a table: one row a month (the year where it starts or changes), '—' for none. */
function Table({ view, rates }: { view: MetricsTrendView; rates: RateMeasure[] }) {
  return (
    <View className="case-trend__table">
      <View className="case-trend__row case-trend__row--head">
        <Text className="case-trend__cell case-trend__cell--month">月份</Text>
        {rates.map((m) => (
          <Text key={m} className={`case-trend__cell case-trend__cell--${m}`}>
            {METRIC_MEASURE_LABELS[m]}
          </Text>
        ))}
      </View>
      {view.months.map((month, i) => (
        <View key={`${month.year}-${month.month}`} className="case-trend__group">
          {i === 0 || month.month === 1 ? <Text className="case-trend__year">{month.year}年</Text> : null}
          <View className="case-trend__row" id={`trend-${month.year}-${month.month}`}>
            <Text className="case-trend__cell case-trend__cell--month">{monthLabel(month)}</Text>
            {rates.map((m) => {
              const rate = month.rates[m];
              return (
                <Text key={m} className={`case-trend__cell case-trend__cell--${m}`}>
                  {typeof rate === 'number' ? percentText(rate) : '—'}
                </Text>
              );
            })}
          </View>
        </View>
      ))}
    </View>
  );
}

const Trend = observer(() => {
  const { view } = store;
  const large = session.largeText;
  const value = view.value;
  const rates = useMemo(() => (value ? value.measures.filter(isRate) : []), [value]);
  const option = useMemo(() => (value ? chartOption(value, rates, large) : null), [value, rates, large]);
  if (view.error) return <ErrorNotice error={view.error} onRetry={view.load} />;
  if (!value || !option) return <Loading />;
  const first = value.months[0];
  const last = value.months[value.months.length - 1];
  const names = rates.map((m) => METRIC_MEASURE_LABELS[m]).join('、');
  return (
    <View className="case-trend">
      {view.loading ? <Text className="case-trend__refreshing">正在刷新…</Text> : null}
      <Text className="case-trend__range">
        {first.year}年{first.month}月 至 {last.year}年{last.month}月
      </Text>
      <View className="case-trend__card">
        <Chart
          option={option}
          height={large ? 340 : 260}
          label={`折线图：近12个月的${names}（0–100%），逐月数字见下表。`}
        />
      </View>
      <Table view={value} rates={rates} />
      <Text className="case-trend__note">
        每月按当月提交的诉求计算；“—”表示当月没有可计算的事项（没有诉求、评价或已到期的事项），不是 0%。
      </Text>
    </View>
  );
});

/**
 * 诉求指标趋势 (complaint.metricsTrend, `?scope=&scopeId=` as 诉求指标 opens it): the scope's
 * rates (SCOPE_MEASURES) over the last 12 months as a line chart, percent 0–100, a month without
 * a figure a gap; and the same figures as a table, so the page reads without the chart.
 */
const CaseTrend = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.enter(params.scope, params.scopeId));
  usePullDownRefresh(() => void store.view.load().then(() => Taro.stopPullDownRefresh()));
  const scope = store.scope;
  if (store.noScope) {
    return (
      <Screen>
        <Prompt name="trend-scope" title="没有指定查看范围" description="请从“诉求指标”页面打开近12个月趋势" />
      </Screen>
    );
  }
  if (!scope) {
    return (
      <Screen>
        <Loading />
      </Screen>
    );
  }
  return (
    <Screen>
      <View className="case-trend__head">
        <Text className="case-trend__scope">{store.name}</Text>
        <Text className="case-trend__kind">{METRIC_SCOPE_LABELS[scope]} · 近12个月民情诉求指标</Text>
      </View>
      <Trend />
    </Screen>
  );
});

export default CaseTrend;

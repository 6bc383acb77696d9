import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useMemo, useState } from 'react';
import type { SupervisionReportView } from '../../../../../contract/functions/supervision';
import { quarterWords } from '../../../../../contract/quarters';
import { BAND_ORDER, BANDS, SUPERVISION_SCOPE_LABELS, type IndicatorKey } from '../../../../../contract/supervision';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { QuarterStepper } from '../../../../components/QuarterStepper';
import { Screen, usePageTitle } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { session } from '../../../../stores/session';
import { supervisionReport as store } from '../../../../stores/supervision/supervisionReport';
import { quarterNow } from '../../../../utils/date';
import { Chart } from '../../lib/Chart';
import type { ChartOption } from '../../lib/echarts';
import { asOfText, BandTag, Change, figureText, pointsText } from '../../lib/figures';
import './index.scss';

const STATUS_TEXT = {
  open: '本季度进行中，数据每 5 分钟更新',
  closing: '正在关账',
  closed: '已关账，通报待发布',
  published: '已关账，通报已发布',
} as const;

function Summary({ v }: { v: SupervisionReportView }) {
  const { row } = v;
  const kinds = BAND_ORDER.filter((b) => v.bands[b] > 0);
  const total = BAND_ORDER.reduce((n, b) => n + v.bands[b], 0);
  return (
    <View className="sv-report__summary">
      <Text className="sv-report__name">{row.name}</Text>
      <View className="sv-report__score">
        <Text className="sv-report__total">{row.total === null ? '暂无可评分数据' : `${row.total} 分`}</Text>
        {row.band ? <BandTag band={row.band} /> : null}
        <Change value={row.change} />
      </View>
      <Text className="sv-report__meta">
        {v.status === 'open' ? asOfText(v.asOf) : STATUS_TEXT[v.status]} · 评分规则第 {v.rulesVersion} 版
      </Text>
      {total > 0 ? (
        <Text className="sv-report__bands">
          本季度有评分的{total}个{SUPERVISION_SCOPE_LABELS[row.scope]}中：
          {kinds.map((b) => `${BANDS[b].label}${v.bands[b]}个`).join('，')}
        </Text>
      ) : null}
    </View>
  );
}

/** The chart's series: the total, or one indicator. */
type TrendKey = 'total' | IndicatorKey;

function trendOption(v: SupervisionReportView, key: TrendKey, large: boolean): ChartOption {
  const col = v.columns.find((c) => c.key === key);
  const values = v.trend.map((q) => (key === 'total' ? q.total : (q.values[key] ?? null)));
  const percent = key === 'total' || col?.unit === '%';
  return {
    grid: { left: 44, right: 16, top: 24, bottom: large ? 64 : 48 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: v.trend.map((q) => quarterWords(q.quarter).replace('年', '年\n')),
      axisLabel: { fontSize: large ? 16 : 12 },
    },
    yAxis: {
      type: 'value',
      ...(percent ? { min: 0, max: 100 } : { min: 0 }),
      axisLabel: { fontSize: large ? 16 : 12 },
    },
    series: [
      {
        type: 'line',
        name: key === 'total' ? '总分' : (col?.label ?? ''),
        data: values,
        symbol: 'circle',
        symbolSize: large ? 10 : 7,
        connectNulls: false,
        lineStyle: { width: 2 },
        color: '#c8161d',
      },
    ],
  };
}

/** The last four quarters: a line of the total or of the indicator picked, and the same as a list. */
const Trend = observer(({ v }: { v: SupervisionReportView }) => {
  const [key, setKey] = useState<TrendKey>('total');
  const large = session.largeText;
  const option = useMemo(() => trendOption(v, key, large), [v, key, large]);
  if (v.trend.length < 2) return null;
  const col = v.columns.find((c) => c.key === key);
  const name = key === 'total' ? '总分' : (col?.label ?? '');
  const valueText = (q: SupervisionReportView['trend'][number]) =>
    key === 'total' ? (q.total === null ? '无数据' : `${q.total} 分`) : figureText(q.values[key] ?? null, col!.unit);
  return (
    <View className="sv-report__section sv-report__trend">
      <Text className="sv-report__heading">近{v.trend.length}个季度</Text>
      <Choices
        name="trend"
        options={[{ value: 'total', label: '总分' }, ...v.columns.map((c) => ({ value: c.key, label: c.label }))]}
        selected={key}
        onPick={(k) => setKey(k as TrendKey)}
      />
      <Chart
        option={option}
        height={large ? 300 : 220}
        label={`折线图：近${v.trend.length}个季度的${name}，逐季数字见下方。`}
      />
      {v.trend.map((q) => (
        <View key={q.quarter} className="sv-report__trend-row">
          <Text className="sv-report__trend-quarter">{quarterWords(q.quarter)}</Text>
          <Text className="sv-report__trend-total">{valueText(q)}</Text>
          {key === 'total' && q.band ? <BandTag band={q.band} /> : null}
        </View>
      ))}
    </View>
  );
});

function Indicators({ v }: { v: SupervisionReportView }) {
  return (
    <View className="sv-report__section">
      <Text className="sv-report__heading">各项指标</Text>
      {v.columns.map((col) => {
        const cell = v.row.cells.find((c) => c.key === col.key);
        if (!cell) return null;
        return (
          <View key={col.key} className="sv-report__indicator" id={`indicator-${col.key}`}>
            <View className="sv-report__indicator-head">
              <Text className="sv-report__indicator-name">{col.label}</Text>
              <Text
                className={`sv-report__indicator-value${!cell.met && cell.value !== null ? ' sv-report__indicator-value--short' : ''}`}
              >
                {figureText(cell.value, col.unit)}
              </Text>
            </View>
            <View className="sv-report__indicator-foot">
              <Text className="sv-report__indicator-goal">目标{col.goal}</Text>
              <Text className="sv-report__indicator-points">{pointsText(cell)}</Text>
              <Change value={cell.change} unit={col.unit} better={col.better} />
            </View>
            {cell.details ? (
              <Text className="sv-report__details">
                {cell.details.map((d) => `${d.label} ${figureText(d.value, '%')}`).join('；')}
              </Text>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}

function Gaps({ v }: { v: SupervisionReportView }) {
  return (
    <View className="sv-report__section">
      <Text className="sv-report__heading">差距和问题</Text>
      {v.gaps.length === 0 ? (
        <Text className="sv-report__none">各项有数据的指标均达到目标。</Text>
      ) : (
        v.gaps.map((g) => (
          <View key={g.key} className="sv-report__gap" id={`gap-${g.key}`}>
            <Text className="sv-report__gap-text">{g.text}</Text>
            {g.items.map((item) => (
              <Text key={item} className="sv-report__gap-item">
                · {item}
              </Text>
            ))}
            {g.page ? (
              <Text className="sv-report__gap-link" onClick={() => void Taro.navigateTo({ url: `/${g.page}` })}>
                查看明细 ›
              </Text>
            ) : null}
          </View>
        ))
      )}
    </View>
  );
}

const Body = observer(() => {
  const { view } = store;
  if (view.error) return <ErrorNotice error={view.error} onRetry={view.load} />;
  if (!view.value) return <Loading />;
  const v = view.value;
  return (
    <View className="sv-report">
      <Summary v={v} />
      <Trend v={v} />
      <Indicators v={v} />
      <Gaps v={v} />
    </View>
  );
});

/**
 * 督导报告 (`?quarter=&scope=&id=`; the caller's own when omitted): a community's (unit's,
 * department's) quarter — the total and band (never the others' names or ranks), the last four
 * quarters, each indicator against its goal with its change, and what is behind with the list
 * that shows it.
 */
const ReportPage = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.enter(params));
  usePullDownRefresh(() => void store.view.load().then(() => Taro.stopPullDownRefresh()));
  const name = store.view.value?.row.name;
  usePageTitle(name ? `督导报告 · ${name}` : null);
  return (
    <Screen>
      <QuarterStepper
        label={quarterWords(store.quarter)}
        atCurrent={store.quarter >= quarterNow()}
        canBack={store.canBack}
        onPrev={() => store.step(-1)}
        onNext={() => store.step(1)}
      />
      <Body />
    </Screen>
  );
});

export default ReportPage;

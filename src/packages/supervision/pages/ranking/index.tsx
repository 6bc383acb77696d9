import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useMemo } from 'react';
import type {
  SupervisionHalfRow,
  SupervisionHalfYearView,
  SupervisionRankingView,
  SupervisionRow,
} from '../../../../../contract/functions/supervision';
import { halfWords, parseQuarter, QUARTER_WORDS, quarterWords } from '../../../../../contract/quarters';
import {
  BAND_ORDER,
  BANDS,
  SUPERVISION_SCOPE_LABELS,
  SUPERVISION_SCOPES,
  type SupervisionScope,
} from '../../../../../contract/supervision';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { QuarterStepper } from '../../../../components/QuarterStepper';
import { Screen } from '../../../../components/Screen';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import {
  PERIOD_LABELS,
  supervisionRanking as store,
  type Period,
  type SortKey,
} from '../../../../stores/supervision/supervisionRanking';
import { quarterNow } from '../../../../utils/date';
import { Chart } from '../../lib/Chart';
import type { ChartOption } from '../../lib/echarts';
import { BandTag, Change, figureText, asOfText } from '../../lib/figures';
import './index.scss';

const SCOPE_TABS = SUPERVISION_SCOPES.map((key) => ({ key, label: SUPERVISION_SCOPE_LABELS[key] }));
const PERIOD_TABS = (['quarter', 'half'] as const).map((key) => ({ key, label: PERIOD_LABELS[key] }));
/** 2026Q3 → 三季度 (a column head of the half year's table). */
const quarterShort = (key: string) => QUARTER_WORDS[parseQuarter(key)?.index ?? 0];

/** A column head: tap to sort by it (the better end first), again to turn the order round. */
const Head = observer(({ sortKey, label, sub }: { sortKey: SortKey; label: string; sub?: string }) => {
  const on = store.sortKey === sortKey;
  return (
    <View
      className={`sv-table__head sv-table__cell sv-table__cell--${sortKey === 'total' ? 'total' : 'figure'}${on ? ' sv-table__head--on' : ''}`}
      id={`sort-${sortKey}`}
      onClick={() => store.sortBy(sortKey)}
    >
      <Text className="sv-table__label">
        {label}
        {on ? (store.bestFirst ? ' ▼' : ' ▲') : ''}
      </Text>
      {sub ? <Text className="sv-table__sub">{sub}</Text> : null}
    </View>
  );
});

function Row({ row, view }: { row: SupervisionRow; view: SupervisionRankingView }) {
  const open = () =>
    void Taro.navigateTo({
      url: `${ROUTES.supervisionReport}?quarter=${view.quarter}&scope=${row.scope}&id=${row.id}`,
    });
  return (
    <View className="sv-table__row" id={`row-${row.id}`} onClick={open}>
      <View className="sv-table__cell sv-table__cell--rank">
        <Text>{row.rank ?? '—'}</Text>
      </View>
      <View className="sv-table__cell sv-table__cell--name">
        <Text className="sv-table__name">{row.name}</Text>
      </View>
      <View className="sv-table__cell sv-table__cell--total">
        <Text className="sv-table__value">{row.total === null ? '无数据' : row.total}</Text>
        <Change value={row.change} />
        {row.band ? <BandTag band={row.band} /> : null}
      </View>
      {view.columns.map((col) => {
        const cell = row.cells.find((c) => c.key === col.key);
        return (
          <View
            key={col.key}
            className={`sv-table__cell sv-table__cell--figure${cell && !cell.met && cell.value !== null ? ' sv-table__cell--short' : ''}`}
          >
            <Text className="sv-table__value">{cell ? figureText(cell.value, col.unit) : '—'}</Text>
            {cell ? <Change value={cell.change} unit={col.unit} better={col.better} /> : null}
          </View>
        );
      })}
    </View>
  );
}

const BAND_COLOURS = { good: '#c8161d', watch: '#8a5a00', behind: '#237804' } as const;

/** How many are in each band (a bar each, its count and words on it), and how many have no score. */
const Bands = observer(({ v }: { v: SupervisionRankingView }) => {
  const large = session.largeText;
  const counts = BAND_ORDER.map((b) => v.rows.filter((r) => r.band === b).length);
  const none = v.rows.filter((r) => r.band === null).length;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 36, right: 16, top: 28, bottom: large ? 52 : 40 },
      xAxis: {
        type: 'category',
        // Every band named, on two lines so the three fit in 大字模式 too.
        data: BAND_ORDER.map((b) => `${BANDS[b].label}\n（${BANDS[b].colour}）`),
        axisLabel: { fontSize: large ? 16 : 12, interval: 0, lineHeight: large ? 20 : 16 },
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: large ? 16 : 12 } },
      series: [
        {
          type: 'bar',
          name: '数量',
          barMaxWidth: 48,
          label: { show: true, position: 'top', fontSize: large ? 18 : 13 },
          data: BAND_ORDER.map((b, i) => ({ value: counts[i], itemStyle: { color: BAND_COLOURS[b] } })),
        },
      ],
    }),
    // The counts change with the rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [counts.join(), large],
  );
  const words =
    BAND_ORDER.map((b, i) => `${BANDS[b].label}${counts[i]}个`).join('，') + (none ? `，暂无可评分数据${none}个` : '');
  return (
    <View className="sv-ranking__bands">
      <Chart
        option={option}
        height={large ? 260 : 200}
        label={`柱状图：各等次的${SUPERVISION_SCOPE_LABELS[v.scope]}数量——${words}。`}
      />
    </View>
  );
});

const Table = observer(() => {
  const { view } = store;
  if (view.error) return <ErrorNotice error={view.error} onRetry={view.load} />;
  if (!view.value) return <Loading />;
  const v = view.value;
  if (v.rows.length === 0) return <Text className="sv-ranking__empty">{quarterWords(v.quarter)}暂无督导数据</Text>;
  return (
    <View className="sv-ranking">
      <Text className="sv-ranking__meta">
        {v.frozen ? '本季度已关账，数据为关账时的结果' : asOfText(v.asOf)} · 评分规则第 {v.rulesVersion} 版 · 与
        {quarterWords(v.previous)}相比
      </Text>
      <Bands v={v} />
      <Text className="sv-ranking__hint">点表头按该列排序，再点一次反向；点一行查看详情</Text>
      <ScrollView scrollX className="sv-table" enableFlex>
        <View className="sv-table__inner">
          <View className="sv-table__row sv-table__row--head">
            <View className="sv-table__head sv-table__cell sv-table__cell--rank">
              <Text className="sv-table__label">排名</Text>
            </View>
            <View className="sv-table__head sv-table__cell sv-table__cell--name">
              <Text className="sv-table__label">{SUPERVISION_SCOPE_LABELS[v.scope]}</Text>
            </View>
            <Head sortKey="total" label="总分" sub="满分100" />
            {v.columns.map((c) => (
              <Head key={c.key} sortKey={c.key} label={c.label} sub={`目标${c.goal} · 权重${c.weight}`} />
            ))}
          </View>
          {/* Keyed by place: a new order rewrites the rows in place rather than moving nodes. */}
          {store.rows.map((row, i) => (
            <Row key={i} row={row} view={v} />
          ))}
        </View>
      </ScrollView>
      <Text className="sv-ranking__note">
        等次：先进（红）、关注（黄）、落后（绿），按总分与分数线评定；“无数据”的指标不计分。红色数字为未达目标的指标。
      </Text>
    </View>
  );
});

/** A total with its band, or 无数据. */
function Total({ total, band }: { total: number | null; band: SupervisionHalfRow['band'] }) {
  return (
    <View className="sv-table__cell sv-table__cell--total">
      <Text className="sv-table__value">{total === null ? '无数据' : total}</Text>
      {band ? <BandTag band={band} /> : null}
    </View>
  );
}

function HalfRow({ row, view }: { row: SupervisionHalfRow; view: SupervisionHalfYearView }) {
  // Its report of the half's last quarter that has begun.
  const quarter = view.quarters[1] <= quarterNow() ? view.quarters[1] : view.quarters[0];
  const open = () =>
    void Taro.navigateTo({ url: `${ROUTES.supervisionReport}?quarter=${quarter}&scope=${row.scope}&id=${row.id}` });
  return (
    <View className="sv-table__row" id={`half-${row.id}`} onClick={open}>
      <View className="sv-table__cell sv-table__cell--rank">
        <Text>{row.rank ?? '—'}</Text>
      </View>
      <View className="sv-table__cell sv-table__cell--name">
        <Text className="sv-table__name">{row.name}</Text>
      </View>
      <Total total={row.average} band={row.band} />
      {row.quarters.map((q) => (
        <Total key={q.quarter} total={q.total} band={q.band} />
      ))}
    </View>
  );
}

/** The half year: each body's two quarters and their average, ranked by the average. */
const HalfTable = observer(() => {
  const { halfView } = store;
  if (halfView.error) return <ErrorNotice error={halfView.error} onRetry={halfView.load} />;
  if (!halfView.value) return <Loading />;
  const v = halfView.value;
  const words = halfWords(v.year, v.half);
  if (v.rows.length === 0) return <Text className="sv-ranking__empty">{words}暂无督导数据</Text>;
  return (
    <View className="sv-ranking">
      <Text className="sv-ranking__meta">
        半年平均分为{quarterShort(v.quarters[0])}、{quarterShort(v.quarters[1])}
        总分的平均（只有一个季度有数据时即为该季度总分），等次按
        {quarterShort(v.quarters[1])}的评分规则第 {v.rulesVersion} 版评定
      </Text>
      <Text className="sv-ranking__hint">按半年平均分排名；点一行查看该季度的督导报告</Text>
      <ScrollView scrollX className="sv-table" enableFlex>
        <View className="sv-table__inner">
          <View className="sv-table__row sv-table__row--head">
            <View className="sv-table__head sv-table__cell sv-table__cell--rank">
              <Text className="sv-table__label">排名</Text>
            </View>
            <View className="sv-table__head sv-table__cell sv-table__cell--name">
              <Text className="sv-table__label">{SUPERVISION_SCOPE_LABELS[v.scope]}</Text>
            </View>
            <View className="sv-table__head sv-table__cell sv-table__cell--total">
              <Text className="sv-table__label">半年平均</Text>
              <Text className="sv-table__sub">满分100</Text>
            </View>
            {v.quarters.map((q) => (
              <View key={q} className="sv-table__head sv-table__cell sv-table__cell--total">
                <Text className="sv-table__label">{quarterShort(q)}</Text>
                <Text className="sv-table__sub">总分</Text>
              </View>
            ))}
          </View>
          {v.rows.map((row) => (
            <HalfRow key={row.id} row={row} view={v} />
          ))}
        </View>
      </ScrollView>
    </View>
  );
});

/**
 * 督导排名 (county admin; `?quarter=2026Q3&scope=community`): one scope's table for a quarter —
 * every indicator with its change since the previous quarter, the total, band and rank — sortable
 * by any column; a row opens that community's (unit's, department's) report. 按半年: the half
 * year's table (both quarters' totals and the average, ranked by it).
 */
const RankingPage = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.enter(params));
  usePullDownRefresh(() => void store.load().then(() => Taro.stopPullDownRefresh()));
  const half = store.period === 'half';
  return (
    <Screen>
      <Segmented<SupervisionScope> options={SCOPE_TABS} value={store.scope} onChange={store.setScope} />
      <Segmented<Period> options={PERIOD_TABS} value={store.period} onChange={store.setPeriod} />
      <QuarterStepper
        unit={half ? '半年' : '季度'}
        label={half ? halfWords(store.half.year, store.half.half) : quarterWords(store.quarter)}
        atCurrent={!store.canForward}
        canBack={store.canBack}
        onPrev={() => store.step(-1)}
        onNext={() => store.step(1)}
      />
      {half ? <HalfTable /> : <Table />}
      <View className="sv-ranking__links">
        <Text className="sv-ranking__link" onClick={() => void Taro.navigateTo({ url: ROUTES.supervisionQuarter })}>
          季度通报 ›
        </Text>
      </View>
    </Screen>
  );
});

export default RankingPage;

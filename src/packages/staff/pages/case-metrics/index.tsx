import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { MetricsView, Rates } from '../../../../../contract';
import {
  DEPARTMENT_GRADES,
  METRIC_MEASURE_LABELS,
  METRIC_SCOPE_LABELS,
  SCOPE_MEASURES,
  type MetricMeasure,
  type MetricPeriod,
} from '../../../../../contract/caseLabels';
import { trendUrl } from '../../../../components/case/routes';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { Segmented } from '../../../../components/staff/Segmented';
import { caseMetrics as store, periodLabel, type MetricScope } from '../../../../stores/staff/caseMetrics';
import { percentText } from '../../../../utils/percent';
import './index.scss';

const PERIODS: Array<{ key: MetricPeriod; label: string }> = [
  { key: 'month', label: '月' },
  { key: 'quarter', label: '季度' },
  { key: 'year', label: '年' },
];

type RateMeasure = Exclude<MetricMeasure, 'departmentGrades'>;

interface RateSpec {
  /** How it is counted (PRODUCT.md "Metrics"). */
  rule: string;
  part: (r: Rates) => [number, number];
  words: [string, string];
  /** More counts after the two, if any. */
  more?: (r: Rates) => string;
  /** Shown instead of a percentage when there is nothing to count (never 0%). */
  none: string;
}

const n = (v: number | undefined) => v ?? 0;
const NOT_DUE = '暂无到期事项';

/** The rates a scope may show (which ones it shows: SCOPE_MEASURES). */
const RATES: Record<RateMeasure, RateSpec> = {
  responseRate: {
    rule: '期限内响应的诉求 / 已到期的诉求（已响应，或已过响应期限仍未响应）',
    part: (r) => [n(r.respondedOnTime), n(r.responseDue)],
    words: ['按时响应', '已到期'],
    none: NOT_DUE,
  },
  resolutionRate: {
    rule: '已办结 / 提交的诉求（不含撤回）',
    part: (r) => [n(r.resolved), n(r.submitted) - n(r.withdrawn)],
    words: ['已办结', '提交'],
    none: '本期暂无诉求',
  },
  satisfactionRate: {
    rule: '（满意 + 基本满意）/ 已评价',
    part: (r) => [n(r.satisfied), n(r.rated)],
    words: ['满意', '已评价'],
    none: '本期暂无评价',
  },
  onTimeReportRate: {
    rule: '按时报到 / 已到期的吹哨（已报到，或已过报到期限仍未报到）',
    part: (r) => [n(r.reportedOnTime), n(r.reportInDue)],
    words: ['按时报到', '已到期'],
    more: (r) => `收到吹哨 ${n(r.whistlesReceived)} 件，未到报到期限 ${n(r.whistlesReceived) - n(r.reportInDue)} 件`,
    none: NOT_DUE,
  },
  whistleRate: {
    rule: '吹哨的诉求 / 到社区层级的诉求',
    part: (r) => [n(r.whistled), n(r.communityLevel)],
    words: ['吹哨', '社区层级'],
    none: '本期暂无社区层级诉求',
  },
};

const isRate = (m: MetricMeasure): m is RateMeasure => m !== 'departmentGrades';

const BAND_TEXT = {
  low: '吹哨率偏低（低于 5%）：难题可能压在社区，该吹哨时没有吹。',
  high: '吹哨率偏高（高于 40%）：社区能办的事可能推给了部门。',
  normal: '吹哨率在正常区间（5%–40%）。',
} as const;

function Rate({ measure, view }: { measure: RateMeasure; view: MetricsView }) {
  const spec = RATES[measure];
  const value = view.rates[measure] ?? null;
  const [part, whole] = spec.part(view.rates);
  const band = measure === 'whistleRate' ? view.whistleBand : null;
  return (
    <View className={`case-metrics__rate case-metrics__rate--${measure}${band ? ` case-metrics__rate--${band}` : ''}`}>
      <View className="case-metrics__rate-head">
        <Text className="case-metrics__rate-name">{METRIC_MEASURE_LABELS[measure]}</Text>
        {value !== null ? (
          <Text className="case-metrics__percent">{percentText(value)}</Text>
        ) : (
          <Text className="case-metrics__percent case-metrics__percent--none">{spec.none}</Text>
        )}
      </View>
      <Text className="case-metrics__count">
        {spec.words[0]} {part} 件 / {spec.words[1]} {whole} 件
      </Text>
      {spec.more ? <Text className="case-metrics__count case-metrics__more">{spec.more(view.rates)}</Text> : null}
      {value !== null ? (
        <View className="case-metrics__bar">
          <View className="case-metrics__bar-fill" style={{ width: `${Math.min(100, Math.round(value * 100))}%` }} />
        </View>
      ) : null}
      <Text className="case-metrics__rule">{spec.rule}</Text>
      {band ? <Text className={`case-metrics__band case-metrics__band--${band}`}>{BAND_TEXT[band]}</Text> : null}
    </View>
  );
}

function Grades({ view }: { view: MetricsView }) {
  const grades = view.rates.departmentGrades;
  if (!grades) return null;
  const total = DEPARTMENT_GRADES.reduce((sum, g) => sum + grades[g], 0);
  return (
    <View className="case-metrics__grades">
      <Text className="case-metrics__heading">
        {METRIC_MEASURE_LABELS.departmentGrades}（{total} 次）
      </Text>
      <View className="case-metrics__grade-row">
        {DEPARTMENT_GRADES.map((g, i) => (
          <View key={g} className={`case-metrics__grade case-metrics__grade--${i}`}>
            <Text className="case-metrics__grade-count">{grades[g]}</Text>
            <Text className="case-metrics__grade-name">{g}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/**
 * What the page shows for this scope and how the on-time rates count: the measures named are
 * exactly those shown (SCOPE_MEASURES).
 */
function About({ scope }: { scope: MetricScope }) {
  const measures = SCOPE_MEASURES[scope];
  const timed = [
    measures.includes('responseRate') ? '响应率只算已到期的诉求：已响应的，或已过响应期限仍未响应的' : null,
    measures.includes('onTimeReportRate') ? '按时报到率只算已到期的吹哨：已报到的，或已过报到期限仍未报到的' : null,
  ].filter(Boolean);
  return (
    <View className="case-metrics__about">
      <Text className="case-metrics__about-line">
        {METRIC_SCOPE_LABELS[scope]}的指标：{measures.map((m) => METRIC_MEASURE_LABELS[m]).join('、')}。
      </Text>
      {timed.length > 0 ? (
        <Text className="case-metrics__about-line">
          {timed.join('；')}。还在期限内、尚未处理的不计入，既不算按时也不算超时；没有到期事项时显示“{NOT_DUE}”。
        </Text>
      ) : null}
    </View>
  );
}

const Numbers = observer(() => {
  const { view } = store;
  if (view.error) return <ErrorNotice error={view.error} onRetry={view.load} />;
  if (!view.value) return <Loading />;
  const v = view.value;
  const measures = SCOPE_MEASURES[v.scope];
  return (
    <View className="case-metrics">
      {view.loading ? <Text className="case-metrics__refreshing">正在刷新…</Text> : null}
      {v.rates.submitted !== undefined ? (
        <Text className="case-metrics__total">
          本期提交 {v.rates.submitted} 件，撤回 {n(v.rates.withdrawn)} 件
        </Text>
      ) : null}
      {measures.filter(isRate).map((m) => (
        <Rate key={m} measure={m} view={v} />
      ))}
      {measures.includes('departmentGrades') ? <Grades view={v} /> : null}
      <About scope={v.scope} />
    </View>
  );
});

/** The scopes the caller holds, and for the county admin any community. */
const ScopePicker = observer(() => {
  const choices = store.choices;
  return (
    <View className="case-metrics__scopes">
      {/* Also once the county admin has picked a community: the way back to 全县. */}
      {choices.length > 1 || !choices.some((c) => c.key === store.key) ? (
        <Choices
          name="scope"
          options={choices.map((c) => ({ value: c.key, label: store.nameOf(c.scope, c.scopeId) }))}
          selected={store.key}
          onPick={(key) => {
            const c = choices.find((x) => x.key === key);
            if (c) store.choose(c.scope, c.scopeId);
          }}
        />
      ) : null}
      {store.isCountyAdmin ? (
        <CommunityPicker
          name="metrics-community"
          placeholder="查看某个社区"
          value={store.scope === 'community' ? store.scopeId : ''}
          onChange={(id) => store.choose('community', id)}
        />
      ) : null}
    </View>
  );
});

/**
 * 诉求指标 (complaint.metrics, `?scope=&scopeId=`; the caller's own when omitted): the month,
 * quarter or year with 上一期 / 下一期; the measures of the scope shown (SCOPE_MEASURES: a grid
 * 响应率, 办结率, 满意率; a community those and 吹哨率 with its band as a signal; a department
 * 按时报到率 and the communities' grades; the county all) as percentages with what they count, and
 * below them what the page shows and how the on-time rates count only what is due.
 */
const CaseMetrics = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.enter(params.scope, params.scopeId));
  usePullDownRefresh(() => void store.view.load().then(() => Taro.stopPullDownRefresh()));
  if (store.noScope) {
    return (
      <Screen>
        <Prompt
          name="metrics-scope"
          title="没有可查看的指标"
          description="诉求指标供网格员、社区书记、部门和党工委查看"
        />
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
  const { period } = store;
  return (
    <Screen>
      <View className="case-metrics__head">
        <Text className="case-metrics__scope">{store.nameOf(scope, store.scopeId)}</Text>
        <Text className="case-metrics__kind">{METRIC_SCOPE_LABELS[scope]} · 民情诉求指标</Text>
      </View>
      <ScopePicker />
      <Cell
        className="case-metrics__trend"
        title="查看近12个月趋势"
        description="每月的指标变化：折线图和表格"
        clickable
        extra="查看"
        onClick={() => void Taro.navigateTo({ url: trendUrl(scope, store.scopeId) })}
      />
      <Segmented options={PERIODS} value={period.kind} onChange={store.setKind} />
      <View className="case-metrics__period">
        {/* A step that leads nowhere is not drawn (a grey one would say "off" by colour alone). */}
        {store.canPrev ? (
          <Text className="case-metrics__step case-metrics__step--prev" onClick={store.prev}>
            ‹ 上一期
          </Text>
        ) : (
          <View className="case-metrics__step" />
        )}
        <Text className="case-metrics__period-label">{periodLabel(period)}</Text>
        {store.canNext ? (
          <Text className="case-metrics__step case-metrics__step--next" onClick={store.next}>
            下一期 ›
          </Text>
        ) : (
          <View className="case-metrics__step" />
        )}
      </View>
      <Numbers />
    </Screen>
  );
});

export default CaseMetrics;

import Taro, { useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { MetricsView, Rates } from '../../../../../contract';
import { DEPARTMENT_GRADES, type MetricPeriod } from '../../../../../contract/caseLabels';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { Choices } from '../../../../components/staff/Choices';
import { Segmented } from '../../../../components/staff/Segmented';
import { caseMetrics as store, periodLabel, type MetricScope } from '../../../../stores/casesMetrics';
import './index.scss';

const PERIODS: Array<{ key: MetricPeriod; label: string }> = [
  { key: 'month', label: '月' },
  { key: 'quarter', label: '季度' },
  { key: 'year', label: '年' },
];

const SCOPE_KIND: Record<MetricScope, string> = { grid: '网格', community: '社区', department: '部门', county: '全县' };

interface RateSpec {
  key: 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'onTimeReportRate' | 'whistleRate';
  name: string;
  /** How it is counted (PRODUCT.md "Metrics"). */
  rule: string;
  part: (r: Rates) => [number, number];
  words: [string, string];
}

const RATES: RateSpec[] = [
  {
    key: 'responseRate',
    name: '响应率',
    rule: '期限内响应的诉求 / 应响应的诉求',
    part: (r) => [r.respondedOnTime, r.submitted - r.withdrawn],
    words: ['按时响应', '应响应'],
  },
  {
    key: 'resolutionRate',
    name: '办结率',
    rule: '已办结 / 提交的诉求（不含撤回）',
    part: (r) => [r.resolved, r.submitted - r.withdrawn],
    words: ['已办结', '提交'],
  },
  {
    key: 'satisfactionRate',
    name: '满意率',
    rule: '（满意 + 基本满意）/ 已评价',
    part: (r) => [r.satisfied, r.rated],
    words: ['满意', '已评价'],
  },
  {
    key: 'onTimeReportRate',
    name: '按时报到率',
    rule: '按时报到 / 收到的吹哨',
    part: (r) => [r.reportedOnTime, r.whistlesReceived],
    words: ['按时报到', '收到吹哨'],
  },
  {
    key: 'whistleRate',
    name: '吹哨率',
    rule: '吹哨的诉求 / 到社区层级的诉求',
    part: (r) => [r.whistled, r.communityLevel],
    words: ['吹哨', '社区层级'],
  },
];

/** A department is measured by its 报到; the other scopes by all five. */
const shownRates = (scope: MetricScope) =>
  scope === 'department' ? RATES.filter((r) => r.key === 'onTimeReportRate') : RATES;

/** 0.8333 → 83.3%; null (nothing to count) → —. */
function percentText(rate: number | null): string {
  if (rate === null) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

const BAND_TEXT = {
  low: '吹哨率偏低（低于 5%）：难题可能压在社区，该吹哨时没有吹。',
  high: '吹哨率偏高（高于 40%）：社区能办的事可能推给了部门。',
  normal: '吹哨率在正常区间（5%–40%）。',
} as const;

function Rate({ spec, view }: { spec: RateSpec; view: MetricsView }) {
  const value = view.rates[spec.key];
  const [part, whole] = spec.part(view.rates);
  const band = spec.key === 'whistleRate' ? view.whistleBand : null;
  return (
    <View className={`case-metrics__rate case-metrics__rate--${spec.key}${band ? ` case-metrics__rate--${band}` : ''}`}>
      <View className="case-metrics__rate-head">
        <Text className="case-metrics__rate-name">{spec.name}</Text>
        <Text className="case-metrics__percent">{percentText(value)}</Text>
      </View>
      <Text className="case-metrics__count">
        {spec.words[0]} {part} 件 / {spec.words[1]} {whole} 件
      </Text>
      {value !== null ? (
        <View className="case-metrics__bar">
          <View className="case-metrics__bar-fill" style={{ width: `${Math.min(100, Math.round(value * 100))}%` }} />
        </View>
      ) : (
        <Text className="case-metrics__none">本期暂无可统计的诉求</Text>
      )}
      <Text className="case-metrics__rule">{spec.rule}</Text>
      {band ? <Text className={`case-metrics__band case-metrics__band--${band}`}>{BAND_TEXT[band]}</Text> : null}
    </View>
  );
}

function Grades({ view }: { view: MetricsView }) {
  const grades = view.rates.departmentGrades;
  const total = DEPARTMENT_GRADES.reduce((n, g) => n + grades[g], 0);
  if (view.scope !== 'department' && total === 0) return null;
  return (
    <View className="case-metrics__grades">
      <Text className="case-metrics__heading">社区对部门的评价（{total} 次）</Text>
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

const Numbers = observer(() => {
  const { view } = store;
  if (view.error) return <ErrorNotice error={view.error} onRetry={view.load} />;
  if (!view.value) return <Loading />;
  const v = view.value;
  return (
    <View className="case-metrics">
      {view.loading ? <Text className="case-metrics__refreshing">正在刷新…</Text> : null}
      {v.scope !== 'department' ? (
        <Text className="case-metrics__total">
          本期提交 {v.rates.submitted} 件，撤回 {v.rates.withdrawn} 件
        </Text>
      ) : null}
      {shownRates(v.scope).map((spec) => (
        <Rate key={spec.key} spec={spec} view={v} />
      ))}
      <Grades view={v} />
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
 * quarter or year with 上一期 / 下一期; 响应率, 办结率, 满意率, 按时报到率 and 吹哨率 as percentages
 * with what they count, the 吹哨率 band as a signal, and the departments' grades.
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
        <Text className="case-metrics__kind">{SCOPE_KIND[scope]} · 民情诉求指标</Text>
      </View>
      <ScopePicker />
      <Segmented options={PERIODS} value={period.kind} onChange={store.setKind} />
      <View className="case-metrics__period">
        <Text
          className={`case-metrics__step case-metrics__step--prev${store.canPrev ? '' : ' case-metrics__step--off'}`}
          onClick={store.prev}
        >
          ‹ 上一期
        </Text>
        <Text className="case-metrics__period-label">{periodLabel(period)}</Text>
        <Text
          className={`case-metrics__step case-metrics__step--next${store.canNext ? '' : ' case-metrics__step--off'}`}
          onClick={store.next}
        >
          下一期 ›
        </Text>
      </View>
      <Numbers />
    </Screen>
  );
});

export default CaseMetrics;

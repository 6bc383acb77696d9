/**
 * 督导通报 (PRODUCT.md "County supervision"): the indicators, the bands and the scoring rules the
 * county admin edits. An indicator is one entry of `INDICATORS` here (what it is called, its unit,
 * which way is better, who is measured by it) and one entry of server/supervision/indicators.ts
 * (how its figure is worked out). The rules' zod schema is contract/supervisionRules.ts; this file
 * is zod-free (src/ imports it) and holds the plain checks both use (`rulesProblems`).
 */
import { QUARTER_KEY, QUARTER_KEY_MESSAGE } from './quarters';

/** Who is supervised: the communities, their paired units (结对单位), the functional departments. */
export const SUPERVISION_SCOPES = ['community', 'unit', 'department'] as const;
export type SupervisionScope = (typeof SUPERVISION_SCOPES)[number];
export const SUPERVISION_SCOPE_LABELS: Record<SupervisionScope, string> = {
  community: '社区',
  unit: '结对单位',
  department: '职能部门',
};

export const INDICATOR_UNITS = ['%', '小时', '件', '天', '次'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** Which way is better: more, less, or inside a range (both too low and too high are flagged). */
export type IndicatorDirection = 'higher' | 'lower' | 'range';

export interface IndicatorSpec {
  key: string;
  label: string;
  unit: IndicatorUnit;
  better: IndicatorDirection;
  scopes: readonly SupervisionScope[];
}

/** The indicators, in the order they are shown. */
export const INDICATORS = [
  { key: 'dualReport', label: '双报到率', unit: '%', better: 'higher', scopes: ['community', 'unit'] },
  // The 6/6 share; the share of each of the six items comes with it (details).
  { key: 'sixOnesComplete', label: '六个一完成率', unit: '%', better: 'higher', scopes: ['community', 'unit'] },
  { key: 'volunteerHours', label: '人均志愿服务时长', unit: '小时', better: 'higher', scopes: ['community', 'unit'] },
  { key: 'wishesCompleted', label: '微心愿完成数', unit: '件', better: 'higher', scopes: ['community', 'unit'] },
  { key: 'wishDays', label: '微心愿平均办理天数', unit: '天', better: 'lower', scopes: ['community', 'unit'] },
  { key: 'responseRate', label: '响应率', unit: '%', better: 'higher', scopes: ['community'] },
  { key: 'resolutionRate', label: '办结率', unit: '%', better: 'higher', scopes: ['community'] },
  { key: 'satisfactionRate', label: '满意率', unit: '%', better: 'higher', scopes: ['community'] },
  { key: 'whistleRate', label: '吹哨率', unit: '%', better: 'range', scopes: ['community'] },
  { key: 'onTimeReportRate', label: '按时报到率', unit: '%', better: 'higher', scopes: ['department'] },
  { key: 'departmentPraise', label: '部门办理好评率', unit: '%', better: 'higher', scopes: ['department'] },
  { key: 'meetingsHeld', label: '联席会议召开次数', unit: '次', better: 'higher', scopes: ['community'] },
  { key: 'chairMonths', label: '轮值主席履职率', unit: '%', better: 'higher', scopes: ['community'] },
  { key: 'projectsDone', label: '共建项目完成率', unit: '%', better: 'higher', scopes: ['community', 'unit'] },
  { key: 'propertySatisfaction', label: '红色物业满意度', unit: '%', better: 'higher', scopes: ['community'] },
] as const satisfies readonly IndicatorSpec[];

export type IndicatorKey = (typeof INDICATORS)[number]['key'];
export const INDICATOR_KEYS = INDICATORS.map((i) => i.key) as IndicatorKey[];

export const indicatorSpec = (key: IndicatorKey): IndicatorSpec => INDICATORS.find((i) => i.key === key)!;

/** The indicators of a scope, in the order they are shown. */
export const indicatorsOf = (scope: SupervisionScope): IndicatorSpec[] =>
  INDICATORS.filter((i) => (i.scopes as readonly SupervisionScope[]).includes(scope));

/** What a cell shows when an indicator has nothing to measure (no cases, no reported members …). */
export const NO_DATA = '无数据';

/**
 * The bands, as PRODUCT.md names them: 红 good, 黄 watch, 绿 behind — always shown with their text
 * label, never by colour alone. One place to change if the county decides otherwise.
 */
export const BANDS = {
  good: { colour: '红', label: '先进' },
  watch: { colour: '黄', label: '关注' },
  behind: { colour: '绿', label: '落后' },
} as const;
export type Band = keyof typeof BANDS;
export const BAND_ORDER: readonly Band[] = ['good', 'watch', 'behind'];

/** 先进（红）. */
export const bandText = (band: Band): string => `${BANDS[band].label}（${BANDS[band].colour}）`;

/**
 * How an indicator is scored: full `weight` when it meets its target; otherwise `deduction`
 * points off per unit of shortfall (per percentage point, per hour, per 件 …), never below `floor`.
 */
export interface RuleBase {
  weight: number;
  deduction: number;
  floor: number;
}
/** 'higher' and 'lower' indicators: the target to reach (at least / at most). */
export type TargetRule = RuleBase & { target: number };
/** 'range' indicators (吹哨率): the reasonable range; the shortfall is the distance outside it. */
export type RangeRule = RuleBase & { low: number; high: number };
export type IndicatorRule = TargetRule | RangeRule;

export const isRangeRule = (rule: IndicatorRule): rule is RangeRule => 'low' in rule;

/** One scope's rules: every indicator of the scope, and the score thresholds of the bands. */
export interface ScopeRules {
  indicators: Partial<Record<IndicatorKey, IndicatorRule>>;
  /** A total ≥ good is 先进, ≥ watch is 关注, below is 落后. */
  bands: { good: number; watch: number };
}

/**
 * A version of the rules. Versions are never edited: a change is a new version effective from a
 * later quarter, so a quarter's report keeps the rules it was made with.
 */
export interface SupervisionRules {
  version: number;
  /** The first quarter it applies to, `2026Q3`. */
  effectiveFrom: string;
  scopes: Record<SupervisionScope, ScopeRules>;
}

const target = (weight: number, value: number, deduction: number, floor = 0): TargetRule => ({
  weight,
  target: value,
  deduction,
  floor,
});

/** The rules until the county admin saves its own (weights add up to 100 in each scope). */
export const DEFAULT_RULES: SupervisionRules = {
  version: 1,
  effectiveFrom: '2026Q1',
  scopes: {
    community: {
      indicators: {
        dualReport: target(10, 95, 0.5),
        sixOnesComplete: target(10, 80, 0.5),
        volunteerHours: target(5, 4, 1),
        wishesCompleted: target(5, 10, 0.5),
        wishDays: target(5, 7, 0.5),
        responseRate: target(10, 95, 0.5),
        resolutionRate: target(10, 90, 0.5),
        satisfactionRate: target(10, 90, 0.5),
        whistleRate: { weight: 5, low: 5, high: 40, deduction: 0.25, floor: 0 },
        meetingsHeld: target(10, 1, 10),
        chairMonths: target(5, 100, 0.1),
        projectsDone: target(5, 60, 0.1),
        propertySatisfaction: target(10, 85, 0.5),
      },
      bands: { good: 90, watch: 75 },
    },
    unit: {
      indicators: {
        dualReport: target(25, 95, 1),
        sixOnesComplete: target(25, 80, 1),
        volunteerHours: target(15, 4, 3),
        wishesCompleted: target(10, 2, 5),
        wishDays: target(10, 7, 1),
        projectsDone: target(15, 60, 0.25),
      },
      bands: { good: 90, watch: 75 },
    },
    department: {
      indicators: {
        onTimeReportRate: target(60, 95, 2),
        departmentPraise: target(40, 90, 1),
      },
      bands: { good: 90, watch: 75 },
    },
  },
};

/** A rule's goal in a table's head: ≥95%, ≤7天, 5%–40%. */
export function goalText(spec: Pick<IndicatorSpec, 'unit' | 'better'>, rule: IndicatorRule): string {
  if (isRangeRule(rule)) return `${rule.low}${spec.unit}–${rule.high}${spec.unit}`;
  return `${spec.better === 'lower' ? '≤' : '≥'}${rule.target}${spec.unit}`;
}

/** A problem with rules, at a path (`scopes.community.indicators.dualReport.floor`). */
export interface RulesProblem {
  path: Array<string | number>;
  message: string;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * What is wrong with one scope's rules beyond the shape (the zod schema checks that): floors
 * within weights, ranges in order, percentages within 0–100, some weight, bands in order.
 * The rules form runs it as the server does.
 */
export function scopeRulesProblems(scope: SupervisionScope, rules: ScopeRules): RulesProblem[] {
  const out: RulesProblem[] = [];
  const scopeLabel = SUPERVISION_SCOPE_LABELS[scope];
  let weights = 0;
  for (const spec of indicatorsOf(scope)) {
    const key = spec.key as IndicatorKey;
    const rule = rules.indicators[key];
    const at = (field: string) => ['indicators', key, field];
    if (!rule) {
      out.push({ path: ['indicators', key], message: `缺少「${spec.label}」的评分规则` });
      continue;
    }
    if (finite(rule.weight)) weights += Math.max(0, rule.weight);
    if (finite(rule.floor) && finite(rule.weight) && rule.weight >= 0 && rule.floor > rule.weight)
      out.push({ path: at('floor'), message: `「${spec.label}」的最低得分不能高于权重` });
    const bounds: Array<[string, number]> = isRangeRule(rule)
      ? [
          ['low', rule.low],
          ['high', rule.high],
        ]
      : [['target', rule.target]];
    if (spec.unit === '%')
      for (const [f, v] of bounds)
        if (finite(v) && (v < 0 || v > 100))
          out.push({ path: at(f), message: `「${spec.label}」的目标应在 0–100% 之间` });
    if (isRangeRule(rule) && finite(rule.low) && finite(rule.high) && rule.low >= rule.high)
      out.push({ path: at('high'), message: `「${spec.label}」合理区间的上限应高于下限` });
  }
  for (const key of Object.keys(rules.indicators)) {
    const spec = INDICATORS.find((i) => i.key === key);
    if (!spec || !(spec.scopes as readonly string[]).includes(scope))
      out.push({ path: ['indicators', key], message: `${scopeLabel}没有「${spec?.label ?? key}」这项指标` });
  }
  if (weights <= 0) out.push({ path: ['indicators'], message: `${scopeLabel}至少要有一项指标的权重大于 0` });
  if (finite(rules.bands.good) && finite(rules.bands.watch) && rules.bands.good <= rules.bands.watch)
    out.push({ path: ['bands', 'good'], message: '“先进”的分数线应高于“关注”的分数线' });
  return out;
}

/** Every problem of a rules version (paths from the version's root). */
export function rulesProblems(rules: SupervisionRules): RulesProblem[] {
  const out: RulesProblem[] = [];
  if (!QUARTER_KEY.test(rules.effectiveFrom)) out.push({ path: ['effectiveFrom'], message: QUARTER_KEY_MESSAGE });
  for (const scope of SUPERVISION_SCOPES)
    for (const p of scopeRulesProblems(scope, rules.scopes[scope]))
      out.push({ path: ['scopes', scope, ...p.path], message: p.message });
  return out;
}

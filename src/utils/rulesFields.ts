import {
  indicatorsOf,
  SUPERVISION_SCOPES,
  type IndicatorKey,
  type IndicatorSpec,
  type IndicatorRule,
  type SupervisionRules,
  type SupervisionScope,
} from '../../contract/supervision';

/**
 * The 督导 rules form's fields (评分规则, stores/supervision/supervisionRules.ts): one text per
 * number, keyed by its path in the rules as `rulesProblems` and the server name it
 * (`scopes.community.indicators.dualReport.floor`), so a problem lands next to its field.
 */

export type RuleField = 'weight' | 'target' | 'low' | 'high' | 'deduction' | 'floor';
export type BandLine = 'good' | 'watch';

/** Each field's name in messages (the contract's schema says the same: contract/supervisionRules.ts). */
export const RULE_FIELD_LABELS: Record<RuleField, string> = {
  weight: '权重',
  target: '目标值',
  low: '合理区间下限',
  high: '合理区间上限',
  deduction: '扣分标准',
  floor: '最低得分',
};
export const BAND_LINE_LABELS: Record<BandLine, string> = { good: '“先进”分数线', watch: '“关注”分数线' };
/** The schema's cap on the band lines. */
export const BAND_LINE_MAX = 100;

/**
 * The fields an indicator's rule has, in the order shown (the points first, then what earns them):
 * a range (吹哨率) instead of a target.
 */
export const ruleFieldsOf = (spec: IndicatorSpec): RuleField[] =>
  spec.better === 'range'
    ? ['weight', 'floor', 'low', 'high', 'deduction']
    : ['weight', 'floor', 'target', 'deduction'];

export const ruleKey = (scope: SupervisionScope, indicator: string, field: RuleField): string =>
  `scopes.${scope}.indicators.${indicator}.${field}`;
export const bandKey = (scope: SupervisionScope, band: BandLine): string => `scopes.${scope}.bands.${band}`;
/** Where a scope's own problems go (no weight above 0): beside its 权重合计. */
export const scopeWeightsKey = (scope: SupervisionScope): string => `scopes.${scope}.indicators`;

/** A key as a class-name part: `scopes.community.indicators.dualReport.floor` → `community-dualReport-floor`. */
export const keyName = (key: string): string =>
  key
    .replace(/^scopes\./, '')
    .replace('.indicators.', '-')
    .replace(/\./g, '-');

/** Every key the form shows a field for, with the scope it is in (null: 生效季度). */
export function formKeys(): Array<{ key: string; scope: SupervisionScope | null }> {
  const out: Array<{ key: string; scope: SupervisionScope | null }> = [];
  for (const scope of SUPERVISION_SCOPES) {
    for (const spec of indicatorsOf(scope))
      for (const field of ruleFieldsOf(spec)) out.push({ key: ruleKey(scope, spec.key, field), scope });
    out.push({ key: bandKey(scope, 'good'), scope }, { key: bandKey(scope, 'watch'), scope });
  }
  return out;
}

/** A number as the form shows it (no float noise: 0.1 + 0.2 → 0.3). */
export const numberText = (n: number): string => String(Number(n.toFixed(6)));

/** The form's texts filled from a version of the rules (a field it lacks stays empty). */
export function textsOf(rules: SupervisionRules): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const scope of SUPERVISION_SCOPES) {
    const scopeRules = rules.scopes[scope];
    for (const spec of indicatorsOf(scope)) {
      const rule = scopeRules?.indicators[spec.key as IndicatorKey] as IndicatorRule | undefined;
      for (const field of ruleFieldsOf(spec)) {
        const value = rule ? (rule as unknown as Record<string, unknown>)[field] : undefined;
        texts[ruleKey(scope, spec.key, field)] = typeof value === 'number' ? numberText(value) : '';
      }
    }
    for (const band of ['good', 'watch'] as const) {
      const value = scopeRules?.bands[band];
      texts[bandKey(scope, band)] = typeof value === 'number' ? numberText(value) : '';
    }
  }
  return texts;
}

/**
 * A typed number the schema takes: decimals allowed, not negative, at most `max`. The messages are
 * the schema's own (`请填写权重`, `权重应为数字`, `权重不能为负数`).
 */
export function readNumber(text: string, label: string, max?: number): { value: number } | { error: string } {
  const s = text.trim();
  if (s === '') return { error: `请填写${label}` };
  const m = /^([+-]?)(\d+\.?\d*|\.\d+)$/.exec(s);
  if (!m) return { error: `${label}应为数字` };
  const value = Number(m[2]);
  if (!Number.isFinite(value)) return { error: `${label}应为数字` };
  if (m[1] === '-' && value !== 0) return { error: `${label}不能为负数` };
  if (max !== undefined && value > max) return { error: `分数线不能超过 ${max}` };
  return { value };
}

/** 「每差1个百分点扣」 … 「分」: how the deduction is read, by the indicator's unit and direction. */
export function deductionWords(spec: IndicatorSpec): { before: string; after: string } {
  const step = spec.unit === '%' ? '1个百分点' : `1${spec.unit}`;
  if (spec.better === 'lower') return { before: `每超出${step}扣`, after: '分' };
  if (spec.better === 'range') return { before: `超出区间每差${step}扣`, after: '分' };
  return { before: `每差${step}扣`, after: '分' };
}

/** 越高越好 …: which way the indicator is better. */
export const DIRECTION_WORDS: Record<IndicatorSpec['better'], string> = {
  higher: '越高越好',
  lower: '越低越好',
  range: '在合理区间内为好',
};

/** The target field's label: at least (higher) or at most (lower) the target earns the full weight. */
export const targetLabel = (spec: IndicatorSpec): string =>
  spec.better === 'lower' ? '目标值（不超过）' : '目标值（不低于）';

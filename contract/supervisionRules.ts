/**
 * The zod schema of a 督导 rules version (contract/supervision.ts `SupervisionRules`): the shape
 * here, the rest by `rulesProblems`, the plain checks the mini-program's rules form runs too.
 * Kept apart from contract/supervision.ts so that zod stays out of the mini-program.
 */
import { z } from 'zod';
import { QUARTER_KEY_MESSAGE } from './quarters';
import {
  INDICATORS,
  rulesProblems,
  SUPERVISION_SCOPES,
  type SupervisionRules,
  type SupervisionScope,
} from './supervision';

const number = (label: string) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` })
    .finite(`${label}应为数字`)
    .min(0, `${label}不能为负数`);

/** Any rule's fields; which of target / low+high it needs depends on its indicator (below). */
const ruleFields = z
  .object({
    weight: number('权重'),
    deduction: number('扣分标准'),
    floor: number('最低得分'),
    target: number('目标值').optional(),
    low: number('合理区间下限').optional(),
    high: number('合理区间上限').optional(),
  })
  .strict('评分规则含有无法识别的字段');

const scopeRules = z
  .object({
    indicators: z.record(z.string(), ruleFields),
    bands: z
      .object({
        good: number('“先进”分数线').max(100, '分数线不能超过 100'),
        watch: number('“关注”分数线').max(100, '分数线不能超过 100'),
      })
      .strict('分数线含有无法识别的字段'),
  })
  .strict('评分规则含有无法识别的字段')
  .superRefine((rules, ctx) => {
    for (const [key, rule] of Object.entries(rules.indicators)) {
      const spec = INDICATORS.find((i) => i.key === key);
      if (!spec) continue; // named by rulesProblems
      const need = spec.better === 'range' ? (['low', 'high'] as const) : (['target'] as const);
      const other = spec.better === 'range' ? (['target'] as const) : (['low', 'high'] as const);
      for (const f of need)
        if (rule[f] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', key, f],
            message: spec.better === 'range' ? `请填写「${spec.label}」的合理区间` : `请填写「${spec.label}」的目标值`,
          });
      for (const f of other)
        if (rule[f] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['indicators', key, f],
            message:
              spec.better === 'range' ? `「${spec.label}」按合理区间评分，不设目标值` : `「${spec.label}」不设合理区间`,
          });
    }
  });

export const supervisionRulesSchema = z
  .object({
    version: z
      .number({ required_error: '请填写版本号', invalid_type_error: '版本号应为数字' })
      .int('版本号应为正整数')
      .min(1, '版本号应为正整数'),
    // Its format is checked by rulesProblems (once).
    effectiveFrom: z.string({ required_error: '请填写生效季度', invalid_type_error: QUARTER_KEY_MESSAGE }),
    scopes: z
      .object(
        Object.fromEntries(SUPERVISION_SCOPES.map((s) => [s, scopeRules])) as Record<
          SupervisionScope,
          typeof scopeRules
        >,
      )
      .strict('评分规则含有无法识别的范围'),
  })
  .strict('评分规则含有无法识别的字段')
  .superRefine((rules, ctx) => {
    // The shape is right here (zod runs this only then); rulesProblems checks the rest.
    for (const p of rulesProblems(rules as SupervisionRules)) ctx.addIssue({ code: 'custom', ...p });
  })
  .transform((rules) => rules as SupervisionRules);

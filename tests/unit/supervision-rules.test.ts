/** The 督导 rules as the county admin saves them: the schema refuses rules that cannot score, saying why in Chinese. */
import { parseQuarter, previousQuarter, quarterKey, quarterWords } from '../../contract/quarters';
import { DEFAULT_RULES, rulesProblems, type SupervisionRules } from '../../contract/supervision';
import { supervisionRulesSchema } from '../../contract/supervisionRules';

/** The default rules with one change made by `edit` (a deep copy). */
function edited(edit: (r: SupervisionRules) => void): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_RULES)) as SupervisionRules;
  edit(copy);
  return copy;
}

/** The schema's complaints as `path: message`. */
function problems(rules: unknown): string[] {
  const result = supervisionRulesSchema.safeParse(rules);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

test('the default rules are valid', () => {
  expect(problems(DEFAULT_RULES)).toEqual([]);
  expect(rulesProblems(DEFAULT_RULES)).toEqual([]);
  expect(supervisionRulesSchema.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
});

test('a scope whose weights are all 0 cannot score anyone', () => {
  const rules = edited((r) => {
    r.scopes.department.indicators.onTimeReportRate!.weight = 0;
    r.scopes.department.indicators.departmentPraise!.weight = 0;
  });
  expect(problems(rules)).toEqual(['scopes.department.indicators: 职能部门至少要有一项指标的权重大于 0']);
});

test('a floor above the weight, a negative deduction or weight', () => {
  expect(
    problems(
      edited((r) => {
        r.scopes.community.indicators.dualReport!.floor = 12;
      }),
    ),
  ).toEqual(['scopes.community.indicators.dualReport.floor: 「双报到率」的最低得分不能高于权重']);
  expect(
    problems(
      edited((r) => {
        r.scopes.unit.indicators.wishDays!.deduction = -1;
      }),
    ),
  ).toEqual(['scopes.unit.indicators.wishDays.deduction: 扣分标准不能为负数']);
  expect(
    problems(
      edited((r) => {
        r.scopes.unit.indicators.wishDays!.weight = -5;
      }),
    ),
  ).toEqual(['scopes.unit.indicators.wishDays.weight: 权重不能为负数']);
});

test('the 先进 threshold must be above the 关注 one', () => {
  const same = edited((r) => {
    r.scopes.unit.bands = { good: 80, watch: 80 };
  });
  expect(problems(same)).toEqual(['scopes.unit.bands.good: “先进”的分数线应高于“关注”的分数线']);
  const over = edited((r) => {
    r.scopes.unit.bands = { good: 120, watch: 80 };
  });
  expect(problems(over)).toEqual(['scopes.unit.bands.good: 分数线不能超过 100']);
});

test('吹哨率 takes a range in order, within 0–100 %; the others a target, not a range', () => {
  const whistle = 'scopes.community.indicators.whistleRate';
  expect(
    problems(
      edited((r) => {
        r.scopes.community.indicators.whistleRate = { weight: 5, low: 40, high: 5, deduction: 0.25, floor: 0 };
      }),
    ),
  ).toEqual([`${whistle}.high: 「吹哨率」合理区间的上限应高于下限`]);
  expect(
    problems(
      edited((r) => {
        r.scopes.community.indicators.whistleRate = { weight: 5, target: 20, deduction: 0.25, floor: 0 };
      }),
    ),
  ).toEqual([
    `${whistle}.low: 请填写「吹哨率」的合理区间`,
    `${whistle}.high: 请填写「吹哨率」的合理区间`,
    `${whistle}.target: 「吹哨率」按合理区间评分，不设目标值`,
  ]);
  expect(
    problems(
      edited((r) => {
        r.scopes.community.indicators.responseRate = { weight: 10, target: 120, deduction: 0.5, floor: 0 };
      }),
    ),
  ).toEqual(['scopes.community.indicators.responseRate.target: 「响应率」的目标应在 0–100% 之间']);
});

test('every indicator of a scope has its rule, and a scope has no other', () => {
  expect(
    problems(
      edited((r) => {
        delete r.scopes.unit.indicators.projectsDone;
        r.scopes.unit.indicators.whistleRate = { weight: 0, low: 5, high: 40, deduction: 0, floor: 0 };
      }),
    ),
  ).toEqual([
    'scopes.unit.indicators.projectsDone: 缺少「共建项目完成率」的评分规则',
    'scopes.unit.indicators.whistleRate: 结对单位没有「吹哨率」这项指标',
  ]);
});

test('a version starts at a quarter key, and holds nothing else', () => {
  expect(problems({ ...DEFAULT_RULES, effectiveFrom: '2026-07' })).toEqual(['effectiveFrom: 季度格式应为 2026Q3']);
  expect(problems({ ...DEFAULT_RULES, version: 0 })).toEqual(['version: 版本号应为正整数']);
  expect(problems({ ...DEFAULT_RULES, note: 'x' })).toEqual([': 评分规则含有无法识别的字段']);
  expect(problems({ ...DEFAULT_RULES, version: '1' })).toEqual(['version: 版本号应为数字']);
});

test('quarter keys: the format of property ratings, in words, and the one before', () => {
  expect(quarterKey(2026, 3)).toBe('2026Q3');
  expect(parseQuarter('2026Q3')).toEqual({ year: 2026, index: 3 });
  expect(parseQuarter('2026Q5')).toBeNull();
  expect(quarterWords('2026Q3')).toBe('2026年三季度');
  expect(previousQuarter('2026Q1')).toBe('2025Q4');
  expect(previousQuarter('2026Q3')).toBe('2026Q2');
});

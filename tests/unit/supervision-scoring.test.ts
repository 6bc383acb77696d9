/** 督导 scoring: a hand-built county scored by the default rules, every figure and point worked out by hand. */
import {
  BANDS,
  DEFAULT_RULES,
  INDICATORS,
  indicatorsOf,
  SUPERVISION_SCOPES,
  type ScopeRules,
  type SupervisionRules,
} from '../../contract/supervision';
import { emptyRaw, MEASURES, percentOf, shortfallOf } from '../../server/supervision/indicators';
import { change, rank, rulesFor, scoreRow, type RowScore } from '../../server/supervision/scoring';
import {
  butou,
  cases,
  changgang,
  housingBureau,
  lianjiang,
  powerCompany,
  urbanBureau,
  wenfeng,
} from './supervision-county';

const { community, unit, department } = DEFAULT_RULES.scopes;

/** Each indicator as [value, score] — the two numbers a ranking cell shows. */
const cells = (row: RowScore) => Object.fromEntries(row.indicators.map((i) => [i.key, [i.value, i.score]]));

test('every indicator has one definition, and each scope has indicators with weights adding up to 100 by default', () => {
  expect(Object.keys(MEASURES).sort()).toEqual(INDICATORS.map((i) => i.key).sort());
  for (const scope of SUPERVISION_SCOPES) {
    const rules = DEFAULT_RULES.scopes[scope];
    expect(Object.keys(rules.indicators).sort()).toEqual(
      indicatorsOf(scope)
        .map((i) => i.key)
        .sort(),
    );
    expect(Object.values(rules.indicators).reduce((s, r) => s + r!.weight, 0)).toBe(100);
  }
  expect(BANDS).toEqual({
    good: { colour: '红', label: '先进' },
    watch: { colour: '黄', label: '关注' },
    behind: { colour: '绿', label: '落后' },
  });
});

test('潋江社区 meets every target: full marks, 先进', () => {
  const row = scoreRow(lianjiang, community, 'community');
  expect(cells(row)).toEqual({
    dualReport: [98, 10], // 98 / 100
    sixOnesComplete: [86.7, 10], // 85 / 98 = 0.8673
    volunteerHours: [5.1, 5], // 29988 min / 60 / 98
    wishesCompleted: [12, 5],
    wishDays: [5, 5], // 60 days / 12 wishes
    responseRate: [98, 10], // 98 / 100
    resolutionRate: [95, 10], // 95 / (102 − 2)
    satisfactionRate: [96, 10], // 48 / 50
    whistleRate: [20, 5], // 8 / 40: inside 5–40
    meetingsHeld: [2, 10],
    chairMonths: [100, 5], // 3 / 3
    projectsDone: [60, 5], // 3 / (1 + 1 + 3), the dropped one left out
    propertySatisfaction: [88.9, 10], // (30 + 10) / 45 = 0.8889
  });
  expect(row.indicators.every((i) => i.met && i.shortfall === 0)).toBe(true);
  expect(row.total).toBe(100);
  expect(row.band).toBe('good');
  // The six items' shares come with 六个一完成率: 98, 95, 90, 88, 92, 86 of 98.
  expect(row.indicators.find((i) => i.key === 'sixOnesComplete')!.details).toEqual([
    { key: 'partyMeeting', label: '组织生活', value: 100 },
    { key: 'symposium', label: '座谈', value: 96.9 },
    { key: 'survey', label: '调研', value: 91.8 },
    { key: 'wish', label: '微心愿', value: 89.8 },
    { key: 'volunteer', label: '志愿者', value: 93.9 },
    { key: 'pairing', label: '结对帮扶', value: 87.8 },
  ]);
});

test('长冈社区 falls short almost everywhere: points off per unit of shortfall, 落后', () => {
  const row = scoreRow(changgang, community, 'community');
  expect(cells(row)).toEqual({
    dualReport: [87, 6], // 174 / 200; 8 points short × 0.5 → 10 − 4
    sixOnesComplete: [69, 4.5], // 120 / 174 = 0.6897 → 69.0; 11 short → 10 − 5.5
    volunteerHours: [3, 4], // 31320 / 60 / 174; 1 h short × 1 → 5 − 1
    wishesCompleted: [6, 3], // 4 short × 0.5 → 5 − 2
    wishDays: [9, 4], // 54 / 6; 2 days over 7 × 0.5 → 5 − 1
    responseRate: [90, 7.5], // 72 / 80; 5 short → 10 − 2.5
    resolutionRate: [87.5, 8.75], // 70 / (83 − 3); 2.5 short → 10 − 1.25
    satisfactionRate: [95, 10], // 38 / 40
    whistleRate: [2, 4.25], // 1 / 50; 3 below 5 × 0.25 → 5 − 0.75
    meetingsHeld: [1, 10],
    chairMonths: [66.7, 1.67], // 2 / 3; 33.3 short × 0.1 → 5 − 3.33
    projectsDone: [20, 1], // 1 / 5; 40 short × 0.1 → 5 − 4
    propertySatisfaction: [75, 5], // 30 / 40; 10 short → 10 − 5
  });
  const shortfalls = Object.fromEntries(row.indicators.map((i) => [i.key, i.shortfall]));
  expect(shortfalls).toMatchObject({
    dualReport: 8,
    sixOnesComplete: 11,
    whistleRate: 3,
    chairMonths: 33.3,
    wishDays: 2,
  });
  expect(row.indicators.filter((i) => i.met).map((i) => i.key)).toEqual(['satisfactionRate', 'meetingsHeld']);
  // 6 + 4.5 + 4 + 3 + 4 + 7.5 + 8.75 + 10 + 4.25 + 10 + 1.67 + 1 + 5 = 69.67 of 100
  expect(row.total).toBe(69.7);
  expect(row.band).toBe('behind');
  expect(row.indicators.find((i) => i.key === 'sixOnesComplete')!.details!.map((d) => d.value)).toEqual([
    86.2,
    86.2,
    86.2,
    86.2,
    86.2,
    74.7, // 150 / 174 = 0.8621, 130 / 174 = 0.7471
  ]);
});

test('文峰社区: indicators with nothing to measure are 无数据 and left out of both sides of the total', () => {
  const row = scoreRow(wenfeng, community, 'community');
  expect(cells(row)).toEqual({
    dualReport: [null, null], // headcount unknown
    sixOnesComplete: [80, 10], // 40 / 50: exactly the target
    volunteerHours: [4, 5],
    wishesCompleted: [10, 5],
    wishDays: [7, 5], // 70 / 10: exactly the target
    responseRate: [92.5, 8.75], // 37 / 40; 2.5 short
    resolutionRate: [85, 7.5], // 34 / 40; 5 short
    satisfactionRate: [null, null], // no rated case
    whistleRate: [50, 2.5], // 10 / 20; 10 above 40 × 0.25 → 5 − 2.5
    meetingsHeld: [0, 0], // 1 short × 10
    chairMonths: [100, 5],
    projectsDone: [75, 5], // 3 / 4
    propertySatisfaction: [null, null], // no rating
  });
  const none = row.indicators.find((i) => i.key === 'dualReport')!;
  expect(none).toEqual({ key: 'dualReport', value: null, score: null, weight: 10, shortfall: null, met: false });
  // 53.75 points of the 70 weighed (100 − 10 − 10 − 10) = 76.79
  expect(row.total).toBe(76.8);
  expect(row.band).toBe('watch');
});

test('埠头社区: no member reported of 40 scores 0% against its target; counts of nothing are 0, not 无数据', () => {
  const row = scoreRow(butou, community, 'community');
  expect(cells(row)).toMatchObject({
    dualReport: [0, 0], // 95 short × 0.5 = 47.5 > 10: floored at 0
    sixOnesComplete: [null, null], // nobody reported
    volunteerHours: [null, null],
    wishesCompleted: [10, 5],
    wishDays: [3, 5],
    responseRate: [null, null],
    meetingsHeld: [1, 10],
    chairMonths: [null, null], // no chair set
    projectsDone: [null, null],
  });
  // 20 of 30
  expect(row.total).toBe(66.7);
  expect(row.band).toBe('behind');
});

test('a paired unit by the unit rules', () => {
  const row = scoreRow(powerCompany, unit, 'unit');
  expect(cells(row)).toEqual({
    dualReport: [90, 20], // 27 / 30; 5 short × 1 → 25 − 5
    sixOnesComplete: [74.1, 19.1], // 20 / 27 = 0.7407; 5.9 short × 1
    volunteerHours: [3.5, 13.5], // 5670 / 60 / 27; 0.5 h short × 3
    wishesCompleted: [1, 5], // 1 short × 5
    wishDays: [10, 7], // 3 days over × 1
    projectsDone: [50, 12.5], // 1 / 2; 10 short × 0.25
  });
  expect(row.total).toBe(77.1);
  expect(row.band).toBe('watch');
});

test('departments: 按时报到率 and the communities’ 好 + 较好 share; no whistle at all is no score', () => {
  const row = scoreRow(housingBureau, department, 'department');
  expect(cells(row)).toEqual({
    onTimeReportRate: [90, 50], // 9 / 10 due (12 received); 5 short × 2 → 60 − 10
    departmentPraise: [70, 20], // (5 + 2) / 10; 20 short × 1 → 40 − 20
  });
  expect(row.total).toBe(70);
  expect(row.band).toBe('behind');

  const none = scoreRow(urbanBureau, department, 'department');
  expect(cells(none)).toEqual({ onTimeReportRate: [null, null], departmentPraise: [null, null] });
  expect(none.total).toBeNull();
  expect(none.band).toBeNull();
});

test('吹哨率 is scored by its range: below the low end, inside (ends included), above the high end', () => {
  const whistle = community.indicators.whistleRate!;
  const range = { better: 'range' } as const;
  expect(shortfallOf(range, 2, whistle)).toBe(3);
  expect(shortfallOf(range, 5, whistle)).toBe(0);
  expect(shortfallOf(range, 22.2, whistle)).toBe(0);
  expect(shortfallOf(range, 40, whistle)).toBe(0);
  expect(shortfallOf(range, 40.1, whistle)).toBe(0.1);
  expect(shortfallOf(range, 100, whistle)).toBe(60);
  const at = (whistled: number, communityLevel: number) =>
    scoreRow(emptyRaw({ cases: cases({ whistled, communityLevel }) }), community, 'community').indicators.find(
      (i) => i.key === 'whistleRate',
    )!;
  expect(at(1, 50)).toMatchObject({ value: 2, shortfall: 3, score: 4.25, met: false });
  expect(at(1, 20)).toMatchObject({ value: 5, shortfall: 0, score: 5, met: true });
  expect(at(9, 20)).toMatchObject({ value: 45, shortfall: 5, score: 3.75, met: false });
  expect(at(20, 20)).toMatchObject({ value: 100, shortfall: 60, score: 0, met: false }); // 5 − 15, floored at 0
  expect(at(0, 0)).toMatchObject({ value: null, score: null });
});

test('a floor keeps some points however far short; a weight of 0 shows the figure but scores nothing', () => {
  const rules: ScopeRules = {
    ...community,
    indicators: {
      ...community.indicators,
      meetingsHeld: { weight: 10, target: 1, deduction: 10, floor: 4 },
      dualReport: { weight: 10, target: 95, deduction: 0.5, floor: 2 },
      projectsDone: { weight: 0, target: 60, deduction: 0.1, floor: 0 },
    },
  };
  const w = scoreRow(wenfeng, rules, 'community');
  expect(cells(w).meetingsHeld).toEqual([0, 4]);
  // 53.75 − 5 (projects, now weightless) + 4 = 52.75 of 65 = 81.15
  expect(cells(w).projectsDone).toEqual([75, 0]);
  expect(w.total).toBe(81.2);
  expect(w.band).toBe('watch');
  const b = scoreRow(butou, rules, 'community');
  expect(cells(b).dualReport).toEqual([0, 2]);
  expect(b.total).toBe(73.3); // 22 of 30
});

test('a share is the 诉求指标 page’s four-decimal rate in percent to one decimal', () => {
  expect(percentOf(0.8571)).toBe(85.7);
  expect(percentOf(0.1235)).toBe(12.4);
  expect(percentOf(1)).toBe(100);
  expect(percentOf(null)).toBeNull();
  // 1 / 3 → 0.3333 → 33.3; 2 / 3 → 0.6667 → 66.7
  expect(MEASURES.chairMonths.figure(emptyRaw({ chairMonthsSet: 3, chairMonthsHeld: 1 }))).toBe(33.3);
  expect(MEASURES.chairMonths.figure(emptyRaw({ chairMonthsSet: 3, chairMonthsHeld: 2 }))).toBe(66.7);
  // 100 min / 60 / 1 = 1.666 → 1.7 h; 25 days / 2 wishes = 12.5
  expect(MEASURES.volunteerHours.figure(emptyRaw({ reported: 1, volunteerMinutes: 100 }))).toBe(1.7);
  expect(MEASURES.wishDays.figure(emptyRaw({ wishesCompleted: 2, wishDaysSum: 25 }))).toBe(12.5);
  expect(MEASURES.dualReport.figure(emptyRaw({ headcount: 0, reported: 0 }))).toBeNull();
});

const version = (v: number, effectiveFrom: string): SupervisionRules => ({
  ...DEFAULT_RULES,
  version: v,
  effectiveFrom,
});

test('rulesFor: the latest version in force at the quarter, whatever order the versions come in', () => {
  const versions = [version(3, '2027Q1'), version(1, '2026Q1'), version(2, '2026Q3')];
  expect(rulesFor('2025Q4', versions)).toBeNull();
  expect(rulesFor('2026Q1', versions)!.version).toBe(1);
  expect(rulesFor('2026Q2', versions)!.version).toBe(1);
  expect(rulesFor('2026Q3', versions)!.version).toBe(2);
  expect(rulesFor('2026Q4', versions)!.version).toBe(2);
  expect(rulesFor('2027Q2', versions)!.version).toBe(3);
  // Two versions saved for the same quarter: the later one.
  expect(rulesFor('2026Q4', [...versions, version(4, '2026Q3')])!.version).toBe(4);
  expect(rulesFor('2026Q3', [])).toBeNull();
});

test('rank: highest total first, equal totals share a rank and the next takes the next one, no total last', () => {
  const rows = [
    { name: '甲', total: 80 },
    { name: '乙', total: null },
    { name: '丙', total: 90 },
    { name: '丁', total: 80 },
    { name: '戊', total: 70.5 },
    { name: '己', total: 0 },
  ];
  expect(rank(rows).map((r) => [r.name, r.rank])).toEqual([
    ['丙', 1],
    ['甲', 2],
    ['丁', 2],
    ['戊', 3],
    ['己', 4],
    ['乙', null],
  ]);
  // The county's four communities: 100, 76.8, 69.7, 66.7.
  const county = [
    { name: '潋江社区', ...scoreRow(lianjiang, community, 'community') },
    { name: '长冈社区', ...scoreRow(changgang, community, 'community') },
    { name: '文峰社区', ...scoreRow(wenfeng, community, 'community') },
    { name: '埠头社区', ...scoreRow(butou, community, 'community') },
  ];
  expect(rank(county).map((r) => `${r.rank} ${r.name} ${r.total}`)).toEqual([
    '1 潋江社区 100',
    '2 文峰社区 76.8',
    '3 长冈社区 69.7',
    '4 埠头社区 66.7',
  ]);
});

test('change since the previous quarter, per cell: value and points, none where either quarter has none', () => {
  const now = scoreRow(lianjiang, community, 'community');
  // The quarter before: 105 should have reported (93.3%), 90 of 100 answered on time, no property rating.
  const before = scoreRow(
    {
      ...lianjiang,
      headcount: 105,
      cases: { ...lianjiang.cases, respondedOnTime: 90 },
      propertyRatings: { satisfied: 0, basic: 0, unsatisfied: 0 },
    },
    community,
    'community',
  );
  // 98 / 105 = 0.9333 → 93.3, 1.7 short → 9.15; 90% → 7.5; 86.65 of 90 = 96.28
  expect(before.total).toBe(96.3);
  const delta = change(now, before);
  expect(delta.total).toBe(3.7);
  expect(delta.indicators.dualReport).toEqual({ value: 4.7, score: 0.85 });
  expect(delta.indicators.responseRate).toEqual({ value: 8, score: 2.5 });
  expect(delta.indicators.satisfactionRate).toEqual({ value: 0, score: 0 });
  expect(delta.indicators.propertySatisfaction).toEqual({ value: null, score: null });
  // And backwards: the falls are negative.
  expect(change(before, now).indicators.dualReport).toEqual({ value: -4.7, score: -0.85 });

  const first = change(now, null);
  expect(first.total).toBeNull();
  expect(Object.values(first.indicators).every((c) => c!.value === null && c!.score === null)).toBe(true);
  expect(Object.keys(first.indicators)).toHaveLength(13);
});

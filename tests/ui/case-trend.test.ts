/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 诉求指标趋势 (packages/supervision) of the built weapp through the real cloud functions: the
 * county admin's page shows the 12 months of `complaint.metricsTrend` in its table, figure by
 * figure ('—' where a month has none), beside the chart's canvas; 诉求指标 opens it with its
 * scope; its text is sized for 大字模式; and ECharts is in the supervision subpackage alone.
 * Needs `npm run build:weapp` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MetricsTrendView } from '../../contract';
import { METRIC_MEASURE_LABELS, type MetricMeasure } from '../../contract/caseLabels';
import type { LoadedPage } from '../helpers/weapp-harness';
import { DIST } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const TREND = 'packages/supervision/pages/case-trend/index';
const METRICS = 'packages/staff/pages/case-metrics/index';

const ui = useLocalCloud();

const texts = (page: LoadedPage, selector: string) =>
  page.page.querySelectorAll(selector).map((n) => (n.dom.textContent ?? '').trim());
const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`;

test('the county admin’s 诉求指标趋势 shows the 12 months of metricsTrend in its table, and the chart’s canvas', async () => {
  const expected = await ui.invoke<MetricsTrendView>(
    'complaint',
    'metricsTrend',
    { scope: 'county' },
    'demo-county-admin',
  );
  const rates = expected.measures.filter(
    (m): m is Exclude<MetricMeasure, 'departmentGrades'> => m !== 'departmentGrades',
  );
  expect(rates).toEqual(['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeReportRate', 'whistleRate']);
  const calls: CallEvent[] = [];
  const page = await ui.open(TREND, 'demo-county-admin', { query: { scope: 'county' }, calls });
  await page.waitFor(() => page.has('.case-trend__table'), 5000);

  expect(calls.filter((c) => c.action === 'metricsTrend').map((c) => c.payload)).toEqual([{ scope: 'county' }]);
  expect(page.text()).toContain('全县 · 近12个月民情诉求指标');
  expect(texts(page, '.case-trend__row--head .case-trend__cell')).toEqual([
    '月份',
    ...rates.map((m) => METRIC_MEASURE_LABELS[m]),
  ]);
  const rows = expected.months.map((m) => texts(page, `#trend-${m.year}-${m.month} .case-trend__cell`));
  expect(rows).toEqual(expected.months.map((m) => [`${m.month}月`, ...rates.map((r) => percent(m.rates[r]))]));
  // The seed's months are in the window: figures, not dashes alone.
  expect(rows.flat().filter((cell) => /%$/.test(cell)).length).toBeGreaterThan(0);
  // The year stands above the first month and above each January.
  const years = [...new Set(expected.months.map((m) => `${m.year}年`))];
  expect(texts(page, '.case-trend__year')).toEqual(years);

  // The chart: its canvas (type 2d) and its words.
  const canvas = page.page.querySelector('.txy-chart__canvas');
  expect(canvas).toBeDefined();
  expect(canvas!.dom.tagName.toLowerCase()).toContain('canvas');
  expect(texts(page, '.txy-chart__label')).toEqual([
    '折线图：近12个月的响应率、办结率、满意率、按时报到率、吹哨率（0–100%），逐月数字见下表。',
  ]);
});

test('诉求指标 opens 诉求指标趋势 with its scope: the county admin the county, a secretary her community', async () => {
  const county = await ui.open(METRICS, 'demo-county-admin');
  await county.waitFor(() => county.has('.case-metrics__trend'), 5000);
  expect(county.text()).toContain('查看近12个月趋势');
  await county.tap('.case-metrics__trend');
  expect(county.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/supervision/pages/case-trend/index?scope=county' }),
  });

  const secretary = await ui.open(METRICS, 'demo-secretary');
  await secretary.waitFor(() => secretary.has('.case-metrics__trend'), 5000);
  await secretary.tap('.case-metrics__trend');
  expect(secretary.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({
      url: '/packages/supervision/pages/case-trend/index?scope=community&scopeId=c01',
    }),
  });
});

test('a secretary’s trend of her community has its own measures; opened without a scope, the page says where to open it', async () => {
  const page = await ui.open(TREND, 'demo-secretary', { query: { scope: 'community', scopeId: 'c01' } });
  await page.waitFor(() => page.has('.case-trend__table'), 5000);
  expect(texts(page, '.case-trend__row--head .case-trend__cell')).toEqual([
    '月份',
    '响应率',
    '办结率',
    '满意率',
    '吹哨率',
  ]);
  expect(page.text()).not.toContain('按时报到率');

  const none = await ui.open(TREND, 'demo-secretary');
  await none.waitForText('没有指定查看范围', 5000);
});

describe('the built subpackage', () => {
  const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f));

  test('大字模式: the table, the chart’s words and the note are ≥ 18px under the large root (22px)', () => {
    const css = files(path.join(DIST, 'packages/supervision'))
      .filter((f) => f.endsWith('.wxss'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const selector of ['.case-trend__table', '.txy-chart__label', '.case-trend__note']) {
      const rule = new RegExp(`${selector.replace('.', '\\.')}\\{[^}]*font-size:([\\d.]+)em`).exec(css);
      expect({ selector, found: Boolean(rule) }).toEqual({ selector, found: true });
      expect(Number(rule![1]) * 22).toBeGreaterThanOrEqual(18);
    }
  });

  test('ECharts is in packages/supervision alone, not in the main package or another subpackage', () => {
    const withECharts = files(DIST)
      .filter((f) => f.endsWith('.js'))
      .filter((f) => readFileSync(f, 'utf8').includes('_echarts_instance_'))
      .map((f) => path.relative(DIST, f).split(path.sep).join('/'));
    expect(withECharts.length).toBeGreaterThan(0);
    expect(withECharts.filter((f) => !f.startsWith('packages/supervision/'))).toEqual([]);
  });
});

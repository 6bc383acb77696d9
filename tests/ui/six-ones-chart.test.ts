/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 六个一图表 (packages/supervision) of the built weapp through the real cloud functions: 六个一统计
 * and 六个一总览 open it with their scope and year; a secretary's page shows her community's
 * members by items done (the tally's byDone) in its table beside the bar chart's canvas; the
 * county admin's page adds every community and unit side by side, largest share first, for all
 * six or one item; its text is sized for 大字模式. Needs `npm run build:weapp` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CountyOverview, TallyView } from '../../contract';
import type { LoadedPage } from '../helpers/weapp-harness';
import { DIST } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';
import { currentYear } from '../../src/utils/activityTimes';

jest.setTimeout(30_000);

const CHART = 'packages/supervision/pages/six-ones-chart/index';
const TALLY = 'packages/staff/pages/six-ones-tally/index';
const OVERVIEW = 'packages/staff/pages/six-ones-overview/index';

const ui = useLocalCloud();

const texts = (page: LoadedPage, selector: string) =>
  page.page.querySelectorAll(selector).map((n) => (n.dom.textContent ?? '').trim());
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const year = currentYear();

/** The table's rows as the page shows them: 完成项数, 人数, 占比. */
function expectedRows(d: TallyView): string[][] {
  const total = d.byDone.reduce((a, b) => a + b, 0);
  return d.byDone.map((n, k) => [k === 6 ? '6项（全部完成）' : `${k}项`, String(n), `${share(n, total)}%`]);
}

test('六个一统计 and 六个一总览 open 六个一图表 with their scope and year', async () => {
  const secretary = await ui.open(TALLY, 'demo-secretary');
  await secretary.waitFor(() => secretary.has('.staff-tally-page__chart'), 5000);
  expect(secretary.text()).toContain('党员完成项数分布');
  await secretary.tap('.staff-tally-page__chart');
  expect(secretary.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/${CHART}?scope=community&scopeId=c01&year=${year}` }),
  });

  const county = await ui.open(OVERVIEW, 'demo-county-admin');
  await county.waitFor(() => county.has('.staff-overview__chart'), 5000);
  await county.tap('.staff-overview__chart');
  expect(county.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/${CHART}?scope=county&year=${year}` }),
  });
});

test('a secretary’s chart: her community’s members by items done in the table, the bar chart’s canvas, no comparison', async () => {
  const expected = await ui.invoke<TallyView>(
    'sixOnes',
    'tally',
    { scope: 'community', scopeId: 'c01' },
    'demo-secretary',
  );
  // The seed's members are at several counts: the chart has more than one bar to show.
  expect(expected.byDone.filter((n) => n > 0).length).toBeGreaterThan(1);
  const calls: CallEvent[] = [];
  const page = await ui.open(CHART, 'demo-secretary', {
    query: { scope: 'community', scopeId: 'c01', year: String(year) },
    calls,
  });
  await page.waitFor(() => page.has('#done-6'), 5000);
  expect(calls.filter((c) => c.action === 'tally').map((c) => c.payload)).toEqual([
    { scope: 'community', scopeId: 'c01', year },
  ]);
  expect(calls.map((c) => c.action)).not.toContain('overview');
  expect(page.text()).toContain('社区 · 六个一完成情况图表');
  expect(page.text()).toContain(`已报到党员 ${expected.reported} 人`);
  expect(texts(page, '.six-chart__row--head .six-chart__cell')).toEqual(['完成项数', '人数', '占比']);
  expect(Array.from({ length: 7 }, (_, k) => texts(page, `#done-${k} .six-chart__cell`))).toEqual(
    expectedRows(expected),
  );

  const canvas = page.page.querySelector('.txy-chart__canvas');
  expect(canvas).toBeDefined();
  expect(canvas!.dom.tagName.toLowerCase()).toContain('canvas');
  expect(texts(page, '.txy-chart__label')).toEqual([
    `柱状图：完成六个一的项数与党员人数——${expected.byDone.map((n, k) => `${k}项${n}人`).join('，')}。`,
  ]);
  expect(page.has('.six-chart__compare')).toBe(false);
});

test('the county admin’s chart compares every community, largest share first; an item or the units on a tap', async () => {
  const overview = await ui.invoke<CountyOverview>('sixOnes', 'overview', {}, 'demo-county-admin');
  const county = overview.county;
  const page = await ui.open(CHART, 'demo-county-admin', { query: { scope: 'county', year: String(year) } });
  await page.waitFor(() => page.has('#done-6') && page.has('#compare-c01'), 5000);
  expect(Array.from({ length: 7 }, (_, k) => texts(page, `#done-${k} .six-chart__cell`))).toEqual(expectedRows(county));
  expect(texts(page, '.txy-chart__label')).toHaveLength(2);

  /** The cells of one row: done/reported, share. */
  const row = (id: string) => texts(page, `#compare-${id} .six-chart__cell`).slice(1);
  /** Every one of the directory's `n` is shown, largest share first: those with counters as they read, the others at 0/0. */
  const check = (n: number, tallies: TallyView[], done: (t: TallyView) => number) => {
    const cells = texts(page, '.six-chart__row--compare .six-chart__cell');
    const rows = Array.from({ length: cells.length / 3 }, (_, i) => cells.slice(3 * i, 3 * i + 3));
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r[0])).size).toBe(n);
    for (const t of tallies)
      expect({ id: t.scopeId, cells: row(t.scopeId) }).toEqual({
        id: t.scopeId,
        cells: [`${done(t)}/${t.reported}`, `${share(done(t), t.reported)}%`],
      });
    const zeros = rows.filter((r) => r[1] === '0/0');
    expect(zeros).toHaveLength(n - tallies.length);
    for (const r of zeros) expect(r[2]).toBe('0%');
    const shares = rows.map((r) => Number(r[2].replace('%', '')));
    return new Set(shares).size;
    expect(shares).toEqual([...shares].sort((x, y) => y - x));
  };

  // All six done, communities.
  check(14, overview.communities, (t) => t.complete);
  expect(texts(page, '.txy-chart__label')[1]).toBe(
    '条形图：各社区已报到党员中“六项全完成”的比例，从高到低，各社区人数见下表。',
  );
  // One item: 组织生活 (the seed's communities differ in it).
  await page.tap('.staff-choice--measure-partyMeeting');
  await page.waitFor(() => texts(page, '.txy-chart__label')[1]?.includes('“组织生活”'), 3000);
  // More than one share: the order is checked, not given.
  expect(check(14, overview.communities, (t) => t.itemsDone.partyMeeting)).toBeGreaterThan(1);
  // The units, the item kept.
  await page.tap('.staff-segmented__item--unit');
  await page.waitFor(() => page.has(`#compare-${overview.units[0].scopeId}`), 3000);
  check(40, overview.units, (t) => t.itemsDone.partyMeeting);
  expect(texts(page, '.txy-chart__label')[1]).toContain('各单位');
});

test('opened without a scope, the page says where to open it', async () => {
  const page = await ui.open(CHART, 'demo-secretary');
  await page.waitForText('没有指定查看范围', 5000);
  expect(page.text()).toContain('请从“六个一统计”或“六个一总览”页面打开图表');
});

test('大字模式: the table, the chart’s words and the note are ≥ 18px under the large root (22px)', () => {
  const dir = path.join(DIST, 'packages/supervision');
  const css = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.wxss'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  for (const selector of ['.six-chart__table', '.six-chart__note', '.six-chart__meta']) {
    const rule = new RegExp(`${selector.replace('.', '\\.')}[^{]*\\{[^}]*font-size:([\\d.]+)em`).exec(css);
    // No rule of its own: it inherits the page's 1em.
    const em = rule ? Number(rule[1]) : 1;
    expect({ selector, px: em * 22 >= 18 }).toEqual({ selector, px: true });
  }
});

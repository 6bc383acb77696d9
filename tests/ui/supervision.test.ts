/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 督导 in the built weapp through the real cloud functions (local CloudBase, seeded): the county
 * admin's 督导排名 shows each community's total, band and every indicator as supervision.ranking
 * answers them, sorts by any column (the better end first, then the other way), and a row opens
 * that community's report; a secretary's 督导报告 shows their own community only; 季度通报 closes
 * the last ended quarter, shows the drafted 通报, saves an edit and publishes it. Needs
 * `npm run build:weapp` first.
 */
import type {
  SupervisionHalfYearView,
  SupervisionQuarterView,
  SupervisionRankingView,
  SupervisionReportView,
} from '../../contract/functions/supervision';
import { halfWords, parseQuarter, previousQuarter, quarterWords } from '../../contract/quarters';
import { bandText } from '../../contract/supervision';
import { quarterAt } from '../../server/supervision/sources';
import { emulatorClock } from '../../emulator/clock';
import { useLocalCloud } from '../helpers/weapp-cloud';
import type { LoadedPage } from '../helpers/weapp-harness';

const RANKING = 'packages/supervision/pages/ranking/index';
const REPORT = 'packages/supervision/pages/report/index';
const QUARTER = 'packages/supervision/pages/quarter/index';
const ADMIN = 'demo-county-admin';
const SECRETARY = 'demo-secretary'; // c01

// A first look at a quarter counts it (the job has not run in a fresh cloud): a few seconds.
jest.setTimeout(30_000);

const ui = useLocalCloud();
const sv = <T>(action: string, payload: unknown, openid = ADMIN) =>
  ui.invoke<T>('supervision', action, payload, openid);
const textOf = (page: LoadedPage, selector: string) => page.page.querySelector(selector)?.dom.textContent ?? '';
/** The table's rows by name, top to bottom. */
const rowNames = (page: LoadedPage) =>
  page.page.querySelectorAll('.sv-table__name').map((n) => n.dom.textContent ?? '');
const current = () => quarterAt(new Date(emulatorClock.nowMs()));

test('督导排名: every community with its total, band and figures, in ranking order; sorting by a column; a row opens its report', async () => {
  const view = await sv<SupervisionRankingView>('ranking', { scope: 'community' });
  expect(view.rows).toHaveLength(14);
  const page = await ui.open(RANKING, ADMIN);
  await page.waitFor(() => rowNames(page).length === 14, 8000);
  expect(rowNames(page)).toEqual(view.rows.map((r) => r.name));
  const first = view.rows[0];
  const firstText = textOf(page, `#row-${first.id}`);
  expect(firstText).toContain(first.name);
  if (first.total !== null) expect(firstText).toContain(String(first.total));
  if (first.band) expect(firstText).toContain(bandText(first.band));
  const dual = first.cells.find((c) => c.key === 'dualReport')!;
  expect(firstText).toContain(dual.value === null ? '无数据' : `${dual.value}%`);
  expect(page.text()).toContain(quarterWords(current()));

  // Sorted by 双报到率: the highest first, figures without data last; tapped again, the other way.
  const byDual = [...view.rows].sort((a, b) => {
    const x = a.cells.find((c) => c.key === 'dualReport')!.value;
    const y = b.cells.find((c) => c.key === 'dualReport')!.value;
    if (x === null || y === null) return x === null ? (y === null ? a.id.localeCompare(b.id) : 1) : -1;
    return y - x || a.id.localeCompare(b.id);
  });
  await page.tap('#sort-dualReport');
  const wanted = byDual.map((r) => r.name);
  await page.waitFor(() => rowNames(page).join() === wanted.join(), 5000);
  expect(new Set(byDual.map((r) => r.cells.find((c) => c.key === 'dualReport')!.value)).size).toBeGreaterThan(5);
  await page.tap('#sort-dualReport');
  const dualOf = (r: (typeof byDual)[number]) => r.cells.find((c) => c.key === 'dualReport')!.value!;
  const reversed = [...byDual].sort((a, b) => dualOf(a) - dualOf(b) || a.id.localeCompare(b.id)).map((r) => r.name);
  await page.waitFor(() => rowNames(page).join() === reversed.join(), 5000);

  await page.tap(`#row-${first.id}`);
  await page.waitFor(() => page.navigation.some((n) => n.api === 'navigateTo'), 5000);
  expect(page.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({
    url: `/${REPORT}?quarter=${view.quarter}&scope=community&id=${first.id}`,
  });
});

test('督导排名: the paired units’ table, and stepping back a quarter', async () => {
  const page = await ui.open(RANKING, ADMIN);
  await page.waitFor(() => rowNames(page).length === 14, 8000);
  await page.tap('.staff-segmented__item--unit');
  const units = await sv<SupervisionRankingView>('ranking', { scope: 'unit' });
  await page.waitFor(() => rowNames(page).length === units.rows.length, 8000);
  expect(page.text()).toContain('结对单位');
  await page.tap('.quarter-stepper__step--prev');
  const back = quarterWords(previousQuarter(current()));
  await page.waitFor(() => textOf(page, '.quarter-stepper__quarter') === back, 5000);
  expect(page.has('.quarter-stepper__step--next')).toBe(true);
});

test('督导排名 按半年: both quarters’ totals and the average of each community, ranked by it; stepping back a half year', async () => {
  const q = parseQuarter(current())!;
  const half = q.index <= 2 ? 1 : 2;
  const view = await sv<SupervisionHalfYearView>('halfYear', { year: q.year, half, scope: 'community' });
  expect(view.rows).toHaveLength(14);
  const page = await ui.open(RANKING, ADMIN);
  await page.waitFor(() => rowNames(page).length === 14, 8000);
  await page.tap('.staff-segmented__item--half');
  await page.waitFor(() => page.has(`#half-${view.rows[0].id}`), 8000);
  expect(textOf(page, '.quarter-stepper__quarter')).toBe(`${halfWords(q.year, half)}（本半年）`);
  expect(rowNames(page)).toEqual(view.rows.map((r) => r.name));
  const figures = (total: number | null, band: SupervisionHalfYearView['rows'][number]['band']) =>
    `${total === null ? '无数据' : total}${band ? bandText(band) : ''}`;
  for (const row of view.rows)
    expect(textOf(page, `#half-${row.id}`)).toBe(
      `${row.rank ?? '—'}${row.name}${figures(row.average, row.band)}${row.quarters.map((x) => figures(x.total, x.band)).join('')}`,
    );
  // A row opens the report of the half's last quarter begun.
  await page.tap(`#half-${view.rows[0].id}`);
  await page.waitFor(() => page.navigation.some((n) => n.api === 'navigateTo'), 5000);
  const shown = view.quarters[1] <= current() ? view.quarters[1] : view.quarters[0];
  expect(page.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({
    url: `/${REPORT}?quarter=${shown}&scope=community&id=${view.rows[0].id}`,
  });

  await page.tap('.quarter-stepper__step--prev');
  const back = half === 1 ? halfWords(q.year - 1, 2) : halfWords(q.year, 1);
  await page.waitFor(() => textOf(page, '.quarter-stepper__quarter') === back, 5000);
  expect(textOf(page, '.quarter-stepper__step--next')).toBe('下一半年 ›');
});

test('督导报告: the secretary’s own community, each indicator against its goal, what is behind with its list', async () => {
  const view = await sv<SupervisionReportView>('report', {}, SECRETARY);
  expect(view.row.id).toBe('c01');
  const page = await ui.open(REPORT, SECRETARY, { query: { scope: 'community', id: 'c01' } });
  await page.waitForText(view.row.name, 8000);
  for (const col of view.columns) {
    const cell = view.row.cells.find((c) => c.key === col.key)!;
    const shown = textOf(page, `#indicator-${col.key}`);
    expect(shown).toContain(col.label);
    expect(shown).toContain(cell.value === null ? '无数据' : `${cell.value}${col.unit}`);
    expect(shown).toContain(`目标${col.goal}`);
  }
  expect(page.text()).not.toContain('排名');
  const withPage = view.gaps.find((g) => g.page);
  if (withPage) {
    expect(textOf(page, `#gap-${withPage.key}`)).toContain(withPage.text);
    await page.tap(`#gap-${withPage.key} .sv-report__gap-link`);
    await page.waitFor(() => page.navigation.some((n) => n.api === 'navigateTo'), 5000);
    expect(page.navigation.find((n) => n.api === 'navigateTo')!.options).toMatchObject({ url: `/${withPage.page}` });
  }
  // Another community's report: refused, and the page says so.
  const other = await ui.open(REPORT, SECRETARY, { query: { scope: 'community', id: 'c02' } });
  await other.waitForText('只能查看本社区', 8000);
});

test('季度通报: close the last ended quarter, edit the drafted 通报, publish it', async () => {
  const last = previousQuarter(current());
  const page = await ui.open(QUARTER, ADMIN);
  await page.waitForText('关账并生成通报', 8000);
  expect(page.text()).toContain(quarterWords(last));
  await page.tap('.sv-quarter__close');
  await page.waitFor(() => page.has('#staff-confirm-ok'), 5000);
  await page.tap('#staff-confirm-ok');
  await page.waitForText('已关账 · 通报待发布', 10000);
  const closed = await sv<SupervisionQuarterView>('quarterReport', { quarter: last });
  expect(closed.status).toBe('closed');
  // The drafted 通报 is in the editor, with 发布通报 beside it.
  expect(page.has('.sv-quarter__bulletin')).toBe(true);
  expect(page.has('.sv-quarter__publish')).toBe(true);

  page.type('.sv-quarter__bulletin .nut-textarea-textarea', `${closed.bulletin}\n（党工委补充说明）`);
  const toasts = () => page.navigation.filter((n) => n.api === 'showToast').length;
  const before = toasts();
  await page.waitFor(() => !page.has('.sv-quarter__save[disabled]'), 2000).catch(() => undefined);
  await page.tap('.sv-quarter__save');
  await page.waitFor(() => toasts() > before, 5000);
  expect((await sv<SupervisionQuarterView>('quarterReport', { quarter: last })).bulletin).toContain('党工委补充说明');

  await page.tap('.sv-quarter__publish');
  await page.waitFor(() => page.has('#staff-confirm-ok'), 5000);
  await page.tap('#staff-confirm-ok');
  await page.waitForText('通报已发布', 10000);
  expect((await sv<SupervisionQuarterView>('quarterReport', { quarter: last })).status).toBe('published');
  // Published: the 通报 reads, no longer edits.
  expect(page.has('.sv-quarter__publish')).toBe(false);
});

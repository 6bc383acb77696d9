/**
 * 督导 in the h5 build against the real server (demo seed anchored today): the county admin opens
 * 督导排名 from 我的工作职责 (the table, a chart of the bands), opens a community's report, goes to
 * 季度通报, closes the last ended quarter, publishes its 通报 and downloads the quarter's Excel
 * workbook (read back: its sheets and every community); the secretary is told, opens 督导报告 and
 * sees her own community's report of that quarter, not another's. Screenshots in
 * test-artifacts/e2e/supervision-*.png.
 */
import ExcelJS from 'exceljs';
import type { SupervisionQuarterView, SupervisionRankingView } from '../../contract/functions/supervision';
import { previousQuarter, quarterWords } from '../../contract/quarters';
import { answerSubscribe, screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';
import { readabilityInPage } from '../helpers/readability';
import { inspectInPage, LATIN_ALLOWED, PRACTICE_TERMS } from '../helpers/sweep';

jest.setTimeout(240_000);

const app = useApp();
/** The page on screen (the h5 router keeps earlier ones hidden). */
const SHOWN = '.taro_page.taro_page_show:not(.taro_page_shade)';
/** Helpers some TypeScript runners wrap nested functions in, for functions run in the page. */
const INIT = 'window.__name = (f) => f;';

/** The county's quarter now (the server's clock is real time here). */
function quarterNow(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

test('the county admin closes a quarter, publishes its 通报 and downloads the Excel; the secretary reads her own report', async () => {
  const last = previousQuarter(quarterNow());
  const admin = await app.signIn('demo-county-admin', {}, INIT);
  await admin.getByText('我的', { exact: true }).last().tap();
  await tapShown(admin, '.mine__staff');
  await tapShown(admin, '.staff-home__tool--supervision-ranking');
  await shown(admin, '.sv-table__row >> nth=1').waitFor();
  const ranking = await app.api<SupervisionRankingView>(
    'supervision',
    'ranking',
    { scope: 'community' },
    'demo-county-admin',
  );
  expect(await admin.locator('.sv-table__name').filter({ visible: true }).allTextContents()).toEqual(
    ranking.rows.map((r) => r.name),
  );
  await shown(admin, '.sv-ranking__bands canvas').waitFor();
  await screenshot(admin, 'supervision-01-ranking');

  // A community's report from its row.
  await tapShown(admin, `#row-${ranking.rows[0].id}`);
  await shown(admin, '.sv-report__summary').getByText(ranking.rows[0].name).waitFor();
  await screenshot(admin, 'supervision-02-report');
  await admin.goBack();

  // 季度通报: close the last ended quarter, publish, export.
  await tapShown(admin, '.sv-ranking__link');
  await shown(admin, '.sv-quarter__close').waitFor();
  expect(await shown(admin, '.quarter-stepper__quarter').textContent()).toBe(quarterWords(last));
  await tapShown(admin, '.sv-quarter__close');
  await tapShown(admin, '#staff-confirm-ok');
  await shown(admin, '.sv-quarter__state--closed').waitFor({ timeout: 30_000 });
  await screenshot(admin, 'supervision-03-closed');
  await tapShown(admin, '.sv-quarter__publish');
  await tapShown(admin, '#staff-confirm-ok');
  await shown(admin, '.sv-quarter__state--published').waitFor({ timeout: 30_000 });
  const report = await app.api<SupervisionQuarterView>(
    'supervision',
    'quarterReport',
    { quarter: last },
    'demo-county-admin',
  );
  expect(report.status).toBe('published');

  const download = admin.waitForEvent('download', { timeout: 30_000 });
  await tapShown(admin, '.sv-quarter__export-quarter');
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${quarterWords(last)}城市社区党建工作督导情况.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await file.path())!);
  expect(book.worksheets.map((s) => s.name)).toEqual(['社区', '结对单位', '职能部门', '各社区差距清单', '督导通报']);
  const names: string[] = [];
  book.getWorksheet('社区')!.eachRow((row, i) => {
    if (i > 1) names.push(String(row.getCell(2).value));
  });
  const closed = await app.api<SupervisionRankingView>(
    'supervision',
    'ranking',
    { quarter: last, scope: 'community' },
    'demo-county-admin',
  );
  expect(names).toEqual(closed.rows.map((r) => r.name));
  // Read as the page sweep reads it: no system word, id, raw date or cut-off text.
  expect(
    await admin.evaluate(inspectInPage, [SHOWN, [...LATIN_ALLOWED], PRACTICE_TERMS] as [string, string[], string[]]),
  ).toEqual([]);
  await screenshot(admin, 'supervision-04-published');
  await admin.context().close();

  // The secretary: told, and her own report of the quarter.
  const secretary = await app.signIn('demo-secretary');
  const messages = await app.api<{ items: Array<{ title: string; page: string }> }>(
    'account',
    'messages',
    {},
    'demo-secretary',
  );
  expect(messages.items.find((m) => m.title === '督导通报已发布')?.page).toBe(
    `packages/supervision/pages/report/index?quarter=${last}`,
  );
  await secretary.getByText('我的', { exact: true }).last().tap();
  await tapShown(secretary, '.mine__staff');
  await tapShown(secretary, '.staff-home__tool--supervision-report');
  // The tap asks for 督导通报已发布 (订阅消息): she allows it, as most do.
  await answerSubscribe(secretary);
  await shown(secretary, '.sv-report__summary').waitFor();
  await tapShown(secretary, '.quarter-stepper__step--prev');
  await shown(secretary, '.sv-report__meta').getByText('通报已发布').waitFor();
  const own = closed.rows.find((r) => r.id === 'c01')!;
  await shown(secretary, '.sv-report__name').getByText(own.name).waitFor();
  expect(await secretary.locator('.sv-table__row').count()).toBe(0);
  await screenshot(secretary, 'supervision-05-secretary');
  await secretary.context().close();
});

test.each([false, true])(
  '督导排名 (each scope, and 按半年) and a 督导报告 read cleanly (大字模式: %s): every head and name inside its cell',
  async (large) => {
    const page = await app.signIn(
      'demo-county-admin',
      {},
      `${INIT}${large ? ` localStorage.setItem('txy.largeText', JSON.stringify({ data: true }));` : ''}`,
    );
    await page.getByText('我的', { exact: true }).last().tap();
    await tapShown(page, '.mine__staff');
    await tapShown(page, '.staff-home__tool--supervision-ranking');
    for (const scope of ['community', 'unit', 'department']) {
      await tapShown(page, `.staff-segmented__item--${scope}`);
      await shown(page, '.sv-table__row >> nth=1').waitFor();
      await page.waitForTimeout(300);
      expect({ scope, problems: await page.evaluate(readabilityInPage, [SHOWN, large] as [string, boolean]) }).toEqual({
        scope,
        problems: [],
      });
    }
    await screenshot(page, `supervision-06-ranking-units${large ? '-large' : ''}`);
    // 按半年: both quarters and the average (the departments', as the tab stays).
    await tapShown(page, '.staff-segmented__item--half');
    await shown(page, '[id^="half-"] >> nth=0').waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(readabilityInPage, [SHOWN, large] as [string, boolean])).toEqual([]);
    await screenshot(page, `supervision-06-ranking-half${large ? '-large' : ''}`);
    await tapShown(page, '.sv-table__row >> nth=1');
    await shown(page, '.sv-report__summary').waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(readabilityInPage, [SHOWN, large] as [string, boolean])).toEqual([]);
    await screenshot(page, `supervision-07-report${large ? '-large' : ''}`);
    await page.context().close();
  },
);

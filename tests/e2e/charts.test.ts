/**
 * Charts in the h5 build against the real server (emulator/main.ts, demo seed): the county admin
 * goes 我的 → 我的工作职责 → 诉求指标 → 查看近12个月趋势 and the trend page draws its line chart
 * on the canvas at the device pixel ratio (painted, with the 响应率 line's red), beside its table;
 * the secretary reaches her community's trend the same way; in 大字模式 the page passes the
 * readability checks of the page sweep. 六个一图表 likewise: the county admin from 六个一总览 (the
 * bars of members by items done and of every community), the secretary from 六个一统计.
 * Screenshots in test-artifacts/e2e/charts-*.png.
 */
import type { Page } from 'playwright-core';
import { screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';
import { readabilityInPage } from '../helpers/readability';

jest.setTimeout(180_000);

const app = useApp();
/** The page on screen (the h5 router keeps earlier ones hidden). */
const SHOWN = '.taro_page.taro_page_show:not(.taro_page_shade)';
/** Helpers some TypeScript runners wrap nested functions in, for functions run in the page. */
const INIT = 'window.__name = (f) => f;';
const CHART_HEIGHT = 260;

/** 我的 → 我的工作职责 → 诉求指标 → 查看近12个月趋势. */
async function openTrend(page: Page): Promise<void> {
  await page.getByText('我的', { exact: true }).last().tap();
  await tapShown(page, '.mine__staff');
  await tapShown(page, '.staff-home__tool--case-metrics');
  await shown(page, '.case-metrics__trend').waitFor();
  await tapShown(page, '.case-metrics__trend');
  await shown(page, '.case-trend__table').waitFor();
}

interface Pixels {
  width: number;
  height: number;
  cssWidth: number;
  cssHeight: number;
  dpr: number;
  painted: number;
  red: number;
}

/** Every chart's canvas on screen, in page order: its size, its painted pixels and those of the red (#c8161d: 响应率's line, the bars). */
function allCanvases(): Pixels[] {
  return [...document.querySelectorAll<HTMLCanvasElement>('.txy-chart__canvas canvas')]
    .filter((c) => c.checkVisibility() && c.width > 0 && c.height > 0)
    .map((canvas) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      let red = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0) painted++;
        if (data[i + 3] > 200 && Math.abs(data[i] - 0xc8) < 30 && data[i + 1] < 60 && data[i + 2] < 70) red++;
      }
      const box = canvas.getBoundingClientRect();
      return {
        width: canvas.width,
        height: canvas.height,
        cssWidth: box.width,
        cssHeight: box.height,
        dpr: window.devicePixelRatio,
        painted,
        red,
      };
    });
}

/** Waits until the chart has drawn its lines; its pixels then. */
async function drawnChart(page: Page): Promise<Pixels> {
  await page.waitForFunction(`(${allCanvases.toString()})().at(-1)?.red > 50`, undefined, { timeout: 15_000 });
  return (await page.evaluate(allCanvases)).at(-1)!;
}

/** 我的 → 我的工作职责 → the 六个一 tool → 查看图表. */
async function openSixOnesChart(page: Page, tool: 'six-ones-overview' | 'six-ones-tally', cell: string): Promise<void> {
  await page.getByText('我的', { exact: true }).last().tap();
  await tapShown(page, '.mine__staff');
  await tapShown(page, `.staff-home__tool--${tool}`);
  await shown(page, cell).waitFor();
  await tapShown(page, cell);
  await shown(page, '#done-6').waitFor();
}

test('the county admin opens 诉求指标趋势 from 诉求指标; the chart is drawn on the canvas at the device pixel ratio', async () => {
  const page = await app.signIn('demo-county-admin', {}, INIT);
  await openTrend(page);
  expect(page.url()).toContain('packages/supervision/pages/case-trend/index?scope=county');
  const pixels = await drawnChart(page);
  await screenshot(page, 'charts-01-county-trend');
  // Sharp: as many canvas pixels as device pixels (the phone's ratio is 2).
  expect(pixels.dpr).toBe(2);
  expect(pixels.height).toBe(CHART_HEIGHT * 2);
  expect(pixels.cssHeight).toBe(CHART_HEIGHT);
  expect(Math.abs(pixels.width - pixels.cssWidth * 2)).toBeLessThanOrEqual(2);
  // Not blank: axes, labels, legend and lines cover a good part of it.
  expect(pixels.painted / (pixels.width * pixels.height)).toBeGreaterThan(0.02);
  await expect(shown(page, '.case-trend__table').textContent()).resolves.toContain('按时报到率');
});

test('the secretary reaches her community’s 诉求指标趋势 the same way', async () => {
  const page = await app.signIn('demo-secretary', {}, INIT);
  await openTrend(page);
  expect(page.url()).toContain('packages/supervision/pages/case-trend/index?scope=community&scopeId=c01');
  await drawnChart(page);
  await screenshot(page, 'charts-02-community-trend');
});

test('in 大字模式 the trend page passes the readability checks (sizes, line heights, contrast)', async () => {
  const page = await app.signIn(
    'demo-county-admin',
    {},
    `${INIT} localStorage.setItem('txy.largeText', JSON.stringify({ data: true }));`,
  );
  await openTrend(page);
  const pixels = await drawnChart(page);
  expect(pixels.cssHeight).toBeGreaterThan(CHART_HEIGHT);
  await screenshot(page, 'charts-03-county-trend-large');
  expect(await page.evaluate(readabilityInPage, [SHOWN, true] as [string, boolean])).toEqual([]);
});

test('the county admin opens 六个一图表 from 六个一总览: the bars of members by items done and of every community are drawn', async () => {
  const page = await app.signIn('demo-county-admin', {}, INIT);
  await openSixOnesChart(page, 'six-ones-overview', '.staff-overview__chart');
  expect(page.url()).toMatch(/packages\/supervision\/pages\/six-ones-chart\/index\?scope=county&year=\d{4}/);
  await shown(page, '#compare-c01').waitFor();
  // 组织生活, which the seed's members have done in several communities (few are 6/6 yet).
  await tapShown(page, '.staff-choice--measure-partyMeeting');
  // Both charts painted with their red bars (the comparison is 14 bars tall).
  await page.waitForFunction(`(${allCanvases.toString()})().filter((c) => c.red > 50).length === 2`, undefined, {
    timeout: 15_000,
  });
  const [distribution, compare] = await page.evaluate(allCanvases);
  expect(compare.cssHeight).toBeGreaterThan(14 * 28);
  expect(distribution.painted).toBeGreaterThan(0);
  await expect(shown(page, '.six-chart__compare').textContent()).resolves.toContain('完成/报到');
  await screenshot(page, 'charts-04-county-six-ones');
  // The units: 40 bars.
  await tapShown(page, '.staff-segmented__item--unit');
  await page.waitForFunction(`(${allCanvases.toString()})().some((c) => c.cssHeight > 40 * 28)`, undefined, {
    timeout: 15_000,
  });
  expect(await page.evaluate(readabilityInPage, [SHOWN, false] as [string, boolean])).toEqual([]);
});

test('the secretary opens her community’s 六个一图表 from 六个一统计; in 大字模式 it passes the readability checks', async () => {
  const page = await app.signIn(
    'demo-secretary',
    {},
    `${INIT} localStorage.setItem('txy.largeText', JSON.stringify({ data: true }));`,
  );
  await openSixOnesChart(page, 'six-ones-tally', '.staff-tally-page__chart');
  expect(page.url()).toMatch(/six-ones-chart\/index\?scope=community&scopeId=c01&year=\d{4}/);
  await page.waitForFunction(`(${allCanvases.toString()})().filter((c) => c.red > 50).length === 1`, undefined, {
    timeout: 15_000,
  });
  await expect(shown(page, '.six-chart').textContent()).resolves.not.toContain('各社区、各单位对比');
  await screenshot(page, 'charts-05-community-six-ones-large');
  expect(await page.evaluate(readabilityInPage, [SHOWN, true] as [string, boolean])).toEqual([]);
});

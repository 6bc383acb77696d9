/**
 * Charts in the h5 build against the real server (emulator/main.ts, demo seed): the county admin
 * goes 我的 → 我的工作职责 → 诉求指标 → 查看近12个月趋势 and the trend page draws its line chart
 * on the canvas at the device pixel ratio (painted, with the 响应率 line's red), beside its table;
 * the secretary reaches her community's trend the same way; in 大字模式 the page passes the
 * readability checks of the page sweep. Screenshots in test-artifacts/e2e/charts-*.png.
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

/** What the chart's canvas on screen holds: its size, its painted pixels and those of 响应率's red (#c8161d). */
function canvasPixels(): Pixels | null {
  const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.txy-chart__canvas canvas')].filter((c) =>
    c.checkVisibility(),
  );
  const canvas = canvases[canvases.length - 1];
  if (!canvas || canvas.width === 0 || canvas.height === 0) return null;
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
}

/** Waits until the chart has drawn its lines; its pixels then. */
async function drawnChart(page: Page): Promise<Pixels> {
  await page.waitForFunction(`(${canvasPixels.toString()})()?.red > 50`, undefined, { timeout: 15_000 });
  return (await page.evaluate(canvasPixels))!;
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

/**
 * Long forms in a phone-sized browser (the h5 build): long text stays inside its box — the text
 * area grows with it and the counter and the next field move down, nothing is drawn over them.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, shown, signInAs } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let launched: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  launched = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

const LONG = '家里的旧电视坏了，想请人帮忙看看能不能修，方便老人看新闻。'.repeat(4);

/** Where the shown text area, its box and the counter under it are on screen. */
async function layout(page: Page, area: string, counter: string) {
  return page.evaluate(
    ([a, c]) => {
      const visible = (sel: string) =>
        [...document.querySelectorAll(sel)].find((e) => (e as HTMLElement).offsetParent !== null) as HTMLElement;
      const textarea = visible(`${a} textarea`) as HTMLTextAreaElement;
      const box = textarea.closest('.nut-textarea') as HTMLElement;
      return {
        textBottom: textarea.getBoundingClientRect().bottom,
        boxBottom: box.getBoundingClientRect().bottom,
        counterTop: visible(c).getBoundingClientRect().top,
        hidden: textarea.scrollHeight - textarea.clientHeight,
      };
    },
    [area, counter],
  );
}

test.each([
  ['许个心愿', 'packages/resident/pages/wish-submit/index', '.wish-submit__description', '.wish-submit__counter'],
  ['我要反映', 'packages/resident/pages/case-submit/index', '.case-submit__description', '.case-submit__counter'],
])('%s: 120 characters stay inside the text box, above the counter', async (_name, route, area, counter) => {
  const users = await server.demoUsers();
  const page = await signInAs(launched.browser, server.url, users.find((u) => u.openid === 'demo-resident')!);
  await page.goto(`${server.url}/#/${route}`);
  const input = shown(page, `${area} textarea`);
  await input.waitFor();
  await input.fill(LONG);
  await page.waitForTimeout(300); // autoSize measures after the input
  const at = await layout(page, area, counter);
  expect(at.hidden).toBeLessThanOrEqual(1); // every line shown, none scrolled away
  expect(at.textBottom).toBeLessThanOrEqual(at.boxBottom + 1); // the box holds the text
  expect(at.boxBottom).toBeLessThanOrEqual(at.counterTop + 1); // the counter sits below, not under it
  await screenshot(page, `forms-${route.split('/')[3]}-long-text`);
  await page.context().close();
});

test('the title bar shows a long title whole (Taro’s h5 bar cut it after four characters: 我的工…)', async () => {
  const users = await server.demoUsers();
  const page = await signInAs(launched.browser, server.url, users.find((u) => u.openid === 'demo-secretary')!);
  await page.goto(`${server.url}/#/packages/staff/pages/roles/index`);
  const title = page.locator('#taro-navigation-bar .taro-navigation-bar-title');
  await title.getByText('我的工作职责').waitFor();
  expect(await title.evaluate((t) => t.scrollWidth <= t.clientWidth)).toBe(true);
  await screenshot(page, 'forms-title-bar-long-title');
  await page.context().close();
});

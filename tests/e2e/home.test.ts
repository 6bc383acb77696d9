import type { Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startServer, type DemoUser, type RunningServer } from '../helpers/server';

jest.setTimeout(120_000);

let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let demoUsers: DemoUser[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  demoUsers = await server.demoUsers();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** On the picker, taps the demo user `openid`. */
async function pickDemoUser(page: Page, openid: string): Promise<DemoUser> {
  const user = demoUsers.find((u) => u.openid === openid)!;
  await page.getByText('选择一个身份进入', { exact: false }).waitFor();
  const entry = page.locator('.demo-pick__user', { hasText: user.label }).first();
  await entry.scrollIntoViewIfNeeded();
  await entry.tap();
  return user;
}

test('a visitor picks the demo secretary and sees her name and role on the home page', async () => {
  const { page } = browser;
  await page.goto(server.url);
  await page.getByText('选择一个身份进入', { exact: false }).waitFor();
  // Every demo role is offered.
  for (const heading of ['居民', '在职党员', '网格员', '社区书记', '部门人员', '单位管理员', '党工委']) {
    await page.getByText(heading, { exact: false }).first().waitFor();
  }
  await screenshot(page, '01-pick-demo-user');

  const secretary = await pickDemoUser(page, 'demo-secretary');
  await page.getByText(`您好，${secretary.name}`).waitFor();
  await page.locator('.home__me').getByText('社区书记').waitFor();
  await screenshot(page, '02-home-secretary');

  // What the page shows is what account.me answers for that identity.
  const me = (await (
    await fetch(`${server.url}/api/functions/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'demo-secretary' },
      body: JSON.stringify({ action: 'me', payload: {} }),
    })
  ).json()) as { data: { displayName: string } };
  expect(me.data.displayName).toBe(secretary.name);
});

/** From any tab page: 我的 → 切换演示身份. */
async function switchIdentity(page: Page): Promise<void> {
  await page.getByText('我的', { exact: true }).last().tap();
  await page.locator('.mine__demo .nut-button').tap();
}

test('a user holding two roles sees both, and switching identity changes the page', async () => {
  const { page } = browser;
  await switchIdentity(page);
  const multi = await pickDemoUser(page, 'demo-multi');
  await page.getByText(`您好，${multi.name}`).waitFor();
  const roles = page.locator('.home__me');
  await roles.getByText('社区书记').waitFor();
  await roles.getByText('居民').waitFor();
  await screenshot(page, '03-home-multi-role');

  await switchIdentity(page);
  const resident = await pickDemoUser(page, 'demo-resident');
  await page.getByText(`您好，${resident.name}`).waitFor();
  expect(await page.locator('.home__me').getByText('社区书记').count()).toBe(0);
  await screenshot(page, '04-home-resident');
});

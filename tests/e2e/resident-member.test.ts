import type { Page } from 'playwright-core';
import type { ContactCardAdminView, MemberReportView, StationView } from '../../contract';
import { wgs84ToGcj02 } from '../../src/utils/gcj02';
import { launchBrowser, newPhone, screenshot, tapShown } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

jest.setTimeout(180_000);

/** Where the browser says the resident stands (WGS-84, central 潋江镇); the page converts it to GCJ-02. */
const HERE = { latitude: 26.34, longitude: 115.35 };

let server: RunningServer;
let launched: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  server = await startServer();
  launched = await launchBrowser();
});
afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

/** A phone-sized touch context like the shared one, optionally with a location granted. */
const phone = (options: { geolocation?: boolean } = {}) =>
  newPhone(launched.browser, options.geolocation ? { geolocation: HERE } : {});
const api = <T>(fn: string, action: string, payload: unknown, openid: string) =>
  server.api<T>(fn, action, payload, openid);

async function tab(page: Page, name: '首页' | '我的'): Promise<void> {
  await page.getByText(name, { exact: true }).last().tap();
}

/** On the demo picker, taps the user whose entry mentions `who` (a name or a role label). */
async function pickDemoUser(page: Page, who: string): Promise<void> {
  await page.getByText('选择一个身份进入', { exact: false }).waitFor();
  // The picker fetches the users again each time it opens: pick from the fresh list.
  await page.locator('.demo-pick__loading').waitFor({ state: 'detached' });
  // The h5 router may keep an earlier, hidden picker page: tap the one on screen.
  await page.locator('.demo-pick__user', { hasText: who }).filter({ visible: true }).first().tap();
}

/** From a tab page: 我的 → 切换演示身份 → `who`. */
async function switchIdentity(page: Page, who: string): Promise<void> {
  await tab(page, '我的');
  await page.locator('.mine__demo .nut-button').tap();
  await pickDemoUser(page, who);
}

/** Opens an OptionPicker once it can open (options loaded, the choice before it made) and taps one option. */
async function choose(page: Page, picker: string, optionId: string): Promise<void> {
  const trigger = page.locator(`.option-picker__trigger--${picker}`).filter({ hasNotText: /加载中|请先/ });
  await trigger.waitFor();
  await trigger.scrollIntoViewIfNeeded();
  await trigger.tap();
  const option = page.locator(`.option-picker__option--${optionId}`);
  await option.scrollIntoViewIfNeeded();
  await option.tap();
}

test('a new resident accepts the privacy guide, fills the profile, finds the grid head and the nearest Red Station', async () => {
  const { context, page } = await phone({ geolocation: true });
  // A WeChat user the server has never seen (Taro's h5 storage format).
  await context.addInitScript(() => localStorage.setItem('txy.demoOpenid', JSON.stringify({ data: 'o-e2e-new' })));
  await page.goto(server.url);

  // Privacy first: nothing personal is asked before consent.
  await page.getByText('阅读完整的《用户隐私保护指引》').waitFor();
  await screenshot(page, 'rm-01-new-resident-privacy');
  await page.locator('#txy-privacy-agree').tap();
  await page.locator('.nut-popup').waitFor({ state: 'hidden' });

  // 我的 → 完善个人信息.
  await tab(page, '我的');
  await page.locator('.mine__edit-profile').getByText('完善个人信息').waitFor();
  await screenshot(page, 'rm-02-mine-before-profile');
  await page.locator('.mine__edit-profile').tap();
  await page.locator('.profile__name input').fill('王小明');
  await page.locator('.profile__phone input').fill('13912345678');
  await choose(page, 'community', 'c01');
  await choose(page, 'residentGroup', 'c01-r01');
  await choose(page, 'microGrid', 'c01-g01-m1');
  await page.locator('.profile__building input').fill('1单元201室');
  await screenshot(page, 'rm-03-profile-filled');
  await page.locator('.profile__submit').tap();

  // Back on 我的: the profile, the phone masked.
  await page.locator('.mine__name').getByText('王小明').waitFor();
  await page.getByText('139****5678').waitFor();
  await page.getByText('潋江社区 1单元201室').waitFor();
  await screenshot(page, 'rm-04-mine-with-profile');
  const me = await api<{ name: string; phone: string; address: { microGridId: string } }>(
    'account',
    'me',
    {},
    'o-e2e-new',
  );
  expect(me).toMatchObject({ name: '王小明', phone: '13912345678', address: { microGridId: 'c01-g01-m1' } });

  // 首页 → 网格联系卡: the grid head's card first.
  const cards = await api<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  const head = cards.find((c) => c.title === '网格长')!;
  await tab(page, '首页');
  await page.locator('.home__area--gridCard').tap();
  const firstCard = page.locator('.grid-card').first();
  await firstCard.getByText(head.name).waitFor();
  await firstCard.getByText(`拨打 ${head.phone}`).waitFor();
  await expect(firstCard.locator('.grid-card__title').textContent()).resolves.toBe('网格长');
  await screenshot(page, 'rm-05-grid-card');

  // 首页 → 红色驿站: nearest first, from where the browser says the resident is.
  await page.goBack();
  await tapShown(page, '.home__area--station');
  await page.getByText('按距离由近到远排列').waitFor();
  const names = await page.locator('.station-item__name').allTextContents();
  const expected = await api<StationView[]>(
    'directory',
    'stations',
    { near: wgs84ToGcj02({ lat: HERE.latitude, lng: HERE.longitude }) },
    'o-e2e-new',
  );
  expect(names).toEqual(expected.map((s) => s.name));
  const metres = (await page.locator('.station-facts__distance').allTextContents()).map((d) =>
    d.endsWith('公里') ? parseFloat(d) * 1000 : parseFloat(d),
  );
  expect(metres).toEqual([...metres].sort((a, b) => a - b));
  await page
    .locator('.station-item')
    .first()
    .getByText(/营业中|已打烊/)
    .waitFor();
  await screenshot(page, 'rm-06-stations-nearest-first');

  // The nearest one: its address, to copy into a map app (h5 has no WeChat map) — never raw coordinates.
  await page.locator('.station-item').first().tap();
  await page.locator('.station__name').getByText(expected[0].name).waitFor();
  await page.locator('.station__address').getByText(expected[0].address).waitFor();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await tapShown(page, '.place-nav__copy');
  await page.getByText('地址已复制').waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${expected[0].name} ${expected[0].address}`);
  expect(await page.locator('.station').innerText()).not.toMatch(/北纬|东经|GCJ|\d+\.\d{4,}/);
  await screenshot(page, 'rm-07-station-detail');
  await context.close();
});

test('a resident reports as a party member, the secretary verifies, and 我的 shows 已报到', async () => {
  const { context, page } = await phone();
  await page.goto(server.url);
  await pickDemoUser(page, '张秀兰');
  await page.getByText('您好，张秀兰').waitFor();
  // Not a member yet: no 六个一.
  expect(await page.locator('.home__area--sixOnes').count()).toBe(0);

  await tab(page, '我的');
  await page.locator('.mine__member-report').getByText('未报到').waitFor();
  await page.locator('.mine__member-report').tap();
  await page.locator('.report-status__title').getByText('未报到').waitFor();

  await choose(page, 'unit', 'u01');
  await page.locator('.report-form__branch input').fill('第一党支部');
  await page.locator('.report-form__date').tap();
  await page.locator('.weui-picker__action', { hasText: '确定' }).tap();
  await page.locator('.report-form__date').getByText('2000-07-01').waitFor();
  // The community defaults to the unit's paired one (u01 ↔ c01 潋江社区).
  await page.locator('.option-picker__trigger--report-community').getByText('潋江社区').waitFor();
  await screenshot(page, 'rm-08-member-report-form');
  await page.locator('.report-form__submit').tap();

  await page.locator('.report-status__title').getByText('待社区审核').waitFor();
  await page.locator('.report-history__item').first().getByText('待社区审核').waitFor();
  await screenshot(page, 'rm-09-member-report-pending');

  // The secretary of 潋江社区 verifies it on her 报到审核 page (packages/staff).
  const queue = await api<MemberReportView[]>('account', 'reportQueue', { status: 'pending' }, 'demo-secretary');
  const report = queue.find((r) => r.openid === 'demo-resident');
  expect(report).toMatchObject({ unit: { id: 'u01' }, community: { id: 'c01' }, partyBranch: '第一党支部' });
  await page.goto(server.url); // the app opened afresh, on the home page
  await switchIdentity(page, '社区书记 · 潋江社区');
  await tab(page, '我的');
  await page.locator('.mine__staff').tap();
  await page.locator('.staff-home__tool--reports').tap();
  await page.locator(`#report-${report!.id}`).getByText('张秀兰').waitFor();
  await screenshot(page, 'rm-10-secretary-review');
  await page.locator(`#verify-${report!.id}`).tap();
  await page.locator('#staff-confirm-ok').tap();
  await page.locator(`#verify-${report!.id}`).waitFor({ state: 'detached' });
  const [reviewed] = await api<MemberReportView[]>('account', 'myReports', {}, 'demo-resident');
  expect(reviewed).toMatchObject({ id: report!.id, status: 'verified' });

  // The app opened afresh, in again as the resident.
  await page.goto(server.url);
  await switchIdentity(page, '张秀兰');
  await page.getByText('您好，张秀兰').waitFor();
  await page.locator('.home__area--sixOnes').waitFor();
  await tab(page, '我的');
  await page.locator('.mine__member-report').getByText('已报到 潋江社区').waitFor();
  await screenshot(page, 'rm-11-mine-member-verified');
  await page.locator('.mine__member-report').tap();
  await page.locator('.report-status__title').getByText('已报到').waitFor();
  await page.locator('.report-history__item').first().getByText('已报到').waitFor();
  await screenshot(page, 'rm-12-member-report-verified');
  await context.close();
});

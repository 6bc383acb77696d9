/**
 * Staff flows in the h5 build against the real server (emulator/main.ts with the demo seed):
 * the secretary of 潋江社区 verifies a member's report (双报到) from 我的 → 我的工作职责 →
 * 报到审核 and the member sees it on 我的; the county admin grants a unit admin role and finds
 * it in 操作记录. Screenshots in test-artifacts/e2e/staff-*.png.
 */
import type { Page } from 'playwright-core';
import type { ContactCardAdminView, Me, MemberReportView, UnitSummary } from '../../contract';
import { launchBrowser, newPhone, screenshot, shown, tapShown } from '../helpers/browser';
import { startServer, type DemoUser, type RunningServer } from '../helpers/server';

jest.setTimeout(180_000);

let server: RunningServer;
let launched: Awaited<ReturnType<typeof launchBrowser>>;
let demoUsers: DemoUser[];

beforeAll(async () => {
  server = await startServer();
  launched = await launchBrowser();
  demoUsers = await server.demoUsers();
});
afterAll(async () => {
  await launched?.close();
  await server?.stop();
});

const phone = async (): Promise<Page> => (await newPhone(launched.browser)).page;
const api = <T>(fn: string, action: string, payload: unknown, openid: string) =>
  server.api<T>(fn, action, payload, openid);

/** On the picker, taps the demo user `openid` (by the label the picker shows). */
async function pickDemoUser(page: Page, openid: string): Promise<DemoUser> {
  const user = demoUsers.find((u) => u.openid === openid)!;
  await page.getByText('选择一个身份进入', { exact: false }).waitFor();
  await page.locator('.demo-pick__loading').waitFor({ state: 'detached' });
  const entry = page.locator('.demo-pick__user', { hasText: user.label }).filter({ visible: true }).first();
  await entry.scrollIntoViewIfNeeded();
  await entry.tap();
  await page.getByText(`您好，${user.name}`).waitFor();
  return user;
}

async function tab(page: Page, name: '首页' | '我的'): Promise<void> {
  await page.getByText(name, { exact: true }).last().tap();
}

/** From the home page: 我的 → 我的工作职责 → the tool `key` (e.g. reports). */
async function openTool(page: Page, key: string): Promise<void> {
  await tab(page, '我的');
  await tapShown(page, '.mine__staff');
  await tapShown(page, `.staff-home__tool--${key}`);
}

test('the secretary verifies 黄丽萍’s report from 我的 → 我的工作职责 → 报到审核, and 黄丽萍 sees 已报到 on 我的', async () => {
  const pending = await api<MemberReportView[]>('account', 'reportQueue', { status: 'pending' }, 'demo-secretary');
  const report = pending.find((r) => r.openid === 'demo-member-pending');
  if (!report) throw new Error('demo-member-pending has no pending report in the seed');

  const page = await phone();
  await page.goto(server.url);
  await pickDemoUser(page, 'demo-secretary');
  await tab(page, '我的');
  await tapShown(page, '.mine__staff');
  await shown(page, '.staff-home__card--secretary').getByText('报到审核').waitFor();
  await screenshot(page, 'staff-01-secretary-home');

  await tapShown(page, '.staff-home__tool--reports');
  const card = shown(page, `#report-${report.id}`);
  await card.getByText(report.name).waitFor();
  await card.getByText(report.partyBranch).waitFor();
  await screenshot(page, 'staff-02-report-queue');

  await tapShown(page, `#verify-${report.id}`);
  await shown(page, '.staff-confirm').getByText('确认通过').waitFor();
  await screenshot(page, 'staff-03-confirm-verify');
  await tapShown(page, '#staff-confirm-ok');
  await page.locator(`#report-${report.id}`).waitFor({ state: 'detached' });
  await screenshot(page, 'staff-04-report-verified');

  // 已通过 lists her now.
  await tapShown(page, '.staff-segmented__item--verified');
  await shown(page, `#report-${report.id}`).getByText('审核时间').waitFor();

  const member = await api<Me>('account', 'me', {}, 'demo-member-pending');
  expect(member.roles).toContainEqual({ role: 'member', communityId: 'c01', unitId: report.unit.id, verified: true });
  expect(member.pendingReport).toBeNull();

  // The app opened afresh as 黄丽萍: 我的 shows the report verified.
  await page.goto(server.url);
  await tab(page, '我的');
  await tapShown(page, '.mine__demo .nut-button');
  await pickDemoUser(page, 'demo-member-pending');
  await tab(page, '我的');
  await shown(page, '.mine__member-report').getByText(`已报到 ${report.community.name}`).waitFor();
  await screenshot(page, 'staff-05-member-mine-verified');
  await page.context().close();
});

test('the secretary edits a grid worker’s contact card: new duties, and the phone hidden from or shown to residents', async () => {
  const [card] = await api<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  const duties = '负责本网格民情收集、矛盾调解和独居老人走访';

  const page = await phone();
  await page.goto(server.url);
  await pickDemoUser(page, 'demo-secretary');
  await openTool(page, 'grids');
  await shown(page, `#card-${card.id}`).getByText(card.name).waitFor();
  await screenshot(page, 'staff-09-grid-cards');

  await shown(page, `#card-${card.id}`).locator('.staff-grids__edit').tap();
  await shown(page, '.staff-card__duties textarea').fill(duties);
  await tapShown(page, '.staff-card__publish-phone');
  await screenshot(page, 'staff-10-card-form');
  await tapShown(page, '.staff-card__save');
  await shown(page, `#card-${card.id}`).getByText(`职责：${duties}`).waitFor();

  const [saved] = await api<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  expect(saved).toMatchObject({ id: card.id, duties, published: { ...card.published, phone: !card.published.phone } });
  await page.context().close();
});

test('the county admin grants 张秀兰 单位管理员 of a unit in 角色授权 and finds the grant in 操作记录', async () => {
  const unit = (await api<UnitSummary[]>('directory', 'units', { communityId: 'c01' }, 'demo-county-admin'))[0];

  // A fresh browser: the app opens on the demo picker.
  const page = await phone();
  await page.goto(server.url);
  await pickDemoUser(page, 'demo-county-admin');
  await openTool(page, 'grants');

  await shown(page, '.search-bar__input input').fill('张秀兰');
  await tapShown(page, '.search-bar__go');
  await tapShown(page, '.staff-grants__pick');
  await shown(page, '.staff-grants__selected').getByText('现有角色').waitFor();
  await tapShown(page, '.staff-choice--role-unitAdmin');
  await tapShown(page, '.staff-choice--community-c01');
  await tapShown(page, `.staff-choice--unit-${unit.id}`);
  await screenshot(page, 'staff-06-grant-form');
  await tapShown(page, '.staff-grants__grant');
  await shown(page, '.staff-confirm').getByText('确认授予').waitFor();
  await tapShown(page, '#staff-confirm-ok');
  await page.locator('.staff-confirm').waitFor({ state: 'detached' });
  await shown(page, '.staff-grants__roles').getByText(`单位管理员（${unit.name}）`).waitFor();
  await screenshot(page, 'staff-07-granted');

  const resident = await api<Me>('account', 'me', {}, 'demo-resident');
  expect(resident.roles).toContainEqual({ role: 'unitAdmin', unitId: unit.id });

  // Back to 我的工作职责 → 操作记录.
  await page.goBack();
  await tapShown(page, '.staff-home__tool--audit');
  const entry = shown(page, '.staff-audit__entry');
  await entry.getByText(`授予 张秀兰 「单位管理员（${unit.name}）」`).first().waitFor();
  await entry.getByText(`居民、单位管理员（${unit.name}）`).waitFor();
  await entry.getByText('温振华', { exact: false }).waitFor();
  await screenshot(page, 'staff-08-audit');

  // 目录管理: pair the unit with another community; the rest of its form comes as stored.
  const stored = await api<{ data: { partyOrgName: string } }>(
    'directory',
    'entry',
    { kind: 'unit', id: unit.id },
    'demo-county-admin',
  );
  await page.goBack();
  await tapShown(page, '.staff-home__tool--directory');
  await tapShown(page, '.staff-segmented__item--unit');
  await shown(page, '.staff-directory__unit').getByText('更改结对社区').first().waitFor();
  const pairing = page.locator('.staff-directory__unit', { hasText: unit.name }).filter({ visible: true }).first();
  await pairing.locator('.staff-directory__pairing').tap();
  const partyOrg = shown(page, '.staff-entry__input--partyOrgName input');
  await partyOrg.waitFor();
  expect(await partyOrg.inputValue()).toBe(stored.data.partyOrgName);
  await tapShown(page, '.staff-choice--pairedCommunityId-c02');
  await screenshot(page, 'staff-11-unit-pairing');
  await tapShown(page, '.staff-entry__save');
  await shown(page, '.staff-directory__unit').getByText('结对社区：将军社区').first().waitFor();

  const moved = (await api<UnitSummary[]>('directory', 'units', {}, 'demo-county-admin')).find((u) => u.id === unit.id);
  expect(moved).toMatchObject({ pairedCommunityId: 'c02', pairedCommunityName: '将军社区' });
  const after = await api<{ data: { partyOrgName: string } }>(
    'directory',
    'entry',
    { kind: 'unit', id: unit.id },
    'demo-county-admin',
  );
  expect(after.data.partyOrgName).toBe(stored.data.partyOrgName);
  await page.context().close();
});

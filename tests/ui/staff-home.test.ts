/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The staff home (我的工作职责) of the built weapp: each staff role the user holds, where it acts
 * (by name) and the tools it opens — all of them for someone holding several roles. Through the
 * real cloud functions (local CloudBase); needs `npm run build:weapp` first.
 */
import type { CommunitySummary, Envelope, UnitSummary } from '../../contract';
import { startLocalCloud } from '../helpers/localCloud';
import { assertBuilt, loadPage, type CloudShim, type LoadedPage } from '../helpers/weapp-harness';

type LocalCloud = Awaited<ReturnType<typeof startLocalCloud>>;
type CallEvent = { action: string; payload?: unknown };

const STAFF_HOME = 'packages/staff/pages/roles/index';

let local: LocalCloud;
let opened: LoadedPage[] = [];

beforeAll(async () => {
  assertBuilt();
  local = await startLocalCloud({ seed: true });
});

afterEach(() => {
  opened.forEach((p) => p.close());
  opened = [];
});

afterAll(async () => {
  await local?.stop();
});

/**
 * What wx.cloud.callFunction hands the app: the function's answer as JSON. In process the answer
 * would keep the SDK's own classes (a stored GeoJSON polygon comes back as the SDK's Polygon).
 */
const asDelivered = (result: unknown) => ({ result: JSON.parse(JSON.stringify(result)) as unknown });

function cloudAs(openid: string): CloudShim {
  return {
    init() {},
    callFunction: ({ name, data }) => local.invoke(name, data as CallEvent, openid).then(asDelivered),
  };
}

async function invoke<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T> {
  const reply = (await local.invoke(fn, { action, payload }, openid)) as Envelope<T>;
  if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.message}`);
  return reply.data;
}

async function openStaffHome(openid: string): Promise<LoadedPage> {
  const page = await loadPage(STAFF_HOME, cloudAs(openid));
  opened.push(page);
  return page;
}

const navigatedTo = (page: LoadedPage) =>
  page.navigation.filter((n) => n.api === 'navigateTo').map((n) => (n.options as { url: string }).url);

test('a secretary who is also a resident sees her community by name and the three secretary tools', async () => {
  const communities = await invoke<CommunitySummary[]>('directory', 'communities', {}, 'demo-multi');
  const c02 = communities.find((c) => c.id === 'c02')!;

  const home = await openStaffHome('demo-multi');
  await home.waitForText(`范围：${c02.name}`);

  for (const tool of ['报到审核', '社区党员', '网格员与联系卡']) expect(home.text()).toContain(tool);
  // Resident is not a staff role: no card for it.
  expect(home.text()).not.toContain('暂无工作职责');

  await home.tap('.staff-home__tool--grids');
  expect(navigatedTo(home)).toEqual(['/packages/staff/pages/grids/index?communityId=c02']);
});

test('the county admin sees the directory, role and audit tools and the members of any community or unit', async () => {
  const home = await openStaffHome('demo-county-admin');
  await home.waitForText('全县城市社区');
  for (const tool of ['目录管理', '角色授权', '操作记录', '各社区党员', '各单位党员'])
    expect(home.text()).toContain(tool);

  await home.tap('.staff-home__tool--audit');
  expect(navigatedTo(home)).toEqual(['/packages/staff/pages/audit/index']);
});

test('a unit admin sees their unit by name and 本单位党员', async () => {
  const units = await invoke<UnitSummary[]>('directory', 'units', {}, 'demo-unit-admin');
  const u01 = units.find((u) => u.id === 'u01')!;

  const home = await openStaffHome('demo-unit-admin');
  await home.waitForText(`范围：${u01.name}`);
  expect(home.text()).toContain('本单位党员');
});

test('a resident without staff roles is told so', async () => {
  const home = await openStaffHome('demo-resident');
  await home.waitForText('暂无工作职责');
});

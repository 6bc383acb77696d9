/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The staff home (我的工作职责) of the built weapp: each staff role the user holds, where it acts
 * (by name) and the tools it opens — all of them for someone holding several roles. Through the
 * real cloud functions (local CloudBase); needs `npm run build:weapp` first.
 */
import type { CommunitySummary, UnitSummary } from '../../contract';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud } from '../helpers/weapp-cloud';

const STAFF_HOME = 'packages/staff/pages/roles/index';

const { open, invoke } = useLocalCloud();
const openStaffHome = (openid: string) => open(STAFF_HOME, openid);

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

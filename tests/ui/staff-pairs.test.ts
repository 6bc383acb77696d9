/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 1+1带N联系户 of the built weapp, as demo-grid-worker (网格员 of 潋江社区第1网格): the buildings of
 * the grid with their member, grid worker and households; changing one building's member, grid
 * worker and N, and the building's residents seeing it on 网格联系卡. Through the real cloud
 * functions (local CloudBase); needs `npm run build:weapp` first.
 */
import type { MyGrid, PairGridView, UserSummary } from '../../contract';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const PAIRS_PAGE = 'packages/staff/pages/pairs/index';
const STAFF_HOME = 'packages/staff/pages/roles/index';
const GRID_PAGE = 'packages/resident/pages/grid/index';
const GRID_WORKER = 'demo-grid-worker';

const { open, invoke } = useLocalCloud();

const pairsOf = async (openid = GRID_WORKER) => invoke<PairGridView[]>('directory', 'householdPairs', {}, openid);

test('the grid worker reaches 1+1带N联系户 from the workbench', async () => {
  const home = await open(STAFF_HOME, GRID_WORKER);
  await home.waitFor(() => home.has('.staff-home__tool--pairs'));
  expect(home.text()).toContain('1+1带N联系户');
  await home.tap('.staff-home__tool--pairs');
  expect(home.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/staff/pages/pairs/index' }),
  });
});

test("the page lists every building of the grid worker's grid with its member, grid worker and households", async () => {
  const [grid] = await pairsOf();
  const page = await open(PAIRS_PAGE, GRID_WORKER);
  await page.waitFor(() => page.has(`#pair-${grid.microGrids[0].id}`));
  const text = page.text();
  for (const m of grid.microGrids) {
    expect(page.has(`#pair-${m.id}`)).toBe(true);
    expect(text).toContain(m.name);
    expect(text).toContain(`党员：${m.pair!.memberName}`);
    expect(text).toContain(`网格员：${m.pair!.gridWorkerName}`);
    expect(text).toContain(`联系户：${m.pair!.households} 户`);
  }
  // One grid: nothing to choose.
  expect(page.has('.staff-choice--pair-grid-c01-g01')).toBe(false);
});

test('editing a building: another member found by name, the grid head, N checked and saved; its residents see it', async () => {
  const [grid] = await pairsOf();
  const micro = grid.microGrids.find((m) => m.id === 'c01-g01-m1')!;
  const head = grid.workers[0];
  expect(head.openid).not.toBe(micro.pair!.gridWorkerOpenid);
  // A member verified in 潋江社区 who is not this building's.
  const [member] = await invoke<UserSummary[]>(
    'directory',
    'pairMembers',
    { microGridId: micro.id, query: '邱' },
    GRID_WORKER,
  );
  expect(member.openid).not.toBe(micro.pair!.memberOpenid);

  const calls: CallEvent[] = [];
  const page = await open(PAIRS_PAGE, GRID_WORKER, { calls });
  const card = `#pair-${micro.id}`;
  await page.waitFor(() => page.has(`${card} .staff-pairs__edit`));
  await page.tap(`${card} .staff-pairs__edit`);
  await page.waitFor(() => page.has(`${card} .staff-pairs__change-member`));

  await page.tap(`${card} .staff-pairs__change-member`);
  await page.waitFor(() => page.has(`${card} .search-bar__go`));
  page.type(`${card} .search-bar__input .nut-input-native`, member.name);
  await page.tap(`${card} .search-bar__go`);
  await page.waitFor(() => page.has(`${card} .staff-pairs__pick-member`));
  await page.tap(`${card} .staff-pairs__pick-member`);
  await page.waitFor(() => !page.has(`${card} .search-bar__go`));

  await page.tap(`${card} .staff-choice--pair-worker-${head.openid}`);
  // More households than the building has: refused on the spot.
  page.type(`${card} .staff-pairs__households .nut-input-native`, String(micro.householdCount + 1));
  await page.tap(`${card} .staff-pairs__save`);
  await page.waitForText(`请输入 1–${micro.householdCount} 之间的整数`);
  expect(calls.some((c) => c.action === 'savePair')).toBe(false);

  page.type(`${card} .staff-pairs__households .nut-input-native`, '9');
  await page.tap(`${card} .staff-pairs__save`);
  await page.waitForText(`已保存${micro.name}的1+1带N`);

  expect(calls).toContainEqual({
    action: 'savePair',
    payload: {
      microGridId: micro.id,
      memberOpenid: member.openid,
      gridWorkerOpenid: head.openid,
      households: 9,
      version: 0,
    },
  });
  expect(page.text()).toContain(`党员：${member.name}`);
  expect(page.text()).toContain(`网格员：${head.name}`);
  expect(page.text()).toContain('联系户：9 户');

  // demo-resident lives in that building: the grid card shows the new pair.
  const mine = await invoke<MyGrid>('account', 'myGrid', {}, 'demo-resident');
  expect(mine.microGrid.id).toBe(micro.id);
  const resident = await open(GRID_PAGE, 'demo-resident');
  await resident.waitForText('1+1带N 联系户');
  expect(resident.text()).toContain(`本楼由党员 ${member.name} 和网格员 ${head.name} 共同联系 9 户居民`);
});

test('when someone else saved the building first, the page says so and shows their pair', async () => {
  const [grid] = await pairsOf();
  const micro = grid.microGrids.find((m) => m.id === 'c01-g01-m2')!;
  const page = await open(PAIRS_PAGE, GRID_WORKER);
  const card = `#pair-${micro.id}`;
  await page.waitFor(() => page.has(`${card} .staff-pairs__edit`));
  await page.tap(`${card} .staff-pairs__edit`);
  await page.waitFor(() => page.has(`${card} .staff-pairs__save`));

  // The secretary saves the same building meanwhile.
  await invoke(
    'directory',
    'savePair',
    {
      microGridId: micro.id,
      memberOpenid: micro.pair!.memberOpenid,
      gridWorkerOpenid: micro.pair!.gridWorkerOpenid,
      households: 4,
      version: micro.version,
    },
    'demo-secretary',
  );

  page.type(`${card} .staff-pairs__households .nut-input-native`, '6');
  await page.tap(`${card} .staff-pairs__save`);
  await page.waitForText('刚被他人修改');
  await page.waitForText('联系户：4 户');
  expect(page.has(`${card} .staff-pairs__save`)).toBe(false);
});

test("the secretary chooses among her community's grids and sees each grid's buildings", async () => {
  const grids = await pairsOf('demo-secretary');
  const second = grids.find((g) => g.id === 'c01-g02')!;
  const page = await open(PAIRS_PAGE, 'demo-secretary');
  await page.waitFor(() => page.has('.staff-choice--pair-grid-c01-g02'));
  expect(page.has('.staff-choice--pair-grid-c01-g01.staff-choice--on')).toBe(true);
  await page.tap('.staff-choice--pair-grid-c01-g02');
  await page.waitFor(() => page.has(`#pair-${second.microGrids[0].id}`));
  for (const m of second.microGrids) expect(page.text()).toContain(m.name);
  expect(page.has('#pair-c01-g01-m1')).toBe(false);
});

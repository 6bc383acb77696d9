/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 网格员与联系卡 of the built weapp, as the secretary of 潋江社区 (demo-secretary): the cards of a
 * grid, appointing a resident of the community as grid worker, removing one. Through the real
 * cloud functions (local CloudBase); needs `npm run build:weapp` first.
 */
import type { ContactCardAdminView, Me } from '../../contract';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const GRIDS_PAGE = 'packages/staff/pages/grids/index';

const { open, invoke } = useLocalCloud();

const openGrids = (calls?: CallEvent[]) => open(GRIDS_PAGE, 'demo-secretary', { query: { communityId: 'c01' }, calls });

test('the first grid of 潋江社区 opens with its contact cards in full for the secretary', async () => {
  const cards = await invoke<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  const grids = await openGrids();
  await grids.waitFor(() => grids.has(`#card-${cards[0].id}`));

  for (const card of cards) {
    expect(grids.text()).toContain(card.name);
    expect(grids.text()).toContain(card.phone);
    expect(grids.text()).toContain(card.duties);
  }
  expect(grids.has('.staff-choice--grid-c01-g01.staff-choice--on')).toBe(true);
});

test('appointing a resident of the community: search, confirm, and she is a grid worker of that grid', async () => {
  const calls: CallEvent[] = [];
  const grids = await openGrids(calls);
  await grids.waitFor(() => grids.has('.staff-grids__open-appoint'));

  await grids.tap('.staff-grids__open-appoint');
  await grids.waitFor(() => grids.has('.search-bar__go'));
  // An empty search is refused on the spot.
  await grids.tap('.search-bar__go');
  await grids.waitForText('请输入 1–20 个字的姓名或手机号');

  grids.type('.search-bar__input .nut-input-native', '张秀兰');
  await grids.tap('.search-bar__go');
  await grids.waitFor(() => grids.has('.staff-grids__pick'));
  await grids.tap('.staff-grids__pick');
  await grids.waitForText('确认任命');
  await grids.tap('#staff-confirm-ok');
  await grids.waitForText('已任命 张秀兰 为网格员');

  expect(calls).toContainEqual({
    action: 'grantRole',
    payload: { openid: 'demo-resident', grant: { role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g01'] } },
  });
  const resident = await invoke<Me>('account', 'me', {}, 'demo-resident');
  expect(resident.roles).toContainEqual({ role: 'gridWorker', communityId: 'c01', gridIds: ['c01-g01'] });

  // Next: her contact card.
  await grids.tap('.staff-grids__add-card');
  expect(grids.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/staff/pages/card/index' }),
  });
});

test('removing a grid worker asks first, unpublishes their card and revokes the grant', async () => {
  const cards = await invoke<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  const card = cards.find((c) => c.openid === 'demo-grid-worker')!;

  const grids = await openGrids();
  await grids.waitFor(() => grids.has(`#card-${card.id}`));
  const index = cards.indexOf(card);
  const revoke = grids.page.querySelectorAll('.staff-grids__revoke')[index];
  revoke.dispatchEvent('tap');
  await grids.waitForText('确认撤销');
  await grids.tap('#staff-confirm-ok');
  await grids.waitFor(() => !grids.text().includes('确认撤销'));

  const worker = await invoke<Me>('account', 'me', {}, 'demo-grid-worker');
  expect(worker.roles.some((g) => g.role === 'gridWorker')).toBe(false);
  const after = await invoke<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  expect(after.find((c) => c.id === card.id)?.published).toEqual({ name: false, phone: false, photo: false });
  await grids.waitForText('暂不向居民公开姓名、电话和照片');
});

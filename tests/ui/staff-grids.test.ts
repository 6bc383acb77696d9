/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 网格员与联系卡 of the built weapp, as the secretary of 潋江社区 (demo-secretary): the cards of a
 * grid, appointing a resident of the community as grid worker, removing one. Through the real
 * cloud functions (local CloudBase); needs `npm run build:weapp` first.
 */
import type { ContactCardAdminView, Envelope, Me } from '../../contract';
import { startLocalCloud } from '../helpers/localCloud';
import { assertBuilt, loadPage, type CloudShim, type LoadedPage } from '../helpers/weapp-harness';

type LocalCloud = Awaited<ReturnType<typeof startLocalCloud>>;
type CallEvent = { action: string; payload?: unknown };

const GRIDS_PAGE = 'packages/staff/pages/grids/index';

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

function cloudAs(openid: string, calls: CallEvent[] = []): CloudShim {
  return {
    init() {},
    callFunction: ({ name, data }) => {
      calls.push(data as CallEvent);
      return local.invoke(name, data as CallEvent, openid).then(asDelivered);
    },
  };
}

async function invoke<T>(fn: string, action: string, payload: unknown, openid: string): Promise<T> {
  const reply = (await local.invoke(fn, { action, payload }, openid)) as Envelope<T>;
  if (!reply.ok) throw new Error(`${fn}.${action} as ${openid}: ${reply.error.message}`);
  return reply.data;
}

async function openGrids(calls?: CallEvent[]): Promise<LoadedPage> {
  const page = await loadPage(GRIDS_PAGE, cloudAs('demo-secretary', calls), { query: { communityId: 'c01' } });
  opened.push(page);
  return page;
}

function type(page: LoadedPage, selector: string, value: string): void {
  const node = page.page.querySelector(selector);
  if (!node) throw new Error(`no ${selector}; the page shows: «${page.text()}»`);
  node.dispatchEvent('input', { detail: { value, cursor: value.length } });
}

const shows = (page: LoadedPage, selector: string) => page.page.querySelector(selector) !== undefined;

test('the first grid of 潋江社区 opens with its contact cards in full for the secretary', async () => {
  const cards = await invoke<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  const grids = await openGrids();
  await grids.waitFor(() => shows(grids, `#card-${cards[0].id}`));

  for (const card of cards) {
    expect(grids.text()).toContain(card.name);
    expect(grids.text()).toContain(card.phone);
    expect(grids.text()).toContain(card.duties);
  }
  expect(shows(grids, '.staff-choice--grid-c01-g01.staff-choice--on')).toBe(true);
});

test('appointing a resident of the community: search, confirm, and she is a grid worker of that grid', async () => {
  const calls: CallEvent[] = [];
  const grids = await openGrids(calls);
  await grids.waitFor(() => shows(grids, '.staff-grids__open-appoint'));

  await grids.tap('.staff-grids__open-appoint');
  await grids.waitFor(() => shows(grids, '.staff-user-search__go'));
  // An empty search is refused on the spot.
  await grids.tap('.staff-user-search__go');
  await grids.waitForText('请输入 1–20 个字的姓名或手机号');

  type(grids, '.staff-user-search__input .nut-input-native', '张秀兰');
  await grids.tap('.staff-user-search__go');
  await grids.waitFor(() => shows(grids, '.staff-grids__pick'));
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
  await grids.waitFor(() => shows(grids, `#card-${card.id}`));
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

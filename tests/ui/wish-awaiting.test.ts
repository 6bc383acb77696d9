/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 待居民确认的心愿 of the built weapp, through the real cloud functions (local CloudBase): a wish
 * fulfilled more than 7 days ago (the emulator's clock moved on) and not confirmed by the
 * resident is listed for the grid worker of its grid, with the count on the staff home; a wish
 * fulfilled since is not; the card opens the wish's page, where the worker confirms on the
 * resident's behalf, and the wish leaves the list. Needs `npm run build:weapp` first.
 */
import type { WishView } from '../../contract';
import { emulatorClock } from '../../emulator/clock';
import { useLocalCloud } from '../helpers/weapp-cloud';

const AWAITING = 'packages/staff/pages/wish-awaiting/index';
const STAFF_HOME = 'packages/staff/pages/roles/index';
const DETAIL = 'packages/resident/pages/wish-detail/index';
const GRID_WORKER = 'demo-grid-worker';
const DAY = 24 * 3600 * 1000;

const ui = useLocalCloud();
// These walk through several pages against the real functions: more than jest's default 5 s under load.
jest.setTimeout(30_000);
const invoke = <T>(action: string, payload: unknown, openid: string) => ui.invoke<T>('wish', action, payload, openid);
let seq = 0;

afterAll(() => emulatorClock.reset());

async function fulfilledWish(note: string): Promise<WishView> {
  const wish = await invoke<WishView>(
    'submit',
    { category: '维修', description: `厨房的水龙头一直漏水，想请人修一修 ${++seq}` },
    'demo-resident',
  );
  await invoke('review', { wishId: wish.id, decision: 'publish' }, GRID_WORKER);
  await invoke('claim', { wishId: wish.id }, 'demo-member');
  const photo = ui.local.cloud.storage.put(`uploads/demo-member/awaiting-${seq}.png`, Buffer.from('png'));
  return invoke<WishView>('fulfil', { wishId: wish.id, photos: [photo], note }, 'demo-member');
}

const openList = async () => {
  const page = await ui.open(AWAITING, GRID_WORKER);
  await page.waitFor(() => page.has('.wish-list'), 5000);
  return page;
};

test('a wish fulfilled more than 7 days ago is listed, counted on the staff home, and leaves the list once confirmed for the resident', async () => {
  const old = await fulfilledWish('已上门换了新水龙头，不漏了');
  const early = await openList();
  expect(early.has(`#wish-${old.id}`)).toBe(false);
  early.close();

  emulatorClock.advance(8 * DAY);
  const fresh = await fulfilledWish('刚刚修好');
  const listed = await invoke<WishView[]>('awaitingConfirmation', {}, GRID_WORKER);
  expect(listed.map((w) => w.id)).toContain(old.id);

  // The staff home counts them.
  const home = await ui.open(STAFF_HOME, GRID_WORKER);
  await home.waitFor(() => home.has('.staff-home__tool--wish-awaiting .staff-home__count'), 5000);
  const tool = home.page.querySelector('.staff-home__tool--wish-awaiting')!.dom.textContent ?? '';
  expect(tool).toContain('待居民确认的心愿');
  expect(tool).toContain(String(listed.length));
  await home.tap('.staff-home__tool--wish-awaiting');
  expect(home.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/staff/pages/wish-awaiting/index' }),
  });

  // The list: the old one with whom it was for and who fulfilled it; not the fresh one.
  const page = await openList();
  await page.waitFor(() => page.has(`#wish-${old.id}`), 5000);
  expect(page.has(`#wish-${fresh.id}`)).toBe(false);
  const card = page.page.querySelector(`#wish-${old.id}`)!.dom.textContent ?? '';
  expect(card).toContain(old.description);
  expect(card).toContain('居民超过 7 天未确认');
  expect(card).toContain('受助人：张秀兰');
  expect(card).toContain(`认领人：${old.claim!.claimerName}`);
  await page.tap(`#wish-open-${old.id}`);
  expect(page.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: `/${DETAIL}?id=${old.id}` }),
  });

  // On the wish's page: 代居民确认完成, saying how it was verified.
  const detail = await ui.open(DETAIL, GRID_WORKER, { query: { id: old.id } });
  await detail.waitFor(() => detail.has('#wish-action-confirmForResident'), 5000);
  await detail.tap('#wish-action-confirmForResident');
  await detail.waitForText('代为确认');
  await detail.tap('.wish-dialog .wish-stars__star--5');
  detail.type('.wish-detail__text .nut-textarea-textarea', '电话回访居民本人，水龙头已不漏');
  await detail.tap('#wish-dialog-ok');
  await detail.waitForText('由社区工作人员核实后代为确认', 5000);

  const after = await openList();
  await after.waitFor(() => !after.text().includes('正在刷新'), 5000);
  expect(after.has(`#wish-${old.id}`)).toBe(false);
  expect((await invoke<WishView>('detail', { wishId: old.id }, 'demo-resident')).status).toBe('completed');
});

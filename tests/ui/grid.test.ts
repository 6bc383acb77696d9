/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 网格联系卡 of the built weapp, through the real cloud functions (local CloudBase): what a
 * resident sees of their grid is what the grid's staff agreed to publish.
 * Needs `npm run build:weapp` first.
 */
import type { ContactCardAdminView, MyGrid } from '../../contract';
import { useLocalCloud } from '../helpers/weapp-cloud';

const GRID_PAGE = 'packages/resident/pages/grid/index';

const { open: openPage, invoke } = useLocalCloud();
const open = (openid: string) => openPage(GRID_PAGE, openid);

/** The secretary of c01 stops publishing one card's phone (民情联系卡: each person decides). */
async function unpublishPhone(card: ContactCardAdminView): Promise<void> {
  const { id, gridId, openid, title, name, phone, photo, duties, published } = card;
  await invoke(
    'directory',
    'saveContactCard',
    { gridId, cardId: id, openid, title, name, phone, photo, duties, published: { ...published, phone: false } },
    'demo-secretary',
  );
}

test("the resident's grid card shows the grid head first with a phone to call, and hides a phone that is not published", async () => {
  const cards = await invoke<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  const head = cards.find((c) => c.title === '网格长')!;
  const worker = cards.find((c) => c.title === '网格员')!;
  expect(head.published.phone).toBe(true);
  await unpublishPhone(worker);

  const page = await open('demo-resident');
  await page.waitForText(head.name);
  const text = page.text();

  expect(text).toContain('网格长');
  expect(text).toContain(`拨打 ${head.phone}`);
  // The worker still shows (name published) but not their number.
  expect(text).toContain(worker.name);
  expect(text).not.toContain(worker.phone);
  expect(text).toContain('电话未公开');
  expect(text.indexOf(head.name)).toBeLessThan(text.indexOf(worker.name));
  expect(page.visible(`.grid-card--${worker.id} .grid-card__call`)).toBe(false);

  // The page shows exactly what account.myGrid answers: the place and the building's 1+1带N pair.
  const grid = await invoke<MyGrid>('account', 'myGrid', {}, 'demo-resident');
  expect(text).toContain(grid.grid.name);
  expect(text).toContain(grid.microGrid.name);
  expect(grid.pair).not.toBeNull();
  expect(text).toContain(`共同联系 ${grid.pair!.households} 户`);
});

test('tapping 拨打 calls the grid head', async () => {
  const cards = await invoke<ContactCardAdminView[]>('directory', 'gridCards', { gridId: 'c01-g01' }, 'demo-secretary');
  const head = cards.find((c) => c.title === '网格长')!;
  const page = await open('demo-resident');
  await page.waitForText(`拨打 ${head.phone}`);

  const calls: unknown[] = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.makePhoneCall = (opts: { success?: () => void }) => {
    calls.push(opts);
    opts.success?.();
  };
  await page.tap(`.grid-card--${head.id} .grid-card__call`);

  expect(calls).toEqual([expect.objectContaining({ phoneNumber: head.phone })]);
});

test('a resident without an address is asked for it, and the button opens the profile form', async () => {
  const openid = 'ui-grid-no-address';
  await invoke('account', 'acceptPrivacy', { version: '2026-11' }, openid);

  const page = await open(openid);
  await page.waitForText('还没有填写住址');
  await page.tap('.prompt__action--no-address');

  expect(page.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: expect.stringContaining('/packages/resident/pages/profile/index') }),
  });
});

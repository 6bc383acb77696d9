/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 微心愿 tab of the built weapp through the real cloud functions (local CloudBase): a verified
 * member (demo-member, 潋江社区) sees the hall — newest first as the 最新 chip says, 潋江社区 first
 * only when 本社区优先 is chosen, in the server's order — narrows it by category and sorts it by
 * waiting time; a resident who is not a member sees their own
 * wishes with their status and 许个心愿 instead; a member claims a wish on its detail page.
 * Needs `npm run build:weapp` first.
 */
import type { WishPage, WishView } from '../../contract';
import { WISH_CATEGORIES } from '../../contract/wishLabels';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const TAB = 'pages/wishes/index';
const DETAIL = 'packages/resident/pages/wish-detail/index';
const MEMBER = 'demo-member';

const { open, invoke } = useLocalCloud();

const hall = (payload: Record<string, unknown> = {}) => invoke<WishPage>('wish', 'hall', payload, MEMBER);

/** The wish ids of the cards on screen, top to bottom (each card is `id="wish-<id>"`, kept on the exparser node). */
const cardIds = (page: LoadedPage) =>
  page.page
    .querySelectorAll('.wish-card')
    .map((card) => (card as unknown as { _exparserNode: { id: string } })._exparserNode.id.replace(/^wish-/, ''));

const navigatedTo = (page: LoadedPage) =>
  page.navigation.filter((n) => n.api === 'navigateTo').map((n) => (n.options as { url: string }).url);

test('the hall opens on 最新, newest first as the chip says; 本社区优先 puts 潋江社区 first, as the server orders them', async () => {
  const expected = await hall();
  const times = expected.items.map((w) => w.publishedAt);
  expect([...times].sort().reverse()).toEqual(times);

  const calls: CallEvent[] = [];
  const page = await open(TAB, MEMBER, { calls });
  await page.waitFor(() => cardIds(page).length > 0, 5000);

  expect(cardIds(page)).toEqual(expected.items.map((w) => w.id));
  expect(page.has('.wish-chips__chip--newest.wish-chips__chip--on')).toBe(true);
  const text = page.text();
  for (const label of [
    '心愿大厅',
    '全部',
    ...WISH_CATEGORIES,
    '最新',
    '等待最久',
    '本社区优先',
    '我的心愿',
    '我的认领',
  ]) {
    expect(text).toContain(label);
  }
  // The first card is the newest wish, with its category, description and waiting time.
  const firstText = page.page.querySelector('.wish-card')!.dom.textContent ?? '';
  expect(firstText).toContain(expected.items[0].description);
  expect(firstText).toContain(expected.items[0].category);
  expect(firstText).toMatch(/已等待 \d+ 天|今天发布/);

  const ownFirst = await hall({ sort: 'ownFirst' });
  const own = ownFirst.items.filter((w) => w.community.id === 'c01');
  expect(own.length).toBeGreaterThan(0);
  expect(ownFirst.items.slice(0, own.length).every((w) => w.community.id === 'c01')).toBe(true);
  await page.tap('.wish-chips__chip--ownFirst');
  await page.waitFor(() => cardIds(page).join() === ownFirst.items.map((w) => w.id).join(), 5000);
  expect(calls).toContainEqual({ action: 'hall', payload: { sort: 'ownFirst', from: 0 } });
  expect(page.page.querySelector('.wish-card')!.dom.textContent).toContain('潋江社区');
  // The whole hall fits one page: nothing more to load.
  expect(expected.next).toBeNull();
  expect(text).toContain('没有更多了');
});

test('a category chip narrows the hall to that category; 全部 brings everything back; 等待最久 sorts by waiting time', async () => {
  const all = await hall();
  const counts = new Map<string, number>();
  for (const w of all.items) counts.set(w.category, (counts.get(w.category) ?? 0) + 1);
  // A category with wishes, but not all of them.
  const category = WISH_CATEGORIES.find((c) => (counts.get(c) ?? 0) > 0 && counts.get(c)! < all.items.length)!;
  const filtered = await hall({ category });
  const calls: CallEvent[] = [];

  const page = await open(TAB, MEMBER, { calls });
  await page.waitFor(() => cardIds(page).length === all.items.length, 5000);

  await page.tap(`.wish-chips__chip--c${WISH_CATEGORIES.indexOf(category)}`);
  await page.waitFor(() => cardIds(page).join() === filtered.items.map((w) => w.id).join());
  expect(filtered.items.length).toBeLessThan(all.items.length);
  expect(page.page.querySelectorAll('.wish-card').every((c) => c.dom.textContent?.includes(category))).toBe(true);
  expect(calls).toContainEqual({ action: 'hall', payload: { sort: 'newest', from: 0, category } });

  await page.tap('.wish-chips__chip--all');
  await page.waitFor(() => cardIds(page).length === all.items.length);

  const oldest = await hall({ sort: 'oldest' });
  await page.tap('.wish-chips__chip--oldest');
  await page.waitFor(() => cardIds(page).join() === oldest.items.map((w) => w.id).join());
  expect(cardIds(page)).not.toEqual(all.items.map((w) => w.id));
});

test('a resident who is not a member sees their own wishes with their status and a big 许个心愿 button', async () => {
  const mine = await invoke<WishView[]>('wish', 'mine', {}, 'demo-resident');
  expect(mine.length).toBeGreaterThan(0);
  const calls: CallEvent[] = [];

  const page = await open(TAB, 'demo-resident', { calls });
  await page.waitFor(() => cardIds(page).length === mine.length, 5000);

  expect(cardIds(page)).toEqual(mine.map((w) => w.id));
  const text = page.text();
  expect(text).toContain('许个心愿');
  expect(text).toContain(mine[0].description);
  expect(text).toContain('待审核');
  // No hall for a resident: no filters, never a hall call.
  expect(page.visible('.wish-chips--category')).toBe(false);
  expect(calls.map((c) => c.action)).not.toContain('hall');

  await page.tap('.wishes__make');
  expect(navigatedTo(page)).toEqual(['/packages/resident/pages/wish-submit/index']);
  await page.tap(`#wish-${mine[0].id} .wish-card__main`);
  expect(navigatedTo(page)).toContain(`/packages/resident/pages/wish-detail/index?id=${mine[0].id}`);
});

test('a member opens a wish from the hall and claims it: masked beneficiary before, full after, the deadline shown', async () => {
  const [wish] = (await hall()).items;
  const hallPage = await open(TAB, MEMBER);
  await hallPage.waitFor(() => cardIds(hallPage).length > 0, 5000);
  await hallPage.tap(`#wish-${wish.id} .wish-card__main`);
  expect(navigatedTo(hallPage)).toEqual([`/packages/resident/pages/wish-detail/index?id=${wish.id}`]);

  const calls: CallEvent[] = [];
  const detail = await open(DETAIL, MEMBER, { query: { id: wish.id }, calls });
  await detail.waitFor(() => detail.visible('#wish-action-claim'), 5000);
  expect(detail.text()).toContain(wish.description);
  expect(detail.text()).toContain('待认领');
  expect(detail.text()).toContain(wish.beneficiary.name); // masked: 张*
  expect(wish.beneficiary.masked).toBe(true);
  expect(detail.text()).toContain('办理记录');

  await detail.tap('#wish-action-claim');
  await detail.waitForText('确认认领');
  expect(calls.map((c) => c.action)).not.toContain('claim');
  await detail.tap('#wish-dialog-ok');
  await detail.waitForText('完成期限', 5000);

  expect(calls).toContainEqual({ action: 'claim', payload: { wishId: wish.id } });
  const after = await invoke<WishView>('wish', 'detail', { wishId: wish.id }, MEMBER);
  expect(after.status).toBe('claimed');
  expect(after.beneficiary.masked).toBe(false);
  const text = detail.text();
  expect(text).toContain('已认领');
  expect(text).toContain(after.beneficiary.name);
  expect(text).toMatch(/剩余 \d+ 天/);
  expect(detail.visible('#wish-action-fulfil')).toBe(true);
  expect(detail.visible('#wish-action-cancelClaim')).toBe(true);
  expect(detail.navigation).toContainEqual({
    api: 'showToast',
    options: expect.objectContaining({ title: '认领成功' }),
  });
});

test('加载更多 appends the next page of 20 until the end', async () => {
  // Enough published wishes in 潋江社区 for a second page.
  for (let i = 0; i < 15; i++) {
    const wish = await invoke<WishView>(
      'wish',
      'submit',
      { category: '生活物资', description: `想请人帮忙买些日用品送到家里（第 ${i + 1} 件）` },
      'demo-resident',
    );
    await invoke('wish', 'review', { wishId: wish.id, decision: 'publish' }, 'demo-grid-worker');
  }
  const first = await hall();
  expect(first.items).toHaveLength(20);
  expect(first.next).toBe(20);
  const second = await hall({ from: 20 });
  expect(second.next).toBeNull();
  const calls: CallEvent[] = [];

  const page = await open(TAB, MEMBER, { calls });
  await page.waitFor(() => cardIds(page).length === 20, 5000);
  expect(cardIds(page)).toEqual(first.items.map((w) => w.id));
  expect(page.text()).not.toContain('没有更多了');

  await page.tap('.wishes__more');
  await page.waitFor(() => cardIds(page).length === 20 + second.items.length);
  expect(cardIds(page)).toEqual([...first.items, ...second.items].map((w) => w.id));
  expect(calls).toContainEqual({ action: 'hall', payload: { sort: 'newest', from: 20 } });
  expect(page.text()).toContain('没有更多了');
  expect(page.visible('.wishes__more')).toBe(false);
});

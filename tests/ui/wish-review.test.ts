/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * 心愿审核 of the built weapp as the grid worker of 潋江社区第一网格 (demo-grid-worker), through
 * the real cloud functions (local CloudBase): the queue lists the submitted wishes of the grid,
 * oldest first, with the beneficiary in full; a wish the content check held says so and offers
 * only 驳回; 驳回 needs a reason before anything is sent; 发布 publishes. Needs
 * `npm run build:weapp` first.
 */
import type { WishView } from '../../contract';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const QUEUE = 'packages/staff/pages/wish-review/index';
const GRID_WORKER = 'demo-grid-worker';

const ui = useLocalCloud();
const invoke = <T>(action: string, payload: unknown, openid: string) => ui.invoke<T>('wish', action, payload, openid);
const openQueue = (calls: CallEvent[] = []) => ui.open(QUEUE, GRID_WORKER, { calls });

test('the queue lists the grid’s submitted wishes oldest first; a held wish says so and can only be rejected', async () => {
  const flagged = await invoke<WishView>(
    'submit',
    { category: '其他', description: '想找人聊聊违禁测试词相关的事情' },
    'demo-resident',
  );
  const queue = await invoke<WishView[]>('reviewQueue', {}, GRID_WORKER);
  expect(queue.map((w) => w.id)).toContain(flagged.id);
  const clean = queue.find((w) => !w.flagged)!;

  const page = await openQueue();
  await page.waitFor(() => page.has(`#wish-${flagged.id}`), 5000);

  const text = page.text();
  expect(text.indexOf(clean.description)).toBeLessThan(text.indexOf(flagged.description));
  // Staff in scope see the beneficiary in full.
  expect(text).toContain(`受助人：${clean.beneficiary.name} · ${clean.beneficiary.phone}`);
  expect(page.page.querySelector(`#wish-${flagged.id}`)!.dom.textContent).toContain('内容未通过安全检测');
  expect(page.has(`#wish-reject-${flagged.id}`)).toBe(true);
  expect(page.has(`#wish-publish-${flagged.id}`)).toBe(false);
  expect(page.has(`#wish-publish-${clean.id}`)).toBe(true);
});

test('驳回 needs a reason before anything is sent; with one the wish leaves the queue, rejected with that reason', async () => {
  const wish = await invoke<WishView>(
    'submit',
    { category: '其他', description: '希望社区帮忙把邻居家的狗送走' },
    'demo-resident',
  );
  const calls: CallEvent[] = [];
  const page = await openQueue(calls);
  await page.waitFor(() => page.has(`#wish-reject-${wish.id}`), 5000);

  await page.tap(`#wish-reject-${wish.id}`);
  await page.waitForText('确认驳回');
  await page.tap('#wish-dialog-ok');
  await page.waitForText('请填写驳回理由');
  page.type('.wish-review__reason .nut-textarea-textarea', '否');
  await page.tap('#wish-dialog-ok');
  await page.waitForText('至少 2 个字');
  expect(calls.map((c) => c.action)).not.toContain('review');

  const reason = '邻里纠纷请通过民情诉求反映';
  page.type('.wish-review__reason .nut-textarea-textarea', reason);
  await page.tap('#wish-dialog-ok');
  await page.waitFor(() => !page.has(`#wish-${wish.id}`));

  expect(calls).toContainEqual({ action: 'review', payload: { wishId: wish.id, decision: 'reject', reason } });
  const after = await invoke<WishView>('detail', { wishId: wish.id }, 'demo-resident');
  expect(after.status).toBe('rejected');
  expect(after.timeline?.at(-1)).toMatchObject({ action: 'reject', note: reason });
  expect(page.navigation).toContainEqual({ api: 'showToast', options: expect.objectContaining({ title: '已驳回' }) });
});

test('发布 asks first, then publishes: the wish leaves the queue and is in the hall', async () => {
  const wish = await invoke<WishView>(
    'submit',
    { category: '生活物资', description: '家里米吃完了，想请人帮忙买一袋大米' },
    'demo-resident',
  );
  const calls: CallEvent[] = [];
  const page = await openQueue(calls);
  await page.waitFor(() => page.has(`#wish-publish-${wish.id}`), 5000);

  await page.tap(`#wish-publish-${wish.id}`);
  await page.waitForText('确认发布');
  expect(calls.map((c) => c.action)).not.toContain('review');
  await page.tap('#wish-dialog-ok');
  await page.waitFor(() => !page.has(`#wish-${wish.id}`));

  expect(calls).toContainEqual({ action: 'review', payload: { wishId: wish.id, decision: 'publish' } });
  const hall = await invoke<{ items: WishView[] }>('hall', {}, 'demo-member');
  expect(hall.items[0]).toMatchObject({ id: wish.id, status: 'published' });
});

test('a wish of the reviewer’s own offers no 发布 / 驳回, only who reviews it; a colleague’s wish beside it keeps them', async () => {
  // 廖美玲 is the secretary of 将军社区 and lives there: her wish is in her own queue.
  const SECRETARY_AND_RESIDENT = 'demo-multi';
  const own = await invoke<WishView>(
    'submit',
    { category: '生活物资', description: '家里的旧轮椅坏了，想请人帮忙修一修' },
    SECRETARY_AND_RESIDENT,
  );
  const queue = await invoke<WishView[]>('reviewQueue', {}, SECRETARY_AND_RESIDENT);
  expect(queue.find((w) => w.id === own.id)?.can).not.toContain('review');
  const other = queue.find((w) => w.id !== own.id && !w.flagged && w.can.includes('review'));
  if (!other) throw new Error('the seed leaves no wish of someone else in 将军社区’s review queue');

  const calls: CallEvent[] = [];
  const page = await ui.open(QUEUE, SECRETARY_AND_RESIDENT, { calls });
  await page.waitFor(() => page.has(`#wish-${own.id}`) && page.has(`#wish-${other.id}`), 5000);
  expect(page.has(`#wish-publish-${own.id}`)).toBe(false);
  expect(page.has(`#wish-reject-${own.id}`)).toBe(false);
  expect(page.page.querySelector(`#wish-${own.id}`)!.dom.textContent).toContain(
    '这是您本人提交的心愿，由其他工作人员审核',
  );
  expect(page.has(`#wish-publish-${other.id}`)).toBe(true);
  expect(page.has(`#wish-reject-${other.id}`)).toBe(true);
  expect(page.page.querySelector(`#wish-${other.id}`)!.dom.textContent).not.toContain('本人提交');

  // What the buttons would have asked, the server refuses.
  await expect(invoke('review', { wishId: own.id, decision: 'publish' }, SECRETARY_AND_RESIDENT)).rejects.toThrow(
    /FORBIDDEN/,
  );
  expect(calls.map((c) => c.action)).not.toContain('review');
});

test('已审核 lists what was published here; 搜索 narrows 待审核 by a word, and says when nothing is found', async () => {
  const published = await invoke<WishView>(
    'submit',
    { category: '维修', description: '楼下路灯不亮了，想请人来换灯泡' },
    'demo-resident',
  );
  const waiting = await invoke<WishView>(
    'submit',
    { category: '助学', description: '孩子想要几本课外书，希望有人捐赠' },
    'demo-resident',
  );
  await invoke('review', { wishId: published.id, decision: 'publish' }, GRID_WORKER);
  const page = await openQueue();
  await page.waitFor(() => page.has(`#wish-${waiting.id}`), 5000);
  expect(page.has(`#wish-${published.id}`)).toBe(false);
  const cards = () => page.page.querySelectorAll('.wish-card').map((n) => n.dom.textContent ?? '');
  expect(cards().length).toBeGreaterThan(1);

  page.type('.search-bar__input .nut-input-native', '课外书');
  await page.tap('.search-bar__go');
  await page.waitFor(() => cards().length === 1 && page.has(`#wish-${waiting.id}`), 5000);

  page.type('.search-bar__input .nut-input-native', '没有这样的心愿内容');
  await page.tap('.search-bar__go');
  await page.waitForText('没有找到与“没有这样的心愿内容”有关的心愿', 5000);

  // 已审核 keeps the words searched; cleared, it lists the wish just published, with its status and no buttons.
  page.type('.search-bar__input .nut-input-native', '');
  await page.tap('.search-bar__go');
  await page.tap('.staff-segmented__item--done');
  await page.waitFor(() => page.has(`#wish-${published.id}`), 5000);
  expect(page.text()).toContain('最近有进展的在前');
  expect(page.has(`#wish-${waiting.id}`)).toBe(false);
  expect(page.has(`#wish-publish-${published.id}`)).toBe(false);
  expect(page.has(`#wish-own-${published.id}`)).toBe(false);
});

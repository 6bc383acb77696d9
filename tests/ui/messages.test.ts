/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * Notifications in the built weapp through the real cloud functions: the tap that starts a wait
 * asks WeChat (wx.requestSubscribeMessage) for that wait's templates before the call, and a
 * refused template is not asked for again until 开启消息提醒 in 我的; the 消息 list shows every
 * notification, newest first, opens its page and marks it read, 全部已读 clears the count, and
 * the count shows on 我的 and its tab. Needs `npm run build:weapp` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PRIVACY_VERSION, type MessagePage, type Me, type WishView } from '../../contract';
import { localTemplateId } from '../../emulator/openapi/templates';
import { DIST } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const ui = useLocalCloud();
const { invoke } = ui;
const MESSAGES = 'packages/resident/pages/messages/index';
const MINE = 'pages/mine/index';
const SUBMIT = 'packages/resident/pages/wish-submit/index';

let seq = 0;
/** A fresh resident of grid c01-g01 with a full profile. */
async function resident(): Promise<string> {
  const openid = `ui-msg-${Date.now().toString(36)}-${++seq}`;
  await invoke<Me>('account', 'me', {}, openid);
  await invoke('account', 'acceptPrivacy', { version: PRIVACY_VERSION }, openid);
  await invoke(
    'account',
    'updateProfile',
    {
      name: '钟桂英',
      phone: `1990000${String(seq).padStart(4, '0')}`,
      address: { communityId: 'c01', residentGroupId: 'c01-r01', microGridId: 'c01-g01-m1', building: '1单元101室' },
    },
    openid,
  );
  return openid;
}

async function reviewedWishes(openid: string, n: number): Promise<WishView[]> {
  const out: WishView[] = [];
  for (let i = 0; i < n; i++) {
    const w = await invoke<WishView>(
      'wish',
      'submit',
      { category: '维修', description: `厨房水龙头漏水需要更换 ${++seq}`, photos: [] },
      openid,
    );
    await invoke('wish', 'review', { wishId: w.id, decision: 'publish' }, 'demo-grid-worker');
    out.push(w);
  }
  return out;
}

test('the 消息 list shows every notification newest first; a tap opens its page and marks it read; 全部已读', async () => {
  const r = await resident();
  const wishes = await reviewedWishes(r, 2);
  const page = await ui.open(MESSAGES, r);
  await page.waitForText('2 条未读', 5000);
  expect(page.text()).toContain('心愿审核结果');
  expect(page.text()).toContain('已发布 · 厨房水龙头漏水需要更换');
  const list = await invoke<MessagePage>('account', 'messages', {}, r);
  expect(list.items.map((m) => m.page)).toEqual(
    wishes.reverse().map((w) => `packages/resident/pages/wish-detail/index?id=${w.id}`),
  );

  await page.tap(`#message-${list.items[0].id}`);
  await page.waitForText('1 条未读');
  expect(page.navigation.filter((n) => n.api === 'navigateTo').map((n) => (n.options as { url: string }).url)).toEqual([
    `/${list.items[0].page}`,
  ]);

  await page.tap('.messages__all-read');
  await page.waitForText('没有未读消息');
  expect((await invoke<{ unread: number }>('account', 'unreadCount', {}, r)).unread).toBe(0);
});

test('全部已读 without network: the page says so, the count stays, and a second tap clears it', async () => {
  const r = await resident();
  await reviewedWishes(r, 1);
  let online = false;
  const page = await ui.open(MESSAGES, r, { offline: (_fn, e) => !online && e.action === 'markRead' });
  await page.waitForText('1 条未读', 5000);
  await page.tap('.messages__all-read');
  await page.waitForText('网络异常，请稍后重试');
  expect(page.text()).toContain('1 条未读');
  expect((await invoke<{ unread: number }>('account', 'unreadCount', {}, r)).unread).toBe(1);

  online = true;
  await page.tap('.messages__all-read');
  await page.waitForText('没有未读消息');
  expect(page.text()).not.toContain('网络异常');
  expect((await invoke<{ unread: number }>('account', 'unreadCount', {}, r)).unread).toBe(0);
});

test('a user with no notification sees what the list is for', async () => {
  const r = await resident();
  const page = await ui.open(MESSAGES, r);
  await page.waitForText('暂无消息', 5000);
  // What is empty, and what will appear there and when, both inside the empty state.
  const inEmpty = (selector: string) => page.page.querySelectorAll(`.empty-state ${selector}`);
  expect(inEmpty('.nut-empty-title').map((n) => n.dom.textContent?.trim())).toEqual(['暂无消息']);
  expect(inEmpty('.nut-empty-description').map((n) => n.dom.textContent?.trim())).toEqual([
    '心愿、诉求的办理进度和审核结果会在这里通知您',
  ]);
  // Its picture is the blank sheet, not the pale ring that read as a loading spinner.
  expect(inEmpty('.empty-state__sheet')).toHaveLength(1);
  expect(inEmpty('.empty-state__sheet .empty-state__line')).toHaveLength(3);
  expect(inEmpty('.empty-state__mark')).toHaveLength(0);
  const rules = emptyStateRules();
  expect(rules.some((r) => r.trim().startsWith('.empty-state__sheet{'))).toBe(true);
  expect(rules.filter((r) => /border-radius:50%|animation/.test(r))).toEqual([]);
});

/** The built weapp's style rules for the empty state (`.empty-state…{…}`), from every .wxss. */
function emptyStateRules(): string[] {
  const files = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.wxss'));
  return files.flatMap(
    (f) => readFileSync(path.join(DIST, f), 'utf8').match(/[^{}]*empty-state[^{}]*\{[^}]*\}/g) ?? [],
  );
}

test('我的 shows the unread count on its 消息 cell and on the tab', async () => {
  const r = await resident();
  await reviewedWishes(r, 3);
  const page = await ui.open(MINE, r);
  await page.waitForText('3 条未读', 5000);
  const badges = page.navigation.filter((n) => n.api === 'setTabBarBadge').map((n) => n.options);
  expect(badges.at(-1)).toMatchObject({ index: 3, text: '3' });
});

test('提交心愿 asks for its three templates inside the tap, before the call; a refusal is remembered until 开启消息提醒', async () => {
  const r = await resident();
  const calls: CallEvent[] = [];
  const refuseClaimed = (ids: string[]) =>
    Object.fromEntries(ids.map((id) => [id, id === localTemplateId('wishClaimed') ? 'reject' : 'accept'])) as Record<
      string,
      'accept' | 'reject'
    >;
  const page = await ui.open(SUBMIT, r, { calls, subscribe: refuseClaimed });
  await page.waitFor(() => page.visible('.wish-submit__submit'), 5000);
  const fill = async (text: string) => {
    await page.tap('.wish-chips__chip--c3'); // 维修
    page.type('.wish-submit__description .nut-textarea-textarea', text);
  };

  // An invalid form asks nothing.
  await page.tap('.wish-submit__submit');
  await page.waitFor(() => page.visible('.field__error--description'));
  expect(page.subscribeRequests).toEqual([]);

  await fill('阳台晾衣架坏了想请人帮忙修理一下');
  await page.tap('.wish-submit__submit');
  await page.waitForText('已提交，等待网格员审核', 5000);
  expect(page.subscribeRequests).toEqual([
    ['wishReviewed', 'wishClaimed', 'wishFulfilled'].map((k) => localTemplateId(k as never)),
  ]);
  expect(page.storage.get('txy.subscribe.refused')).toEqual(['wishClaimed']);
  // The accepted ones are granted: the review's message is delivered.
  const [mine] = await invoke<WishView[]>('wish', 'mine', {}, r);
  await invoke('wish', 'review', { wishId: mine.id, decision: 'publish' }, 'demo-grid-worker');
  expect(ui.local.cloud.outbox.all({ touser: r, status: 'delivered' }).map((m) => m.templateId)).toEqual([
    localTemplateId('wishReviewed'),
  ]);

  // 我的: the refusal shows, and 开启消息提醒 asks again (the resident's main templates).
  const minePage = await ui.open(MINE, r, { storage: { 'txy.subscribe.refused': ['wishClaimed'] } });
  await minePage.waitForText('开启消息提醒', 5000);
  await minePage.tap('.mine__subscribe');
  await minePage.waitFor(() => minePage.subscribeRequests.length === 1);
  expect(minePage.subscribeRequests[0]).toEqual(
    ['caseAccepted', 'caseResolved', 'wishReviewed'].map((k) => localTemplateId(k as never)),
  );
  await minePage.waitForText('已开启');
  expect(minePage.storage.get('txy.subscribe.refused')).toEqual([]);
});

test('with a refusal remembered, the next 提交心愿 asks only for the others', async () => {
  const r = await resident();
  const page = await ui.open(SUBMIT, r, { storage: { 'txy.subscribe.refused': ['wishClaimed'] } });
  await page.waitFor(() => page.visible('.wish-submit__submit'), 5000);
  await page.tap('.wish-chips__chip--c3');
  page.type('.wish-submit__description .nut-textarea-textarea', '楼梯扶手松动了请帮忙加固');
  await page.tap('.wish-submit__submit');
  await page.waitFor(() => page.subscribeRequests.length === 1, 5000);
  expect(page.subscribeRequests[0]).toEqual(['wishReviewed', 'wishFulfilled'].map((k) => localTemplateId(k as never)));
});

/**
 * Notifications end to end in the h5 build against the real server (bundled functions, demo
 * seed): 张秀兰 reports a complaint and, in the subscribe sheet that the tap brings up, allows two
 * of its three templates (受理, 进度) and declines 办结. The grid worker accepts and resolves the
 * case. Exactly the allowed message is delivered (受理); the 办结 message is refused by the local
 * CloudBase as WeChat refuses it (43101); her 消息 list shows both steps, with the unread count
 * on 我的; opening one marks it read. Screenshots in test-artifacts/e2e/notifications-*.png.
 */
import type { Page } from 'playwright-core';
import type { CaseView } from '../../contract';
import { answerSubscribe, screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';

jest.setTimeout(300_000);

const app = useApp();
const signIn = (openid: string): Promise<Page> => app.signIn(openid);

interface OutboxEntry {
  touser: string;
  templateId: string;
  page?: string;
  status: 'delivered' | 'refused';
  errcode: number;
}
async function outbox(touser: string, caseId: string): Promise<OutboxEntry[]> {
  const res = await fetch(`${app.server.url}/dev/outbox?touser=${touser}`);
  const { messages } = (await res.json()) as { messages: OutboxEntry[] };
  return messages.filter((m) => m.page?.endsWith(`id=${caseId}`));
}

test('a resident allows two of three templates: exactly those messages are delivered, the 消息 list shows every step', async () => {
  const description = `楼下路灯坏了一个星期，晚上出门很不方便（${Date.now() % 10000}）`;
  const resident = await signIn('demo-resident');

  // 1. Report a complaint: the tap on 提交 brings up the sheet with the three templates it waits for.
  await resident.locator('.weui-tabbar__item', { hasText: '诉求' }).tap();
  await tapShown(resident, '.cases__report');
  await tapShown(resident, '.wish-chips__chip--c4'); // 设施维修
  await shown(resident, '.case-submit__description textarea').fill(description);
  await tapShown(resident, '.case-submit__submit');
  await resident.locator('.txy-subscribe').waitFor();
  await screenshot(resident, 'notifications-01-subscribe-sheet');
  const titles = await answerSubscribe(resident, ['办结通知']);
  expect(titles).toEqual(['受理成功通知', '工单进度通知', '办结通知']);
  await shown(resident, '.case-submit__done').waitFor();

  const mine = await app.server.api<CaseView[]>('complaint', 'mine', {}, 'demo-resident');
  const c = mine.find((m) => m.description === description)!;
  expect(c).toMatchObject({ status: 'assigned', grid: { id: 'c01-g01' } });

  // 2. The grid worker accepts and resolves it.
  await app.server.api('complaint', 'accept', { caseId: c.id, note: '已电话联系居民' }, 'demo-grid-worker');
  await app.server.api(
    'complaint',
    'resolve',
    { caseId: c.id, note: '已更换路灯灯泡，恢复照明', photos: [] },
    'demo-grid-worker',
  );

  // 3. Exactly the allowed message was delivered; the declined one was refused as WeChat refuses it.
  const sent = await outbox('demo-resident', c.id);
  expect(sent.map((m) => [m.templateId, m.status, m.errcode])).toEqual([
    ['local-tpl-caseAccepted', 'delivered', 0],
    ['local-tpl-caseResolved', 'refused', 43101],
  ]);

  // 4. 我的 shows the unread count; 消息 lists both steps, newest first.
  await tapShown(resident, '.case-submit__back');
  await resident.locator('.weui-tabbar__item', { hasText: '我的' }).tap();
  await shown(resident, '.mine__unread').getByText('2 条未读').waitFor();
  await resident.locator('.weui-tabbar__item', { hasText: '我的' }).locator('.weui-badge', { hasText: '2' }).waitFor();
  await screenshot(resident, 'notifications-02-mine-unread');
  await tapShown(resident, '.mine__messages');
  await shown(resident, '.messages__item').waitFor();
  const items = resident.locator('.messages__item').filter({ visible: true });
  expect(await items.locator('.messages__title').allTextContents()).toEqual(['诉求已办结，请评价', '诉求已受理']);
  expect(await items.locator('.messages__dot').count()).toBe(2);
  await screenshot(resident, 'notifications-03-messages');

  // 5. Opening one takes her to the case and marks it read.
  await items.first().tap();
  await shown(resident, '.case-detail__section--progress').waitFor();
  expect(resident.url()).toContain(`id=${c.id}`);
  const list = await app.server.api<{ items: Array<{ read: boolean }>; unread: number }>(
    'account',
    'messages',
    {},
    'demo-resident',
  );
  expect(list.unread).toBe(1);
  expect(list.items.slice(0, 2).map((m) => m.read)).toEqual([true, false]);

  // 6. The declined template is remembered: 我的 offers 开启消息提醒.
  await resident.goto(`${app.server.url}/#/pages/mine/index`);
  await shown(resident, '.mine__subscribe').getByText('开启消息提醒').waitFor();
  await screenshot(resident, 'notifications-04-mine-subscribe-off');
});

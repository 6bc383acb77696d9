/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * One wish's page (packages/resident/pages/wish-detail) of the built weapp for each role, through
 * the real cloud functions (local CloudBase): only the actions `view.can` allows; the resident
 * withdraws; the claimer cannot give a wish back without a reason; staff see a held wish with only
 * 驳回 and confirm a fulfilled wish on the resident's behalf once 7 days have passed. Needs
 * `npm run build:weapp` first.
 */
import type { WishView } from '../../contract';
import { emulatorClock } from '../../emulator/clock';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const DETAIL = 'packages/resident/pages/wish-detail/index';
const DAY = 24 * 3600 * 1000;

const ui = useLocalCloud();
const invoke = <T>(action: string, payload: unknown, openid: string) => ui.invoke<T>('wish', action, payload, openid);
let seq = 0;

afterAll(() => emulatorClock.reset());

async function openWish(id: string, openid: string, calls: CallEvent[] = []): Promise<LoadedPage> {
  const page = await ui.open(DETAIL, openid, { query: { id }, calls });
  await page.waitForText('办理记录', 5000);
  return page;
}

const actionsShown = (page: LoadedPage) =>
  ['publish', 'reject', 'claim', 'fulfil', 'confirm', 'confirmForResident', 'cancelClaim', 'withdraw'].filter((a) =>
    page.has(`#wish-action-${a}`),
  );

const submit = (description = `楼道的灯坏了，想请人帮忙换一个 ${++seq}`) =>
  invoke<WishView>('submit', { category: '维修', description }, 'demo-resident');

async function publishedWish(): Promise<WishView> {
  const wish = await submit();
  return invoke<WishView>('review', { wishId: wish.id, decision: 'publish' }, 'demo-grid-worker');
}

async function fulfilledWish(): Promise<WishView> {
  const wish = await publishedWish();
  await invoke('claim', { wishId: wish.id }, 'demo-member');
  const photo = ui.local.cloud.storage.put(`uploads/demo-member/done-${++seq}.png`, Buffer.from('png'));
  return invoke<WishView>('fulfil', { wishId: wish.id, photos: [photo], note: '已上门更换，灯亮了' }, 'demo-member');
}

test('the submitter withdraws a wish waiting for review, with an optional reason', async () => {
  const wish = await submit();
  const calls: CallEvent[] = [];
  const page = await openWish(wish.id, 'demo-resident', calls);
  expect(actionsShown(page)).toEqual(['withdraw']);
  expect(page.text()).toContain('待审核');
  expect(page.text()).toContain('提交心愿');

  await page.tap('#wish-action-withdraw');
  await page.waitForText('确认撤回');
  page.type('.wish-detail__text .nut-textarea-textarea', '问题已经解决了');
  await page.tap('#wish-dialog-ok');
  await page.waitForText('已撤回', 5000);

  expect(calls).toContainEqual({ action: 'withdraw', payload: { wishId: wish.id, reason: '问题已经解决了' } });
  expect(actionsShown(page)).toEqual([]);
  expect(page.text()).toContain('撤回心愿');
  expect(page.text()).toContain('问题已经解决了');
});

test('the claimer cannot give a wish back without a reason; with one it is published again', async () => {
  const wish = await publishedWish();
  await invoke('claim', { wishId: wish.id }, 'demo-member');
  const calls: CallEvent[] = [];
  const page = await openWish(wish.id, 'demo-member', calls);
  expect(actionsShown(page)).toEqual(['fulfil', 'cancelClaim']);

  await page.tap('#wish-action-cancelClaim');
  await page.waitForText('确认取消认领');
  await page.tap('#wish-dialog-ok');
  await page.waitForText('请填写取消认领的原因');
  expect(calls.map((c) => c.action)).not.toContain('cancelClaim');

  page.type('.wish-detail__text .nut-textarea-textarea', '临时出差，无法按时完成');
  await page.tap('#wish-dialog-ok');
  await page.waitFor(() => page.has('#wish-action-claim'), 5000);
  expect(calls).toContainEqual({
    action: 'cancelClaim',
    payload: { wishId: wish.id, reason: '临时出差，无法按时完成' },
  });
  expect(page.text()).toContain('待认领');
  expect(page.text()).toContain('取消认领');
});

test('staff see a held wish with its warning and only 驳回; the resident sees no actions of theirs but 撤回', async () => {
  const wish = await invoke<WishView>(
    'submit',
    { category: '其他', description: '想找人聊聊违禁测试词相关的事情' },
    'demo-resident',
  );
  const staff = await openWish(wish.id, 'demo-grid-worker');
  expect(staff.text()).toContain('内容未通过安全检测');
  expect(actionsShown(staff)).toEqual(['reject']);

  const resident = await openWish(wish.id, 'demo-resident');
  expect(resident.text()).not.toContain('内容未通过安全检测');
  expect(actionsShown(resident)).toEqual(['withdraw']);
});

test('staff confirm a fulfilled wish on the resident’s behalf only after 7 days, saying how they verified it', async () => {
  const wish = await fulfilledWish();
  // Within the resident's 7 days: only the resident may confirm.
  const early = await openWish(wish.id, 'demo-grid-worker');
  expect(actionsShown(early)).toEqual([]);
  early.close();

  emulatorClock.advance(8 * DAY);
  const calls: CallEvent[] = [];
  const page = await openWish(wish.id, 'demo-grid-worker', calls);
  expect(actionsShown(page)).toEqual(['confirmForResident']);
  expect(page.text()).toContain('已上门更换，灯亮了');

  await page.tap('#wish-action-confirmForResident');
  await page.waitForText('代为确认');
  // No rating is chosen for anyone: the stars start empty and must be tapped.
  expect(page.text()).toContain('请点星评价');
  expect(page.visible('.wish-dialog .wish-stars__star--on')).toBe(false);
  await page.tap('#wish-dialog-ok');
  await page.waitForText('请点星评价（1–5 星）');
  await page.tap('.wish-dialog .wish-stars__star--4');
  await page.tap('#wish-dialog-ok');
  await page.waitForText('请说明如何核实');
  page.type('.wish-detail__text .nut-textarea-textarea', '电话');
  await page.tap('#wish-dialog-ok');
  await page.waitForText('至少 4 个字');
  expect(calls.map((c) => c.action)).not.toContain('confirmForResident');

  page.type('.wish-detail__text .nut-textarea-textarea', '电话回访居民本人，灯已修好');
  await page.tap('#wish-dialog-ok');
  await page.waitForText('由社区工作人员核实后代为确认', 5000);

  expect(calls).toContainEqual({
    action: 'confirmForResident',
    payload: { wishId: wish.id, verifiedHow: '电话回访居民本人，灯已修好', stars: 4 },
  });
  const after = await invoke<WishView>('detail', { wishId: wish.id }, 'demo-resident');
  expect(after).toMatchObject({ status: 'completed', rating: { stars: 4, byStaff: true } });
  expect(page.text()).toContain('已完成');
});

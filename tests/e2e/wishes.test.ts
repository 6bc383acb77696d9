/**
 * 微心愿 end to end in the h5 build against the real server (emulator/main.ts, demo seed), four
 * demo users in their own browsers: the resident 张秀兰 submits a wish with a photo (uploaded
 * through /api/upload) → the grid worker of 第一网格 publishes it from 心愿审核 → the member
 * claims it in the hall → fulfils it with a photo and a note → the resident confirms it with 5
 * stars → the member's 我的认领 shows it 已完成, wish.detail says completed, and 我的六个一 shows
 * the item 认领1个微心愿 done. Screenshots of
 * every step in test-artifacts/e2e/wishes-*.png.
 */
import type { Page } from 'playwright-core';
import type { WishView } from '../../contract';
import { answerSubscribe, screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';

jest.setTimeout(240_000);

/** A 1×1 PNG, the photo each of them uploads. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const app = useApp();
const { api } = app;

const signIn = (openid: string): Promise<Page> => app.signIn(openid);

async function tab(page: Page, name: '首页' | '微心愿' | '我的'): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: name }).tap();
}

/** Chooses the PNG in the photo picker on screen (the h5 file input) and waits for its upload. */
async function addPhoto(page: Page, fileName: string): Promise<void> {
  const before = await page.locator('.wish-photos__item--done').filter({ visible: true }).count();
  await shown(page, '.wish-photos__file').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: PNG });
  await page.locator('.wish-photos__item--done').filter({ visible: true }).nth(before).waitFor();
}

/** Tries of the loop test: a retry (tests/helpers/e2e-retry.ts) writes a wish of its own, told apart by its building. */
let loopTries = 0;

test('a wish goes round the whole loop: submitted, published, claimed, fulfilled, confirmed', async () => {
  loopTries++;
  const description = `${2 + loopTries}号楼家里的旧电视坏了，想请人帮忙看看能不能修，方便老人看新闻`;

  // 1. 张秀兰 (resident) submits a wish with a photo.
  const resident = await signIn('demo-resident');
  await tab(resident, '微心愿');
  await shown(resident, '.wishes__make').waitFor();
  await screenshot(resident, 'wishes-01-resident-tab');
  await tapShown(resident, '.wishes__make');
  await tapShown(resident, '.wish-submit .wish-chips__chip--c3'); // 维修
  await shown(resident, '.wish-submit__description textarea').fill(description);
  await addPhoto(resident, 'tv.png');
  await shown(resident, '.wish-submit')
    .getByText(`已写 ${[...description].length}/500 字`)
    .waitFor();
  await screenshot(resident, 'wishes-02-submit-filled');
  await tapShown(resident, '.wish-submit__submit');
  await answerSubscribe(resident);
  await shown(resident, '.wish-submit__done').getByText('已提交，等待网格员审核').waitFor();
  await screenshot(resident, 'wishes-03-submitted');

  const wish = (await api<WishView[]>('wish', 'mine', {}, 'demo-resident')).find((w) => w.description === description);
  if (!wish) throw new Error('the submitted wish is not among 张秀兰’s wishes');
  expect(wish).toMatchObject({ status: 'submitted', category: '维修', gridId: 'c01-g01' });
  expect(wish.photos).toHaveLength(1);
  expect(wish.photos[0].fileId).toMatch(/^cloud:\/\/[^/]+\/uploads\/demo-resident\/[A-Za-z0-9]+\.png$/);
  const card = `#wish-${wish.id}`;

  // 2. The grid worker of 第一网格 publishes it from 我的 → 我的工作职责 → 心愿审核.
  const gridWorker = await signIn('demo-grid-worker');
  await tab(gridWorker, '我的');
  await tapShown(gridWorker, '.mine__staff');
  await tapShown(gridWorker, '.staff-home__tool--wish-review');
  await answerSubscribe(gridWorker);
  await shown(gridWorker, card).getByText(description).waitFor();
  // Staff in scope see the beneficiary in full.
  await shown(gridWorker, card).getByText(`受助人：${wish.beneficiary.name}`, { exact: false }).waitFor();
  await screenshot(gridWorker, 'wishes-04-review-queue');
  await tapShown(gridWorker, `#wish-publish-${wish.id}`);
  await shown(gridWorker, '.wish-dialog').getByText('确认发布').waitFor();
  await tapShown(gridWorker, '#wish-dialog-ok');
  await gridWorker.locator(card).waitFor({ state: 'detached' });
  await screenshot(gridWorker, 'wishes-05-published');
  expect((await api<WishView>('wish', 'detail', { wishId: wish.id }, 'demo-grid-worker')).status).toBe('published');

  // 3. The member (潋江社区) finds it first in the hall — own community, newest — and claims it.
  const member = await signIn('demo-member');
  await tab(member, '微心愿');
  await shown(member, '.wish-card').waitFor();
  await expect(shown(member, '.wish-card').getAttribute('id')).resolves.toBe(`wish-${wish.id}`);
  await shown(member, card).getByText('今天发布').waitFor();
  await screenshot(member, 'wishes-06-hall');
  await tapShown(member, `${card} .wish-card__main`);
  await shown(member, '#wish-action-claim').waitFor();
  // Not the claimer yet: the beneficiary is masked.
  await shown(member, '.wish-detail__row--name')
    .getByText(`${[...wish.beneficiary.name][0]}*`)
    .waitFor();
  await screenshot(member, 'wishes-07-detail-before-claim');
  await tapShown(member, '#wish-action-claim');
  await tapShown(member, '#wish-dialog-ok');
  await answerSubscribe(member);
  await shown(member, '.wish-detail__row--deadline')
    .getByText(/剩余 \d+ 天/)
    .waitFor();
  await shown(member, '.wish-detail__row--name').getByText(wish.beneficiary.name).waitFor();
  await screenshot(member, 'wishes-08-claimed');

  // 4. The member fulfils it with a photo and a note.
  await tapShown(member, '#wish-action-fulfil');
  await addPhoto(member, 'done.png');
  await shown(member, '.wish-fulfil__note textarea').fill('已请师傅上门修好电视，老人试看正常');
  await screenshot(member, 'wishes-09-fulfil-filled');
  await tapShown(member, '.wish-fulfil__submit');
  await shown(member, '.wish-detail__section--fulfilment').getByText('已请师傅上门修好电视，老人试看正常').waitFor();
  await shown(member, '.wish-detail .wish-status--fulfilled').waitFor();
  await screenshot(member, 'wishes-10-fulfilled');

  // 5. 张秀兰 goes back to 微心愿, opens the wish and confirms it with 5 stars.
  await tapShown(resident, '.wish-submit__back');
  await shown(resident, `${card} .wish-status--fulfilled`).waitFor();
  await screenshot(resident, 'wishes-11-resident-sees-fulfilled');
  await tapShown(resident, `${card} .wish-card__main`);
  await tapShown(resident, '#wish-action-confirm');
  await shown(resident, '.wish-dialog').getByText('请点星评价').waitFor();
  await tapShown(resident, '.wish-dialog .wish-stars__star--3');
  await shown(resident, '.wish-dialog').getByText('3 星 · 一般').waitFor();
  await tapShown(resident, '.wish-dialog .wish-stars__star--5');
  await shown(resident, '.wish-dialog').getByText('5 星 · 非常满意').waitFor();
  await shown(resident, '.wish-detail__text textarea').fill('电视修好了，谢谢党员同志');
  await screenshot(resident, 'wishes-12-confirm-dialog');
  await tapShown(resident, '#wish-dialog-ok');
  await shown(resident, '.wish-detail .wish-status--completed').waitFor();
  await shown(resident, '.wish-detail__section--rating').getByText('电视修好了，谢谢党员同志').waitFor();
  await screenshot(resident, 'wishes-13-completed');

  // 6. The member's 我的认领 (from 我的) shows it 已完成; the server agrees, the rating is the resident's.
  await member.goBack();
  await shown(member, '.wishes__entry--claims').waitFor();
  await tab(member, '我的');
  await tapShown(member, '.mine__claims');
  await shown(member, `${card} .wish-status--completed`).getByText('已完成').waitFor();
  await screenshot(member, 'wishes-14-my-claims');
  const done = await api<WishView>('wish', 'detail', { wishId: wish.id }, 'demo-member');
  expect(done).toMatchObject({
    status: 'completed',
    rating: { stars: 5, comment: '电视修好了，谢谢党员同志', byStaff: false },
    claim: { mine: true },
  });
  expect(done.fulfilment?.photos).toHaveLength(1);
  expect(done.fulfilment?.photos[0].fileId).toMatch(/\/uploads\/demo-member\//);
  expect(done.timeline?.map((t) => t.action)).toEqual(['submit', 'publish', 'claim', 'fulfil', 'confirm']);

  // 7. The member's 我的六个一 (from 我的) shows 认领1个微心愿 done, proved by this wish.
  await member.goBack();
  await tapShown(member, '.mine__six-ones');
  const item = shown(member, '.six-ones-item--wish');
  await item.locator('.six-ones-item__state--done').waitFor();
  await item.getByText(`认领微心愿：${description.slice(0, 10)}`, { exact: false }).waitFor();
  await screenshot(member, 'wishes-15-six-ones');
});

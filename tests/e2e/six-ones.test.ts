/**
 * 六个一 end to end in the h5 build against the real server (emulator/main.ts, demo seed), three
 * demo users in their own browsers: the secretary publishes a 座谈 for tomorrow → the member
 * 陈志远 signs up → on the day (the emulator's clock moved to the start) the secretary shows the
 * rotating check-in code → the member types it on the activity's page and is checked in → the
 * secretary approves the attendance record in the approval queue → the member's 我的六个一 shows
 * 座谈 done → the unit admin's 党员六个一 counts it. Screenshots in test-artifacts/e2e/six-ones-*.png.
 */
import type { Page } from 'playwright-core';
import type { ActivityPage, MemberYearView, TallyView } from '../../contract';
import { answerSubscribe, screenshot, shown, tapShown } from '../helpers/browser';
import { useApp } from '../helpers/e2e';

jest.setTimeout(300_000);

const app = useApp();
const { api } = app;

const signIn = (openid: string): Promise<Page> => app.signIn(openid);

const { open } = app;

const shownWith = (page: Page, selector: string, text: string) =>
  page.locator(selector, { hasText: text }).filter({ visible: true }).first();

test('an activity from publication to a counted 六个一 item', async () => {
  const title = `十二月在职党员座谈会 ${Date.now() % 10_000}`;
  const unitBefore = await api<TallyView>('sixOnes', 'tally', { scope: 'unit' }, 'demo-unit-admin');
  const yearBefore = await api<MemberYearView>('sixOnes', 'myYear', {}, 'demo-member');
  const symposiumBefore = yearBefore.items.find((i) => i.item === 'symposium')!;

  // 1. The secretary publishes a 座谈 for tomorrow 09:00–11:00 (the form's defaults).
  const secretary = await signIn('demo-secretary');
  await open(secretary, 'packages/staff/pages/activity-edit/index');
  await tapShown(secretary, '.staff-choice--type-symposium');
  await shown(secretary, '.staff-activity-form__input--title input').fill(title);
  await shown(secretary, '.staff-activity-form__input--placeName input').fill('社区党群服务中心二楼会议室');
  await shown(secretary, '.staff-activity-form__input--capacity input').fill('30');
  await screenshot(secretary, 'six-ones-01-publish-filled');
  await tapShown(secretary, '.staff-activity-form__save');
  // Saved (the form goes), or refused: then what the page says is the test's failure message.
  const saved = shown(secretary, '.staff-activity-form__save')
    .waitFor({ state: 'detached' })
    .then(() => null);
  const refused = shown(secretary, '.error-notice__message, .field__error')
    .waitFor()
    .then(() => shown(secretary, '.error-notice__message, .field__error').innerText())
    .catch(() => null); // the page went on (saved): no message will come
  const problem = await Promise.race([saved, refused]);
  if (problem !== null) {
    await screenshot(secretary, 'six-ones-01b-publish-refused');
    throw new Error(`publishing was refused: ${problem}`);
  }
  const { items } = await api<ActivityPage>('sixOnes', 'activities', {}, 'demo-secretary');
  const activity = items.find((a) => a.title === title)!;
  expect(activity).toMatchObject({ type: 'symposium', capacity: 30, signedUp: 0, phase: 'signUp' });
  await screenshot(secretary, 'six-ones-02-published');

  // 2. 陈志远 finds it under 社区活动 on 我的 and signs up.
  const member = await signIn('demo-member');
  await member.locator('.weui-tabbar__item', { hasText: '我的' }).tap();
  await tapShown(member, '.mine__activities');
  await shownWith(member, '.activity-card', title).tap();
  await tapShown(member, '#activity-action-signUp');
  await answerSubscribe(member);
  await shownWith(member, '.activity', '已报名').waitFor();
  await screenshot(member, 'six-ones-03-signed-up');

  // 3. The day comes: the emulator's clock moves to five minutes after the start.
  const start = Date.parse(activity.startAt);
  const res = await fetch(`${app.server.url}/dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: start + 5 * 60_000 - Date.now() }),
  });
  expect(res.ok).toBe(true);

  // 4. The secretary opens the check-in screen: the QR code and the 8-digit code under it.
  await open(secretary, `packages/staff/pages/activity-checkin/index?id=${activity.id}`);
  const codeText = shown(secretary, '.staff-checkin__code');
  await codeText.waitFor();
  await shown(secretary, '.staff-checkin__qr').waitFor();
  await screenshot(secretary, 'six-ones-04-check-in-code');
  const code = (await codeText.innerText()).replace(/\D/g, '');
  expect(code).toMatch(/^\d{8}$/);

  // 5. 陈志远 types the code on the activity's page (h5 has no camera) and is checked in.
  await open(member, `packages/member/pages/activity/index?id=${activity.id}`);
  await shown(member, '.activity__code input').fill(code);
  await tapShown(member, '#activity-action-checkIn');
  await shownWith(member, '.activity', '已签到').waitFor();
  await screenshot(member, 'six-ones-05-checked-in');

  // 6. The secretary approves the attendance record in 六个一审核.
  const recordId = `act-${activity.id}-demo-member`;
  await open(secretary, 'packages/staff/pages/records/index');
  await tapShown(secretary, `#record-approve-${recordId}`);
  await tapShown(secretary, '#staff-confirm-ok');
  await shown(secretary, `#record-${recordId}`).waitFor({ state: 'detached' });
  await screenshot(secretary, 'six-ones-06-approved');

  // 7. 我的六个一 shows 座谈 done, with the record that proves it.
  await open(member, 'packages/member/pages/six-ones/index');
  const symposium = shown(member, '.six-ones-item--symposium');
  await symposium.locator('.six-ones-item__state--done').waitFor();
  await symposium.getByText(title).waitFor();
  await screenshot(member, 'six-ones-07-my-six-ones');
  const yearAfter = await api<MemberYearView>('sixOnes', 'myYear', {}, 'demo-member');
  expect(yearAfter.items.find((i) => i.item === 'symposium')).toMatchObject({ done: true });
  expect(yearAfter.items.find((i) => i.item === 'symposium')!.records.length).toBe(symposiumBefore.records.length + 1);

  // 8. The unit admin's 党员六个一 counts it (if 座谈 was not done before, one more member has it).
  const unitAdmin = await signIn('demo-unit-admin');
  await open(unitAdmin, 'packages/staff/pages/six-ones-tally/index');
  await shownWith(unitAdmin, '.staff-tally-page', '陈志远').waitFor();
  await screenshot(unitAdmin, 'six-ones-08-unit-tally');
  const unitAfter = await api<TallyView>('sixOnes', 'tally', { scope: 'unit' }, 'demo-unit-admin');
  expect(unitAfter.itemsDone.symposium).toBe(unitBefore.itemsDone.symposium + (symposiumBefore.done ? 0 : 1));
  expect(symposiumBefore.done).toBe(false);
});

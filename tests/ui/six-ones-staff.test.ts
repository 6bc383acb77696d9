/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The staff side of 六个一 in the built weapp, through the real cloud functions (local
 * CloudBase), as the secretary of 潋江社区 (demo-secretary), the unit admin and the county admin:
 * publishing an activity (the form refuses an end before the start), the organiser's rotating
 * check-in code as digits and as a QR code, approving records in a batch, the tallies, and the
 * entries on the staff home. Data is made through the real actions. Needs `npm run build:weapp`.
 */
import qrcode from 'qrcode-generator';
import type {
  ActivityPage,
  ActivityView,
  CheckInCode,
  CountyOverview,
  MemberYearView,
  ProgressPage,
  RecordPage,
  TallyView,
} from '../../contract';
import { ACTIVITY_TYPE_LABELS, SIX_ONES_ITEMS, SIX_ONES_SHORT, type ActivityType } from '../../contract/sixOnes';
import type { LoadedPage, SimNode } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

jest.setTimeout(30_000);

const SECRETARY = 'demo-secretary';
const MEMBER = 'demo-member';
const PAGES = {
  edit: 'packages/staff/pages/activity-edit/index',
  list: 'packages/staff/pages/activities/index',
  checkIn: 'packages/staff/pages/activity-checkin/index',
  records: 'packages/staff/pages/records/index',
  tally: 'packages/staff/pages/six-ones-tally/index',
  overview: 'packages/staff/pages/six-ones-overview/index',
  home: 'packages/staff/pages/roles/index',
};

const ui = useLocalCloud();
const sixOnes = <T>(action: string, payload: unknown, openid: string) =>
  ui.invoke<T>('sixOnes', action, payload, openid);

const MIN = 60_000;
let titles = 0;

/** An activity of 潋江社区 whose check-in is open now (it starts in 10 minutes). */
async function activityOpenForCheckIn(type: ActivityType = 'partyMeeting'): Promise<ActivityView> {
  const now = Date.now();
  return sixOnes<ActivityView>(
    'publishActivity',
    {
      type,
      title: `${ACTIVITY_TYPE_LABELS[type]}活动第${++titles}次`,
      description: '学习交流',
      startAt: new Date(now + 10 * MIN).toISOString(),
      endAt: new Date(now + 70 * MIN).toISOString(),
      signUpBy: new Date(now + 5 * MIN).toISOString(),
      place: { name: '潋江社区党群服务中心', lat: 26.34, lng: 115.35, radius: 200 },
      capacity: 30,
    },
    SECRETARY,
  );
}

/** Every record awaiting the secretary, page after page. */
async function allPending(): Promise<RecordPage['items']> {
  const all: RecordPage['items'] = [];
  for (let from: number | null = 0; from !== null; ) {
    const page: RecordPage = await sixOnes<RecordPage>('recordQueue', { status: 'pending', from }, SECRETARY);
    all.push(...page.items);
    from = page.next;
  }
  return all;
}

/** 加载更多 on the record queue until `shown` holds (the list is oldest first, 20 a page). */
async function loadUntil(page: LoadedPage, shown: () => boolean): Promise<void> {
  await page.waitFor(() => page.has('.staff-load-more'), 10_000);
  const cards = () => page.page.querySelectorAll('.staff-records__card').length;
  while (!shown() && page.has('.staff-load-more__button')) {
    const before = cards();
    await page.tap('.staff-load-more__button');
    await page.waitFor(() => cards() > before);
  }
  await page.waitFor(shown);
}

/** `openid` signs up and checks in with the organiser's current code: a pending attendance record. */
async function attend(activityId: string, openid: string): Promise<void> {
  await sixOnes('signUp', { activityId }, openid);
  const { code } = await sixOnes<CheckInCode>('checkInCode', { activityId }, SECRETARY);
  await sixOnes('checkIn', { activityId, code }, openid);
}

const textOf = (node: SimNode | undefined) => (node?.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
const styleOf = (el: Element, property: string) => {
  const match = new RegExp(`${property}:\\s*(\\d+)px`).exec(el.getAttribute('style') ?? '');
  return match ? Number(match[1]) : NaN;
};

/** The platform's picker as WeChat reports a choice: a `change` event with the value. */
function pick(page: LoadedPage, name: string, value: string): void {
  const picker = page.page.querySelector(`.staff-activity-form__picker--${name}`);
  if (!picker) throw new Error(`no picker ${name}; the page shows: «${page.text()}»`);
  picker.dispatchEvent('change', { detail: { value } });
}

/** The rendered QR code back as modules (true = dark), from its rows of runs (each n cells wide). */
function renderedMatrix(page: LoadedPage): boolean[][] {
  return page.page.querySelectorAll('.staff-qr__row').map((row) => {
    const cell = styleOf(row.dom, 'height');
    return Array.from(row.dom.children).flatMap((run) => {
      const n = styleOf(run, 'width') / cell;
      return Array<boolean>(n).fill(run.className.includes('staff-qr__run--dark'));
    });
  });
}

function expectedMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

test('发布活动 refuses an end before the start, then publishes a valid activity that shows in 社区活动', async () => {
  const calls: CallEvent[] = [];
  const form = await ui.open(PAGES.edit, SECRETARY, { calls });
  // Until a place is picked on the map, the community's Red Station gives the check-in point.
  await form.waitForText('已先填入本社区的红色驿站', 10_000);

  const title = '社区环境整治志愿服务';
  await form.tap('.staff-choice--type-volunteer');
  form.type('.staff-activity-form__input--title .nut-input-native', title);
  form.type('.staff-activity-form__input--placeName .nut-input-native', '潋江广场东侧');
  pick(form, 'startTime', '09:00');
  pick(form, 'endTime', '08:30');
  await form.tap('.staff-activity-form__save');

  await form.waitFor(() => form.visible('.field__error--endTime'));
  expect(textOf(form.page.querySelector('.field__error--endTime'))).toBe('结束时间须晚于开始时间');
  expect(calls.map((c) => c.action)).not.toContain('publishActivity');

  pick(form, 'endTime', '11:30');
  await form.waitFor(() => !form.has('.field__error--endTime'));
  await form.tap('.staff-activity-form__save');
  await form.waitFor(() => calls.some((c) => c.action === 'publishActivity'));
  await form.waitFor(() => form.navigation.some((n) => n.api === 'showToast'));

  const sent = calls.find((c) => c.action === 'publishActivity')!.payload as Record<string, unknown>;
  expect(sent).toMatchObject({
    type: 'volunteer',
    title,
    description: '',
    startAt: expect.stringMatching(/T09:00:00\+08:00$/),
    endAt: expect.stringMatching(/T11:30:00\+08:00$/),
    signUpBy: expect.stringMatching(/T09:00:00\+08:00$/),
    place: { name: '潋江广场东侧', lat: expect.any(Number), lng: expect.any(Number), radius: 200 },
    capacity: 30,
  });
  expect(form.navigation).toContainEqual({ api: 'showToast', options: expect.objectContaining({ title: '已发布' }) });

  const upcoming = await sixOnes<ActivityPage>('activities', { when: 'upcoming' }, SECRETARY);
  const published = upcoming.items.find((a) => a.title === title);
  expect(published).toMatchObject({ type: 'volunteer', status: 'open', capacity: 30 });

  const list = await ui.open(PAGES.list, SECRETARY);
  await list.waitFor(() => list.has(`#activity-${published!.id}`), 10_000);
  const card = textOf(list.page.querySelector(`#activity-${published!.id}`));
  expect(card).toContain(title);
  expect(card).toContain('志愿服务');
  expect(card).toContain('潋江广场东侧');
  expect(card).toContain('报名：0 / 30 人');
});

test('the check-in screen shows the current code as digits and as a QR code of its text, and lists the sign-ups', async () => {
  const activity = await activityOpenForCheckIn();
  await sixOnes('signUp', { activityId: activity.id }, MEMBER);

  const page = await ui.open(PAGES.checkIn, SECRETARY, { query: { id: activity.id } });
  await page.waitFor(() => page.has('.staff-checkin__code'), 10_000);

  // The page and this read may fall either side of a 30-second boundary: the page follows within a second.
  let current: CheckInCode | undefined;
  const shownCode = () => textOf(page.page.querySelector('.staff-checkin__code')).replace(/\s/g, '');
  for (let attempt = 0; attempt < 2 && !current; attempt++) {
    const read = await sixOnes<CheckInCode>('checkInCode', { activityId: activity.id }, SECRETARY);
    try {
      await page.waitFor(() => shownCode() === read.code, 2500);
      current = read;
    } catch {
      // Rotated between the two reads; read again.
    }
  }
  expect(current).toBeDefined();
  expect(shownCode()).toMatch(/^\d{8}$/);
  expect(page.text()).toMatch(/\d+ 秒后自动更新/);

  const matrix = renderedMatrix(page);
  expect(matrix.length).toBeGreaterThanOrEqual(21);
  expect(matrix.every((row) => row.length === matrix.length)).toBe(true);
  expect(matrix).toEqual(expectedMatrix(current!.qrText));

  await page.waitFor(() => page.has(`#attendee-${MEMBER}`));
  expect(textOf(page.page.querySelector(`#attendee-${MEMBER}`))).toContain('未签到');
  expect(page.has(`#checkin-${MEMBER}`)).toBe(true);
});

test('手工签到 asks for a reason, then checks the member in by hand', async () => {
  const activity = await activityOpenForCheckIn();
  await sixOnes('signUp', { activityId: activity.id }, MEMBER);
  const calls: CallEvent[] = [];
  const page = await ui.open(PAGES.checkIn, SECRETARY, { query: { id: activity.id }, calls });
  await page.waitFor(() => page.has(`#checkin-${MEMBER}`), 10_000);

  await page.tap(`#checkin-${MEMBER}`);
  await page.waitForText('确认签到');
  await page.tap('#staff-confirm-ok');
  await page.waitForText('请填写理由');
  expect(calls.map((c) => c.action)).not.toContain('manualAttendance');

  const reason = '手机没电，现场核实到场';
  page.type('.staff-reason--manual .nut-textarea-textarea', reason);
  await page.tap('#staff-confirm-ok');
  await page.waitFor(() => textOf(page.page.querySelector(`#attendee-${MEMBER}`)).includes('已签到'));
  expect(textOf(page.page.querySelector(`#attendee-${MEMBER}`))).toContain(`手工补签：${reason}`);
  expect(page.has(`#checkin-${MEMBER}`)).toBe(false);
  expect(calls).toContainEqual({
    action: 'manualAttendance',
    payload: { activityId: activity.id, openid: MEMBER, action: 'checkIn', reason },
  });
});

test('取消活动 needs a reason; with one the activity is cancelled', async () => {
  const activity = await activityOpenForCheckIn();
  const page = await ui.open(PAGES.edit, SECRETARY, { query: { id: activity.id } });
  await page.waitFor(() => page.has('.staff-activity-form__cancel'), 10_000);
  expect(page.text()).toContain('保存修改');

  await page.tap('.staff-activity-form__cancel');
  await page.waitForText('确认取消活动');
  await page.tap('#staff-confirm-ok');
  await page.waitForText('请填写理由');
  page.type('.staff-reason--cancel .nut-textarea-textarea', '因天气原因改期');
  await page.tap('#staff-confirm-ok');
  await page.waitFor(() => page.navigation.some((n) => n.api === 'showToast'));

  const after = await sixOnes<ActivityView>('activity', { activityId: activity.id }, SECRETARY);
  expect(after).toMatchObject({ status: 'cancelled', cancelReason: '因天气原因改期', phase: 'cancelled' });
});

test('六个一审核 approves the chosen records in one batch: they leave 待审核 and count in the member’s year', async () => {
  // Three members of 潋江社区 attend one activity; the first has not done its item this year.
  const progress = await sixOnes<ProgressPage>('progress', { scope: 'community' }, SECRETARY);
  const type = (['partyMeeting', 'symposium', 'survey'] as const).find((t) => progress.items.some((r) => !r.done[t]))!;
  const first = progress.items.find((r) => !r.done[type])!.openid;
  const [second, third] = progress.items.map((r) => r.openid).filter((o) => o !== first);
  const before = await sixOnes<MemberYearView>('myYear', {}, first);
  expect(before.items.find((i) => i.item === type)!.done).toBe(false);

  const activity = await activityOpenForCheckIn(type);
  for (const openid of [first, second, third]) await attend(activity.id, openid);
  const queue = await allPending();
  const recordOf = (openid: string) => queue.find((r) => r.activity?.id === activity.id && r.member.openid === openid)!;
  const chosen = [recordOf(first).id, recordOf(second).id];
  const left = recordOf(third).id;

  const calls: CallEvent[] = [];
  const page = await ui.open(PAGES.records, SECRETARY, { calls });
  // Oldest first, 20 a page: the new ones may be on a later page.
  await loadUntil(page, () => chosen.every((id) => page.has(`#record-check-${id}`)) && page.has(`#record-${left}`));
  expect(textOf(page.page.querySelector(`#record-${chosen[0]}`))).toContain(activity.title);

  for (const id of chosen) await page.tap(`#record-check-${id}`);
  await page.waitForText('批量通过（2）');
  await page.tap('.staff-records__batch-approve');
  await page.waitForText('确认通过');
  expect(calls.map((c) => c.action)).not.toContain('reviewRecords');
  await page.tap('#staff-confirm-ok');

  await page.waitFor(() => chosen.every((id) => !page.has(`#record-${id}`)));
  expect(page.has(`#record-${left}`)).toBe(true);
  expect(page.text()).toContain('已通过 2 条记录');
  expect(calls).toContainEqual({ action: 'reviewRecords', payload: { recordIds: chosen, decision: 'approve' } });

  const pending = (await allPending()).map((r) => r.id);
  for (const id of chosen) expect(pending).not.toContain(id);
  expect(pending).toContain(left);
  const after = await sixOnes<MemberYearView>('myYear', {}, first);
  const item = after.items.find((i) => i.item === type)!;
  expect(item.done).toBe(true);
  expect(item.records.map((r) => r.id)).toContain(chosen[0]);

  // 已通过 lists them now.
  await page.tap('.staff-segmented__item--approved');
  await page.waitFor(() => chosen.every((id) => page.has(`#record-${id}`)));
});

test('六个一审核: a volunteer record waiting for its check-out cannot pass — its 通过 is off, a batch leaves it out and says so', async () => {
  const progress = await sixOnes<ProgressPage>('progress', { scope: 'community' }, SECRETARY);
  const [a, b] = progress.items.map((r) => r.openid);
  const party = await activityOpenForCheckIn('partyMeeting');
  const volunteer = await activityOpenForCheckIn('volunteer');
  await attend(party.id, a);
  await attend(volunteer.id, b); // checked in, not out: no minutes yet
  const queue = await allPending();
  const passable = queue.find((r) => r.activity?.id === party.id && r.member.openid === a)!.id;
  const waiting = queue.find((r) => r.activity?.id === volunteer.id && r.member.openid === b)!.id;

  const calls: CallEvent[] = [];
  const page = await ui.open(PAGES.records, SECRETARY, { calls });
  await loadUntil(page, () => page.has(`#record-${passable}`) && page.has(`#record-${waiting}`));
  // Its own 通过 is off and says why.
  expect(textOf(page.page.querySelector(`#record-approve-${waiting}`))).toBe('待签退');
  await page.tap(`#record-approve-${waiting}`);
  expect(page.text()).not.toContain('确认通过');

  // Both chosen: 批量通过 counts one, and sends only that one.
  await page.tap(`#record-check-${passable}`);
  await page.tap(`#record-check-${waiting}`);
  await page.waitForText('批量通过（1）');
  await page.tap('.staff-records__batch-approve');
  await page.waitForText('确认通过');
  await page.tap('#staff-confirm-ok');
  await page.waitFor(() => !page.has(`#record-${passable}`));
  expect(calls).toContainEqual({ action: 'reviewRecords', payload: { recordIds: [passable], decision: 'approve' } });
  // The waiting one stays pending and chosen (for a rejection, or after its check-out).
  expect(page.has(`#record-${waiting}`)).toBe(true);
  expect((await allPending()).map((r) => r.id)).toContain(waiting);
  await page.waitForText('批量驳回（1）');
});

test('六个一统计 shows the numbers the server counts for the secretary’s community, and who misses what', async () => {
  const tally = await sixOnes<TallyView>('tally', { scope: 'community' }, SECRETARY);
  const progress = await sixOnes<ProgressPage>('progress', { scope: 'community' }, SECRETARY);
  expect(tally.itemsDone.partyMeeting).toBeGreaterThanOrEqual(2);

  const page = await ui.open(PAGES.tally, SECRETARY);
  await page.waitFor(() => page.has('.staff-tally__number--reported'), 10_000);
  const value = (name: string) => textOf(page.page.querySelector(`.staff-tally__number--${name} .staff-tally__value`));
  expect(value('reported')).toBe(String(tally.reported));
  expect(value('complete')).toBe(String(tally.complete));
  expect(value('hours')).toBe(String(tally.volunteerHours));
  for (const item of SIX_ONES_ITEMS) {
    const count = textOf(page.page.querySelector(`.staff-tally__item--${item} .staff-tally__item-count`));
    expect(count).toMatch(new RegExp(`^${tally.itemsDone[item]} 人 · \\d+%$`));
  }

  // Members by name, each with x/6 and what is still missing.
  const member = progress.items.find((r) => r.missing.length > 0)!;
  await page.waitFor(() => page.has(`#progress-${member.openid}`));
  const row = textOf(page.page.querySelector(`#progress-${member.openid}`));
  expect(row).toContain(member.name);
  expect(row).toContain(`${member.doneCount}/6`);
  expect(row).toContain(`未完成：${member.missing.map((i) => SIX_ONES_SHORT[i]).join('、')}`);
  const shown = page.page.querySelectorAll('.staff-tally-page__member').map((n) => n.dom.textContent ?? '');
  progress.items.slice(0, 3).forEach((r, i) => expect(shown[i]).toContain(r.name));
});

test('六个一总览 shows the county’s totals and opens a community’s tally', async () => {
  const overview = await sixOnes<CountyOverview>('overview', {}, 'demo-county-admin');
  const page = await ui.open(PAGES.overview, 'demo-county-admin');
  await page.waitFor(() => page.has('.staff-tally__number--reported') && page.has('#overview-community-c01'), 10_000);
  const value = (name: string) => textOf(page.page.querySelector(`.staff-tally__number--${name} .staff-tally__value`));
  expect(value('reported')).toBe(String(overview.county.reported));
  expect(value('complete')).toBe(String(overview.county.complete));

  const c01 = overview.communities.find((t) => t.scopeId === 'c01')!;
  expect(textOf(page.page.querySelector('#overview-community-c01'))).toContain(`报到 ${c01.reported} 人`);
  await page.tap('#overview-community-c01');
  expect(page.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: '/packages/staff/pages/six-ones-tally/index?scope=community&scopeId=c01' }),
  });
});

test('the staff home opens the 六个一 tools of each role', async () => {
  const secretary = await ui.open(PAGES.home, SECRETARY);
  await secretary.waitForText('六个一审核');
  for (const tool of ['社区活动', '六个一审核', '六个一统计']) expect(secretary.text()).toContain(tool);

  const unitAdmin = await ui.open(PAGES.home, 'demo-unit-admin');
  await unitAdmin.waitForText('党员六个一');
  await unitAdmin.tap('.staff-home__tool--six-ones-tally');
  expect(unitAdmin.navigation).toContainEqual({
    api: 'navigateTo',
    options: expect.objectContaining({ url: expect.stringMatching(/six-ones-tally\/index\?scope=unit&scopeId=/) }),
  });

  const county = await ui.open(PAGES.home, 'demo-county-admin');
  await county.waitForText('六个一总览');
});

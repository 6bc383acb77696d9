/**
 * @jest-environment ./tests/ui/weapp-environment.ts
 *
 * The member's 六个一 pages of the built weapp through the real cloud functions (local
 * CloudBase): 社区活动 lists what demo-secretary published for 潋江社区 and the member signs up
 * (已报名, the count goes up) and cancels after being asked; on an activity in its check-in
 * window the member scans the organiser's real rotating code (wx.scanCode answers it) and is
 * checked in, while a wrong or foreign code shows why nothing happened; a volunteer checks out;
 * 我的六个一 shows 开展1次社区调研 not done while the report filed on the record form waits, and
 * done once the secretary approves it; a rejected record is corrected and filed again; the list
 * pages with 加载更多 and shows ended activities under 往期活动. Needs `npm run build:weapp` first.
 */
import type { ActivityPage, ActivityView, CheckInCode, MemberYearView, RecordView } from '../../contract';
import { ACTIVITY_TYPE_LABELS, SIX_ONES_LABELS, type ActivityType } from '../../contract/sixOnes';
import { emulatorClock } from '../../emulator/clock';
import type { LoadedPage } from '../helpers/weapp-harness';
import { useLocalCloud, type CallEvent } from '../helpers/weapp-cloud';

const LIST = 'packages/member/pages/activities/index';
const ACTIVITY = 'packages/member/pages/activity/index';
const SIX_ONES = 'packages/member/pages/six-ones/index';
const RECORD_FILE = 'packages/member/pages/record-file/index';
const MINE = 'pages/mine/index';
const MEMBER = 'demo-member';
const SECRETARY = 'demo-secretary';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** 潋江社区党群服务中心 (GCJ-02). */
const PLACE = { name: '潋江社区党群服务中心', lat: 25.85, lng: 114.93, radius: 200 };
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// Each test opens several pages of a fresh app against the real functions.
jest.setTimeout(30_000);

const ui = useLocalCloud();
afterAll(() => emulatorClock.reset());
const sixOnes = <T>(action: string, payload: unknown, openid: string) =>
  ui.invoke<T>('sixOnes', action, payload, openid);
let seq = 0;

type Wx = Record<string, unknown> & { cloud: Record<string, unknown> };
type WxCallbacks<R> = { success?: (r: R) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
const wx = () => (globalThis as unknown as { wx: Wx }).wx;

/** A wx API of this app answering `result` (or failing with `errMsg`) as WeChat does: later, through the callbacks. */
function answer<R>(api: string, result: R | { fail: string }, seen: unknown[] = []): unknown[] {
  wx()[api] = (options: WxCallbacks<R>) => {
    seen.push(options);
    setTimeout(() => {
      if (typeof result === 'object' && result !== null && 'fail' in result) {
        options.fail?.({ errMsg: `${api}:fail ${result.fail}` });
      } else {
        options.success?.(result as R);
      }
      options.complete?.(result);
    }, 0);
  };
  return seen;
}

/** wx.scanCode answering the QR text the member points the camera at. */
const scans = (text: string) => answer('scanCode', { errMsg: 'scanCode:ok', result: text, scanType: 'QR_CODE' });
/** wx.getLocation answering a point at the activity's place. */
const atThePlace = () =>
  answer('getLocation', { errMsg: 'getLocation:ok', latitude: PLACE.lat, longitude: PLACE.lng, accuracy: 30 });

/** The weapp photo flow: chooseMedia answers one image; wx.cloud.uploadFile stores it in the local storage. */
function stubPhotoFlow(): Array<{ cloudPath: string; fileID: string }> {
  const uploads: Array<{ cloudPath: string; fileID: string }> = [];
  answer('chooseMedia', {
    errMsg: 'chooseMedia:ok',
    type: 'image',
    tempFiles: [{ tempFilePath: 'http://tmp/record-photo.png', size: PNG.length, fileType: 'image' }],
  });
  wx().cloud.uploadFile = async ({ cloudPath }: { cloudPath: string }) => {
    const fileID = ui.local.cloud.storage.put(cloudPath, PNG);
    uploads.push({ cloudPath, fileID });
    return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
  };
  return uploads;
}

/** demo-secretary publishes an activity of 潋江社区 starting `startsIn` from now, lasting an hour. */
function publish(type: ActivityType, startsIn: number, extra: { signUpBy?: number; capacity?: number } = {}) {
  const now = Date.now();
  return sixOnes<ActivityView>(
    'publishActivity',
    {
      type,
      title: `${ACTIVITY_TYPE_LABELS[type]}活动 ${++seq}`,
      description: '请携带党员证，准时到场签到。',
      startAt: new Date(now + startsIn).toISOString(),
      endAt: new Date(now + startsIn + 60 * MINUTE).toISOString(),
      signUpBy: new Date(now + (extra.signUpBy ?? startsIn - 30 * MINUTE)).toISOString(),
      place: PLACE,
      capacity: extra.capacity ?? 30,
    },
    SECRETARY,
  );
}

/** The activity id of a card (`id="activity-<id>"`, kept on the exparser node). */
const cardIdOf = (card: unknown) =>
  (card as { _exparserNode: { id: string } })._exparserNode.id.replace(/^activity-/, '');
/** The activity ids of the cards on screen, top to bottom. */
const cardIds = (page: LoadedPage) => page.page.querySelectorAll('.activity-card').map(cardIdOf);
const cardText = (page: LoadedPage, id: string) =>
  page.page.querySelectorAll('.activity-card').find((c) => cardIdOf(c) === id)?.dom.textContent ?? '';

const navigatedTo = (page: LoadedPage) =>
  page.navigation.filter((n) => n.api === 'navigateTo').map((n) => (n.options as { url: string }).url);

const itemOf = (page: LoadedPage, item: string) => page.page.querySelector(`.six-ones-item--${item}`);

async function openActivity(id: string, calls: CallEvent[] = []): Promise<LoadedPage> {
  const page = await ui.open(ACTIVITY, MEMBER, { query: { id }, calls });
  await page.waitForText('报名人数', 5000);
  return page;
}

async function openSixOnes(): Promise<LoadedPage> {
  const page = await ui.open(SIX_ONES, MEMBER);
  await page.waitFor(() => page.has('.six-ones-item--pairing'), 5000);
  return page;
}

/** The activity page's 报名人数 row, as read. */
const countOf = (page: LoadedPage) =>
  (page.page.querySelector('.activity__row--count')?.dom.textContent ?? '').replace(/\s+/g, '');
test('我的 shows a verified member 社区活动 and 我的六个一, each opening its page; a resident sees neither', async () => {
  const member = await ui.open(MINE, MEMBER);
  await member.waitFor(() => member.has('.mine__six-ones'), 5000);
  await member.tap('.mine__activities');
  await member.tap('.mine__six-ones');
  expect(navigatedTo(member)).toEqual([
    '/packages/member/pages/activities/index',
    '/packages/member/pages/six-ones/index',
  ]);

  const resident = await ui.open(MINE, 'demo-resident');
  await resident.waitForText('党员双报到', 5000);
  expect(resident.text()).not.toContain('社区活动');
  expect(resident.text()).not.toContain('我的六个一');
});

test('社区活动 lists the activities of 潋江社区 soonest first; signing up shows 已报名 and the count goes up', async () => {
  const later = await publish('symposium', 3 * DAY);
  const sooner = await publish('partyMeeting', 2 * DAY);
  const expected = await sixOnes<ActivityPage>('activities', {}, MEMBER);
  expect(expected.items.map((a) => a.id)).toEqual(expect.arrayContaining([sooner.id, later.id]));

  const list = await ui.open(LIST, MEMBER);
  await list.waitFor(() => cardIds(list).length === expected.items.length, 5000);
  expect(cardIds(list)).toEqual(expected.items.map((a) => a.id));
  expect(cardIds(list).indexOf(sooner.id)).toBeLessThan(cardIds(list).indexOf(later.id));
  const card = cardText(list, sooner.id);
  for (const shown of [ACTIVITY_TYPE_LABELS.partyMeeting, sooner.title, PLACE.name, '报名中', '报名人数 0/30']) {
    expect(card).toContain(shown);
  }
  expect(card).not.toMatch(/已签到|已签退/);
  expect(list.text()).toContain('没有更多了');

  await list.tap(`#activity-${sooner.id}`);
  expect(navigatedTo(list)).toEqual([`/packages/member/pages/activity/index?id=${sooner.id}`]);

  const calls: CallEvent[] = [];
  const page = await openActivity(sooner.id, calls);
  // The count is 报名人数; 已报名 says only the member's own state.
  expect(countOf(page)).toBe('报名人数0/30');
  expect(page.text()).not.toContain('已报名');
  expect(page.text()).not.toContain('我的参与');
  await page.tap('#activity-action-signUp');
  await page.waitFor(() => countOf(page) === '报名人数1/30', 5000);
  expect(calls).toContainEqual({ action: 'signUp', payload: { activityId: sooner.id } });
  expect(page.text()).toContain('我的参与');
  expect(page.page.querySelector('.activity__row--state')?.dom.textContent).toContain('已报名');
  expect(page.has('#activity-action-signUp')).toBe(false);
  expect(page.has('#activity-action-cancelSignUp')).toBe(true);

  // Back on the list (opened again): the card says so too.
  const again = await ui.open(LIST, MEMBER);
  await again.waitFor(() => cardText(again, sooner.id).includes('报名人数 1/30'), 5000);
  expect(again.page.querySelector(`#activity-${sooner.id} .activity-card__mine`)?.dom.textContent).toBe('已报名');
});

test('取消报名 asks first; confirmed, the place is free again and 报名参加 is back', async () => {
  const activity = await publish('volunteer', 2 * DAY);
  await sixOnes('signUp', { activityId: activity.id }, MEMBER);
  const calls: CallEvent[] = [];
  const page = await openActivity(activity.id, calls);
  await page.waitFor(() => countOf(page) === '报名人数1/30', 5000);

  await page.tap('#activity-action-cancelSignUp');
  await page.waitForText('确认取消报名');
  expect(calls.map((c) => c.action)).not.toContain('cancelSignUp');
  await page.tap('#wish-dialog-ok');
  await page.waitFor(() => countOf(page) === '报名人数0/30', 5000);
  expect(calls).toContainEqual({ action: 'cancelSignUp', payload: { activityId: activity.id } });
  expect(page.has('#activity-action-signUp')).toBe(true);
});

test('签到: a wrong or foreign code shows why and changes nothing; the organiser’s code scanned at the place checks the member in', async () => {
  const activity = await publish('symposium', 10 * MINUTE, { signUpBy: 5 * MINUTE });
  const other = await publish('symposium', 20 * MINUTE, { signUpBy: 5 * MINUTE });
  await sixOnes('signUp', { activityId: activity.id }, MEMBER);
  const calls: CallEvent[] = [];
  const page = await openActivity(activity.id, calls);
  await page.waitFor(() => page.has('#activity-action-scan'));
  expect(page.text()).toContain('签到中');

  // Another activity's code: refused on the phone, nothing sent.
  const foreign = await sixOnes<CheckInCode>('checkInCode', { activityId: other.id }, SECRETARY);
  scans(foreign.qrText);
  await page.tap('#activity-action-scan');
  await page.waitForText('这是其他活动的签到码');
  // Some other QR code.
  scans('https://example.com/');
  await page.tap('#activity-action-scan');
  await page.waitForText('这不是活动签到码');
  expect(calls.map((c) => c.action)).not.toContain('checkIn');

  // A code of this activity that is not the current one: the server's answer.
  scans(`txy-checkin:${activity.id}:00000000`);
  await page.tap('#activity-action-scan');
  await page.waitForText('签到码无效或已过期', 5000);
  expect(page.text()).not.toContain('签到时间');

  // The code typed by hand is checked first: 8 digits.
  await page.tap('.activity__code-open');
  await page.waitFor(() => page.has('.activity__code'));
  page.type('.activity__code', '1234');
  await page.tap('#activity-action-checkIn');
  await page.waitForText('签到码为 8 位数字');
  expect(calls.filter((c) => c.action === 'checkIn')).toHaveLength(1);

  // The organiser's current code, scanned at the place.
  const code = await sixOnes<CheckInCode>('checkInCode', { activityId: activity.id }, SECRETARY);
  scans(code.qrText);
  atThePlace();
  await page.tap('#activity-action-scan');
  await page.waitForText('签到时间', 5000);
  expect(calls).toContainEqual({
    action: 'checkIn',
    payload: { activityId: activity.id, code: code.code, location: { lat: PLACE.lat, lng: PLACE.lng } },
  });
  expect(page.page.querySelector('.activity__row--state')?.dom.textContent).toContain('已签到');
  expect(page.text()).not.toContain('签到码无效');
  expect(page.has('#activity-action-scan')).toBe(false);
  const view = await sixOnes<ActivityView>('activity', { activityId: activity.id }, MEMBER);
  expect(view.mine?.checkedInAt).toBeTruthy();
});

test('我的六个一: 开展1次社区调研 is not done while the report filed waits, and done once the secretary approves it', async () => {
  const before = await sixOnes<MemberYearView>('myYear', {}, MEMBER);
  expect(before.items.find((i) => i.item === 'survey')?.done).toBe(false);

  const first = await openSixOnes();
  expect(first.text()).toContain(`已完成 ${before.doneCount}/6`);
  for (const label of Object.values(SIX_ONES_LABELS)) expect(first.text()).toContain(label);
  expect(itemOf(first, 'survey')?.dom.textContent).toContain('未完成');
  await first.tap('.six-ones-item--survey .six-ones-item__way--surveyReport');
  expect(navigatedTo(first)).toEqual(['/packages/member/pages/record-file/index?kind=surveyReport']);

  // The report, filed on the form: photos are required.
  const title = `社区加装电梯意愿调研 ${++seq}`;
  const calls: CallEvent[] = [];
  const form = await ui.open(RECORD_FILE, MEMBER, { query: { kind: 'surveyReport' }, calls });
  await form.waitFor(() => form.visible('.record-file__submit'), 5000);
  const uploads = stubPhotoFlow();
  form.type('.record-file__title', title);
  form.type(
    '.record-file__note .nut-textarea-textarea',
    '走访了 3 栋楼 24 户，18 户同意加装电梯，主要顾虑是费用分摊。',
  );
  await form.tap('.record-file__submit');
  await form.waitForText('请至少上传 1 张照片作为凭证');
  expect(calls.map((c) => c.action)).not.toContain('fileRecord');

  await form.tap('.wish-photos__add');
  await form.waitFor(() => form.visible('.wish-photos__item--done'));
  await form.tap('.record-file__submit');
  await form.waitForText('已提交，等待社区审核', 5000);
  expect(calls.filter((c) => c.action === 'fileRecord')).toEqual([
    {
      action: 'fileRecord',
      payload: {
        kind: 'surveyReport',
        title,
        note: '走访了 3 栋楼 24 户，18 户同意加装电梯，主要顾虑是费用分摊。',
        photos: [uploads[0].fileID],
      },
    },
  ]);

  // Waiting: shown with the item, which is not done yet.
  const waiting = await openSixOnes();
  await waiting.waitForText(title);
  const survey = itemOf(waiting, 'survey')!.dom.textContent ?? '';
  expect(survey).toContain('未完成');
  expect(survey).toContain('调研报告');
  expect(survey).toContain('待审核');
  expect(waiting.text()).toContain(`已完成 ${before.doneCount}/6`);
  expect(waiting.text()).toMatch(/有 \d+ 条记录待审核或被驳回/);

  const year = await sixOnes<MemberYearView>('myYear', {}, MEMBER);
  const record = year.items.find((i) => i.item === 'survey')!.records.find((r) => r.title === title)!;
  await sixOnes('reviewRecords', { recordIds: [record.id], decision: 'approve' }, SECRETARY);

  const done = await openSixOnes();
  await done.waitFor(() => done.has('.six-ones-item--survey .six-ones-item__state--done'), 5000);
  const approved = itemOf(done, 'survey')!.dom.textContent ?? '';
  expect(approved).toContain('已完成');
  expect(approved).toContain('已通过');
  expect(approved).not.toContain('提交调研报告');
  expect(done.text()).toContain(`已完成 ${before.doneCount + 1}/6`);
});

test('once a pairing is approved, 结对帮扶 offers 添加走访记录 and no longer 登记结对困难群众', async () => {
  const year = await sixOnes<MemberYearView>('myYear', {}, MEMBER);
  expect(year.pairings.length).toBeGreaterThan(0);
  expect(year.items.find((i) => i.item === 'pairing')?.done).toBe(false);
  const page = await openSixOnes();
  expect(page.visible('.six-ones-item--pairing .six-ones-item__way--visit')).toBe(true);
  expect(page.visible('.six-ones-item--pairing .six-ones-item__way--pairing')).toBe(false);
});

test('a rejected pairing shows its reason; corrected and filed again, it waits for review with its photos kept', async () => {
  const photo = ui.local.cloud.storage.put(`uploads/${MEMBER}/pairing-${++seq}.png`, PNG);
  const filed = await sixOnes<RecordView>(
    'fileRecord',
    {
      kind: 'pairing',
      title: '结对帮扶独居老人',
      note: '老人独居，行动不便，每月上门一次帮忙采购。',
      photos: [photo],
      household: { name: '刘桂英', address: '潋江社区 3 栋 2 单元 101 室' },
    },
    MEMBER,
  );
  await sixOnes(
    'reviewRecords',
    { recordIds: [filed.id], decision: 'reject', reason: '请补充老人的困难情况' },
    SECRETARY,
  );

  const six = await openSixOnes();
  await six.waitForText('请补充老人的困难情况');
  const pairing = itemOf(six, 'pairing')!.dom.textContent ?? '';
  expect(pairing).toContain('已驳回');
  expect(pairing).toContain('驳回理由：请补充老人的困难情况');
  expect(pairing).toContain('刘桂英');
  await six.tap(`.six-ones-record__refile--${filed.id}`);
  expect(navigatedTo(six)).toEqual([`/packages/member/pages/record-file/index?refile=${filed.id}`]);

  const calls: CallEvent[] = [];
  const form = await ui.open(RECORD_FILE, MEMBER, { query: { refile: filed.id }, calls });
  await form.waitForText('驳回理由：请补充老人的困难情况', 5000);
  expect(form.text()).toContain('刘桂英');
  expect(form.has('.wish-photos__item--done')).toBe(true);
  const note = '老人独居，患有高血压，低保户，每月上门一次帮忙采购和量血压。';
  form.type('.record-file__note .nut-textarea-textarea', note);
  await form.tap('.record-file__submit');
  await form.waitForText('已提交，等待社区审核', 5000);
  expect(calls.filter((c) => c.action === 'refileRecord')).toEqual([
    { action: 'refileRecord', payload: { recordId: filed.id, title: '结对帮扶独居老人', note, photos: [photo] } },
  ]);

  const year = await sixOnes<MemberYearView>('myYear', {}, MEMBER);
  const refiled = year.items.find((i) => i.item === 'pairing')!.records.find((r) => r.id === filed.id);
  expect(refiled).toMatchObject({ status: 'pending', note, rejectReason: null });
});

test('签退 of a volunteer activity asks first; confirmed, the page shows 已签退 and the service time', async () => {
  const activity = await publish('volunteer', 10 * MINUTE, { signUpBy: 5 * MINUTE });
  await sixOnes('signUp', { activityId: activity.id }, MEMBER);
  const { code } = await sixOnes<CheckInCode>('checkInCode', { activityId: activity.id }, SECRETARY);
  await sixOnes('checkIn', { activityId: activity.id, code }, MEMBER);
  const calls: CallEvent[] = [];
  const page = await openActivity(activity.id, calls);
  await page.waitFor(() => page.has('#activity-action-checkOut'));
  expect(page.text()).toContain('志愿服务结束时请签退');

  await page.tap('#activity-action-checkOut');
  await page.waitForText('确认签退');
  expect(calls.map((c) => c.action)).not.toContain('checkOut');
  atThePlace();
  await page.tap('#wish-dialog-ok');
  await page.waitFor(() => page.has('.activity__row--minutes'), 5000);
  expect(calls).toContainEqual({
    action: 'checkOut',
    payload: { activityId: activity.id, location: { lat: PLACE.lat, lng: PLACE.lng } },
  });
  expect(page.page.querySelector('.activity__row--state')?.dom.textContent).toContain('已签退');
  expect(page.text()).toContain('签退时间');
  expect(page.page.querySelector('.activity__row--minutes')?.dom.textContent).toMatch(/服务时长\s*0 分钟/);
  expect(page.has('.wish-dialog')).toBe(false);
  expect(page.has('#activity-action-checkOut')).toBe(false);
});

/** Every page of `when`, as the server pages it. */
async function allActivities(when: 'upcoming' | 'past'): Promise<ActivityView[]> {
  const items: ActivityView[] = [];
  for (let from: number | null = 0; from !== null; ) {
    const page: ActivityPage = await sixOnes<ActivityPage>('activities', { when, from }, MEMBER);
    items.push(...page.items);
    from = page.next;
  }
  return items;
}

test('加载更多 appends the next 20 activities; once they have ended they are under 往期活动, newest first', async () => {
  for (let i = 0; i < 21; i++) await publish('volunteer', (5 + i) * DAY);
  const upcoming = await allActivities('upcoming');
  expect(upcoming.length).toBeGreaterThan(20);

  const list = await ui.open(LIST, MEMBER);
  await list.waitFor(() => cardIds(list).length === 20, 5000);
  expect(cardIds(list)).toEqual(upcoming.slice(0, 20).map((a) => a.id));
  expect(list.text()).not.toContain('没有更多了');
  await list.tap('.activities__more');
  await list.waitFor(() => cardIds(list).length === upcoming.length, 5000);
  expect(cardIds(list)).toEqual(upcoming.map((a) => a.id));
  expect(list.text()).toContain('没有更多了');

  // A month and more later, every one of them has ended.
  emulatorClock.advance(40 * DAY);
  const past = await allActivities('past');
  expect(past.map((a) => a.id)).toEqual(expect.arrayContaining(upcoming.map((a) => a.id)));
  await list.tap('.six-ones-tabs__tab--past');
  await list.waitFor(
    () =>
      cardIds(list).join() ===
      past
        .slice(0, 20)
        .map((a) => a.id)
        .join(),
    5000,
  );
  expect(cardText(list, past[0].id)).toContain('已结束');
  expect(Date.parse(past[0].startAt)).toBeGreaterThan(Date.parse(past[1].startAt));

  await list.tap('.six-ones-tabs__tab--upcoming');
  await list.waitForText('近期没有活动', 5000);
  expect(cardIds(list)).toEqual([]);
});
